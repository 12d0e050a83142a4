import type { StockLevel } from '@onhand/contracts';
import { Button, Card, Form, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth/session';
import { editColumn, qtyColumn, timeColumn } from '../../components/columns';
import { DataTable } from '../../components/DataTable';
import { formatQty } from '../../components/format';
import { FormDialog } from '../../forms/FormDialog';
import { useEditDialog } from '../../forms/use-edit-dialog';
import { useWarehouseOptions } from './stock.queries';
import { type StockLevelBody, useSetLevels, useSkuLevels } from './stock-levels.queries';

type LevelValues = Omit<StockLevelBody, 'sku'>;

const toForm = (level: StockLevel): LevelValues => ({
  warehouse: level.warehouse,
  safetyStock: level.safetyStock,
  min: level.min,
  max: level.max,
});

/**
 * The thresholds of a SKU per warehouse (安全库存, min, max): below the safety stock it shows on the
 * dashboard and in the low-stock list. Those who manage items set them.
 */
export function StockLevels({ sku }: { sku: string }) {
  const { t } = useTranslation();
  const levels = useSkuLevels(sku);
  const warehouses = useWarehouseOptions().data?.items ?? [];
  const mayManage = useCan('item.manage');
  const save = useSetLevels();
  const [form] = Form.useForm<LevelValues>();
  const dialog = useEditDialog<StockLevel, LevelValues>(form, toForm);
  const { editing } = dialog;
  const submit = (values: LevelValues) => {
    dialog.saving();
    save.mutate(
      { sku, ...values, min: values.min ?? null, max: values.max ?? null },
      { onSuccess: dialog.close, onError: dialog.refused },
    );
  };

  return (
    <Card
      size="small"
      title={t('levels.title')}
      extra={
        mayManage && (
          <Button size="small" onClick={() => dialog.open(null)}>
            {t('levels.set')}
          </Button>
        )
      }
    >
      <DataTable<StockLevel>
        rowKey="warehouse"
        loading={levels.isPending}
        dataSource={levels.data?.items ?? []}
        columns={[
          { title: t('stock.warehouse'), dataIndex: 'warehouse' },
          qtyColumn(t('dashboard.safetyStock'), 'safetyStock'),
          ...(['min', 'max'] as const).map((bound) => ({
            title: t(`levels.${bound}`),
            dataIndex: bound,
            align: 'right' as const,
            className: 'number',
            render: (n: number | null) => (n === null ? t('common.none') : formatQty(n)),
          })),
          timeColumn(t, 'updatedAt'),
          ...(mayManage ? [editColumn<StockLevel>(t, dialog.open)] : []),
        ]}
      />
      <FormDialog
        form={form}
        open={editing !== undefined}
        title={`${t('levels.title')} · ${sku}`}
        saving={save.isPending}
        error={dialog.error}
        onFinish={submit}
        onCancel={dialog.close}
      >
        <Form.Item name="warehouse" label={t('stock.warehouse')} rules={[{ required: true }]}>
          <Select
            disabled={Boolean(editing)}
            options={warehouses.map((w) => ({ value: w.code, label: `${w.code} ${w.name}` }))}
          />
        </Form.Item>
        <Form.Item name="safetyStock" label={t('dashboard.safetyStock')} rules={[{ required: true }]}>
          <InputNumber min={0} className="wide-number" />
        </Form.Item>
        <Form.Item name="min" label={t('levels.min')}>
          <InputNumber min={0} className="wide-number" />
        </Form.Item>
        <Form.Item name="max" label={t('levels.max')}>
          <InputNumber min={0} className="wide-number" />
        </Form.Item>
      </FormDialog>
    </Card>
  );
}

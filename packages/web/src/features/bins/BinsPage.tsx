import { BarcodeOutlined, SwapOutlined } from '@ant-design/icons';
import type { Bin, BinStockRow } from '@onhand/contracts';
import { App, Button, Card, Form, Input, Space, Switch, type TableColumnType, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useCan } from '../../auth/session';
import { columnsCard } from '../../components/ColumnsCard';
import { qtyColumn, skuColumn } from '../../components/columns';
import { PageHead } from '../../components/PageHead';
import { QueryTable } from '../../components/QueryTable';
import { FormDialog } from '../../forms/FormDialog';
import { useRefusal } from '../../forms/use-refusal';
import { LabelsDialog } from '../labels/LabelsDialog';
import type { LabelTarget } from '../labels/labels';
import { BinMoveDialog } from './BinMoveDialog';
import { type BinBody, useBinStock, useBins, useCreateBin } from './bins.queries';

/** The bins (货位) of a warehouse, what lies in each, and moves between them. */
export function BinsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { code: warehouse = '' } = useParams();
  const bins = useBins(warehouse);
  const stock = useBinStock(warehouse);
  const create = useCreateBin(warehouse);
  const mayManage = useCan('warehouse.manage');
  const mayMove = useCan('bin.move');
  const [form] = Form.useForm<BinBody>();
  const refusal = useRefusal(form);
  const [creating, setCreating] = useState(false);
  const [moving, setMoving] = useState(false);
  const [labels, setLabels] = useState<LabelTarget | null>(null);

  const binColumns: TableColumnType<Bin>[] = [
    { title: t('bins.code'), dataIndex: 'code' },
    { title: t('bins.name'), dataIndex: 'name' },
    {
      title: t('common.status'),
      key: 'status',
      render: (_: unknown, b: Bin) => (
        <Space size={4}>
          {b.default && <Tag color="blue">{t('bins.isDefault')}</Tag>}
          {b.active ? <Tag color="green">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>}
        </Space>
      ),
    },
    {
      key: 'labels',
      render: (_: unknown, b: Bin) => (
        <Button
          size="small"
          icon={<BarcodeOutlined />}
          onClick={() => setLabels({ for: 'bins', warehouse, bin: [b.code] })}
        >
          {t('labels.action')}
        </Button>
      ),
    },
  ];
  const stockColumns: TableColumnType<BinStockRow>[] = [
    { title: t('stock.bin'), dataIndex: 'bin' },
    skuColumn(t),
    qtyColumn(t('common.qty')),
  ];

  const startCreating = () => {
    refusal.saving();
    form.resetFields();
    setCreating(true);
  };
  const submit = (values: BinBody) => {
    refusal.saving();
    const name = values.name?.trim();
    create.mutate(
      { code: values.code.trim(), default: values.default ?? false, ...(name ? { name } : {}) },
      {
        onSuccess: () => {
          void message.success(t('bins.created'));
          setCreating(false);
        },
        onError: refusal.refused,
      },
    );
  };

  return (
    <Space orientation="vertical" size="middle" className="page">
      <PageHead
        title={t('bins.title', { warehouse })}
        {...(mayManage ? { newLabel: t('bins.new'), onNew: startCreating } : {})}
      />
      <div className="page-actions">
        {mayMove && (
          <Button icon={<SwapOutlined />} onClick={() => setMoving(true)}>
            {t('bins.move')}
          </Button>
        )}
        <Button icon={<BarcodeOutlined />} onClick={() => setLabels({ for: 'bins', warehouse })}>
          {t('labels.binLabels')}
        </Button>
      </div>
      <QueryTable<Bin>
        query={bins}
        rowKey="code"
        columns={binColumns}
        card={columnsCard((b) => b.code, binColumns)}
      />
      <Card size="small" title={t('bins.stock')}>
        <QueryTable<BinStockRow>
          query={stock}
          rowKey={(r) => `${r.bin}|${r.sku}`}
          columns={stockColumns}
          card={columnsCard((r) => `${r.bin}|${r.sku}`, stockColumns)}
          locale={{ emptyText: t('bins.empty') }}
        />
      </Card>
      <FormDialog
        form={form}
        open={creating}
        title={t('bins.new')}
        saving={create.isPending}
        error={refusal.error}
        onFinish={submit}
        onCancel={() => setCreating(false)}
      >
        <Form.Item name="code" label={t('bins.code')} rules={[{ required: true }]}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="name" label={t('bins.name')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="default"
          label={t('bins.default')}
          extra={t('bins.defaultHelp')}
          valuePropName="checked"
          initialValue={false}
        >
          <Switch />
        </Form.Item>
      </FormDialog>
      <BinMoveDialog
        warehouse={warehouse}
        bins={bins.data?.items ?? []}
        open={moving}
        onClose={() => setMoving(false)}
      />
      <LabelsDialog target={labels} onClose={() => setLabels(null)} />
    </Space>
  );
}

import type { Bin } from '@onhand/contracts';
import { App, Form, Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../forms/FormDialog';
import { useRefusal } from '../../forms/use-refusal';
import { SkuSelect } from '../documents/SkuSelect';
import { type BinMoveBody, useMoveBetweenBins } from './bins.queries';

interface MoveValues {
  reference?: string;
  lines: [{ sku: string; qty: number; from: string; to: string }];
}

/**
 * Moves a quantity of one SKU from one bin of a warehouse to another. The form's fields carry the
 * API's names (`lines.0.qty` …), so a refusal lands on the field it names. A bin is typed or
 * scanned from its label (a scanner types the code and Enter).
 */
export function BinMoveDialog({
  warehouse,
  bins,
  open,
  onClose,
}: {
  warehouse: string;
  bins: readonly Bin[];
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<MoveValues>();
  const refusal = useRefusal(form);
  const move = useMoveBetweenBins();
  const binOptions = bins.map((b) => ({ value: b.code, label: b.name ? `${b.code} · ${b.name}` : b.code }));

  const submit = (values: MoveValues) => {
    refusal.saving();
    const reference = values.reference?.trim();
    const body: BinMoveBody = { warehouse, lines: values.lines, ...(reference ? { reference } : {}) };
    move.mutate(body, {
      onSuccess: () => {
        void message.success(t('bins.moved'));
        form.resetFields();
        onClose();
      },
      onError: refusal.refused,
    });
  };

  return (
    <FormDialog
      form={form}
      open={open}
      title={t('bins.move')}
      saving={move.isPending}
      error={refusal.error}
      onFinish={submit}
      onCancel={onClose}
    >
      <Form.Item name={['lines', 0, 'sku']} label={t('stock.sku')} rules={[{ required: true }]}>
        <SkuSelect />
      </Form.Item>
      <Form.Item name={['lines', 0, 'qty']} label={t('common.qty')} rules={[{ required: true }]}>
        <InputNumber min={0} className="wide-number" />
      </Form.Item>
      <Form.Item name={['lines', 0, 'from']} label={t('bins.from')} rules={[{ required: true }]}>
        <Select showSearch options={binOptions} />
      </Form.Item>
      <Form.Item name={['lines', 0, 'to']} label={t('bins.to')} rules={[{ required: true }]}>
        <Select showSearch options={binOptions} />
      </Form.Item>
      <Form.Item name="reference" label={t('bins.reference')}>
        <Input maxLength={200} />
      </Form.Item>
    </FormDialog>
  );
}

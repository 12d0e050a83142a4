import { Alert, Form, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { serverMessage } from '../../i18n/labels';
import { LAYOUTS, type LabelOptions, type LabelTarget, labelsUrl, SYMBOLOGIES } from './labels';

const DEFAULTS: LabelOptions = { symbology: 'code128', layout: 'a4-3x8', copies: 1 };
/** How long the PDF read once stays at its object address for the tab that shows it. */
const RELEASE_AFTER_MS = 60_000;

/**
 * Choose the barcode, the sheet and the copies, then open the labels' PDF in a new tab for
 * printing; what the server refuses (an EAN-13 of letters) is said here instead. The PDF is read
 * once: the tab shows the very file that was checked.
 */
export function LabelsDialog({ target, onClose }: { target: LabelTarget | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<LabelOptions>();
  const [refusal, setRefusal] = useState<string | null>(null);
  const [opening, setOpening] = useState(false);

  const open = async (options: LabelOptions) => {
    if (!target) return;
    const url = labelsUrl(target, options);
    setOpening(true);
    setRefusal(null);
    try {
      const pdf = URL.createObjectURL(await api.file(url));
      window.open(pdf, '_blank', 'noopener');
      // The new tab has read the PDF by then; the address only holds the file in memory.
      setTimeout(() => URL.revokeObjectURL(pdf), RELEASE_AFTER_MS);
      onClose();
    } catch (error) {
      setRefusal(error instanceof Error ? serverMessage(error.message) : String(error));
    } finally {
      setOpening(false);
    }
  };

  return (
    <Modal
      open={target !== null}
      title={t('labels.title')}
      okText={t('labels.open')}
      okButtonProps={{ loading: opening }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<LabelOptions> form={form} layout="vertical" initialValues={DEFAULTS} onFinish={open}>
        <Form.Item name="symbology" label={t('labels.symbology')}>
          <Select options={SYMBOLOGIES.map((s) => ({ value: s, label: t(`labels.${s}`) }))} />
        </Form.Item>
        <Form.Item name="layout" label={t('labels.layout')}>
          <Select options={LAYOUTS.map((l) => ({ value: l, label: t(`labels.${l}`) }))} />
        </Form.Item>
        <Form.Item name="copies" label={t('labels.copies')}>
          <InputNumber min={1} max={100} precision={0} />
        </Form.Item>
      </Form>
      {refusal && <Alert type="error" showIcon title={refusal} />}
    </Modal>
  );
}

import type { Partner } from '@onhand/contracts';
import { Form, Input, InputNumber } from 'antd';
import { CodeAndNameFields, codeAndNameColumns } from './code-and-name';
import type { MasterDataResource } from './resource';

/** Suppliers or customers: the same record, suppliers with a receipt tolerance. */
function partners(kind: 'suppliers' | 'customers'): MasterDataResource<Partner> {
  const suppliers = kind === 'suppliers';
  return {
    path: `/api/v1/${kind}`,
    kind,
    manage: suppliers ? 'supplier.manage' : 'customer.manage',
    codeField: 'code',
    title: (t) => t(`partners.${kind}`),
    newTitle: (t) => (suppliers ? t('partners.newSupplier') : t('partners.newCustomer')),
    columns: (t) => [
      ...codeAndNameColumns<Partner>(t),
      { title: t('partners.contact'), dataIndex: 'contact' },
      { title: t('partners.phone'), dataIndex: 'phone' },
      { title: t('partners.email'), dataIndex: 'email' },
    ],
    fields: (t, editing) => (
      <>
        <CodeAndNameFields t={t} editing={editing} />
        <Form.Item name="contact" label={t('partners.contact')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="phone" label={t('partners.phone')}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="email" label={t('partners.email')}>
          <Input type="email" />
        </Form.Item>
        <Form.Item name="address" label={t('partners.address')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        {suppliers && (
          <Form.Item name="receiptTolerancePct" label={t('partners.receiptTolerancePct')}>
            <InputNumber min={0} max={100} step={0.5} />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('partners.note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </>
    ),
    toForm: (p) => ({
      code: p.code,
      name: p.name,
      contact: p.contact ?? '',
      phone: p.phone ?? '',
      email: p.email ?? '',
      address: p.address ?? '',
      note: p.note ?? '',
      ...(suppliers ? { receiptTolerancePct: p.receiptTolerancePct } : {}),
    }),
  };
}

export const SUPPLIERS = partners('suppliers');
export const CUSTOMERS = partners('customers');

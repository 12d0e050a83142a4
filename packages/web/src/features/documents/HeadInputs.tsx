import { Checkbox, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useWarehouseOptions } from '../stock/stock.queries';
import type { HeadInput } from './document-kind';
import { usePartners } from './documents.queries';

/** The head of a new document: warehouses and partners picked from the API's lists, the rest typed. */
export function HeadInputs({ inputs }: { inputs: readonly HeadInput[] }) {
  const { t } = useTranslation();
  const needs = (control: HeadInput['control']) => inputs.some((i) => i.control === control);
  const warehouses = useWarehouseOptions().data?.items ?? [];
  const suppliers = usePartners('suppliers', needs('supplier')).data?.items ?? [];
  const customers = usePartners('customers', needs('customer')).data?.items ?? [];
  const picker = (rows: { code: string; name: string }[]) => (
    <Select
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      options={rows.map((r) => ({ value: r.code, label: `${r.code} ${r.name}` }))}
    />
  );
  const control = (input: HeadInput) => {
    switch (input.control) {
      case 'warehouse':
        return picker(warehouses);
      case 'supplier':
        return picker(suppliers);
      case 'customer':
        return picker(customers);
      case 'date':
        return <Input type="date" />;
      case 'flag':
        return <Checkbox>{t(`documents.fields.${input.name}`)}</Checkbox>;
      default:
        return <Input maxLength={input.name === 'note' ? 2000 : 200} />;
    }
  };
  return (
    <div className="head-inputs">
      {inputs.map((input) => (
        <Form.Item
          key={input.name}
          name={input.name}
          {...(input.control === 'flag'
            ? { valuePropName: 'checked' }
            : { label: t(`documents.fields.${input.name}`) })}
          rules={input.required ? [{ required: true, message: t('serverMessages.required') }] : []}
        >
          {control(input)}
        </Form.Item>
      ))}
    </div>
  );
}

import { Checkbox, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useWarehouseOptions } from '../stock/stock.queries';
import type { FieldName, HeadInput } from './document-kind';
import { usePartners } from './documents.queries';

/**
 * The head of a document's form: warehouses and partners picked from the API's lists, the rest
 * typed; the inputs named `fixed` show their value but cannot be changed (an edit that may not).
 */
export function HeadInputs({
  inputs,
  fixed = [],
}: {
  inputs: readonly HeadInput[];
  fixed?: readonly FieldName[];
}) {
  const { t } = useTranslation();
  const needs = (control: HeadInput['control']) => inputs.some((i) => i.control === control);
  const warehouses = useWarehouseOptions().data?.items ?? [];
  const suppliers = usePartners('suppliers', needs('supplier')).data?.items ?? [];
  const customers = usePartners('customers', needs('customer')).data?.items ?? [];
  const picker = (rows: { code: string; name: string }[], disabled: boolean) => (
    <Select
      disabled={disabled}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      options={rows.map((r) => ({ value: r.code, label: `${r.code} ${r.name}` }))}
    />
  );
  const control = (input: HeadInput) => {
    const disabled = fixed.includes(input.name);
    switch (input.control) {
      case 'warehouse':
        return picker(warehouses, disabled);
      case 'supplier':
        return picker(suppliers, disabled);
      case 'customer':
        return picker(customers, disabled);
      case 'date':
        return <Input type="date" disabled={disabled} />;
      case 'flag':
        return <Checkbox disabled={disabled}>{t(`documents.fields.${input.name}`)}</Checkbox>;
      default:
        return <Input maxLength={input.name === 'note' ? 2000 : 200} disabled={disabled} />;
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

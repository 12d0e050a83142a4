import { Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useWarehouseOptions } from '../stock/stock.queries';

/** The warehouses a person or a token works in; none chosen: every warehouse. */
export function WarehousesField() {
  const { t } = useTranslation();
  const warehouses = useWarehouseOptions();
  return (
    <Form.Item name="warehouses" label={t('users.warehouses')} extra={t('users.warehousesHelp')}>
      <Select
        mode="multiple"
        allowClear
        loading={warehouses.isPending}
        placeholder={t('users.allWarehouses')}
        options={warehouses.data?.items.map((w) => ({ value: w.code, label: `${w.code} · ${w.name}` }))}
      />
    </Form.Item>
  );
}

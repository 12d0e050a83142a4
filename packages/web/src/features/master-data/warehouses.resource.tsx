import { InboxOutlined } from '@ant-design/icons';
import type { Warehouse } from '@onhand/contracts';
import { Form, Input, Select } from 'antd';
import { Link } from 'react-router';
import { CodeAndNameFields, codeAndNameColumns } from './code-and-name';
import type { MasterDataResource } from './resource';

/** Warehouses and stores: where stock stands. */
export const WAREHOUSES: MasterDataResource<Warehouse> = {
  path: '/api/v1/warehouses',
  kind: 'warehouses',
  manage: 'warehouse.manage',
  codeField: 'code',
  title: (t) => t('warehouses.title'),
  newTitle: (t) => t('warehouses.new'),
  columns: (t) => [
    ...codeAndNameColumns<Warehouse>(t),
    { title: t('warehouses.region'), dataIndex: 'region' },
    {
      title: t('warehouses.kind'),
      dataIndex: 'kind',
      render: (kind: Warehouse['kind']) => t(`warehouses.${kind}`),
    },
    { title: t('warehouses.address'), dataIndex: 'address' },
    {
      key: 'bins',
      render: (_: unknown, w: Warehouse) => (
        <Link to={`/warehouses/${encodeURIComponent(w.code)}/bins`}>
          <InboxOutlined /> {t('bins.open')}
        </Link>
      ),
    },
  ],
  fields: (t, editing) => (
    <>
      <CodeAndNameFields t={t} editing={editing} />
      <Form.Item name="region" label={t('warehouses.region')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="kind" label={t('warehouses.kind')} initialValue="warehouse">
        <Select
          options={[
            { value: 'warehouse', label: t('warehouses.warehouse') },
            { value: 'store', label: t('warehouses.store') },
          ]}
        />
      </Form.Item>
      <Form.Item name="address" label={t('warehouses.address')}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
    </>
  ),
  toForm: (w) => ({
    code: w.code,
    name: w.name,
    region: w.region ?? '',
    kind: w.kind,
    address: w.address ?? '',
  }),
  labelsForRow: {
    target: (w) => ({ for: 'bins', warehouse: w.code }),
    title: (t) => t('labels.binLabels'),
  },
};

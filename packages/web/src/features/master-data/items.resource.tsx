import type { Item } from '@onhand/contracts';
import { Checkbox, Form, Input, Select, Tag } from 'antd';
import { skuColumn } from '../../components/columns';
import { CategoryField } from './CategoryField';
import type { MasterDataResource } from './resource';

/** Items (SKUs): the catalogue every stock row names. */
export const ITEMS: MasterDataResource<Item> = {
  path: '/api/v1/items',
  kind: 'items',
  manage: 'item.manage',
  codeField: 'sku',
  title: (t) => t('items.title'),
  newTitle: (t) => t('items.new'),
  columns: (t) => [
    skuColumn(t),
    { title: t('items.name'), dataIndex: 'name' },
    { title: t('items.category'), dataIndex: 'category' },
    { title: t('items.unit'), dataIndex: 'unit' },
    {
      title: t('items.barcodes'),
      dataIndex: 'barcodes',
      render: (codes: string[]) => codes.map((c) => <Tag key={c}>{c}</Tag>),
    },
  ],
  fields: (t, editing) => (
    <>
      <Form.Item name="sku" label={t('items.sku')} rules={[{ required: true }]}>
        <Input disabled={editing} maxLength={64} />
      </Form.Item>
      <Form.Item name="name" label={t('items.name')} rules={[{ required: true }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="category" label={t('items.category')}>
        <CategoryField />
      </Form.Item>
      <Form.Item name="unit" label={t('items.unit')}>
        <Input maxLength={20} />
      </Form.Item>
      <Form.Item name="barcodes" label={t('items.barcodes')} extra={t('items.barcodesHelp')}>
        <Select mode="tags" open={false} tokenSeparators={[',', ' ']} />
      </Form.Item>
      <Form.Item name="description" label={t('items.description')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Form.Item name="batchTracked" valuePropName="checked">
        <Checkbox>{t('items.batchTracked')}</Checkbox>
      </Form.Item>
      <Form.Item name="expiryTracked" valuePropName="checked">
        <Checkbox>{t('items.expiryTracked')}</Checkbox>
      </Form.Item>
    </>
  ),
  toForm: (item) => ({
    sku: item.sku,
    name: item.name,
    category: item.category ?? '',
    unit: item.unit,
    barcodes: item.barcodes,
    description: item.description ?? '',
    batchTracked: item.batchTracked,
    expiryTracked: item.expiryTracked,
  }),
  labelsForSelected: (items) => ({ for: 'items', sku: items.map((i) => i.sku) }),
};

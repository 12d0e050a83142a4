import { EditOutlined } from '@ant-design/icons';
import { Button, Space, type TableColumnType, Tag } from 'antd';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import { labelOf } from '../i18n/labels';
import { formatQty, formatTime } from './format';

/** The page of a SKU in the stock module. */
const skuPath = (sku: string): string => `/stock/${encodeURIComponent(sku)}`;

/** A SKU, linked to its page. */
export function SkuLink({ sku }: { sku: string }) {
  return <Link to={skuPath(sku)}>{sku}</Link>;
}

/** A SKU linked to its stock page. */
export function skuColumn<T>(t: TFunction): TableColumnType<T> {
  return {
    title: t('stock.sku'),
    dataIndex: 'sku',
    render: (sku: string) => <SkuLink sku={sku} />,
  };
}

/** A quantity, right-aligned. */
export function qtyColumn<T>(title: string, dataIndex = 'qty'): TableColumnType<T> {
  return { title, dataIndex, align: 'right', className: 'number', render: formatQty };
}

/** An instant in the reader's time zone. */
export function timeColumn<T>(t: TFunction, dataIndex = 'at'): TableColumnType<T> {
  return { title: t('common.time'), dataIndex, render: formatTime };
}

/** Who did it: the person's e-mail. */
export function userColumn<T extends { user: { email: string } | null }>(t: TFunction): TableColumnType<T> {
  return { title: t('common.user'), key: 'user', render: (_: unknown, row: T) => row.user?.email };
}

/** A code the API sends (a status, a type) in the reader's words. */
export function wordColumn<T>(
  title: string,
  dataIndex: string,
  group: Parameters<typeof labelOf>[0],
): TableColumnType<T> {
  return { title, dataIndex, render: (code: string) => labelOf(group, code) };
}

/** An Edit button per row, for those who may change the rows. */
export function editColumn<T>(t: TFunction, edit: (row: T) => void): TableColumnType<T> {
  return {
    title: t('common.actions'),
    key: 'actions',
    render: (_: unknown, row: T) => (
      <Button size="small" icon={<EditOutlined />} onClick={() => edit(row)}>
        {t('common.edit')}
      </Button>
    ),
  };
}

/** Codes as tags. */
export const tags = (codes: string[]) => (
  <Space size={[0, 4]} wrap>
    {codes.map((c) => (
      <Tag key={c}>{c}</Tag>
    ))}
  </Space>
);

/** Warehouse codes as tags; null: every warehouse. */
export function warehousesColumn<T>(t: TFunction): TableColumnType<T> {
  return {
    title: t('users.warehouses'),
    dataIndex: 'warehouses',
    render: (codes: string[] | null) => (codes ? tags(codes) : t('users.allWarehouses')),
  };
}

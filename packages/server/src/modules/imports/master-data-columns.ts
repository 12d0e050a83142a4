import type { Item, MasterDataKind, Partner, Warehouse } from '@onhand/contracts';

/** How a cell's text becomes a field's value. */
export type CellType = 'text' | 'nullableText' | 'boolean' | 'number' | 'list';

/** One column of an import or export: the field it fills, its Chinese heading and how it reads. */
export interface Column {
  field: string;
  zh: string;
  type: CellType;
}

/** A master-data record as the API answers it. */
export type MasterRecord = Item | Warehouse | Partner;

/** Columns from `[field, Chinese heading, type]`; the type is plain text unless told. */
const columns = (...defs: [string, string, CellType?][]): Column[] =>
  defs.map(([field, zh, type = 'text']) => ({ field, zh, type }));

/** The columns every partner has: suppliers also carry their receipt tolerance. */
const PARTNER_COLUMNS = columns(
  ['code', '编码'],
  ['name', '名称'],
  ['contact', '联系人', 'nullableText'],
  ['email', '邮箱', 'nullableText'],
  ['phone', '电话', 'nullableText'],
  ['address', '地址', 'nullableText'],
  ['note', '备注', 'nullableText'],
);

/** The columns of each kind, in export order: the key column (SKU or code) first. */
export const COLUMNS: Record<MasterDataKind, readonly Column[]> = {
  items: columns(
    ['sku', 'SKU'],
    ['name', '名称'],
    ['unit', '单位'],
    ['barcodes', '条码', 'list'],
    ['category', '品类', 'nullableText'],
    ['description', '描述', 'nullableText'],
    ['batchTracked', '批次管理', 'boolean'],
    ['expiryTracked', '保质期管理', 'boolean'],
  ),
  warehouses: columns(
    ['code', '编码'],
    ['name', '名称'],
    ['region', '区域', 'nullableText'],
    ['kind', '类型'],
    ['address', '地址', 'nullableText'],
  ),
  suppliers: [...PARTNER_COLUMNS, ...columns(['receiptTolerancePct', '收货容差%', 'number'])],
  customers: PARTNER_COLUMNS,
};

/** The column that names the record: `sku` for items, `code` for the rest. */
export const keyField = (kind: MasterDataKind): string => (kind === 'items' ? 'sku' : 'code');

/** A column by the heading a file gives it: the field name (any case) or the Chinese heading. */
export function columnByHeading(kind: MasterDataKind, heading: string): Column | undefined {
  const wanted = heading.trim();
  return COLUMNS[kind].find((c) => c.field.toLowerCase() === wanted.toLowerCase() || c.zh === wanted);
}

/** Words a spreadsheet may use for yes and no. */
const TRUE = new Set(['true', '1', 'yes', 'y', '是']);
const FALSE = new Set(['false', '0', 'no', 'n', '否']);

/** A cell's value for its field, or an error message; undefined leaves the field out. */
export function cellValue(column: Column, text: string): { value: unknown } | { error: string } {
  if (text === '') return { value: column.type === 'nullableText' ? null : undefined };
  switch (column.type) {
    case 'boolean': {
      const word = text.toLowerCase();
      if (TRUE.has(word)) return { value: true };
      if (FALSE.has(word)) return { value: false };
      return { error: 'must be true or false' };
    }
    case 'number': {
      const n = Number(text.replace(/%$/, ''));
      return Number.isFinite(n) ? { value: n } : { error: 'must be a number' };
    }
    case 'list':
      return { value: text.split(/[\s,;|]+/).filter((v) => v !== '') };
    default:
      return { value: text };
  }
}

/** A record's field as a cell's text. */
export function cellText(record: MasterRecord, column: Column): string {
  const value = (record as Record<string, unknown>)[column.field];
  if (value === null || value === undefined) return '';
  return Array.isArray(value) ? value.join('|') : String(value);
}

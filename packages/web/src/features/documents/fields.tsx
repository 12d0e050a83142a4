import type { SalesReturn, WriteOffReason } from '@onhand/contracts';
import type { TableColumnType } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { formatMoney, formatQty, formatTime } from '../../components/format';
import type { Field, FieldFormat } from './document-kind';
import { documentPath } from './document-paths';

/** A value of a document or a line as people read it (a dash for none). */
export function renderField(t: TFunction, format: FieldFormat, value: unknown): ReactNode {
  if (value === null || value === undefined || value === '') return t('common.none');
  switch (format) {
    case 'qty':
      return formatQty(Number(value));
    case 'money':
      return formatMoney(Number(value));
    case 'time':
      return formatTime(String(value));
    case 'user':
      return (value as { email: string }).email;
    case 'flag':
      return value ? t('common.yes') : t('common.no');
    case 'writeOffReason':
      return t(`documents.writeOffReasons.${value as WriteOffReason}`);
    case 'disposition':
      return t(`documents.dispositions.${value as SalesReturn['lines'][number]['disposition']}`);
    case 'salesOrder':
    case 'purchaseOrder':
      return (
        <Link to={documentPath(format === 'salesOrder' ? 'sales_order' : 'purchase_order', String(value))}>
          {t(`documentType.${format === 'salesOrder' ? 'sales_order' : 'purchase_order'}`)}
        </Link>
      );
    default:
      return String(value);
  }
}

/** A column of a list or lines table showing one field. */
export function fieldColumn<T>(t: TFunction, f: Field): TableColumnType<T> {
  const numeric = f.format === 'qty' || f.format === 'money';
  return {
    title: t(`documents.fields.${f.name}`),
    dataIndex: f.name,
    ...(numeric ? { align: 'right', className: 'number' } : {}),
    render: (value: unknown) => renderField(t, f.format, value),
  };
}

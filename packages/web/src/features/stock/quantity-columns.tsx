import type { TableColumnType } from 'antd';
import type { TFunction } from 'i18next';
import { formatQty } from '../../components/format';

/** The quantities of a stock row, in the order the glossary gives them. */
export const QUANTITIES = [
  'onHand',
  'reserved',
  'quarantined',
  'available',
  'inTransit',
  'incoming',
] as const;
type Quantities = Record<(typeof QUANTITIES)[number], number>;

/** Right-aligned number columns for the quantities of a stock row. */
export function quantityColumns<T extends Quantities>(t: TFunction): TableColumnType<T>[] {
  return QUANTITIES.map((q) => ({
    title: t(`quantity.${q}`),
    dataIndex: q,
    key: q,
    align: 'right' as const,
    className: 'number',
    render: (n: number) => (q === 'available' ? <strong>{formatQty(n)}</strong> : formatQty(n)),
  }));
}

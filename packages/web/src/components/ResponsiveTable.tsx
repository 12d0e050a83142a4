import { Grid, type TableProps } from 'antd';
import type { RowCard } from './ColumnsCard';
import { DataTable } from './DataTable';
import { RowCards } from './RowCards';

/** Rows as a table on a desk; given a `card`, as cards on a phone, where a table would scroll sideways. */
export function ResponsiveTable<T extends object>({
  rows,
  loading,
  card,
  ...table
}: { rows: readonly T[]; loading: boolean; card?: RowCard<T> | undefined } & Omit<
  TableProps<T>,
  'dataSource' | 'loading'
>) {
  const wide = Grid.useBreakpoint().md ?? true;
  if (card && !wide) return <RowCards rows={rows} loading={loading} rowKey={card.key} card={card.render} />;
  return <DataTable<T> loading={loading} dataSource={rows} {...table} />;
}

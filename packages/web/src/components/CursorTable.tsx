import type { TableProps } from 'antd';
import type { CursorList } from '../api/lists';
import type { RowCard } from './ColumnsCard';
import { LoadMore } from './LoadMore';
import { ResponsiveTable } from './ResponsiveTable';
import { LoadFailed } from './states';

/**
 * A list read by cursor as a table, with "load more" below it; why it failed when it did. Given a
 * `card`, a phone shows each row as a card instead of a table that scrolls sideways.
 */
export function CursorTable<T extends object>({
  list,
  ...table
}: { list: CursorList<T>; card?: RowCard<T> } & Omit<TableProps<T>, 'dataSource' | 'loading'>) {
  if (list.error) return <LoadFailed error={list.error} />;
  return (
    <>
      <ResponsiveTable<T> rows={list.rows} loading={list.loading} {...table} />
      <LoadMore list={list} />
    </>
  );
}

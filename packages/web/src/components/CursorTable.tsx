import type { TableProps } from 'antd';
import type { CursorList } from '../api/lists';
import { DataTable } from './DataTable';
import { LoadMore } from './LoadMore';
import { LoadFailed } from './states';

/** A list read by cursor as a table, with "load more" below it; why it failed when it did. */
export function CursorTable<T extends object>({
  list,
  ...table
}: { list: CursorList<T> } & Omit<TableProps<T>, 'dataSource' | 'loading'>) {
  if (list.error) return <LoadFailed error={list.error} />;
  return (
    <>
      <DataTable<T> loading={list.loading} dataSource={list.rows} {...table} />
      <LoadMore list={list} />
    </>
  );
}

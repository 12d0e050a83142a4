import type { UseQueryResult } from '@tanstack/react-query';
import type { TableProps } from 'antd';
import { DataTable } from './DataTable';
import { LoadFailed } from './states';

/** A table of a whole list read at once (`{items}`), or why it could not be read. */
export function QueryTable<T extends object>({
  query,
  ...props
}: { query: UseQueryResult<{ items: T[] }> } & Omit<TableProps<T>, 'dataSource' | 'loading'>) {
  if (query.isError) return <LoadFailed error={query.error} retry={() => void query.refetch()} />;
  return <DataTable<T> loading={query.isPending} dataSource={query.data?.items} {...props} />;
}

import type { UseQueryResult } from '@tanstack/react-query';
import type { TableProps } from 'antd';
import type { RowCard } from './ColumnsCard';
import { ResponsiveTable } from './ResponsiveTable';
import { LoadFailed } from './states';

/** A table of a whole list read at once (`{items}`), or why it could not be read; given a `card`, cards on a phone. */
export function QueryTable<T extends object>({
  query,
  ...props
}: { query: UseQueryResult<{ items: T[] }>; card?: RowCard<T> } & Omit<
  TableProps<T>,
  'dataSource' | 'loading'
>) {
  if (query.isError) return <LoadFailed error={query.error} retry={() => void query.refetch()} />;
  return <ResponsiveTable<T> loading={query.isPending} rows={query.data?.items ?? []} {...props} />;
}

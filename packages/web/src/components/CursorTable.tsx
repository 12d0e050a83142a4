import { Grid, type TableProps } from 'antd';
import type { Key, ReactNode } from 'react';
import type { CursorList } from '../api/lists';
import { DataTable } from './DataTable';
import { LoadMore } from './LoadMore';
import { RowCards } from './RowCards';
import { LoadFailed } from './states';

/**
 * A list read by cursor as a table, with "load more" below it; why it failed when it did. Given a
 * `card`, a phone shows each row as a card instead of a table that scrolls sideways.
 */
export function CursorTable<T extends object>({
  list,
  card,
  ...table
}: {
  list: CursorList<T>;
  card?: { key: (row: T) => Key; render: (row: T) => ReactNode };
} & Omit<TableProps<T>, 'dataSource' | 'loading'>) {
  const wide = Grid.useBreakpoint().md ?? true;
  if (list.error) return <LoadFailed error={list.error} />;
  return (
    <>
      {card && !wide ? (
        <RowCards rows={list.rows} loading={list.loading} rowKey={card.key} card={card.render} />
      ) : (
        <DataTable<T> loading={list.loading} dataSource={list.rows} {...table} />
      )}
      <LoadMore list={list} />
    </>
  );
}

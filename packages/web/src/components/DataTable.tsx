import { Table, type TableProps } from 'antd';

/** A compact table that scrolls sideways on narrow screens; lists load more below it rather than paging. */
export function DataTable<T extends object>(props: TableProps<T>) {
  return <Table<T> size="small" pagination={false} scroll={{ x: 'max-content' }} {...props} />;
}

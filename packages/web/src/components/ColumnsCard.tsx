import type { TableColumnType } from 'antd';
import { isValidElement, type Key, type ReactNode } from 'react';

/** How one row reads on a phone: its key and what its card shows. */
export interface RowCard<T> {
  key: (row: T) => Key;
  render: (row: T) => ReactNode;
}

/** A column that holds the row's buttons rather than a value: the actions column, or one without a heading. */
const isAction = <T,>(column: TableColumnType<T>) => column.key === 'actions' || column.title === undefined;

/** What a column shows for a row, as the table would render it. */
function cell<T>(column: TableColumnType<T>, row: T): ReactNode {
  const value =
    typeof column.dataIndex === 'string' ? (row as Record<string, unknown>)[column.dataIndex] : undefined;
  if (!column.render) return value === null || value === undefined ? null : String(value);
  const shown = column.render(value, row, 0);
  const renderedCell =
    shown !== null && typeof shown === 'object' && !isValidElement(shown) && 'children' in shown;
  return renderedCell ? shown.children : (shown as ReactNode);
}

const columnKey = <T,>(column: TableColumnType<T>) => String(column.key ?? column.dataIndex);

/** A row as a card: the first column as its heading, the others as labelled fields, its buttons below. */
function ColumnsCard<T>({ row, columns }: { row: T; columns: TableColumnType<T>[] }) {
  const [head, ...fields] = columns.filter((c) => !isAction(c));
  const actions = columns.filter(isAction);
  return (
    <>
      {head && <div className="row-card-head">{cell(head, row)}</div>}
      <dl className="row-card-fields">
        {fields.map((column) => {
          const shown = cell(column, row);
          if (shown === null || shown === '' || (Array.isArray(shown) && shown.length === 0)) return null;
          return (
            <div key={columnKey(column)}>
              <dt>{typeof column.title === 'function' ? null : column.title}</dt>
              <dd>{shown}</dd>
            </div>
          );
        })}
      </dl>
      {actions.length > 0 && (
        <div className="row-card-actions">
          {actions.map((column) => (
            <div key={columnKey(column)}>{cell(column, row)}</div>
          ))}
        </div>
      )}
    </>
  );
}

/** A phone card built from a table's own columns, so a list shows the same on a phone as on a desk. */
export function columnsCard<T>(key: (row: T) => Key, columns: TableColumnType<T>[]): RowCard<T> {
  return { key, render: (row) => <ColumnsCard row={row} columns={columns} /> };
}

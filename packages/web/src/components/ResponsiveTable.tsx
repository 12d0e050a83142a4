import { Grid, type TableProps } from 'antd';
import type { Key } from 'react';
import type { RowCard } from './ColumnsCard';
import { DataTable } from './DataTable';
import { type CardSelection, RowCards } from './RowCards';

/** The table's row selection for its cards: toggling a card selects or unselects its row. */
function cardSelection<T>(
  rows: readonly T[],
  keyOf: (row: T) => Key,
  selection: TableProps<T>['rowSelection'],
): CardSelection<T> | undefined {
  const onChange = selection?.onChange;
  if (!onChange) return undefined;
  const chosen = new Set(selection.selectedRowKeys ?? []);
  return {
    isSelected: (row) => chosen.has(keyOf(row)),
    toggle: (row) => {
      const toggled = keyOf(row);
      const selected = rows.filter((r) =>
        keyOf(r) === toggled ? !chosen.has(toggled) : chosen.has(keyOf(r)),
      );
      onChange(selected.map(keyOf), selected, { type: 'multiple' });
    },
  };
}

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
  if (card && !wide)
    return (
      <RowCards
        rows={rows}
        loading={loading}
        rowKey={card.key}
        card={card.render}
        selection={cardSelection(rows, card.key, table.rowSelection)}
      />
    );
  return <DataTable<T> loading={loading} dataSource={rows} {...table} />;
}

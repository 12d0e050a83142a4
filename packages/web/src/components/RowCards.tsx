import { Card, Skeleton } from 'antd';
import type { Key, ReactNode } from 'react';
import { Nothing } from './states';

/** Rows as stacked cards: how a list reads on a phone, where a wide table would scroll sideways. */
export function RowCards<T>({
  rows,
  loading,
  rowKey,
  card,
}: {
  rows: readonly T[];
  loading: boolean;
  rowKey: (row: T) => Key;
  card: (row: T) => ReactNode;
}) {
  if (loading && rows.length === 0) return <Skeleton active />;
  if (rows.length === 0) return <Nothing />;
  return (
    <div className="row-cards">
      {rows.map((row) => (
        <Card key={rowKey(row)} size="small" className="row-card" data-row-card>
          {card(row)}
        </Card>
      ))}
    </div>
  );
}

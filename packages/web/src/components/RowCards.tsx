import { Card, Checkbox, Skeleton } from 'antd';
import type { Key, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Nothing } from './states';

/** Choosing cards, as a table's checkboxes choose rows. */
export interface CardSelection<T> {
  isSelected: (row: T) => boolean;
  toggle: (row: T) => void;
}

/** Rows as stacked cards: how a list reads on a phone, where a wide table would scroll sideways. */
export function RowCards<T>({
  rows,
  loading,
  rowKey,
  card,
  selection,
}: {
  rows: readonly T[];
  loading: boolean;
  rowKey: (row: T) => Key;
  card: (row: T) => ReactNode;
  selection?: CardSelection<T> | undefined;
}) {
  const { t } = useTranslation();
  if (loading && rows.length === 0) return <Skeleton active />;
  if (rows.length === 0) return <Nothing />;
  return (
    <div className="row-cards">
      {rows.map((row) => (
        <Card key={rowKey(row)} size="small" className="row-card" data-row-card>
          {selection && (
            <Checkbox
              className="row-card-select"
              checked={selection.isSelected(row)}
              onChange={() => selection.toggle(row)}
            >
              {t('common.select')}
            </Checkbox>
          )}
          {card(row)}
        </Card>
      ))}
    </div>
  );
}

import type { StockRow } from '@onhand/contracts';
import { Descriptions, List, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan } from '../../auth/session';
import { formatQty, formatTime } from '../../components/format';
import { labelOf } from '../../i18n/labels';
import { documentPath } from '../documents/document-paths';
import { useOpenPurchaseOrders, useSkuReservations, useTransfersInFlight } from './stock.queries';

/** The rows behind one quantity, or a dash when there are none. */
function Reasons<T>({ rows, render }: { rows: T[]; render: (row: T) => ReactNode }) {
  const { t } = useTranslation();
  return (
    <List
      size="small"
      dataSource={rows}
      locale={{ emptyText: t('common.none') }}
      renderItem={(row) => <List.Item>{render(row)}</List.Item>}
    />
  );
}

/**
 * Why available is what it is in one warehouse: the formula with its numbers, the reservations
 * holding stock, the transfers in flight (reserved at the source, in transit to the destination)
 * and the open purchase orders behind incoming.
 */
export function AvailabilityExplained({ row }: { row: StockRow }) {
  const { t } = useTranslation();
  const readsDocuments = useCan('document.read');
  const reservations = (useSkuReservations(row.sku).data?.items ?? []).filter(
    (r) => r.warehouse === row.warehouse,
  );
  const transfers = (useTransfersInFlight(row.sku, readsDocuments).data ?? []).filter(
    (d) => d.from === row.warehouse || d.to === row.warehouse,
  );
  const orders = (useOpenPurchaseOrders(row.sku, readsDocuments).data ?? []).filter(
    (d) => d.warehouse === row.warehouse,
  );
  const lineOf = <L extends { sku: string }>(lines: L[]) => lines.find((l) => l.sku === row.sku);

  return (
    <div className="why-available">
      <Typography.Title level={5}>{t('stock.why', { available: formatQty(row.available) })}</Typography.Title>
      <Typography.Paragraph>
        {t('stock.whyFormula', {
          onHand: formatQty(row.onHand),
          reserved: formatQty(row.reserved),
          quarantined: formatQty(row.quarantined),
        })}
      </Typography.Paragraph>
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          {
            key: 'reservations',
            label: `${t('stock.reservations')} (${formatQty(row.reserved)})`,
            children: (
              <Reasons
                rows={reservations}
                render={(r) => (
                  <>
                    {r.reference} · {formatQty(r.qty)}
                    {r.expiresAt && ` · ${t('stock.expiresAt')} ${formatTime(r.expiresAt)}`}
                  </>
                )}
              />
            ),
          },
          ...(readsDocuments
            ? [
                {
                  key: 'transfers',
                  label: `${t('stock.transfersInFlight')} (${formatQty(row.inTransit)})`,
                  children: (
                    <Reasons
                      rows={transfers}
                      render={(d) => (
                        <>
                          <Link to={documentPath('transfer', d.id)}>{d.number}</Link> · {d.from} → {d.to} ·{' '}
                          {labelOf('documentStatus', d.status)} · {formatQty(lineOf(d.lines)?.qty ?? 0)}
                        </>
                      )}
                    />
                  ),
                },
                {
                  key: 'purchaseOrders',
                  label: `${t('stock.openPurchaseOrders')} (${formatQty(row.incoming)})`,
                  children: (
                    <Reasons
                      rows={orders}
                      render={(d) => (
                        <>
                          <Link to={documentPath('purchase_order', d.id)}>{d.number}</Link> · {d.supplier} ·{' '}
                          {formatQty(lineOf(d.lines)?.openQty ?? 0)}
                        </>
                      )}
                    />
                  ),
                },
              ]
            : []),
        ]}
      />
    </div>
  );
}

import {
  type BatchStockRow,
  batchStockQuery,
  batchStockRow,
  expiringQuery,
  expiringRow,
  ledgerEntryType,
  lossesQuery,
  lossReport,
  type MovementRow,
  movementQuery,
  movementReport,
  page,
  problem,
} from '@onhand/contracts';
import { type App, principal } from '../../http/app';
import { sendCsv } from '../../http/csv';
import { invalid } from '../../http/problem';
import type { Services } from '../../services';
import { timeBounds } from '../stock/stock.routes';
import { lossAnalysis } from './losses.queries';

const ALL = Number.MAX_SAFE_INTEGER;

const movementColumns = [
  'sku',
  'warehouse',
  'openingQty',
  'openingValue',
  'inQty',
  'inValue',
  'outQty',
  'outValue',
  'closingQty',
  'closingValue',
] as const;

/** The report as CSV: every figure, then quantity and value per ledger type that moved stock in or out. */
function movementCsv(items: readonly MovementRow[]): { columns: string[]; rows: unknown[][] } {
  const breakdown = (['in', 'out'] as const).flatMap((side) =>
    ledgerEntryType.options
      .filter((type) => items.some((r) => r[`${side}ByType`][type]))
      .map((type) => ({ side, type })),
  );
  return {
    columns: [
      ...movementColumns,
      ...breakdown.flatMap((b) => [`${b.side}Qty.${b.type}`, `${b.side}Value.${b.type}`]),
    ],
    rows: items.map((r) => [
      ...movementColumns.map((c) => r[c]),
      ...breakdown.flatMap((b) => {
        const moved = r[`${b.side}ByType`][b.type];
        return [moved?.qty ?? 0, moved?.value ?? 0];
      }),
    ]),
  };
}

const batchColumns = ['sku', 'warehouse', 'batch', 'expiresOn', 'qty', 'value'] as const;
const batchCells = (r: BatchStockRow) => batchColumns.map((c) => r[c]);

/** The 进销存 report, stock per batch and the near-expiry list. */
export function registerReportRoutes(app: App, s: Services): void {
  app.get(
    '/api/v1/reports/movement',
    {
      config: { permission: 'report.read' },
      schema: {
        tags: ['reports'],
        querystring: movementQuery,
        response: { 200: movementReport, 400: problem },
      },
    },
    async (request, reply) => {
      const p = principal(request);
      const { from, to } = timeBounds(request.query, s.timeZone);
      if (from === null || to === null || from >= to)
        throw invalid([{ path: 'from', message: 'must be before to' }]);
      const period = { from, to };
      if (request.query.format === 'csv') {
        const all = await s.movement.page({ ...request.query, limit: ALL }, period, p.warehouses);
        const csv = movementCsv(all.items);
        const name = `movement-${request.query.from.slice(0, 10)}-${request.query.to.slice(0, 10)}.csv`;
        return sendCsv(reply, name, csv.columns, csv.rows);
      }
      return s.movement.page(request.query, period, p.warehouses);
    },
  );
  app.get(
    '/api/v1/reports/losses',
    {
      config: { permission: 'report.read' },
      schema: {
        tags: ['reports'],
        summary:
          'Loss analysis: adjustments, write-offs and losses by reason, type, SKU, warehouse or person',
        querystring: lossesQuery,
        response: { 200: lossReport, 400: problem },
      },
    },
    async (request, reply) => {
      const p = principal(request);
      const { from, to } = timeBounds(request.query, s.timeZone);
      if (from === null || to === null || from >= to)
        throw invalid([{ path: 'from', message: 'must be before to' }]);
      const report = await lossAnalysis(s.db, request.query, { from, to }, p.warehouses);
      if (request.query.format !== 'csv') return report;
      const rows = report.items.map((r) => [r.key ?? '', r.qty, r.value, r.entries]);
      return sendCsv(
        reply,
        `losses-by-${request.query.groupBy}.csv`,
        [request.query.groupBy, 'qty', 'value', 'entries'],
        rows,
      );
    },
  );
  app.get(
    '/api/v1/stock/batches',
    {
      config: { permission: 'stock.read' },
      schema: {
        tags: ['stock'],
        querystring: batchStockQuery,
        response: { 200: page(batchStockRow), 400: problem },
      },
    },
    async (request, reply) => {
      const p = principal(request);
      if (request.query.format === 'csv') {
        const all = await s.batches.batches({ ...request.query, limit: ALL }, p.warehouses);
        return sendCsv(reply, 'stock-batches.csv', batchColumns, all.items.map(batchCells));
      }
      return s.batches.batches(request.query, p.warehouses);
    },
  );
  app.get(
    '/api/v1/reports/expiring',
    {
      config: { permission: 'report.read' },
      schema: {
        tags: ['reports'],
        querystring: expiringQuery,
        response: { 200: page(expiringRow), 400: problem },
      },
    },
    async (request, reply) => {
      const p = principal(request);
      if (request.query.format === 'csv') {
        const all = await s.batches.expiring({ ...request.query, limit: ALL }, p.warehouses);
        const rows = all.items.map((r) => [...batchCells(r), r.daysLeft]);
        return sendCsv(reply, `expiring-${s.batches.today()}.csv`, [...batchColumns, 'daysLeft'], rows);
      }
      return s.batches.expiring(request.query, p.warehouses);
    },
  );
}

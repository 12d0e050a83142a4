import {
  asOfQuery,
  ledgerEntry,
  ledgerQuery,
  page,
  problem,
  stockLevel,
  stockLevelQuery,
  stockLevelSet,
  stockQuery,
  stockRow,
  valuationQuery,
  valuationReport,
} from '@onhand/contracts';
import { parseTimeBound } from '@onhand/domain';
import { type App, principal, sendResult } from '../../http/app';
import { sendCsv } from '../../http/csv';
import { invalid } from '../../http/problem';
import type { Services } from '../../services';
import { auditedWrite } from '../audit/audited-write';
import type { ValuedPage } from './stock.queries';

/** Reads a `from`/`to` pair into half-open instants. */
export function timeBounds(
  query: { from?: string | undefined; to?: string | undefined },
  timeZone: string,
): { from: number | null; to: number | null } {
  const from = query.from === undefined ? null : parseTimeBound(query.from, 'from', timeZone);
  const to = query.to === undefined ? null : parseTimeBound(query.to, 'to', timeZone);
  if (query.from !== undefined && from === null)
    throw invalid([{ path: 'from', message: 'must be a date or an ISO-8601 timestamp' }]);
  if (query.to !== undefined && to === null)
    throw invalid([{ path: 'to', message: 'must be a date or an ISO-8601 timestamp' }]);
  return { from, to };
}

const valuedColumns = ['sku', 'warehouse', 'qty', 'value'] as const;
const valuedRows = (p: ValuedPage) => p.items.map((r) => [r.sku, r.warehouse, r.qty, r.value]);

/** Stock, ledger, stock as of a date and the valuation report. */
export function registerStockRoutes(app: App, s: Services): void {
  app.get(
    '/api/v1/stock',
    {
      config: { permission: 'stock.read' },
      schema: { tags: ['stock'], querystring: stockQuery, response: { 200: page(stockRow) } },
    },
    async (request) => {
      const p = principal(request);
      return s.stock.stock(request.query, p.warehouses);
    },
  );
  app.get(
    '/api/v1/stock-levels',
    {
      config: { permission: 'stock.read' },
      schema: { tags: ['stock'], querystring: stockLevelQuery, response: { 200: page(stockLevel) } },
    },
    async (request) => s.stockLevels.list(request.query, principal(request).warehouses),
  );
  app.put(
    '/api/v1/stock-levels',
    {
      config: { permission: 'item.manage' },
      schema: {
        tags: ['stock'],
        summary: 'Set the safety stock and min/max of a SKU in a warehouse',
        body: stockLevelSet,
        response: { 200: stockLevel, 400: problem, 403: problem },
      },
    },
    async (request, reply) => {
      const { sku, warehouse } = request.body;
      const result = await auditedWrite(
        s,
        request,
        {
          action: 'stock_level.set',
          entity: 'stock_level',
          entityId: `${sku}@${warehouse}`,
          before: async (trx) => (await s.stockLevels.list({ sku, warehouse }, null, trx)).items[0] ?? null,
        },
        (trx) => s.stockLevels.set(trx, request.body, principal(request)),
      );
      return sendResult(reply, result);
    },
  );
  app.get(
    '/api/v1/ledger',
    {
      config: { permission: 'ledger.read' },
      schema: {
        tags: ['stock'],
        querystring: ledgerQuery,
        response: { 200: page(ledgerEntry), 400: problem },
      },
    },
    async (request) => {
      const p = principal(request);
      return s.stock.ledger(request.query, timeBounds(request.query, s.timeZone), p.warehouses);
    },
  );
  app.get(
    '/api/v1/stock/as-of',
    {
      config: { permission: 'stock.read' },
      schema: { tags: ['stock'], querystring: asOfQuery, response: { 200: valuationReport, 400: problem } },
    },
    async (request, reply) => {
      const p = principal(request);
      if (request.query.format === 'csv') {
        const all = await s.stock.asOf({ ...request.query, limit: Number.MAX_SAFE_INTEGER }, p.warehouses);
        return sendCsv(reply, `stock-as-of-${request.query.date}.csv`, valuedColumns, valuedRows(all));
      }
      return s.stock.asOf(request.query, p.warehouses);
    },
  );
  app.get(
    '/api/v1/reports/valuation',
    {
      config: { permission: 'report.read' },
      schema: {
        tags: ['reports'],
        querystring: valuationQuery,
        response: { 200: valuationReport, 400: problem },
      },
    },
    async (request, reply) => {
      const p = principal(request);
      if (request.query.format === 'csv') {
        const all = await s.stock.valuation(
          { ...request.query, limit: Number.MAX_SAFE_INTEGER },
          p.warehouses,
        );
        return sendCsv(reply, `valuation-${request.query.date ?? 'now'}.csv`, valuedColumns, valuedRows(all));
      }
      return s.stock.valuation(request.query, p.warehouses);
    },
  );
}

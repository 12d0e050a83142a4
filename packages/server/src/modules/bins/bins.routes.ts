import {
  bin,
  binCreate,
  binMove,
  binMoveCreate,
  binStockQuery,
  binStockRow,
  page,
  problem,
} from '@onhand/contracts';
import { z } from 'zod';
import { type App, principal, sendResult } from '../../http/app';
import { notFound } from '../../http/problem';
import type { Services } from '../../services';
import { auditedWrite } from '../audit/audited-write';
import { inScope, requireInScope } from '../auth/warehouse-scope';

const warehouseParams = z.object({ code: z.string().min(1).max(64) });

/** Bins of a warehouse, stock per bin, and moves between bins. */
export function registerBinRoutes(app: App, s: Services): void {
  const tags = ['bins'];
  app.post(
    '/api/v1/warehouses/:code/bins',
    {
      config: { permission: 'warehouse.manage' },
      schema: {
        tags,
        params: warehouseParams,
        body: binCreate,
        response: { 201: bin, 400: problem, 404: problem, 409: problem },
      },
    },
    async (request, reply) => {
      const p = principal(request);
      requireInScope(p.warehouses, request.params.code, 'code');
      const result = await auditedWrite(
        s,
        request,
        { action: 'bin.create', entity: 'bin', status: 201 },
        (trx) => s.bins.create(trx, request.params.code, request.body, p),
      );
      return sendResult(reply, result);
    },
  );
  app.get(
    '/api/v1/warehouses/:code/bins',
    {
      config: { permission: 'stock.read' },
      schema: {
        tags,
        params: warehouseParams,
        response: { 200: z.object({ items: z.array(bin) }), 404: problem },
      },
    },
    async (request) => {
      const p = principal(request);
      if (!inScope(p.warehouses, request.params.code)) throw notFound('warehouse', request.params.code);
      return { items: await s.bins.list(request.params.code) };
    },
  );
  app.get(
    '/api/v1/stock/bins',
    {
      config: { permission: 'stock.read' },
      schema: { tags, querystring: binStockQuery, response: { 200: page(binStockRow), 400: problem } },
    },
    async (request) => {
      const p = principal(request);
      return s.bins.stock(request.query, p.warehouses);
    },
  );
  app.post(
    '/api/v1/bin-moves',
    {
      config: { permission: 'bin.move' },
      schema: {
        tags,
        summary: 'Move goods between bins of a warehouse (its on hand does not change)',
        body: binMoveCreate,
        response: { 201: binMove, 400: problem },
      },
    },
    async (request, reply) => {
      const p = principal(request);
      const result = await auditedWrite(
        s,
        request,
        { action: 'bin_move.create', entity: 'bin_move', status: 201 },
        (trx) => s.bins.move(trx, request.body, p),
      );
      return sendResult(reply, result);
    },
  );
}

import { page, problem, receipt, receiptCreate, receiptQuery } from '@onhand/contracts';
import { z } from 'zod';
import { type App, principal, sendResult } from '../../http/app';
import type { Services } from '../../services';
import { auditedWrite } from '../audit/audited-write';
import { visible } from '../auth/warehouse-scope';
import { timeBounds } from '../stock/stock.routes';

const idParams = z.object({ id: z.string().min(1).max(100) });

/** Goods receipts without an order. */
export function registerReceiptRoutes(app: App, s: Services): void {
  app.post(
    '/api/v1/receipts',
    {
      config: { permission: 'receipt.post' },
      schema: {
        tags: ['receipts'],
        body: receiptCreate,
        response: { 201: receipt, 400: problem, 409: problem },
      },
    },
    async (request, reply) => {
      const p = principal(request);
      const result = await auditedWrite(
        s,
        request,
        { action: 'receipt.create', entity: 'receipt', status: 201 },
        (trx) => s.receipts.create(trx, request.body, p),
      );
      return sendResult(reply, result);
    },
  );
  app.get(
    '/api/v1/receipts',
    {
      config: { permission: 'stock.read' },
      schema: {
        tags: ['receipts'],
        querystring: receiptQuery,
        response: { 200: page(receipt), 400: problem },
      },
    },
    async (request) => {
      const p = principal(request);
      return s.receipts.list(request.query, timeBounds(request.query, s.timeZone), p.warehouses);
    },
  );
  app.get(
    '/api/v1/receipts/:id',
    {
      config: { permission: 'stock.read' },
      schema: { tags: ['receipts'], params: idParams, response: { 200: receipt, 404: problem } },
    },
    async (request) => {
      const p = principal(request);
      return visible(await s.receipts.get(request.params.id), p.warehouses, 'receipt');
    },
  );
}

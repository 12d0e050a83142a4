import {
  page,
  problem,
  reasonBody,
  salesOrder,
  salesOrderCreate,
  salesOrderQuery,
  salesReturn,
  salesReturnCreate,
  salesReturnQuery,
  salesShip,
} from '@onhand/contracts';
import { z } from 'zod';
import { type App, principal, sendResult } from '../../http/app';
import { notFound } from '../../http/problem';
import type { Services } from '../../services';
import { auditedWrite } from '../audit/audited-write';
import { inScope } from '../auth/warehouse-scope';
import { registerDocumentRoutes, write } from '../documents/document-routes';

const idParams = z.object({ id: z.string().min(1).max(100) });

/** Sales orders (销售单) and their returns (销售退货), exchanges included. */
export function registerSalesRoutes(app: App, s: Services): void {
  const so = s.salesOrders;
  registerDocumentRoutes(
    app,
    s,
    {
      path: '/api/v1/sales-orders',
      tag: 'sales orders',
      entity: 'sales_order',
      out: salesOrder,
      query: salesOrderQuery,
      get: (id, db) => so.get(id, db),
      list: (query, bounds, scope) => so.list(query, bounds, scope),
    },
    [
      write({
        path: '',
        status: 201,
        permission: 'sales_order.manage',
        body: salesOrderCreate,
        summary:
          'Create a confirmed order with every line reserved, or 409 insufficient_stock and nothing reserved',
        run: (trx, c) => so.create(trx, c.body, c.principal),
      }),
      write({
        path: '/:id/ship',
        permission: 'sales_order.ship',
        body: salesShip,
        summary: 'Ship some lines (or everything open): FIFO cost, FEFO batches for expiry-tracked items',
        run: (trx, c) => so.ship(trx, c),
      }),
      write({
        path: '/:id/cancel',
        permission: 'sales_order.manage',
        body: reasonBody,
        summary: 'Cancel what is not shipped: its reservations are released',
        run: (trx, c) => so.cancel(trx, c),
      }),
    ],
  );
  registerDocumentRoutes(
    app,
    s,
    {
      path: '/api/v1/sales-returns',
      tag: 'sales returns',
      entity: 'sales_return',
      out: salesReturn,
      query: salesReturnQuery,
      get: (id, db) => s.salesReturns.get(id, db),
      list: (query, bounds, scope) => s.salesReturns.list(query, bounds, scope),
    },
    [],
  );
  app.post(
    '/api/v1/sales-orders/:id/returns',
    {
      config: { permission: 'sales_return.post' },
      schema: {
        tags: ['sales returns'],
        summary:
          'Post a return of shipped goods: restock, quarantine or write off, at the cost they left with',
        params: idParams,
        body: salesReturnCreate,
        response: { 201: salesReturn, 400: problem, 404: problem, 409: problem },
      },
    },
    async (request, reply) => {
      const p = principal(request);
      const result = await auditedWrite(
        s,
        request,
        { action: 'sales_return.create', entity: 'sales_return', status: 201 },
        (trx) => s.salesReturns.create(trx, request.params.id, request.body, p),
      );
      return sendResult(reply, result);
    },
  );
  app.get(
    '/api/v1/sales-orders/:id/returns',
    {
      config: { permission: 'document.read' },
      schema: {
        tags: ['sales returns'],
        params: idParams,
        response: { 200: page(salesReturn), 404: problem },
      },
    },
    async (request) => {
      const p = principal(request);
      const order = await so.get(request.params.id);
      if (!inScope(p.warehouses, order.warehouse)) throw notFound('sales order', request.params.id);
      return s.salesReturns.list(
        { salesOrder: order.id, limit: 500 },
        { from: null, to: null },
        p.warehouses,
      );
    },
  );
}

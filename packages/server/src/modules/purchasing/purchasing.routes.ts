import {
  purchaseOrder,
  purchaseOrderCreate,
  purchaseOrderPatch,
  purchaseOrderQuery,
  purchaseOrderQuickFill,
  purchaseReceive,
  purchaseReturn,
  purchaseReturnCreate,
  purchaseReturnPatch,
  purchaseReturnQuery,
  reasonBody,
} from '@onhand/contracts';
import type { App } from '../../http/app';
import type { Services } from '../../services';
import { registerDocumentRoutes, write } from '../documents/document-routes';

/** Purchase orders (采购单) and returns to suppliers (退回厂家). */
export function registerPurchasingRoutes(app: App, s: Services): void {
  const po = s.purchaseOrders;
  registerDocumentRoutes(
    app,
    s,
    {
      path: '/api/v1/purchase-orders',
      tag: 'purchase orders',
      entity: 'purchase_order',
      out: purchaseOrder,
      query: purchaseOrderQuery,
      get: (id, db) => po.get(id, db),
      list: (query, bounds, scope) => po.list(query, bounds, scope),
    },
    [
      write({
        path: '',
        status: 201,
        permission: 'purchase_order.manage',
        body: purchaseOrderCreate,
        summary: 'Create a draft purchase order',
        run: (trx, c) => po.create(trx, c.body, c.principal),
      }),
      write({
        path: '/quick-fill',
        status: 201,
        permission: 'purchase_order.manage',
        body: purchaseOrderQuickFill,
        summary: "Create a draft with the lines of the supplier's last order",
        run: (trx, c) => po.quickFill(trx, c.body, c.principal),
      }),
      write({
        method: 'PATCH',
        path: '/:id',
        permission: 'purchase_order.manage',
        body: purchaseOrderPatch,
        summary: 'Edit: anything in draft; quantities and costs by the approver while pending approval',
        run: (trx, c) => po.update(trx, c),
      }),
      write({
        path: '/:id/submit',
        permission: 'purchase_order.manage',
        summary: 'Submit for approval (when a rule wants a second person, the approval opens now)',
        async run(trx, c) {
          await po.submit(trx, c);
          const target = { type: 'purchase_order', id: c.id };
          await s.approvals.open(trx, { ...c, action: 'purchase_order.approve', target, body: null });
          return po.get(c.id, trx);
        },
      }),
      write({
        path: '/:id/approve',
        permission: 'purchase_order.approve',
        summary: 'Approve: the open quantity counts as incoming',
        approval: { action: 'purchase_order.approve', target: 'purchase_order' },
        run: (trx, c) => po.approve(trx, c),
      }),
      write({
        path: '/:id/reject',
        permission: 'purchase_order.approve',
        body: reasonBody,
        summary: 'Reject (an approval the order waits for is rejected with it)',
        async run(trx, c) {
          const waiting = await s.approvals.pendingFor(trx, 'purchase_order.approve', c.id);
          if (!waiting) return po.reject(trx, c);
          await s.approvals.reject(trx, waiting, c.principal, c.body?.reason ?? null);
          return po.get(c.id, trx);
        },
      }),
      write({
        path: '/:id/receive',
        permission: 'purchase_order.receive',
        body: purchaseReceive,
        summary: 'Receive goods, partly or fully, with batch, expiry and bin',
        run: (trx, c) => po.receive(trx, c),
      }),
      write({
        path: '/:id/close',
        permission: 'purchase_order.manage',
        body: reasonBody,
        summary: 'Close: the rest is no longer expected',
        run: (trx, c) => po.close(trx, c),
      }),
      write({
        path: '/:id/cancel',
        permission: 'purchase_order.manage',
        body: reasonBody,
        summary: 'Cancel an order that has received nothing',
        run: (trx, c) => po.cancel(trx, c),
      }),
    ],
  );
  const pr = s.purchaseReturns;
  registerDocumentRoutes(
    app,
    s,
    {
      path: '/api/v1/purchase-returns',
      tag: 'purchase returns',
      entity: 'purchase_return',
      out: purchaseReturn,
      query: purchaseReturnQuery,
      get: (id, db) => pr.get(id, db),
      list: (query, bounds, scope) => pr.list(query, bounds, scope),
    },
    [
      write({
        path: '',
        status: 201,
        permission: 'purchase_return.manage',
        body: purchaseReturnCreate,
        summary: 'Create a draft return to a supplier',
        run: (trx, c) => pr.create(trx, c.body, c.principal),
      }),
      write({
        method: 'PATCH',
        path: '/:id',
        permission: 'purchase_return.manage',
        body: purchaseReturnPatch,
        summary: 'Edit a draft',
        run: (trx, c) => pr.update(trx, c),
      }),
      write({
        path: '/:id/post',
        permission: 'purchase_return.manage',
        summary: 'Post: the goods leave at the cost (and from the batch) they came in',
        run: (trx, c) => pr.post(trx, c),
      }),
      write({
        path: '/:id/cancel',
        permission: 'purchase_return.manage',
        body: reasonBody,
        summary: 'Cancel a draft',
        run: (trx, c) => pr.cancel(trx, c),
      }),
    ],
  );
}

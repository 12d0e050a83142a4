import { describe, expect, it } from 'vitest';
import { testDatabaseKinds } from './support/databases';
import {
  act,
  expectBooksAgree,
  makeItem,
  makePartner,
  makeWarehouse,
  receive,
  stockOf,
} from './support/fixtures';
import { useTestServer } from './support/server';

const now = Date.parse('2026-11-05T03:00:00Z');

for (const kind of testDatabaseKinds()) {
  describe(`purchase returns on ${kind}`, () => {
    const server = useTestServer(kind, { clock: () => now });

    it('sends goods back out of the batch and at the cost they came in on their order', async () => {
      const ts = server();
      const supplier = await makePartner(ts, 'suppliers');
      const warehouse = await makeWarehouse(ts);
      const sku = await makeItem(ts, undefined, { batchTracked: true });
      await receive(ts, warehouse, [{ sku, qty: 10, unitCost: 1, batch: 'OLD' }]);
      const po = await act(
        ts,
        '/api/v1/purchase-orders',
        { supplier, warehouse, lines: [{ sku, qty: 8, unitCost: '3.3333' }] },
        201,
      );
      await act(ts, `/api/v1/purchase-orders/${po.id}/submit`);
      await act(ts, `/api/v1/purchase-orders/${po.id}/approve`);
      await act(ts, `/api/v1/purchase-orders/${po.id}/receive`, { lines: [{ sku, qty: 8, batch: 'NEW' }] });

      const draft = await act(
        ts,
        '/api/v1/purchase-returns',
        {
          supplier,
          warehouse,
          purchaseOrder: po.number,
          lines: [{ sku, qty: 3, reason: 'damaged on arrival' }],
        },
        201,
      );
      expect(draft).toMatchObject({
        status: 'draft',
        purchaseOrderId: po.id,
        totalValue: 0,
        actions: ['edit', 'post', 'cancel'],
      });
      const posted = await act(ts, `/api/v1/purchase-returns/${draft.id}/post`);
      // 3 × 3.3333 from the order's NEW batch, not 3 × 1 from the older OLD batch (FIFO would take that).
      expect(posted).toMatchObject({ status: 'posted', totalValue: 9.9999 });
      const ledger = await ts.api<{
        items: { type: string; qty: number; value: number; batch: string; reason: string }[];
      }>('GET', `/api/v1/ledger?sku=${sku}&type=return_out`);
      expect(ledger.body.items.map((e) => [e.qty, e.value, e.batch, e.reason])).toEqual([
        [-3, -9.9999, 'NEW', 'damaged on arrival'],
      ]);
      expect(await stockOf(ts, sku, warehouse)).toMatchObject({ onHand: 15 });
      expect((await ts.api('POST', `/api/v1/purchase-returns/${draft.id}/post`)).body).toMatchObject({
        code: 'invalid_state',
      });
      await expectBooksAgree(ts);
    });

    it('refuses to post more than the order brought in, changing nothing', async () => {
      const ts = server();
      const supplier = await makePartner(ts, 'suppliers');
      const warehouse = await makeWarehouse(ts);
      const sku = await makeItem(ts);
      await receive(ts, warehouse, [{ sku, qty: 50, unitCost: 1 }]);
      const po = await act(
        ts,
        '/api/v1/purchase-orders',
        { supplier, warehouse, lines: [{ sku, qty: 2, unitCost: 5 }] },
        201,
      );
      await act(ts, `/api/v1/purchase-orders/${po.id}/submit`);
      await act(ts, `/api/v1/purchase-orders/${po.id}/approve`);
      await act(ts, `/api/v1/purchase-orders/${po.id}/receive`, { lines: [{ sku, qty: 2 }] });
      const ret = await act(
        ts,
        '/api/v1/purchase-returns',
        { supplier, warehouse, purchaseOrder: po.id, lines: [{ sku, qty: 3 }] },
        201,
      );
      const refused = await ts.api('POST', `/api/v1/purchase-returns/${ret.id}/post`);
      expect(refused.body).toMatchObject({ code: 'insufficient_stock', errors: [{ path: 'lines.0.qty' }] });
      expect(await stockOf(ts, sku, warehouse)).toMatchObject({ onHand: 52 });
      const other = await makePartner(ts, 'suppliers');
      const wrong = await ts.api('POST', '/api/v1/purchase-returns', {
        supplier: other,
        warehouse,
        purchaseOrder: po.id,
        lines: [{ sku, qty: 1 }],
      });
      expect(wrong.body).toMatchObject({ code: 'validation_failed', errors: [{ path: 'purchaseOrder' }] });
      const cancelled = await act(ts, `/api/v1/purchase-returns/${ret.id}/cancel`);
      expect(cancelled.status).toBe('cancelled');
      await expectBooksAgree(ts);
    });
  });
}

import { describe, expect, it } from 'vitest';
import { testDatabaseKinds } from './support/databases';
import { act, makeItem, makePartner, makeWarehouse, receive } from './support/fixtures';
import { signInAs } from './support/people';
import { useTestServer } from './support/server';

const now = Date.parse('2026-11-11T03:00:00Z');

for (const kind of testDatabaseKinds()) {
  describe(`warehouse scope on ${kind}`, () => {
    const server = useTestServer(kind, { clock: () => now });

    it("hides other warehouses' stock, ledger, documents and reservations, and refuses to act in them", async () => {
      const ts = server();
      const mine = await makeWarehouse(ts);
      const theirs = await makeWarehouse(ts);
      const third = await makeWarehouse(ts);
      const sku = await makeItem(ts);
      await receive(ts, mine, [{ sku, qty: 10, unitCost: 1 }]);
      const theirReceipt = await receive(ts, theirs, [{ sku, qty: 50, unitCost: 1 }]);
      const supplier = await makePartner(ts, 'suppliers');
      const theirOrder = await act(
        ts,
        '/api/v1/purchase-orders',
        { supplier, warehouse: theirs, lines: [{ sku, qty: 1, unitCost: 1 }] },
        201,
      );
      const inbound = await act(
        ts,
        '/api/v1/transfers',
        { from: theirs, to: mine, lines: [{ sku, qty: 1 }] },
        201,
      );
      const elsewhere = await act(
        ts,
        '/api/v1/transfers',
        { from: theirs, to: third, lines: [{ sku, qty: 1 }] },
        201,
      );
      const theirHold = await ts.api<{ id: string }>('POST', '/api/v1/reservations', {
        sku,
        warehouse: theirs,
        qty: 1,
        reference: 'x',
      });
      const token = await signInAs(ts, 'warehouse_manager', [mine]);
      const as = { token };

      const stock = await ts.api<{ items: { warehouse: string }[] }>(
        'GET',
        `/api/v1/stock?sku=${sku}`,
        undefined,
        as,
      );
      expect(stock.body.items.map((r) => r.warehouse)).toEqual([mine]);
      const ledger = await ts.api<{ items: { warehouse: string }[] }>(
        'GET',
        `/api/v1/ledger?sku=${sku}`,
        undefined,
        as,
      );
      expect(new Set(ledger.body.items.map((r) => r.warehouse))).toEqual(new Set([mine]));
      const valuation = await ts.api<{ items: { warehouse: string }[] }>(
        'GET',
        `/api/v1/reports/valuation?sku=${sku}`,
        undefined,
        as,
      );
      expect(valuation.body.items.map((r) => r.warehouse)).toEqual([mine]);

      const orders = await ts.api<{ items: { id: string }[] }>(
        'GET',
        `/api/v1/purchase-orders?sku=${sku}`,
        undefined,
        as,
      );
      expect(orders.body.items).toEqual([]);
      expect((await ts.api('GET', `/api/v1/purchase-orders/${theirOrder.id}`, undefined, as)).status).toBe(
        404,
      );
      expect(
        (await ts.api('POST', `/api/v1/purchase-orders/${theirOrder.id}/submit`, undefined, as)).status,
      ).toBe(404);
      const transfers = await ts.api<{ items: { id: string }[] }>(
        'GET',
        `/api/v1/transfers?sku=${sku}`,
        undefined,
        as,
      );
      expect(transfers.body.items.map((t) => t.id)).toEqual([inbound.id]);
      expect((await ts.api('GET', `/api/v1/transfers/${elsewhere.id}`, undefined, as)).status).toBe(404);
      expect((await ts.api('GET', `/api/v1/receipts/${String(theirReceipt.id)}`, undefined, as)).status).toBe(
        404,
      );
      const receipts = await ts.api<{ items: { warehouse: string }[] }>(
        'GET',
        `/api/v1/receipts?sku=${sku}`,
        undefined,
        as,
      );
      expect(receipts.body.items.map((r) => r.warehouse)).toEqual([mine]);
      expect((await ts.api('GET', `/api/v1/reservations/${theirHold.body.id}`, undefined, as)).status).toBe(
        404,
      );
      expect(
        (await ts.api('POST', `/api/v1/reservations/${theirHold.body.id}/release`, undefined, as)).status,
      ).toBe(404);
      const holds = await ts.api<{ items: unknown[] }>(
        'GET',
        `/api/v1/reservations?sku=${sku}`,
        undefined,
        as,
      );
      expect(holds.body.items).toEqual([]);

      const receipt = await ts.api(
        'POST',
        '/api/v1/receipts',
        { warehouse: theirs, lines: [{ sku, qty: 1, unitCost: 1 }] },
        as,
      );
      expect(receipt.status).toBe(403);
      expect(receipt.body).toMatchObject({ code: 'forbidden', errors: [{ path: 'warehouse' }] });
      const sale = await ts.api(
        'POST',
        '/api/v1/sales-orders',
        { warehouse: theirs, lines: [{ sku, qty: 1, unitPrice: 1 }] },
        as,
      );
      expect(sale.status).toBe(403);
      const transfer = await ts.api(
        'POST',
        '/api/v1/transfers',
        { from: theirs, to: mine, lines: [{ sku, qty: 1 }] },
        as,
      );
      expect(transfer.status).toBe(403);
      // Without a warehouse, allocation looks only where the person works, though the other has more.
      const allocated = await ts.api<{ warehouse: string }>(
        'POST',
        '/api/v1/sales-orders',
        { lines: [{ sku, qty: 2, unitPrice: 1 }] },
        as,
      );
      expect(allocated.status, JSON.stringify(allocated.body)).toBe(201);
      expect(allocated.body.warehouse).toBe(mine);
    });
  });
}

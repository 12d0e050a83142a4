import { describe, expect, it } from 'vitest';
import { testDatabaseKinds } from './support/databases';
import { act, expectBooksAgree, makeItem, makeWarehouse, receive, stockOf } from './support/fixtures';
import { type TestServer, useTestServer } from './support/server';

const now = Date.parse('2026-11-06T03:00:00Z');

async function binsOf(ts: TestServer, sku: string) {
  const res = await ts.api<{ items: { bin: string; qty: number }[] }>('GET', `/api/v1/stock/bins?sku=${sku}`);
  expect(res.status).toBe(200);
  return res.body.items.map((r) => [r.bin, r.qty]);
}

for (const kind of testDatabaseKinds()) {
  describe(`bins on ${kind}`, () => {
    const server = useTestServer(kind, { clock: () => now });

    it('puts receipts away into the named bin or the default one, and keeps stock per bin', async () => {
      const ts = server();
      const wh = await makeWarehouse(ts);
      const sku = await makeItem(ts);
      await receive(ts, wh, [{ sku, qty: 5, unitCost: 1 }]);
      const res = await ts.api('POST', '/api/v1/receipts', {
        warehouse: wh,
        lines: [{ sku, qty: 7, unitCost: 1, bin: 'A-01' }],
      });
      expect(res.status).toBe(201);
      expect(await binsOf(ts, sku)).toEqual([
        ['A-01', 7],
        ['DEFAULT', 5],
      ]);
      const bins = await ts.api<{ items: { code: string; default: boolean }[] }>(
        'GET',
        `/api/v1/warehouses/${wh}/bins`,
      );
      expect(bins.body.items.map((b) => b.code)).toEqual(['A-01', 'DEFAULT']);

      const made = await ts.api('POST', `/api/v1/warehouses/${wh}/bins`, {
        code: 'R-01',
        name: 'Receiving',
        default: true,
      });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      expect(made.body).toMatchObject({ code: 'R-01', default: true });
      expect((await ts.api('POST', `/api/v1/warehouses/${wh}/bins`, { code: 'R-01' })).status).toBe(409);
      await receive(ts, wh, [{ sku, qty: 2, unitCost: 1 }]);
      expect(await binsOf(ts, sku)).toContainEqual(['R-01', 2]);
      await expectBooksAgree(ts);
    });

    it('moves goods between bins without changing the warehouse balance, and ships from a named bin', async () => {
      const ts = server();
      const wh = await makeWarehouse(ts);
      const sku = await makeItem(ts);
      await receive(ts, wh, [{ sku, qty: 10, unitCost: 2, bin: 'A-01' }]);
      const moved = await ts.api('POST', '/api/v1/bin-moves', {
        warehouse: wh,
        lines: [{ sku, qty: 4, from: 'A-01', to: 'B-02' }],
      });
      expect(moved.status, JSON.stringify(moved.body)).toBe(201);
      expect(await binsOf(ts, sku)).toEqual([
        ['A-01', 6],
        ['B-02', 4],
      ]);
      expect(await stockOf(ts, sku, wh)).toMatchObject({ onHand: 10 });
      const tooMuch = await ts.api('POST', '/api/v1/bin-moves', {
        warehouse: wh,
        lines: [
          { sku, qty: 1, from: 'A-01', to: 'C-03' },
          { sku, qty: 5, from: 'B-02', to: 'C-03' },
        ],
      });
      expect(tooMuch.body).toMatchObject({ code: 'validation_failed', errors: [{ path: 'lines.1.qty' }] });
      expect(await binsOf(ts, sku)).toEqual([
        ['A-01', 6],
        ['B-02', 4],
      ]);

      const so = await act(
        ts,
        '/api/v1/sales-orders',
        { warehouse: wh, lines: [{ sku, qty: 5, unitPrice: 3 }] },
        201,
      );
      const short = await ts.api('POST', `/api/v1/sales-orders/${so.id}/ship`, {
        lines: [{ sku, qty: 5, bin: 'B-02' }],
      });
      expect(short.body).toMatchObject({ code: 'insufficient_stock' });
      await act(ts, `/api/v1/sales-orders/${so.id}/ship`, { lines: [{ sku, qty: 4, bin: 'B-02' }] });
      await act(ts, `/api/v1/sales-orders/${so.id}/ship`);
      expect(await binsOf(ts, sku)).toEqual([['A-01', 5]]);
      const ledger = await ts.api<{ items: { type: string; bin: string | null }[] }>(
        'GET',
        `/api/v1/ledger?sku=${sku}&type=shipment`,
      );
      expect(ledger.body.items.map((e) => e.bin)).toEqual(['A-01', 'B-02']);
      await expectBooksAgree(ts);
    });
  });
}

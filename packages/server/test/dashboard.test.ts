import { describe, expect, it } from 'vitest';
import { testDatabaseKinds } from './support/databases';
import { act, makeItem, makeWarehouse, receive } from './support/fixtures';
import { signInAs } from './support/people';
import { useTestServer } from './support/server';

// Business dates are in Asia/Shanghai: 2026-11-20T20:00:00Z is already 2026-11-21 there.
const YESTERDAY = Date.parse('2026-11-20T03:00:00Z');
const TODAY = Date.parse('2026-11-20T20:00:00Z');
let now = YESTERDAY;

for (const kind of testDatabaseKinds()) {
  describe(`the dashboard on ${kind}`, () => {
    const server = useTestServer(kind, { clock: () => now });

    it('sums stock, value, reservations and the days in and out, inside the caller’s warehouses', async () => {
      now = YESTERDAY;
      const ts = server();
      const east = await makeWarehouse(ts);
      const south = await makeWarehouse(ts);
      const tea = await makeItem(ts, undefined, { category: 'tea' });
      const cup = await makeItem(ts, undefined, { category: 'cups' });
      const loose = await makeItem(ts);
      await receive(ts, east, [
        { sku: tea, qty: 10, unitCost: '2.5' },
        { sku: cup, qty: 4, unitCost: 1 },
      ]);
      now = TODAY;
      await receive(ts, south, [{ sku: loose, qty: 3, unitCost: '0.3333' }]);
      await act(
        ts,
        '/api/v1/reservations',
        { sku: tea, warehouse: east, qty: 10, reference: 'order 1' },
        201,
      );
      const wo = await act(
        ts,
        '/api/v1/write-offs',
        { warehouse: south, lines: [{ sku: loose, qty: 1, reason: 'damage' }] },
        201,
      );
      await act(ts, `/api/v1/write-offs/${wo.id}/post`);
      // Cups: 4 available, safety stock 5 → below; loose: 2 available, safety stock 2 → not below.
      for (const [sku, warehouse, safetyStock] of [
        [cup, east, 5],
        [loose, south, 2],
      ] as const)
        expect((await ts.api('PUT', '/api/v1/stock-levels', { sku, warehouse, safetyStock })).status).toBe(
          200,
        );

      const res = await ts.api<Record<string, unknown>>('GET', '/api/v1/dashboard');
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const valuation = await ts.api<{ totalValue: number }>('GET', '/api/v1/reports/valuation');
      expect(res.body).toMatchObject({
        date: '2026-11-21',
        stockValue: valuation.body.totalValue,
        onHand: 16,
        reserved: 10,
        inTransit: 0,
        skusInStock: 3,
        skusOutOfStock: 1,
        skusBelowSafetyStock: 1,
        todayIn: 3,
        todayOut: 1,
      });
      expect(valuation.body.totalValue).toBe(29.6666);
      expect(res.body.byWarehouse).toEqual([
        { warehouse: east, name: `Warehouse ${east}`, qty: 14, value: 29 },
        { warehouse: south, name: `Warehouse ${south}`, qty: 2, value: 0.6666 },
      ]);
      expect(res.body.byCategory).toEqual(
        expect.arrayContaining([
          { category: 'cups', qty: 4, value: 4 },
          { category: 'tea', qty: 10, value: 25 },
          { category: null, qty: 2, value: 0.6666 },
        ]),
      );
      expect(res.body.byWarehouseAndCategory).toHaveLength(3);
      const days = res.body.last30Days as { date: string; inQty: number; outQty: number }[];
      expect(days).toHaveLength(30);
      expect(days[0]?.date).toBe('2026-10-23');
      expect(days.slice(-2)).toEqual([
        { date: '2026-11-20', inQty: 14, outQty: 0 },
        { date: '2026-11-21', inQty: 3, outQty: 1 },
      ]);

      // A viewer of one warehouse sees its quantities; values need report.read, which viewers hold.
      const scoped = await ts.api<Record<string, unknown>>('GET', '/api/v1/dashboard', undefined, {
        token: await signInAs(ts, 'viewer', [south]),
      });
      expect(scoped.body).toMatchObject({ onHand: 2, reserved: 0, stockValue: 0.6666, todayIn: 3 });
      expect(scoped.body.byWarehouse).toEqual([
        { warehouse: south, name: `Warehouse ${south}`, qty: 2, value: 0.6666 },
      ]);

      // A clerk reads stock but not reports: quantities without values.
      const quantitiesOnly = await ts.api<Record<string, unknown>>('GET', '/api/v1/dashboard', undefined, {
        token: await signInAs(ts, 'clerk'),
      });
      expect(quantitiesOnly.body).toMatchObject({ onHand: 16, stockValue: null });
      expect(quantitiesOnly.body.byWarehouse).toEqual([
        { warehouse: east, name: `Warehouse ${east}`, qty: 14, value: null },
        { warehouse: south, name: `Warehouse ${south}`, qty: 2, value: null },
      ]);
    });
  });
}

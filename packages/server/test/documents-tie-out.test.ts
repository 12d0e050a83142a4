import { describe, expect, it } from 'vitest';
import { testDatabaseKinds } from './support/databases';
import { act, expectBooksAgree, makeItem, makePartner, makeWarehouse, stockOf } from './support/fixtures';
import { signInAgain, type TestServer, useTestServer } from './support/server';

const START = Date.parse('2026-11-09T01:00:00Z');
const HOUR = 3_600_000;
let now = START;

interface Row {
  warehouse: string;
  openingQty: number;
  openingValue: number;
  inQty: number;
  inValue: number;
  outQty: number;
  outValue: number;
  closingQty: number;
  closingValue: number;
}

async function movement(ts: TestServer, sku: string, from: number, to: number): Promise<Row[]> {
  const range = `from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}`;
  const res = await ts.api<{ items: Row[] }>('GET', `/api/v1/reports/movement?sku=${sku}&${range}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items;
}

const figures = (r: Row | undefined) =>
  r && [r.openingQty, r.openingValue, r.inQty, r.inValue, r.outQty, r.outValue, r.closingQty, r.closingValue];

for (const kind of testDatabaseKinds()) {
  describe(`a week of documents tying out to the ledger on ${kind}`, () => {
    const server = useTestServer(kind, { clock: () => now });

    it('gives the 进销存 report and the valuation worked out by hand', async () => {
      const ts = server();
      now = START;
      await signInAgain(ts);
      const a = await makeWarehouse(ts);
      const b = await makeWarehouse(ts);
      const sku = await makeItem(ts);
      const supplier = await makePartner(ts, 'suppliers');
      const buy = async (qty: number, unitCost: string) => {
        const po = await act(
          ts,
          '/api/v1/purchase-orders',
          { supplier, warehouse: a, lines: [{ sku, qty, unitCost }] },
          201,
        );
        await act(ts, `/api/v1/purchase-orders/${po.id}/submit`);
        await act(ts, `/api/v1/purchase-orders/${po.id}/approve`);
        await act(ts, `/api/v1/purchase-orders/${po.id}/receive`, { lines: [{ sku, qty }] });
      };

      now = START + 1 * HOUR; // in 100 @ 2.00 = 200
      await buy(100, '2');
      now = START + 2 * HOUR; // out 30 @ 2.00 = 60
      const so = await act(
        ts,
        '/api/v1/sales-orders',
        { warehouse: a, lines: [{ sku, qty: 30, unitPrice: 5 }] },
        201,
      );
      await act(ts, `/api/v1/sales-orders/${so.id}/ship`);
      now = START + 3 * HOUR; // in 50 @ 2.60 = 130
      await buy(50, '2.6');
      now = START + 4 * HOUR; // A out 40 @ 2.00 = 80; B in 40 = 80
      const t = await act(ts, '/api/v1/transfers', { from: a, to: b, lines: [{ sku, qty: 40 }] }, 201);
      await act(ts, `/api/v1/transfers/${t.id}/confirm`);
      await act(ts, `/api/v1/transfers/${t.id}/ship`);
      await act(ts, `/api/v1/transfers/${t.id}/receive`);
      now = START + 5 * HOUR; // a return of 5 comes back at the 2.00 it left with = 10
      await act(
        ts,
        `/api/v1/sales-orders/${so.id}/returns`,
        { lines: [{ sku, qty: 5, disposition: 'restock', reason: 'unwanted' }] },
        201,
      );
      now = START + 6 * HOUR; // write-off 3 @ 2.00 = 6
      const wo = await act(
        ts,
        '/api/v1/write-offs',
        { warehouse: a, lines: [{ sku, qty: 3, reason: 'damage' }] },
        201,
      );
      await act(ts, `/api/v1/write-offs/${wo.id}/post`);
      now = START + 7 * HOUR; // the books say 82, the count finds 80: adjustment −2 @ 2.00 = 4
      const st = await act(ts, '/api/v1/stocktakes', { warehouse: a, skus: [sku] }, 201);
      await act(ts, `/api/v1/stocktakes/${st.id}/counts`, { lines: [{ sku, countedQty: 80 }] });
      await act(ts, `/api/v1/stocktakes/${st.id}/post`, { reasons: [{ sku, reason: 'damage' }] });
      now = START + 8 * HOUR;

      // A: in 100 + 50 + 5 = 155 (200 + 130 + 10 = 340); out 30 + 40 + 3 + 2 = 75 (60 + 80 + 6 + 4 = 150).
      // Left in A: 25 @ 2.00 of the first layer, the 5 returned @ 2.00 and 50 @ 2.60 = 190.
      const week = await movement(ts, sku, START, now);
      expect(week.map((r) => r.warehouse)).toEqual([a, b].sort());
      const byWarehouse = new Map(week.map((r) => [r.warehouse, r]));
      expect(figures(byWarehouse.get(a))).toEqual([0, 0, 155, 340, 75, 150, 80, 190]);
      expect(figures(byWarehouse.get(b))).toEqual([0, 0, 40, 80, 0, 0, 40, 80]);

      // From the transfer on, A opens with 120 worth 200 − 60 + 130 = 270.
      const later = await movement(ts, sku, START + 3.5 * HOUR, now);
      expect(figures(later.find((r) => r.warehouse === a))).toEqual([120, 270, 5, 10, 45, 90, 80, 190]);

      const valuation = await ts.api<{
        items: { warehouse: string; qty: number; value: number }[];
        totalValue: number;
      }>('GET', `/api/v1/reports/valuation?sku=${sku}`);
      expect(valuation.body.totalValue).toBe(270);

      // Finance's view of the week: the write-off and the count's adjustment, both for damage.
      const range = `from=${new Date(START).toISOString()}&to=${new Date(now).toISOString()}&sku=${sku}`;
      const byType = await ts.api<{ items: { key: string; qty: number; value: number }[]; totals: object }>(
        'GET',
        `/api/v1/reports/losses?${range}&groupBy=type`,
      );
      expect(byType.body.items.map((r) => [r.key, r.qty, r.value])).toEqual([
        ['write_off', -3, -6],
        ['adjustment', -2, -4],
      ]);
      expect(byType.body.totals).toEqual({ qty: -5, value: -10, entries: 2 });
      const byReason = await ts.api<{ items: { key: string; value: number }[] }>(
        'GET',
        `/api/v1/reports/losses?${range}`,
      );
      expect(byReason.body.items.map((r) => [r.key, r.value])).toEqual([['damage', -10]]);
      expect(await stockOf(ts, sku, a)).toMatchObject({ onHand: 80, reserved: 0, incoming: 0 });
      expect(await stockOf(ts, sku, b)).toMatchObject({ onHand: 40, inTransit: 0 });
      await expectBooksAgree(ts);
    });
  });
}

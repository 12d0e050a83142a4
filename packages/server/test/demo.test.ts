import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/demo/seed';
import { verifyLedger } from '../src/ledger/verify';
import { testDatabaseKinds } from './support/databases';
import { type ApiResponse, type TestServer, useTestServer } from './support/server';

/** A Sunday afternoon in Shanghai, eleven days after Double 11. */
const now = Date.parse('2026-11-22T06:00:00Z');

type Doc = {
  id: string;
  status: string;
  channel?: string | null;
  exchangeOrderId?: string | null;
  lines: { disposition?: string }[];
  history: { action: string }[];
};
type StockRow = { onHand: number; reserved: number; incoming: number; inTransit: number };

/** Every row of a paged list. */
async function everything<T>(ts: TestServer, path: string): Promise<T[]> {
  const rows: T[] = [];
  let cursor: string | null = null;
  do {
    const after: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const res: ApiResponse<{ items: T[]; nextCursor: string | null }> = await ts.api(
      'GET',
      `${path}?limit=500${after}`,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    rows.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return rows;
}

const statusesOf = (docs: readonly Doc[]) => [...new Set(docs.map((d) => d.status))];

for (const kind of testDatabaseKinds()) {
  describe(`the demo shop on ${kind}`, () => {
    const server = useTestServer(kind, { clock: () => now });
    let loaded: Record<string, number> | null = null;

    beforeAll(async () => {
      loaded = await seedDemo(server().server.database, 'Asia/Shanghai', now);
    }, 180_000);

    it('buys through purchase orders in every status, and returns some to a supplier', async () => {
      const ts = server();
      expect(loaded).toMatchObject({ warehouses: 4, items: 180, receipts: 4 });
      const orders = await everything<Doc>(ts, '/api/v1/purchase-orders');
      expect(statusesOf(orders)).toEqual(
        expect.arrayContaining(['received', 'closed', 'cancelled', 'pending_approval', 'approved']),
      );
      const inTwoDeliveries = orders.filter(
        (o) => o.history.filter((h) => h.action === 'receive').length === 2,
      );
      expect(inTwoDeliveries.length).toBeGreaterThan(0);
      const returns = await everything<Doc>(ts, '/api/v1/purchase-returns');
      expect(statusesOf(returns)).toContain('posted');
    });

    it('sells every day on several channels: shipped, in parts, cancelled, still open; returns and an exchange', async () => {
      const ts = server();
      const orders = await everything<Doc>(ts, '/api/v1/sales-orders');
      expect(statusesOf(orders)).toEqual(expect.arrayContaining(['shipped', 'cancelled', 'confirmed']));
      expect([...new Set(orders.map((o) => o.channel))]).toEqual(
        expect.arrayContaining(['pos', 'web', 'tmall', 'jd', 'pdd', 'wholesale']),
      );
      const inParts = orders.filter((o) => o.history.filter((h) => h.action === 'ship').length === 2);
      expect(inParts.length).toBeGreaterThan(0);
      const returns = await everything<Doc>(ts, '/api/v1/sales-returns');
      expect([...new Set(returns.flatMap((r) => r.lines.map((l) => l.disposition)))]).toEqual(
        expect.arrayContaining(['restock', 'quarantine', 'write_off']),
      );
      expect(returns.filter((r) => r.exchangeOrderId)).toHaveLength(1);
    });

    it('moves stock between the warehouses and to the store: received, closed with a loss, on the road', async () => {
      const transfers = await everything<Doc>(server(), '/api/v1/transfers');
      expect(statusesOf(transfers)).toEqual(expect.arrayContaining(['received', 'closed', 'shipped']));
    });

    it('counts stock and writes off damage at each month end, which the loss analysis shows', async () => {
      const ts = server();
      const stocktakes = await everything<Doc>(ts, '/api/v1/stocktakes');
      expect(stocktakes.length).toBeGreaterThanOrEqual(5);
      expect(statusesOf(stocktakes)).toEqual(['posted']);
      const writeOffs = await everything<Doc>(ts, '/api/v1/write-offs');
      expect(statusesOf(writeOffs)).toEqual(['posted']);
      const losses = await ts.api<{ items: { key: string; value: number }[] }>(
        'GET',
        '/api/v1/reports/losses?from=2026-05-01&to=2026-11-22&groupBy=type',
      );
      expect(losses.body.items.map((r) => r.key).sort()).toEqual(['adjustment', 'loss', 'write_off']);
    });

    it('shows stock on hand, reserved, incoming and in transit, and a month of in and out', async () => {
      const ts = server();
      const stock = await everything<StockRow>(ts, '/api/v1/stock');
      for (const side of ['onHand', 'reserved', 'incoming', 'inTransit'] as const)
        expect(
          stock.some((r) => r[side] > 0),
          side,
        ).toBe(true);
      const report = await ts.api<{ totals: { inQty: number; outQty: number } }>(
        'GET',
        '/api/v1/reports/movement?from=2026-10-22&to=2026-11-21',
      );
      expect(report.status).toBe(200);
      expect(report.body.totals.inQty).toBeGreaterThan(0);
      expect(Math.abs(report.body.totals.outQty)).toBeGreaterThan(0);
    });

    it('keeps the books agreeing and loads nothing the second time', async () => {
      const ts = server();
      expect(await verifyLedger(ts.server.database.db)).toEqual([]);
      expect(await seedDemo(ts.server.database, 'Asia/Shanghai', now)).toBeNull();
    });
  });
}

import { describe, expect, it } from 'vitest';
import { csvLines } from './support/csv';
import { testDatabaseKinds } from './support/databases';
import { makeItem, makeWarehouse, receive, uniqueCode } from './support/fixtures';
import { type TestServer, useTestServer } from './support/server';
import { shipThroughLedger } from './support/shipments';

// Business dates are in Asia/Shanghai (UTC+8): noon on 4 Nov there is 04:00Z.
const NOON_NOV_4 = Date.parse('2026-11-04T04:00:00Z');
let now = NOON_NOV_4;

interface Batch {
  sku: string;
  warehouse: string;
  batch: string | null;
  expiresOn: string | null;
  qty: number;
  value: number;
  daysLeft?: number;
}

const cells = (rows: Batch[]) => rows.map((r) => [r.sku, r.batch, r.expiresOn, r.qty, r.value, r.daysLeft]);

/** A warehouse with milk in three batches (one expired on 30 Oct) and untracked bolts. */
async function pantry(ts: TestServer): Promise<{ wh: string; milk: string; bolts: string }> {
  const wh = await makeWarehouse(ts);
  const milk = await makeItem(ts, uniqueCode('MILK'), { batchTracked: true, expiryTracked: true });
  const bolts = await makeItem(ts, uniqueCode('BOLT'));
  await receive(ts, wh, [
    { sku: milk, qty: 4, unitCost: 1, batch: 'B1', expiresOn: '2026-11-20' },
    { sku: milk, qty: 2, unitCost: 2, batch: 'B2', expiresOn: '2026-12-31' },
    { sku: milk, qty: 1, unitCost: '0.5', batch: 'B0', expiresOn: '2026-10-30' },
    { sku: milk, qty: 1, unitCost: '1.5', batch: 'B1', expiresOn: '2026-11-20' },
    { sku: bolts, qty: 10, unitCost: '0.1' },
  ]);
  // One of B1 leaves from its oldest layer (1 @ 1): 3 @ 1 + 1 @ 1.5 = 4.5 stay.
  await shipThroughLedger(ts, milk, wh, 1_000n, now, 'B1');
  return { wh, milk, bolts };
}

for (const kind of testDatabaseKinds()) {
  describe(`stock per batch and the near-expiry list on ${kind}`, () => {
    const server = useTestServer(kind, { clock: () => now });

    it('lists stock per batch from the open cost layers, sorted with undated stock last', async () => {
      now = NOON_NOV_4;
      const ts = server();
      const { wh, milk, bolts } = await pantry(ts);
      const res = await ts.api<{ items: Batch[] }>('GET', `/api/v1/stock/batches?warehouse=${wh}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(cells(res.body.items)).toEqual([
        [bolts, null, null, 10, 1, undefined],
        [milk, 'B0', '2026-10-30', 1, 0.5, undefined],
        [milk, 'B1', '2026-11-20', 4, 4.5, undefined],
        [milk, 'B2', '2026-12-31', 2, 4, undefined],
      ]);
      expect(res.body.items[0]).toEqual({
        sku: bolts,
        itemId: expect.any(String),
        warehouse: wh,
        warehouseId: expect.any(String),
        batch: null,
        expiresOn: null,
        qty: 10,
        value: 1,
      });

      const soon = await ts.api<{ items: Batch[] }>(
        'GET',
        `/api/v1/stock/batches?sku=${milk}&expiringWithinDays=30`,
      );
      expect(soon.body.items.map((r) => r.batch)).toEqual(['B0', 'B1']);

      const first = await ts.api<{ items: Batch[]; nextCursor: string }>(
        'GET',
        `/api/v1/stock/batches?warehouse=${wh}&limit=3`,
      );
      const rest = await ts.api<{ items: Batch[]; nextCursor: null }>(
        'GET',
        `/api/v1/stock/batches?warehouse=${wh}&limit=3&cursor=${first.body.nextCursor}`,
      );
      expect([...first.body.items, ...rest.body.items]).toEqual(res.body.items);
      expect(rest.body.nextCursor).toBeNull();

      const csv = await ts.api('GET', `/api/v1/stock/batches?warehouse=${wh}&format=csv`);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csvLines(csv.body)).toEqual([
        'sku,warehouse,batch,expiresOn,qty,value',
        `${bolts},${wh},,,10,1`,
        `${milk},${wh},B0,2026-10-30,1,0.5`,
        `${milk},${wh},B1,2026-11-20,4,4.5`,
        `${milk},${wh},B2,2026-12-31,2,4`,
      ]);
    });

    it('lists batches expiring within the window, expired ones included, with days left in the shop time zone', async () => {
      now = NOON_NOV_4;
      const ts = server();
      const { wh, milk } = await pantry(ts);
      const list = (query: string) =>
        ts.api<{ items: Batch[] }>('GET', `/api/v1/reports/expiring?warehouse=${wh}${query}`);

      // Today is 4 Nov: B0 expired 5 days ago, B1 has 16 days left, B2 (57) is beyond 30 days.
      expect(cells((await list('')).body.items)).toEqual([
        [milk, 'B0', '2026-10-30', 1, 0.5, -5],
        [milk, 'B1', '2026-11-20', 4, 4.5, 16],
      ]);
      expect(cells((await list('&days=0')).body.items)).toEqual([[milk, 'B0', '2026-10-30', 1, 0.5, -5]]);
      expect((await list('&days=57')).body.items.map((r) => r.batch)).toEqual(['B0', 'B1', 'B2']);
      expect((await list('&days=56')).body.items.map((r) => r.batch)).toEqual(['B0', 'B1']);

      now = Date.parse('2026-11-04T16:00:00Z'); // midnight: 5 Nov has begun in Shanghai
      expect((await list('')).body.items.map((r) => r.daysLeft)).toEqual([-6, 15]);
      const csv = await ts.api('GET', `/api/v1/reports/expiring?warehouse=${wh}&format=csv`);
      expect(csv.headers['content-disposition']).toContain('expiring-2026-11-05.csv');
      expect(csvLines(csv.body)).toEqual([
        'sku,warehouse,batch,expiresOn,qty,value,daysLeft',
        `${milk},${wh},B0,2026-10-30,1,0.5,-6`,
        `${milk},${wh},B1,2026-11-20,4,4.5,15`,
      ]);
    });

    it('refuses a window that is not a whole number of days, 0 or more', async () => {
      const ts = server();
      for (const [path, field] of [
        ['/api/v1/reports/expiring?days=-1', 'days'],
        ['/api/v1/reports/expiring?days=1.5', 'days'],
        ['/api/v1/stock/batches?expiringWithinDays=soon', 'expiringWithinDays'],
      ]) {
        const res = await ts.api('GET', path ?? '');
        expect(res.status, path).toBe(400);
        expect(res.body).toMatchObject({
          code: 'validation_failed',
          errors: [expect.objectContaining({ path: field })],
        });
      }
    });
  });
}

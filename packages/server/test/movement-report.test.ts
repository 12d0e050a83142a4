import { endOfBusinessDate, startOfBusinessDate } from '@onhand/domain';
import { describe, expect, it } from 'vitest';
import { newId } from '../src/db/ids';
import { hashPassword } from '../src/modules/auth/passwords';
import { csvLines } from './support/csv';
import { testDatabaseKinds } from './support/databases';
import { makeItem, makeWarehouse, receive, uniqueCode } from './support/fixtures';
import { signInAgain, type TestServer, useTestServer } from './support/server';
import { shipThroughLedger } from './support/shipments';

// Business dates are in Asia/Shanghai (UTC+8): 2026-11-02 runs from 2026-11-01T16:00Z to 2026-11-02T16:00Z.
const TZ = 'Asia/Shanghai';
const DAY1 = Date.parse('2026-11-01T16:30:00Z'); // 00:30 on 2 Nov in Shanghai
const DAY2 = Date.parse('2026-11-02T16:30:00Z'); // 00:30 on 3 Nov
const DAY3 = Date.parse('2026-11-03T16:10:00Z'); // 00:10 on 4 Nov
let now = DAY1;

type Figures = Record<string, number>;
interface Report {
  items: (Figures & { sku: string; warehouse: string; inByType: object; outByType: object })[];
  nextCursor: string | null;
  totals: Figures;
}

/** Moves the clock to an instant and signs in again there (sessions last 24 h). */
async function at(ts: TestServer, instant: number): Promise<void> {
  now = instant;
  await signInAgain(ts);
}

/** The eight figures of a row, written out in report order. */
const expected = (...v: [number, number, number, number, number, number, number, number]) => ({
  openingQty: v[0],
  openingValue: v[1],
  inQty: v[2],
  inValue: v[3],
  outQty: v[4],
  outValue: v[5],
  closingQty: v[6],
  closingValue: v[7],
});

const figures = (f: Figures) => ({
  openingQty: f.openingQty,
  openingValue: f.openingValue,
  inQty: f.inQty,
  inValue: f.inValue,
  outQty: f.outQty,
  outValue: f.outValue,
  closingQty: f.closingQty,
  closingValue: f.closingValue,
});

for (const kind of testDatabaseKinds()) {
  describe(`进销存 movement report on ${kind}`, () => {
    const server = useTestServer(kind, { clock: () => now });
    const report = (ts: TestServer, query: string) =>
      ts.api<Report>('GET', `/api/v1/reports/movement?${query}`);

    it('sums opening, in, out and closing per period from the ledger, tying out to valuation', async () => {
      const ts = server();
      const wh = await makeWarehouse(ts);
      const sku = await makeItem(ts);
      await at(ts, DAY1);
      await receive(ts, wh, [
        { sku, qty: 10, unitCost: '2.50' },
        { sku, qty: 5, unitCost: '3.00' },
      ]);
      // FIFO: 10 @ 2.50 = 25 and 2 @ 3.00 = 6 leave, 31 in all; 3 @ 3.00 = 9 stay.
      await shipThroughLedger(ts, sku, wh, 12_000n, DAY2);
      await at(ts, DAY3);
      await receive(ts, wh, [{ sku, qty: 3, unitCost: '4.1234' }]); // 12.3702

      const day1 = await report(ts, `sku=${sku}&from=2026-11-02&to=2026-11-02`);
      expect(day1.status, JSON.stringify(day1.body)).toBe(200);
      expect(day1.body.items).toEqual([
        {
          sku,
          itemId: expect.any(String),
          warehouse: wh,
          warehouseId: expect.any(String),
          ...expected(0, 0, 15, 40, 0, 0, 15, 40),
          inByType: { receipt: { qty: 15, value: 40 } },
          outByType: {},
        },
      ]);
      const day2 = await report(ts, `sku=${sku}&from=2026-11-03&to=2026-11-03`);
      expect(day2.body.items.map(figures)).toEqual([expected(15, 40, 0, 0, 12, 31, 3, 9)]);
      expect(day2.body.items[0]?.outByType).toEqual({ shipment: { qty: 12, value: 31 } });
      const day3 = await report(ts, `sku=${sku}&from=2026-11-04&to=2026-11-04`);
      expect(day3.body.items.map(figures)).toEqual([expected(3, 9, 3, 12.3702, 0, 0, 6, 21.3702)]);
      const all = await report(ts, `sku=${sku}&from=2026-11-02&to=2026-11-04`);
      expect(all.body.items.map(figures)).toEqual([expected(0, 0, 18, 52.3702, 12, 31, 6, 21.3702)]);
      expect(all.body.totals).toEqual(figures(all.body.items[0] ?? {}));

      // The closing of one period is the opening of the next, and equals the valuation at its end.
      expect(day2.body.items[0]?.closingQty).toBe(day3.body.items[0]?.openingQty);
      expect(day2.body.items[0]?.closingValue).toBe(day3.body.items[0]?.openingValue);
      for (const [date, period] of [
        ['2026-11-03', day2],
        ['2026-11-04', day3],
      ] as const) {
        const valuation = await ts.api<{ items: { qty: number; value: number }[] }>(
          'GET',
          `/api/v1/reports/valuation?sku=${sku}&date=${date}`,
        );
        expect(valuation.body.items).toEqual([
          expect.objectContaining({
            qty: period.body.items[0]?.closingQty,
            value: period.body.items[0]?.closingValue,
          }),
        ]);
      }

      // Summing the opening forward from the first entry or backward from the stock held now
      // gives the same figures, also for a period with movements after it.
      const movement = ts.server.services.movement;
      for (const [from, to] of [
        ['2026-11-02', '2026-11-02'],
        ['2026-11-03', '2026-11-03'],
        ['2026-11-02', '2026-11-04'],
        ['2026-11-01', '2026-11-05'],
      ] as const) {
        const period = { from: startOfBusinessDate(from, TZ), to: endOfBusinessDate(to, TZ) };
        const forward = await movement.rows({ sku }, period, null, 'forward');
        expect(forward).toHaveLength(1);
        expect(await movement.rows({ sku }, period, null, 'backward')).toEqual(forward);
      }

      // Instants work as well as dates: day 2 is [16:00Z on 2 Nov, 16:00Z on 3 Nov).
      const byInstant = await report(ts, `sku=${sku}&from=2026-11-02T16:00:00Z&to=2026-11-03T15:59:59.999Z`);
      expect(byInstant.body.items.map(figures)).toEqual(day2.body.items.map(figures));
      // A period before any movement has nothing to say.
      const before = await report(ts, `sku=${sku}&from=2026-10-01&to=2026-10-31`);
      expect(before.body).toEqual({
        items: [],
        nextCursor: null,
        totals: expected(0, 0, 0, 0, 0, 0, 0, 0),
      });
    });

    it('leaves out rows with no opening and no movement, filters, pages and totals the whole report', async () => {
      const ts = server();
      const sh = await makeWarehouse(ts);
      const gz = await makeWarehouse(ts);
      const category = uniqueCode('cat');
      const cola = await makeItem(ts, undefined, { category });
      const chips = await makeItem(ts, undefined, { category });
      await at(ts, DAY1);
      await receive(ts, sh, [
        { sku: cola, qty: 2, unitCost: '1.1111' },
        { sku: chips, qty: 1, unitCost: '0.3333' },
      ]);
      await receive(ts, gz, [{ sku: cola, qty: 1.5, unitCost: '0.0001' }]); // 0.00015 → 0.0002
      await shipThroughLedger(ts, chips, sh, 1_000n, DAY2); // chips are gone at the end of day 2

      const day3 = await report(ts, `category=${category}&from=2026-11-04&to=2026-11-04`);
      const rows = day3.body.items.map((r) => [r.sku, r.warehouse, r.closingQty, r.closingValue]);
      const closings = [
        [cola, sh, 2, 2.2222],
        [cola, gz, 1.5, 0.0002],
      ].sort((a, b) => (String(a[1]) < String(b[1]) ? -1 : 1));
      expect(rows).toEqual(closings);
      expect(day3.body.totals).toMatchObject({ openingQty: 3.5, openingValue: 2.2224, closingValue: 2.2224 });

      const first = await report(ts, `category=${category}&from=2026-11-02&to=2026-11-04&limit=2`);
      expect(first.body.items).toHaveLength(2);
      expect(first.body.nextCursor).not.toBeNull();
      const second = await report(
        ts,
        `category=${category}&from=2026-11-02&to=2026-11-04&limit=2&cursor=${first.body.nextCursor}`,
      );
      expect(second.body.nextCursor).toBeNull();
      const keys = [...first.body.items, ...second.body.items].map((r) => `${r.sku} ${r.warehouse}`);
      expect(keys).toEqual([`${chips} ${sh}`, ...[sh, gz].sort().map((w) => `${cola} ${w}`)].sort());
      // 1 @ 0.3333 + 2 @ 1.1111 + 1.5 @ 0.0001 came in; the chips went out.
      const totals = { inQty: 4.5, inValue: 2.5557, outQty: 1, outValue: 0.3333, closingQty: 3.5 };
      expect(first.body.totals).toMatchObject(totals);
      expect(second.body.totals).toEqual(first.body.totals);

      const onlyGz = await report(ts, `category=${category}&warehouse=${gz}&from=2026-11-02&to=2026-11-04`);
      expect(onlyGz.body.items.map((r) => r.sku)).toEqual([cola]);
    });

    it('answers as CSV with every column and a column pair per ledger type that moved stock', async () => {
      const ts = server();
      const wh = await makeWarehouse(ts);
      const sku = await makeItem(ts);
      await at(ts, DAY1);
      await receive(ts, wh, [{ sku, qty: 4, unitCost: '2.5' }]);
      await shipThroughLedger(ts, sku, wh, 1_500n, DAY2);
      const csv = await ts.api(
        'GET',
        `/api/v1/reports/movement?sku=${sku}&from=2026-11-02&to=2026-11-03&format=csv`,
      );
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csvLines(csv.body)).toEqual([
        'sku,warehouse,openingQty,openingValue,inQty,inValue,outQty,outValue,closingQty,closingValue,' +
          'inQty.receipt,inValue.receipt,outQty.shipment,outValue.shipment',
        `${sku},${wh},0,0,4,10,1.5,3.75,2.5,6.25,4,10,1.5,3.75`,
      ]);
    });

    it('refuses a missing, malformed or reversed period naming the field', async () => {
      const ts = server();
      for (const [query, path] of [
        ['to=2026-11-02', 'from'],
        ['from=2026-11-02', 'to'],
        ['from=2026-02-30&to=2026-03-01', 'from'],
        ['from=2026-11-02&to=yesterday', 'to'],
        ['from=2026-11-03&to=2026-11-02', 'from'],
        ['from=2026-11-02&to=2026-11-02&cursor=nonsense', 'cursor'],
      ]) {
        const res = await report(ts, query ?? '');
        expect(res.status, query).toBe(400);
        expect(res.body).toMatchObject({
          code: 'validation_failed',
          errors: [expect.objectContaining({ path })],
        });
      }
    });

    it('publishes the reports in the OpenAPI document', async () => {
      const doc = await server().api<{ paths: Record<string, { get?: object }> }>(
        'GET',
        '/api/openapi.json',
        undefined,
        { token: null },
      );
      for (const path of ['/api/v1/reports/movement', '/api/v1/reports/expiring', '/api/v1/stock/batches'])
        expect(doc.body.paths[path]?.get, path).toBeDefined();
      expect(JSON.stringify(doc.body.paths['/api/v1/reports/movement'])).toContain('outByType');
    });

    it('shows a user only the warehouses they are limited to', async () => {
      const ts = server();
      const mine = await makeWarehouse(ts);
      const other = await makeWarehouse(ts);
      const sku = await makeItem(ts);
      await at(ts, DAY1);
      await receive(ts, mine, [{ sku, qty: 1, unitCost: 1 }]);
      await receive(ts, other, [{ sku, qty: 2, unitCost: 1 }]);
      const email = `${uniqueCode('viewer')}@test.local`;
      await ts.server.database.db
        .insertInto('users')
        .values({
          id: newId(now),
          email,
          name: 'Viewer',
          password_hash: await hashPassword('viewer password 1'),
          roles: JSON.stringify(['viewer']),
          warehouses: JSON.stringify([mine]),
          disabled: 0n,
          created_at: BigInt(now),
          updated_at: BigInt(now),
        })
        .execute();
      const login = await ts.api<{ token: string }>(
        'POST',
        '/api/v1/auth/login',
        { email, password: 'viewer password 1' },
        { token: null },
      );
      const res = await ts.api<Report>(
        'GET',
        `/api/v1/reports/movement?sku=${sku}&from=2026-11-02&to=2026-11-02`,
        undefined,
        {
          token: login.body.token,
        },
      );
      expect(res.body.items.map((r) => r.warehouse)).toEqual([mine]);
      expect(res.body.totals.closingQty).toBe(1);
    });
  });
}

import { describe, expect, it } from 'vitest';
import { verifyLedger } from '../src/ledger/verify';
import { testDatabaseKinds } from './support/databases';
import { makeItem, makeWarehouse, receive, stockedItem, stockOf } from './support/fixtures';
import { useTestServer } from './support/server';

// Business dates are in Asia/Shanghai for these servers: 2026-10-31 ends at 2026-10-31T16:00:00Z.
let now = Date.parse('2026-10-31T12:00:00Z'); // sessions last 24 h: keep the clock within that

for (const kind of testDatabaseKinds()) {
  describe(`receipts, stock, ledger and valuation on ${kind}`, () => {
    const server = useTestServer(kind, { clock: () => now });

    it('posts a receipt at once and writes one ledger entry per line with value and balance', async () => {
      const ts = server();
      const wh = await makeWarehouse(ts);
      const a = await makeItem(ts);
      const b = await makeItem(ts);
      const res = await ts.api('POST', '/api/v1/receipts', {
        warehouse: wh,
        reference: 'opening',
        lines: [
          { sku: a, qty: 1.5, unitCost: '0.3333' },
          { sku: b, qty: 24, unitCost: 12.5 },
          { sku: a, qty: 2, unitCost: '0.5' },
        ],
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        status: 'posted',
        warehouse: wh,
        version: 1,
        totalQty: 27.5,
        totalValue: 301.5,
      });
      expect(res.body.lines).toEqual([
        expect.objectContaining({ line: 1, sku: a, qty: 1.5, unitCost: 0.3333, value: 0.5 }),
        expect.objectContaining({ line: 2, sku: b, qty: 24, unitCost: 12.5, value: 300 }),
        expect.objectContaining({ line: 3, sku: a, qty: 2, unitCost: 0.5, value: 1 }),
      ]);
      expect(res.body.history).toEqual([
        expect.objectContaining({
          action: 'post',
          fromStatus: null,
          toStatus: 'posted',
          user: expect.objectContaining({ email: 'admin@test.local' }),
        }),
      ]);
      expect((await ts.api('GET', `/api/v1/receipts/${res.body.id}`)).body).toEqual(res.body);

      const ledger = await ts.api<{ items: Record<string, unknown>[] }>('GET', `/api/v1/ledger?sku=${a}`);
      expect(ledger.body.items).toEqual([
        expect.objectContaining({
          type: 'receipt',
          sku: a,
          warehouse: wh,
          qty: 2,
          unitCost: 0.5,
          value: 1,
          balanceAfter: 3.5,
          document: { type: 'receipt', id: res.body.id, line: 3 },
        }),
        expect.objectContaining({
          type: 'receipt',
          sku: a,
          warehouse: wh,
          qty: 1.5,
          unitCost: 0.3333,
          value: 0.5,
          balanceAfter: 1.5,
          document: { type: 'receipt', id: res.body.id, line: 1 },
        }),
      ]);
      expect(ledger.body.items[0]?.user).toEqual(expect.objectContaining({ email: 'admin@test.local' }));
      expect(await stockOf(ts, a, wh)).toMatchObject({
        onHand: 3.5,
        reserved: 0,
        quarantined: 0,
        available: 3.5,
        inTransit: 0,
        incoming: 0,
      });
    });

    it('adds 0.1 ten times to exactly 1', async () => {
      const ts = server();
      const wh = await makeWarehouse(ts);
      const sku = await makeItem(ts);
      for (let i = 0; i < 10; i++) await receive(ts, wh, [{ sku, qty: 0.1, unitCost: '0.1' }]);
      expect(await stockOf(ts, sku, wh)).toMatchObject({ onHand: 1, available: 1 });
      const valuation = await ts.api('GET', `/api/v1/reports/valuation?sku=${sku}`);
      expect(valuation.body.items).toEqual([
        expect.objectContaining({ sku, warehouse: wh, qty: 1, value: 0.1 }),
      ]);
    });

    it('filters stock by SKU, warehouse and category, one row per SKU × warehouse', async () => {
      const ts = server();
      const sh = await makeWarehouse(ts);
      const gz = await makeWarehouse(ts);
      const cat = `cat-${sh}`;
      const cola = await makeItem(ts, undefined, { category: cat });
      const chips = await makeItem(ts);
      await receive(ts, sh, [
        { sku: cola, qty: 500, unitCost: 2 },
        { sku: chips, qty: 7, unitCost: 3 },
      ]);
      await receive(ts, gz, [{ sku: cola, qty: 50, unitCost: 2.2 }]);
      const byCat = await ts.api<{ items: { sku: string; warehouse: string }[] }>(
        'GET',
        `/api/v1/stock?category=${cat}`,
      );
      expect(byCat.body.items.map((r) => [r.sku, r.warehouse])).toEqual(
        [sh, gz].sort().map((w) => [cola, w]),
      );
      const bySh = await ts.api<{ items: { sku: string }[] }>('GET', `/api/v1/stock?warehouse=${sh}`);
      expect(bySh.body.items.map((r) => r.sku).sort()).toEqual([chips, cola].sort());
    });

    it('tells stock as of the end of a past date from the ledger, in the shop time zone', async () => {
      const ts = server();
      const wh = await makeWarehouse(ts);
      const sku = await makeItem(ts);
      now = Date.parse('2026-10-31T15:59:59Z'); // 23:59:59 on 31 Oct in Shanghai
      await receive(ts, wh, [{ sku, qty: 10, unitCost: '1.25' }]);
      now = Date.parse('2026-10-31T16:00:01Z'); // already 1 Nov in Shanghai
      await receive(ts, wh, [{ sku, qty: 5, unitCost: '2' }]);
      const oct31 = await ts.api('GET', `/api/v1/stock/as-of?date=2026-10-31&sku=${sku}`);
      expect(oct31.status).toBe(200);
      expect(oct31.body.items).toEqual([
        expect.objectContaining({ sku, warehouse: wh, qty: 10, value: 12.5 }),
      ]);
      const nov1 = await ts.api('GET', `/api/v1/stock/as-of?date=2026-11-01&warehouse=${wh}`);
      expect(nov1.body.items).toEqual([expect.objectContaining({ sku, qty: 15, value: 22.5 })]);
      const csv = await ts.api('GET', `/api/v1/stock/as-of?date=2026-10-31&sku=${sku}&format=csv`);
      expect(
        String(csv.body)
          .replace(/^\uFEFF/, '')
          .trim()
          .split('\r\n'),
      ).toEqual(['sku,warehouse,qty,value', `${sku},${wh},10,12.5`]);
      const oct30 = await ts.api('GET', `/api/v1/stock/as-of?date=2026-10-30&sku=${sku}`);
      expect(oct30.body.items).toEqual([]);

      const fromTo = await ts.api<{ items: { qty: number }[] }>(
        'GET',
        `/api/v1/ledger?sku=${sku}&from=2026-11-01&to=2026-11-01`,
      );
      expect(fromTo.status, JSON.stringify(fromTo.body)).toBe(200);
      expect(fromTo.body.items.map((e) => e.qty)).toEqual([5]);
      const byInstant = await ts.api<{ items: { qty: number }[] }>(
        'GET',
        `/api/v1/ledger?sku=${sku}&to=2026-10-31T16:00:00Z`,
      );
      expect(byInstant.body.items.map((e) => e.qty)).toEqual([10]);
      const badDate = await ts.api('GET', '/api/v1/stock/as-of?date=2026-02-30');
      expect(badDate.status).toBe(400);
      expect(badDate.body.errors).toEqual([expect.objectContaining({ path: 'date' })]);
    });

    it('values stock with FIFO and answers the report as CSV too', async () => {
      const ts = server();
      const { wh, sku } = await stockedItem(ts, 3, '10.1234');
      await receive(ts, wh, [{ sku, qty: 1.001, unitCost: '0.0005' }]);
      const json = await ts.api('GET', `/api/v1/reports/valuation?warehouse=${wh}`);
      // 3 × 10.1234 = 30.3702; 1.001 × 0.0005 = 0.0005005 → 0.0005 (rounded once, half up)
      expect(json.body).toMatchObject({
        items: [{ sku, warehouse: wh, qty: 4.001, value: 30.3707 }],
        totalValue: 30.3707,
      });
      const csv = await ts.api('GET', `/api/v1/reports/valuation?warehouse=${wh}&format=csv`);
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(
        String(csv.body)
          .replace(/^\uFEFF/, '')
          .trim()
          .split('\r\n'),
      ).toEqual(['sku,warehouse,qty,value', `${sku},${wh},4.001,30.3707`]);
      expect(await verifyLedger(ts.server.database.db)).toEqual([]);
    });

    it('requires a batch and an expiry date for tracked items', async () => {
      const ts = server();
      const wh = await makeWarehouse(ts);
      const milk = await makeItem(ts, undefined, { expiryTracked: true });
      const res = await ts.api('POST', '/api/v1/receipts', {
        warehouse: wh,
        lines: [{ sku: milk, qty: 1, unitCost: 1 }],
      });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        expect.objectContaining({ path: 'lines.0.batch' }),
        expect.objectContaining({ path: 'lines.0.expiresOn' }),
      ]);
      const ok = await ts.api('POST', '/api/v1/receipts', {
        warehouse: wh,
        lines: [{ sku: milk, qty: 1, unitCost: 1, batch: 'B1', expiresOn: '2027-01-31' }],
      });
      expect(ok.status).toBe(201);
      const entries = await ts.api<{ items: Record<string, unknown>[] }>('GET', `/api/v1/ledger?sku=${milk}`);
      expect(entries.body.items[0]).toMatchObject({ batch: 'B1', expiresOn: '2027-01-31' });
    });

    it('replays a retried receipt with the same Idempotency-Key without receiving twice', async () => {
      const ts = server();
      const wh = await makeWarehouse(ts);
      const sku = await makeItem(ts);
      const body = { warehouse: wh, lines: [{ sku, qty: 5, unitCost: 1 }] };
      const headers = { 'idempotency-key': `receipt-${sku}` };
      const first = await ts.api('POST', '/api/v1/receipts', body, { headers });
      const second = await ts.api('POST', '/api/v1/receipts', body, { headers });
      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(second.body.id).toBe(first.body.id);
      expect(second.headers['idempotent-replayed']).toBe('true');
      expect(await stockOf(ts, sku, wh)).toMatchObject({ onHand: 5 });
      const other = await ts.api(
        'POST',
        '/api/v1/receipts',
        { ...body, lines: [{ sku, qty: 6, unitCost: 1 }] },
        { headers },
      );
      expect(other.status).toBe(409);
      expect(await stockOf(ts, sku, wh)).toMatchObject({ onHand: 5 });

      // Keys are kept for seven days; after that the same key acts anew.
      expect(await ts.server.services.idempotency.prune(7 * 86_400_000)).toBe(0);
      expect(await ts.server.services.idempotency.prune(-1, 1)).toBeGreaterThanOrEqual(1);
      expect(
        (await ts.api('POST', '/api/v1/receipts', body, { headers })).headers['idempotent-replayed'],
      ).toBeUndefined();
      expect(await stockOf(ts, sku, wh)).toMatchObject({ onHand: 10 });
    });
  });
}

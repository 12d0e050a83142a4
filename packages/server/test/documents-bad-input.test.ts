import { describe, expect, it } from 'vitest';
import { testDatabaseKinds } from './support/databases';
import { makeItem, makePartner, makeWarehouse, stockedItem } from './support/fixtures';
import { type TestServer, useTestServer } from './support/server';

const now = Date.parse('2026-11-07T03:00:00Z');

/** Sends a bad document and checks the 400 names the field and that no document of the kind appeared. */
async function refused(ts: TestServer, collection: string, body: unknown, path: string) {
  const before = await ts.api<{ items: unknown[] }>('GET', `/api/v1/${collection}?limit=500`);
  const res = await ts.api('POST', `/api/v1/${collection}`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(res.body).toMatchObject({ code: 'validation_failed' });
  expect(res.body.errors).toContainEqual(expect.objectContaining({ path }));
  const after = await ts.api<{ items: unknown[] }>('GET', `/api/v1/${collection}?limit=500`);
  expect(after.body.items).toHaveLength(before.body.items.length);
}

for (const kind of testDatabaseKinds()) {
  describe(`bad document input on ${kind}`, () => {
    const server = useTestServer(kind, { clock: () => now });

    it('names the field of a bad purchase order and creates nothing', async () => {
      const ts = server();
      const supplier = await makePartner(ts, 'suppliers');
      const warehouse = await makeWarehouse(ts);
      const sku = await makeItem(ts);
      const line = { sku, qty: 1, unitCost: 1 };
      await refused(ts, 'purchase-orders', { supplier: 'NOPE', warehouse, lines: [line] }, 'supplier');
      await refused(ts, 'purchase-orders', { supplier, warehouse: 'NOPE', lines: [line] }, 'warehouse');
      await refused(
        ts,
        'purchase-orders',
        { supplier, warehouse, lines: [line, { ...line, sku: 'NOPE' }] },
        'lines.1.sku',
      );
      await refused(
        ts,
        'purchase-orders',
        { supplier, warehouse, lines: [{ ...line, qty: -2 }] },
        'lines.0.qty',
      );
      await refused(
        ts,
        'purchase-orders',
        { supplier, warehouse, lines: [{ ...line, qty: 1.0001 }] },
        'lines.0.qty',
      );
      await refused(
        ts,
        'purchase-orders',
        { supplier, warehouse, lines: [{ ...line, unitCost: '1.23456' }] },
        'lines.0.unitCost',
      );
      await refused(ts, 'purchase-orders', { supplier, warehouse, lines: [] }, 'lines');
    });

    it('names the field of a bad sales order or transfer and reserves nothing', async () => {
      const ts = server();
      const { wh, sku } = await stockedItem(ts, 10, 1);
      const other = await makeWarehouse(ts);
      await refused(
        ts,
        'sales-orders',
        { warehouse: wh, lines: [{ sku, qty: 'two', unitPrice: 1 }] },
        'lines.0.qty',
      );
      await refused(
        ts,
        'sales-orders',
        { warehouse: wh, customer: 'NOPE', lines: [{ sku, qty: 1, unitPrice: 1 }] },
        'customer',
      );
      await refused(
        ts,
        'sales-orders',
        {
          warehouse: wh,
          lines: [
            { sku, qty: 1, unitPrice: 1 },
            { sku: 'NOPE', qty: 1, unitPrice: 1 },
          ],
        },
        'lines.1.sku',
      );
      await refused(ts, 'transfers', { from: wh, to: 'NOPE', lines: [{ sku, qty: 1 }] }, 'to');
      await refused(ts, 'transfers', { from: wh, to: other, lines: [{ sku, qty: 0 }] }, 'lines.0.qty');
      const stock = await ts.api<{ items: { reserved: number }[] }>('GET', `/api/v1/stock?sku=${sku}`);
      expect(stock.body.items.map((r) => r.reserved)).toEqual([0]);
    });

    it('answers malformed JSON and unknown document ids plainly', async () => {
      const ts = server();
      const res = await ts.api('POST', '/api/v1/sales-orders', undefined, {
        raw: '{"lines": [',
        headers: { 'content-type': 'application/json' },
      });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'validation_failed' });
      for (const path of [
        'purchase-orders',
        'sales-orders',
        'transfers',
        'purchase-returns',
        'sales-returns',
      ]) {
        const missing = await ts.api('GET', `/api/v1/${path}/NOPE`);
        expect(missing.status, path).toBe(404);
        expect(missing.body).toMatchObject({ code: 'not_found' });
      }
    });
  });
}

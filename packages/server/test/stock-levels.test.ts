import { describe, expect, it } from 'vitest';
import { testDatabaseKinds } from './support/databases';
import { expectBooksAgree, makeItem, makeWarehouse, receive, stockOf } from './support/fixtures';
import { signInAs } from './support/people';
import { useTestServer } from './support/server';

const now = Date.parse('2026-11-20T03:00:00Z');

for (const kind of testDatabaseKinds()) {
  describe(`safety stock and min/max on ${kind}`, () => {
    const server = useTestServer(kind, { clock: () => now });

    it('flags a SKU whose available quantity is below its safety stock, before and after it has stock', async () => {
      const ts = server();
      const wh = await makeWarehouse(ts);
      const sku = await makeItem(ts);
      const set = await ts.api('PUT', '/api/v1/stock-levels', {
        sku,
        warehouse: wh,
        safetyStock: 10,
        min: 5,
        max: 40.5,
      });
      expect(set.status, JSON.stringify(set.body)).toBe(200);
      expect(set.body).toMatchObject({ sku, warehouse: wh, safetyStock: 10, min: 5, max: 40.5 });
      // The audit log keeps who set it, before and after, tied to the warehouse.
      const audit = await ts.api<{ items: { action: string; before: unknown; after: unknown }[] }>(
        'GET',
        `/api/v1/audit?entity=stock_level&entityId=${encodeURIComponent(`${sku}@${wh}`)}`,
      );
      expect(audit.body.items).toEqual([
        expect.objectContaining({
          action: 'stock_level.set',
          before: null,
          after: expect.objectContaining({ safetyStock: 10 }),
        }),
      ]);

      // Never received here, yet listed: nothing available is below 10.
      expect(await stockOf(ts, sku, wh)).toMatchObject({
        onHand: 0,
        available: 0,
        safetyStock: 10,
        belowSafetyStock: true,
      });
      const low = async () =>
        (
          await ts.api<{ items: { sku: string }[] }>(
            'GET',
            `/api/v1/stock?warehouse=${wh}&belowSafetyStock=true`,
          )
        ).body.items.map((r) => r.sku);
      expect(await low()).toEqual([sku]);

      await receive(ts, wh, [{ sku, qty: 15, unitCost: 2 }]);
      expect(await stockOf(ts, sku, wh)).toMatchObject({ available: 15, belowSafetyStock: false });
      expect(await low()).toEqual([]);
      const hold = await ts.api('POST', '/api/v1/reservations', {
        sku,
        warehouse: wh,
        qty: 5.5,
        reference: 'r',
      });
      expect(hold.status).toBe(201);
      expect(await stockOf(ts, sku, wh)).toMatchObject({ available: 9.5, belowSafetyStock: true });
      expect(await low()).toEqual([sku]);

      // Changing the level changes the answer; a SKU without one is never below.
      expect(
        (await ts.api('PUT', '/api/v1/stock-levels', { sku, warehouse: wh, safetyStock: 9.5 })).status,
      ).toBe(200);
      expect(await stockOf(ts, sku, wh)).toMatchObject({ safetyStock: 9.5, belowSafetyStock: false });
      const levels = await ts.api<{ items: unknown[] }>('GET', `/api/v1/stock-levels?sku=${sku}`);
      expect(levels.body.items).toEqual([
        expect.objectContaining({ sku, warehouse: wh, safetyStock: 9.5, min: null, max: null }),
      ]);
      const plain = await makeItem(ts);
      await receive(ts, wh, [{ sku: plain, qty: 1, unitCost: 1 }]);
      expect(await stockOf(ts, plain, wh)).toMatchObject({ safetyStock: null, belowSafetyStock: false });
      await expectBooksAgree(ts);
    });

    it('refuses bad levels naming the field, changing nothing', async () => {
      const ts = server();
      const wh = await makeWarehouse(ts);
      const sku = await makeItem(ts);
      expect(
        (await ts.api('PUT', '/api/v1/stock-levels', { sku, warehouse: wh, safetyStock: 3 })).status,
      ).toBe(200);
      for (const [body, path] of [
        [{ sku, warehouse: wh, safetyStock: -1 }, 'safetyStock'],
        [{ sku, warehouse: wh, safetyStock: 1.0001 }, 'safetyStock'],
        [{ sku, warehouse: wh, safetyStock: '2' }, 'safetyStock'],
        [{ sku, warehouse: wh }, 'safetyStock'],
        [{ sku, warehouse: wh, safetyStock: 1, min: 9, max: 2 }, 'max'],
        [{ sku: 'NO-SUCH-SKU', warehouse: wh, safetyStock: 1 }, 'sku'],
        [{ sku, warehouse: 'NO-SUCH-WH', safetyStock: 1 }, 'warehouse'],
      ] as const) {
        const res = await ts.api('PUT', '/api/v1/stock-levels', body);
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.body).toMatchObject({
          code: 'validation_failed',
          errors: [expect.objectContaining({ path })],
        });
      }
      expect(await stockOf(ts, sku, wh)).toMatchObject({ safetyStock: 3 });
    });

    it('is set by those who manage items, in their own warehouses only, and read within scope', async () => {
      const ts = server();
      const mine = await makeWarehouse(ts);
      const theirs = await makeWarehouse(ts);
      const sku = await makeItem(ts);
      for (const wh of [mine, theirs])
        expect(
          (await ts.api('PUT', '/api/v1/stock-levels', { sku, warehouse: wh, safetyStock: 1 })).status,
        ).toBe(200);
      const viewer = await signInAs(ts, 'viewer');
      const refused = await ts.api(
        'PUT',
        '/api/v1/stock-levels',
        { sku, warehouse: mine, safetyStock: 2 },
        { token: viewer },
      );
      expect(refused.body).toMatchObject({ code: 'forbidden', permission: 'item.manage' });
      const manager = await signInAs(ts, 'warehouse_manager', [mine]);
      const elsewhere = await ts.api(
        'PUT',
        '/api/v1/stock-levels',
        { sku, warehouse: theirs, safetyStock: 2 },
        { token: manager },
      );
      expect(elsewhere.status).toBe(403);
      const seen = await ts.api<{ items: { warehouse: string }[] }>(
        'GET',
        `/api/v1/stock-levels?sku=${sku}`,
        undefined,
        { token: manager },
      );
      expect(seen.body.items.map((l) => l.warehouse)).toEqual([mine]);
      const all = await ts.api<{ items: { warehouse: string; safetyStock: number }[] }>(
        'GET',
        `/api/v1/stock-levels?sku=${sku}`,
      );
      expect(all.body.items.map((l) => l.safetyStock)).toEqual([1, 1]);
      // Finance of one warehouse reads the audit entries of its own levels only.
      const finance = await signInAs(ts, 'finance', [mine]);
      const audited = await ts.api<{ items: { entityId: string }[] }>(
        'GET',
        '/api/v1/audit?entity=stock_level',
        undefined,
        { token: finance },
      );
      expect(audited.body.items.map((e) => e.entityId)).toEqual([`${sku}@${mine}`]);
    });
  });
}

import { describe, expect, it } from 'vitest';
import { testDatabaseKinds } from './support/databases';
import { makeItem, makeWarehouse, stockOf } from './support/fixtures';
import { useTestServer } from './support/server';

for (const kind of testDatabaseKinds()) {
  describe(`Idempotency-Key on ${kind}`, () => {
    const server = useTestServer(kind);

    it('treats the same body with its keys in another order, or with unknown keys, as the same request', async () => {
      const ts = server();
      const wh = await makeWarehouse(ts);
      const sku = await makeItem(ts);
      const headers = { 'idempotency-key': `order-${sku}` };
      const first = await ts.api(
        'POST',
        '/api/v1/receipts',
        { warehouse: wh, lines: [{ sku, qty: 2, unitCost: 1 }] },
        { headers },
      );
      const reordered = await ts.api(
        'POST',
        '/api/v1/receipts',
        { lines: [{ unitCost: 1, qty: 2, sku }], warehouse: wh, ignored: true },
        { headers },
      );
      expect(first.status).toBe(201);
      expect(reordered.status).toBe(201);
      expect(reordered.body.id).toBe(first.body.id);
      expect(await stockOf(ts, sku, wh)).toMatchObject({ onHand: 2 });
    });
  });
}

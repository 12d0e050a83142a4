import { describe, expect, it } from 'vitest';
import { testDatabaseKinds } from './support/databases';
import { act, makeWarehouse, stockedItem } from './support/fixtures';
import { useTestServer } from './support/server';

for (const kind of testDatabaseKinds()) {
  describe(`document lists searched by number or reference on ${kind}`, () => {
    const server = useTestServer(kind);

    it('finds documents by part of the number or the reference, in any case, a wildcard only as itself', async () => {
      const ts = server();
      const { wh, sku } = await stockedItem(ts, 10, 1);
      const pallet = await act(
        ts,
        '/api/v1/write-offs',
        { warehouse: wh, reference: 'Dropped PALLET 7', lines: [{ sku, qty: 1, reason: 'damage' }] },
        201,
      );
      const shelf = await act(
        ts,
        '/api/v1/write-offs',
        { warehouse: wh, reference: 'shelf 100%', lines: [{ sku, qty: 1, reason: 'damage' }] },
        201,
      );
      const other = await makeWarehouse(ts);
      await act(
        ts,
        '/api/v1/transfers',
        { from: wh, to: other, reference: 'pallet 8', lines: [{ sku, qty: 1 }] },
        201,
      );
      const search = async (q: string) => {
        const res = await ts.api<{ items: { number: string }[] }>(
          'GET',
          `/api/v1/write-offs?q=${encodeURIComponent(q)}`,
        );
        expect(res.status).toBe(200);
        return res.body.items.map((d) => d.number);
      };
      expect(await search('pallet')).toEqual([pallet.number]);
      expect(await search(shelf.number.toLowerCase())).toEqual([shelf.number]);
      expect(await search('WO-')).toEqual([shelf.number, pallet.number]);
      expect(await search('100%')).toEqual([shelf.number]);
      expect(await search('%')).toEqual([shelf.number]);
      expect(await search('_')).toEqual([]);
      const transfers = await ts.api<{ items: { reference: string }[] }>('GET', '/api/v1/transfers?q=PALLET');
      expect(transfers.body.items.map((d) => d.reference)).toEqual(['pallet 8']);
    });
  });
}

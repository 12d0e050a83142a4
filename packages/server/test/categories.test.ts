import { describe, expect, it } from 'vitest';
import { testDatabaseKinds } from './support/databases';
import { makeItem, makeWarehouse, receive, uniqueCode } from './support/fixtures';
import { useTestServer } from './support/server';

for (const kind of testDatabaseKinds()) {
  describe(`the category tree on ${kind}`, () => {
    const server = useTestServer(kind);

    it('keeps categories as paths, lists the tree with counts, and filters a category with all below it', async () => {
      const ts = server();
      const top = uniqueCode('食品');
      const drinks = await makeItem(ts, uniqueCode('DRINK'), { category: `${top}/饮料` });
      const snacks = await makeItem(ts, uniqueCode('SNACK'), { category: ` ${top} / 零食 ` });
      const lookalike = await makeItem(ts, uniqueCode('LIKE'), { category: `${top}类` });
      const wh = await makeWarehouse(ts);
      await receive(
        ts,
        wh,
        [drinks, snacks, lookalike].map((sku) => ({ sku, qty: 2, unitCost: '1' })),
      );

      const snack = await ts.api<{ category: string }>('GET', `/api/v1/items/${snacks}`);
      expect(snack.body.category).toBe(`${top}/零食`);
      const bad = await ts.api('POST', '/api/v1/items', {
        sku: uniqueCode('BAD'),
        name: 'x',
        category: `${top}//x`,
      });
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ code: 'validation_failed', errors: [{ path: 'category' }] });

      const tree = await ts.api<{
        items: { path: string; name: string; parent: string | null; depth: number; itemCount: number }[];
      }>('GET', '/api/v1/categories');
      expect(tree.body.items.filter((n) => n.path.startsWith(top))).toEqual([
        { path: top, name: top, parent: null, depth: 0, itemCount: 2 },
        { path: `${top}/零食`, name: '零食', parent: top, depth: 1, itemCount: 1 },
        { path: `${top}/饮料`, name: '饮料', parent: top, depth: 1, itemCount: 1 },
        { path: `${top}类`, name: `${top}类`, parent: null, depth: 0, itemCount: 1 },
      ]);

      const skus = async (path: string) =>
        (await ts.api<{ items: { sku: string }[] }>('GET', path)).body.items.map((r) => r.sku).sort();
      const underTop = [drinks, snacks].sort();
      expect(await skus(`/api/v1/items?category=${encodeURIComponent(top)}`)).toEqual(underTop);
      expect(await skus(`/api/v1/stock?category=${encodeURIComponent(top)}`)).toEqual(underTop);
      expect(await skus(`/api/v1/stock?category=${encodeURIComponent(`${top}/饮料`)}`)).toEqual([drinks]);
      expect(
        await skus(
          `/api/v1/reports/movement?category=${encodeURIComponent(top)}&from=2000-01-01&to=2100-01-01`,
        ),
      ).toEqual(underTop);
    });
  });
}

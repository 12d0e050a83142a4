import { describe, expect, it } from 'vitest';
import { testDatabaseKinds } from './support/databases';
import { uniqueCode } from './support/fixtures';
import { useTestServer } from './support/server';

for (const kind of testDatabaseKinds()) {
  describe(`master data on ${kind}`, () => {
    const server = useTestServer(kind);

    it('creates, lists, gets and updates a warehouse with version checks', async () => {
      const ts = server();
      const code = uniqueCode('SH');
      const created = await ts.api('POST', '/api/v1/warehouses', {
        code,
        name: '华东仓 Shanghai',
        region: '华东',
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        code,
        name: '华东仓 Shanghai',
        region: '华东',
        kind: 'warehouse',
        active: true,
        version: 1,
      });
      expect(typeof created.body.id).toBe('string');

      const list = await ts.api<{ items: { code: string }[] }>(
        'GET',
        `/api/v1/warehouses?region=${encodeURIComponent('华东')}`,
      );
      expect(list.body.items.map((w) => w.code)).toContain(code);
      expect((await ts.api('GET', `/api/v1/warehouses/${created.body.id}`)).body.code).toBe(code);
      expect((await ts.api('GET', `/api/v1/warehouses/${code}`)).body.id).toBe(created.body.id);

      const updated = await ts.api(
        'PATCH',
        `/api/v1/warehouses/${code}`,
        { name: 'Shanghai DC' },
        { headers: { 'if-match': '1' } },
      );
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ name: 'Shanghai DC', version: 2, code });
      const stale = await ts.api(
        'PATCH',
        `/api/v1/warehouses/${code}`,
        { name: 'stale' },
        { headers: { 'if-match': '1' } },
      );
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('conflict');
      expect((await ts.api('GET', `/api/v1/warehouses/${code}`)).body.name).toBe('Shanghai DC');
    });

    it('refuses a duplicate warehouse code and a duplicate SKU with 409 naming the field', async () => {
      const ts = server();
      const code = uniqueCode('DUP');
      expect((await ts.api('POST', '/api/v1/warehouses', { code, name: 'A' })).status).toBe(201);
      const dupWh = await ts.api('POST', '/api/v1/warehouses', { code, name: 'B' });
      expect(dupWh.status).toBe(409);
      expect(dupWh.body).toMatchObject({ code: 'conflict', errors: [{ path: 'code' }] });

      const sku = uniqueCode('COLA');
      expect((await ts.api('POST', '/api/v1/items', { sku, name: 'Cola' })).status).toBe(201);
      const dupItem = await ts.api('POST', '/api/v1/items', { sku, name: 'Cola again' });
      expect(dupItem.status).toBe(409);
      expect(dupItem.body).toMatchObject({ code: 'conflict', errors: [{ path: 'sku' }] });
      const items = await ts.api<{ items: { name: string }[] }>('GET', `/api/v1/items?q=${sku}`);
      expect(items.body.items.map((i) => i.name)).toEqual(['Cola']);
    });

    it('keeps items with barcodes, category, unit and tracking flags, and finds them by barcode', async () => {
      const ts = server();
      const sku = uniqueCode('MILK');
      const barcode = `69${Date.now()}`.slice(0, 13);
      const res = await ts.api('POST', '/api/v1/items', {
        sku,
        name: '纯牛奶 1L',
        unit: 'carton',
        barcodes: [barcode],
        category: 'Dairy',
        expiryTracked: true,
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        sku,
        unit: 'carton',
        barcodes: [barcode],
        category: 'Dairy',
        expiryTracked: true,
        batchTracked: true,
      });
      expect((await ts.api('GET', `/api/v1/items/${barcode}`)).body.sku).toBe(sku);
      const byCategory = await ts.api<{ items: { sku: string }[] }>('GET', '/api/v1/items?category=Dairy');
      expect(byCategory.body.items.map((i) => i.sku)).toContain(sku);
      const taken = await ts.api('POST', '/api/v1/items', {
        sku: uniqueCode('OTHER'),
        name: 'Other',
        barcodes: [barcode],
      });
      expect(taken.status).toBe(409);
      expect(taken.body.errors).toEqual([expect.objectContaining({ path: 'barcodes.0' })]);
      const patched = await ts.api('PATCH', `/api/v1/items/${sku}`, {
        name: '纯牛奶 1L 新包装',
        barcodes: [barcode, `${barcode}9`],
      });
      expect(patched.body).toMatchObject({
        name: '纯牛奶 1L 新包装',
        version: 2,
        barcodes: [barcode, `${barcode}9`],
      });
    });

    it('creates, filters and updates suppliers and customers', async () => {
      const ts = server();
      for (const path of ['suppliers', 'customers']) {
        const code = uniqueCode(path.toUpperCase());
        const created = await ts.api('POST', `/api/v1/${path}`, {
          code,
          name: `${path} one`,
          contact: '王经理',
          email: 'buyer@example.com',
          phone: '021-5555',
        });
        expect(created.status).toBe(201);
        expect(created.body).toMatchObject({
          code,
          contact: '王经理',
          email: 'buyer@example.com',
          active: true,
        });
        const found = await ts.api<{ items: { code: string }[] }>(
          'GET',
          `/api/v1/${path}?q=${encodeURIComponent('王经理')}`,
        );
        expect(found.body.items.map((p) => p.code)).toContain(code);
        const badEmail = await ts.api('PATCH', `/api/v1/${path}/${code}`, { email: 'not-an-email' });
        expect(badEmail.status).toBe(400);
        expect(badEmail.body.errors).toEqual([expect.objectContaining({ path: 'email' })]);
        const off = await ts.api('PATCH', `/api/v1/${path}/${code}`, { active: false });
        expect(off.body).toMatchObject({ active: false, version: 2 });
        expect((await ts.api('GET', `/api/v1/${path}/${code}`)).body.email).toBe('buyer@example.com');
      }
    });

    it('pages through a list with an opaque cursor, clamping the limit at 500', async () => {
      const ts = server();
      const prefix = uniqueCode('PG');
      for (let i = 0; i < 5; i++)
        await ts.api('POST', '/api/v1/items', { sku: `${prefix}-${i}`, name: `Paged ${i}` });
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: { body: { items: { sku: string }[]; nextCursor: string | null } } = await ts.api(
          'GET',
          `/api/v1/items?q=${prefix}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...res.body.items.map((i) => i.sku));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual([0, 1, 2, 3, 4].map((i) => `${prefix}-${i}`));
      expect((await ts.api('GET', '/api/v1/items?limit=100000')).status).toBe(200);
      const bad = await ts.api('GET', '/api/v1/items?limit=0');
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'limit' })]);
      expect((await ts.api('GET', '/api/v1/items?cursor=garbage')).status).toBe(400);
    });

    it('returns 404 problem+json for an unknown id', async () => {
      const res = await server().api('GET', '/api/v1/items/no-such-item');
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body).toMatchObject({ code: 'not_found', status: 404 });
    });
  });
}

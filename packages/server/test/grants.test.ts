import { describe, expect, it } from 'vitest';
import { testDatabaseKinds } from './support/databases';
import { makeItem, makeWarehouse } from './support/fixtures';
import { makePerson, PERSON_PASSWORD, signIn } from './support/people';
import { useTestServer } from './support/server';

const now = Date.parse('2026-11-20T03:00:00Z');

for (const kind of testDatabaseKinds()) {
  describe(`nobody hands out more than they hold, on ${kind}`, () => {
    const server = useTestServer(kind, { clock: () => now });

    it('an administrator of one warehouse manages only the people of that warehouse', async () => {
      const ts = server();
      const mine = await makeWarehouse(ts);
      const theirs = await makeWarehouse(ts);
      const token = await signIn(ts, (await makePerson(ts, ['admin'], [mine])).email);
      const theirClerk = await makePerson(ts, ['clerk'], [theirs]);
      const person = (warehouses: string[] | undefined) => ({
        email: `p${Math.random()}@test.local`,
        name: 'P',
        password: PERSON_PASSWORD,
        roles: ['clerk'],
        ...(warehouses ? { warehouses } : {}),
      });

      const everywhere = await ts.api('POST', '/api/v1/users', person(undefined), { token });
      expect(everywhere.status).toBe(403);
      expect(everywhere.body).toMatchObject({ code: 'forbidden', errors: [{ path: 'warehouses' }] });
      const elsewhere = await ts.api('POST', '/api/v1/users', person([mine, theirs]), { token });
      expect(elsewhere.status).toBe(403);
      expect(elsewhere.body).toMatchObject({ errors: [{ path: 'warehouses.1' }] });
      const ours = await ts.api<{ id: string; email: string }>('POST', '/api/v1/users', person([mine]), {
        token,
      });
      expect(ours.status).toBe(201);

      const listed = await ts.api<{ items: { email: string }[] }>(
        'GET',
        '/api/v1/users?limit=500',
        undefined,
        {
          token,
        },
      );
      const emails = listed.body.items.map((u) => u.email);
      expect(emails).toContain(ours.body.email);
      expect(emails).not.toContain(theirClerk.email);
      expect(emails).not.toContain('admin@test.local');

      for (const [method, path, body] of [
        ['GET', `/api/v1/users/${theirClerk.id}`, undefined],
        ['PATCH', `/api/v1/users/${theirClerk.id}`, { name: 'taken over' }],
        ['POST', `/api/v1/users/${theirClerk.id}/password`, { password: 'a new long password' }],
        ['GET', `/api/v1/users/${theirClerk.id}/sessions`, undefined],
        ['DELETE', `/api/v1/users/${theirClerk.id}/sessions`, undefined],
      ] as const)
        expect((await ts.api(method, path, body, { token })).status, `${method} ${path}`).toBe(404);
      // Their clerk still signs in with the old password, unchanged.
      expect(await signIn(ts, theirClerk.email)).toMatch(/^ohs_/);

      const widened = await ts.api(
        'PATCH',
        `/api/v1/users/${ours.body.id}`,
        { warehouses: [mine, theirs] },
        { token },
      );
      expect(widened.status).toBe(403);
      const unscoped = await ts.api(
        'PATCH',
        `/api/v1/users/${ours.body.id}`,
        { warehouses: null },
        { token },
      );
      expect(unscoped.status).toBe(403);
      const tokenElsewhere = await ts.api(
        'POST',
        '/api/v1/api-tokens',
        { name: 'x', permissions: ['stock.read'], warehouses: [theirs] },
        { token },
      );
      expect(tokenElsewhere.status).toBe(403);
    });

    it('a person who manages people grants only permissions they hold, and cannot touch someone who holds more', async () => {
      const ts = server();
      const roles = [
        { name: `people_${kind}`, permissions: ['user.manage', 'stock.read'] },
        { name: `reader_${kind}`, permissions: ['stock.read'] },
      ];
      for (const r of roles) expect((await ts.api('POST', '/api/v1/roles', r)).status).toBe(201);
      const manager = await makePerson(ts, [`people_${kind}`]);
      const token = await signIn(ts, manager.email);
      const hire = (role: string) =>
        ts.api(
          'POST',
          '/api/v1/users',
          { email: `h${Math.random()}@test.local`, name: 'H', password: PERSON_PASSWORD, roles: [role] },
          { token },
        );

      const admin = await hire('admin');
      expect(admin.status).toBe(403);
      expect(admin.body).toMatchObject({ code: 'forbidden', permission: 'ledger.read' });
      expect((await hire('viewer')).status).toBe(403);
      expect((await hire(`reader_${kind}`)).status).toBe(201);

      const role = await ts.api(
        'POST',
        '/api/v1/roles',
        { name: `receiver_${kind}`, permissions: ['receipt.post'] },
        { token },
      );
      expect(role.status).toBe(403);
      expect(role.body).toMatchObject({ permission: 'receipt.post' });

      const boss = await ts.api<{ items: { id: string; email: string }[] }>(
        'GET',
        '/api/v1/users?q=admin@test',
      );
      const bossId = boss.body.items[0]?.id ?? '';
      const reset = await ts.api(
        'POST',
        `/api/v1/users/${bossId}/password`,
        { password: 'now I am the admin' },
        { token },
      );
      expect(reset.status).toBe(403);
      const promoted = await ts.api('PATCH', `/api/v1/users/${manager.id}`, { roles: ['admin'] }, { token });
      expect(promoted.status).toBe(403);
      const me = await ts.api<{ roles: string[] }>('GET', '/api/v1/me', undefined, { token });
      expect(me.body.roles).toEqual([`people_${kind}`]);
    });

    it('a token does no more than its maker may do today', async () => {
      const ts = server();
      const mine = await makeWarehouse(ts);
      const theirs = await makeWarehouse(ts);
      const sku = await makeItem(ts);
      const maker = await makePerson(ts, ['admin']);
      const token = await signIn(ts, maker.email);
      const made = await ts.api<{ id: string; token: string }>(
        'POST',
        '/api/v1/api-tokens',
        { name: 'till', permissions: ['receipt.post', 'stock.read'] },
        { token },
      );
      expect(made.status).toBe(201);
      const receipt = (warehouse: string) =>
        ts.api(
          'POST',
          '/api/v1/receipts',
          { warehouse, lines: [{ sku, qty: 1, unitCost: 1 }] },
          { token: made.body.token },
        );
      expect((await receipt(theirs)).status).toBe(201);

      // The maker now works in one warehouse only: so does the token, at once.
      expect((await ts.api('PATCH', `/api/v1/users/${maker.id}`, { warehouses: [mine] })).status).toBe(200);
      expect((await receipt(theirs)).status).toBe(403);
      expect((await receipt(mine)).status).toBe(201);
      // The maker is a viewer now: the token reads stock but posts nothing.
      expect((await ts.api('PATCH', `/api/v1/users/${maker.id}`, { roles: ['viewer'] })).status).toBe(200);
      const refused = await receipt(mine);
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ permission: 'receipt.post' });
      const stock = await ts.api('GET', `/api/v1/stock?sku=${sku}`, undefined, { token: made.body.token });
      expect(stock.status).toBe(200);

      // An administrator of one warehouse sees and revokes only tokens working inside it.
      const local = await signIn(ts, (await makePerson(ts, ['admin'], [mine])).email);
      const ours = await ts.api<{ id: string }>('POST', '/api/v1/api-tokens', {
        name: 'this warehouse',
        permissions: ['stock.read'],
        warehouses: [mine],
      });
      const everywhere = await ts.api<{ id: string }>('POST', '/api/v1/api-tokens', {
        name: 'all warehouses',
        permissions: ['stock.read'],
      });
      const seen = await ts.api<{ items: { id: string }[] }>('GET', '/api/v1/api-tokens', undefined, {
        token: local,
      });
      expect(seen.body.items.map((t) => t.id)).toContain(ours.body.id);
      expect(seen.body.items.map((t) => t.id)).not.toContain(everywhere.body.id);
      expect(
        (await ts.api('DELETE', `/api/v1/api-tokens/${everywhere.body.id}`, undefined, { token: local }))
          .status,
      ).toBe(404);
    });
  });
}

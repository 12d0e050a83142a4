import { describe, expect, it } from 'vitest';
import { hashToken } from '../src/modules/auth/token-hash';
import { testDatabaseKinds } from './support/databases';
import { makeWarehouse, stockedItem } from './support/fixtures';
import { makePerson, PERSON_PASSWORD, signIn } from './support/people';
import { useTestServer } from './support/server';

const now = Date.parse('2026-11-10T03:00:00Z');

for (const kind of testDatabaseKinds()) {
  describe(`users, roles and sessions on ${kind}`, () => {
    const server = useTestServer(kind, { clock: () => now });

    it('creates a person with roles and warehouses who signs in and sees what they may do', async () => {
      const ts = server();
      const wh = await makeWarehouse(ts);
      const { id, email } = await makePerson(ts, ['clerk'], [wh]);
      const token = await signIn(ts, email);
      const me = await ts.api<{ id: string; roles: string[]; warehouses: string[]; permissions: string[] }>(
        'GET',
        '/api/v1/me',
        undefined,
        { token },
      );
      expect(me.body).toMatchObject({ id, roles: ['clerk'], warehouses: [wh] });
      expect(me.body.permissions).toContain('sales_order.ship');
      expect(me.body.permissions).not.toContain('user.manage');
      const listed = await ts.api<{ items: { email: string }[] }>(
        'GET',
        `/api/v1/users?q=${encodeURIComponent(email)}`,
      );
      expect(listed.body.items.map((u) => u.email)).toEqual([email]);

      const refused = await ts.api(
        'POST',
        '/api/v1/users',
        { email: 'x@test.local', name: 'X', password: PERSON_PASSWORD, roles: ['viewer'] },
        { token },
      );
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ code: 'forbidden', permission: 'user.manage' });
    });

    it('names bad roles, warehouses and passwords, and refuses a second account for an e-mail', async () => {
      const ts = server();
      const { email } = await makePerson(ts, ['viewer']);
      const bad = await ts.api('POST', '/api/v1/users', {
        email: 'new@test.local',
        name: 'New',
        password: 'short',
        roles: ['viewer', 'wizard'],
        warehouses: ['NOPE'],
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toContainEqual(expect.objectContaining({ path: 'password' }));
      const unknown = await ts.api('POST', '/api/v1/users', {
        email: 'new@test.local',
        name: 'New',
        password: PERSON_PASSWORD,
        roles: ['viewer', 'wizard'],
        warehouses: ['NOPE'],
      });
      expect(unknown.body).toMatchObject({ code: 'validation_failed' });
      expect((unknown.body.errors as { path: string }[]).map((e) => e.path)).toEqual([
        'roles.1',
        'warehouses.0',
      ]);
      const again = await ts.api('POST', '/api/v1/users', {
        email,
        name: 'Again',
        password: PERSON_PASSWORD,
        roles: ['viewer'],
      });
      expect(again.status).toBe(409);
    });

    it('ends the sessions of a person who is disabled or given a new password, at once', async () => {
      const ts = server();
      const { id, email } = await makePerson(ts, ['viewer']);
      const token = await signIn(ts, email);
      expect((await ts.api('GET', '/api/v1/stock', undefined, { token })).status).toBe(200);
      const reset = await ts.api('POST', `/api/v1/users/${id}/password`, {
        password: 'another long password',
      });
      expect(reset.status, JSON.stringify(reset.body)).toBe(200);
      expect((await ts.api('GET', '/api/v1/stock', undefined, { token })).status).toBe(401);
      const fresh = await signIn(ts, email, 'another long password');
      const disabled = await ts.api<{ disabled: boolean; version: number }>('PATCH', `/api/v1/users/${id}`, {
        disabled: true,
      });
      expect(disabled.body).toMatchObject({ disabled: true });
      expect((await ts.api('GET', '/api/v1/stock', undefined, { token: fresh })).status).toBe(401);
      const login = await ts.api(
        'POST',
        '/api/v1/auth/login',
        { email, password: 'another long password' },
        { token: null },
      );
      expect(login.status).toBe(401);
    });

    it('lets a person change their own password and end their other sessions', async () => {
      const ts = server();
      const { email } = await makePerson(ts, ['viewer']);
      const phone = await signIn(ts, email);
      const desk = await signIn(ts, email);
      const sessions = await ts.api<{ items: { id: string; current: boolean }[] }>(
        'GET',
        '/api/v1/me/sessions',
        undefined,
        { token: desk },
      );
      expect(sessions.body.items).toHaveLength(2);
      const other = sessions.body.items.find((x) => !x.current);
      expect(other).toBeDefined();
      const ended = await ts.api('DELETE', `/api/v1/me/sessions/${other?.id}`, undefined, { token: desk });
      expect(ended.status).toBe(204);
      expect((await ts.api('GET', '/api/v1/me', undefined, { token: phone })).status).toBe(401);

      const wrong = await ts.api(
        'POST',
        '/api/v1/me/password',
        { currentPassword: 'nope', newPassword: 'a brand new password' },
        { token: desk },
      );
      expect(wrong.body).toMatchObject({ code: 'validation_failed', errors: [{ path: 'currentPassword' }] });
      const changed = await ts.api(
        'POST',
        '/api/v1/me/password',
        { currentPassword: PERSON_PASSWORD, newPassword: 'a brand new password' },
        { token: desk },
      );
      expect(changed.status).toBe(204);
      expect((await ts.api('GET', '/api/v1/me', undefined, { token: desk })).status).toBe(200);
      await signIn(ts, email, 'a brand new password');
    });

    it('locks an account after five wrong passwords until an administrator resets it', async () => {
      const ts = server();
      const { id, email } = await makePerson(ts, ['viewer']);
      for (let i = 0; i < 5; i++) {
        const wrong = await ts.api(
          'POST',
          '/api/v1/auth/login',
          { email, password: `wrong ${i}` },
          { token: null },
        );
        expect(wrong.status).toBe(401);
      }
      const locked = await ts.api(
        'POST',
        '/api/v1/auth/login',
        { email, password: PERSON_PASSWORD },
        { token: null },
      );
      expect(locked.status).toBe(429);
      expect(locked.body).toMatchObject({ code: 'rate_limited' });
      expect((await ts.api<{ locked: boolean }>('GET', `/api/v1/users/${id}`)).body.locked).toBe(true);
      await ts.api('POST', `/api/v1/users/${id}/password`, { password: PERSON_PASSWORD });
      await signIn(ts, email);
    });

    it('grants what a custom role names, and nothing else', async () => {
      const ts = server();
      const made = await ts.api('POST', '/api/v1/roles', {
        name: 'store_seller',
        description: 'sells at the counter',
        permissions: ['stock.read', 'document.read', 'sales_order.manage'],
      });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      const roles = await ts.api<{ items: { name: string; builtIn: boolean }[] }>('GET', '/api/v1/roles');
      expect(roles.body.items).toContainEqual(
        expect.objectContaining({ name: 'store_seller', builtIn: false }),
      );
      expect(roles.body.items).toContainEqual(
        expect.objectContaining({ name: 'warehouse_manager', builtIn: true }),
      );
      const bad = await ts.api('POST', '/api/v1/roles', { name: 'oops', permissions: ['stock.read', 'fly'] });
      expect(bad.body).toMatchObject({ code: 'validation_failed', errors: [{ path: 'permissions.1' }] });

      const { wh, sku } = await stockedItem(ts, 10, 1);
      const token = await signIn(ts, (await makePerson(ts, ['store_seller'])).email);
      const sold = await ts.api(
        'POST',
        '/api/v1/sales-orders',
        { warehouse: wh, lines: [{ sku, qty: 1, unitPrice: 2 }] },
        { token },
      );
      expect(sold.status).toBe(201);
      const po = await ts.api(
        'POST',
        '/api/v1/purchase-orders',
        { supplier: 'S', warehouse: wh, lines: [{ sku, qty: 1, unitCost: 1 }] },
        { token },
      );
      expect(po.body).toMatchObject({ code: 'forbidden', permission: 'purchase_order.manage' });
    });

    it('makes API tokens for machines: scoped, shown once, stored hashed, revoked at once', async () => {
      const ts = server();
      const { wh, sku } = await stockedItem(ts, 10, 1);
      const other = await makeWarehouse(ts);
      const made = await ts.api<{ id: string; token: string; permissions: string[] }>(
        'POST',
        '/api/v1/api-tokens',
        {
          name: 'shop connector',
          permissions: ['stock.read', 'reservation.manage'],
          warehouses: [wh],
        },
      );
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      expect(made.body.token).toMatch(/^oht_/);
      const stored = await ts.server.database.db
        .selectFrom('api_tokens')
        .select('token_hash')
        .where('id', '=', made.body.id)
        .executeTakeFirstOrThrow();
      expect(stored.token_hash).toBe(hashToken(made.body.token));
      const token = made.body.token;

      const stock = await ts.api<{ items: { warehouse: string }[] }>(
        'GET',
        `/api/v1/stock?sku=${sku}`,
        undefined,
        { token },
      );
      expect(stock.status).toBe(200);
      const reserved = await ts.api(
        'POST',
        '/api/v1/reservations',
        { sku, warehouse: wh, qty: 1, reference: 'shop-1' },
        { token },
      );
      expect(reserved.status).toBe(201);
      const elsewhere = await ts.api(
        'POST',
        '/api/v1/reservations',
        { sku, warehouse: other, qty: 1, reference: 'shop-2' },
        { token },
      );
      expect(elsewhere.status).toBe(403);
      const receipt = await ts.api(
        'POST',
        '/api/v1/receipts',
        { warehouse: wh, lines: [{ sku, qty: 1, unitCost: 1 }] },
        { token },
      );
      expect(receipt.body).toMatchObject({ code: 'forbidden', permission: 'receipt.post' });

      const listed = await ts.api<{ items: { id: string; lastUsedAt: string | null; token?: string }[] }>(
        'GET',
        '/api/v1/api-tokens',
      );
      const entry = listed.body.items.find((t) => t.id === made.body.id);
      expect(entry?.lastUsedAt).not.toBeNull();
      expect(entry?.token).toBeUndefined();
      expect((await ts.api('DELETE', `/api/v1/api-tokens/${made.body.id}`)).status).toBe(204);
      expect((await ts.api('GET', `/api/v1/stock?sku=${sku}`, undefined, { token })).status).toBe(401);

      const viewer = await signIn(ts, (await makePerson(ts, ['viewer'])).email);
      const tooMuch = await ts.api(
        'POST',
        '/api/v1/api-tokens',
        { name: 'x', permissions: ['stock.read'] },
        { token: viewer },
      );
      expect(tooMuch.body).toMatchObject({ code: 'forbidden', permission: 'api_token.manage' });
      const bad = await ts.api('POST', '/api/v1/api-tokens', {
        name: 'x',
        permissions: ['stock.read', 'teleport'],
      });
      expect(bad.body).toMatchObject({ code: 'validation_failed', errors: [{ path: 'permissions.1' }] });
    });
  });
}

import { describe, expect, it } from 'vitest';
import { testDatabaseKinds } from './support/databases';
import { ADMIN_EMAIL, ADMIN_PASSWORD, useTestServer } from './support/server';

for (const kind of testDatabaseKinds()) {
  describe(`authentication on ${kind}`, () => {
    const server = useTestServer(kind);

    it('answers /health without signing in, and nothing under /api/v1 without a token', async () => {
      const ts = server();
      const health = await ts.api('GET', '/health', undefined, { token: null });
      expect(health).toMatchObject({ status: 200, body: { status: 'ok' } });
      const stock = await ts.api('GET', '/api/v1/stock', undefined, { token: null });
      expect(stock.status).toBe(401);
      expect(stock.body).toMatchObject({ code: 'unauthorized' });
      expect((await ts.api('GET', '/api/v1/stock', undefined, { token: 'ohs_forged' })).status).toBe(401);
    });

    it('logs in with the bootstrapped administrator, shows /me, and logs out at once', async () => {
      const ts = server();
      const login = await ts.api(
        'POST',
        '/api/v1/auth/login',
        { email: ADMIN_EMAIL.toUpperCase(), password: ADMIN_PASSWORD },
        { token: null },
      );
      expect(login.status).toBe(200);
      expect(login.headers['set-cookie']).toContain('onhand_session=');
      expect(login.headers['set-cookie']).toContain('HttpOnly');
      const token = String(login.body.token);
      const me = await ts.api('GET', '/api/v1/me', undefined, { token });
      expect(me.body).toMatchObject({ email: ADMIN_EMAIL, roles: ['admin'], warehouses: null });
      expect(me.body.permissions).toEqual(
        expect.arrayContaining(['stock.read', 'receipt.post', 'user.manage']),
      );

      const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
      expect(
        (await ts.api('GET', '/api/v1/me', undefined, { token: null, headers: { cookie } })).status,
      ).toBe(200);

      expect((await ts.api('POST', '/api/v1/auth/logout', undefined, { token })).status).toBe(204);
      expect((await ts.api('GET', '/api/v1/me', undefined, { token })).status).toBe(401);
      expect(
        (await ts.api('GET', '/api/v1/me', undefined, { token: null, headers: { cookie } })).status,
      ).toBe(401);
      expect((await ts.api('GET', '/api/v1/me')).status).toBe(200);
    });

    it('refuses a wrong password with 401 and limits repeated attempts with 429', async () => {
      const ts = server();
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) {
        statuses.push(
          (
            await ts.api(
              'POST',
              '/api/v1/auth/login',
              { email: 'nobody@test.local', password: 'wrong' },
              { token: null },
            )
          ).status,
        );
      }
      expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(10)).toEqual([429, 429]);
      const limited = await ts.api(
        'POST',
        '/api/v1/auth/login',
        { email: 'nobody@test.local', password: 'wrong' },
        { token: null },
      );
      expect(limited.body).toMatchObject({ code: 'rate_limited', status: 429 });
    });

    it('publishes OpenAPI 3.1 covering the core paths, and a docs page', async () => {
      const ts = server();
      const doc = await ts.api<{ openapi: string; paths: Record<string, Record<string, unknown>> }>(
        'GET',
        '/api/openapi.json',
        undefined,
        { token: null },
      );
      expect(doc.status).toBe(200);
      expect(doc.body.openapi).toBe('3.1.0');
      for (const path of [
        '/api/v1/auth/login',
        '/api/v1/warehouses',
        '/api/v1/items',
        '/api/v1/suppliers',
        '/api/v1/customers',
        '/api/v1/stock',
        '/api/v1/ledger',
        '/api/v1/stock/as-of',
        '/api/v1/reservations',
        '/api/v1/reservations/{id}/release',
        '/api/v1/receipts',
        '/api/v1/reports/valuation',
        '/api/v1/approvals',
        '/api/v1/approvals/{id}',
        '/api/v1/approvals/{id}/approve',
        '/api/v1/approvals/{id}/reject',
        '/api/v1/approval-rules',
        '/api/v1/approval-rules/{id}',
      ]) {
        expect(doc.body.paths, path).toHaveProperty([path]);
      }
      const page = await fetch(`${ts.baseUrl}/api/docs/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('swagger');
    });
  });
}

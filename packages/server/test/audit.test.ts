import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/modules/audit/audit-verify';
import { totpCode, totpStep } from '../src/modules/auth/totp';
import { auditEntries } from './support/audit';
import { testDatabaseKinds } from './support/databases';
import {
  act,
  makeItem,
  makePartner,
  makeWarehouse,
  receive,
  stockedItem,
  uniqueCode,
} from './support/fixtures';
import { makePerson, PERSON_PASSWORD, signIn, signInAs } from './support/people';
import { ADMIN_EMAIL, type TestServer, useTestServer } from './support/server';

let now = Date.parse('2026-11-20T02:00:00Z');
const later = (ms = 60_000) => {
  now += ms;
  return new Date(now).toISOString();
};

async function adminId(ts: TestServer): Promise<string> {
  return (await ts.api<{ id: string }>('GET', '/api/v1/me')).body.id;
}

async function chainHead(ts: TestServer) {
  return ts.server.database.db.selectFrom('audit_chain').selectAll().executeTakeFirstOrThrow();
}

for (const kind of testDatabaseKinds()) {
  describe(`the audit log on ${kind}`, () => {
    const server = useTestServer(kind, { clock: () => now });

    it('records who changed an item, when, from where, and its values before and after', async () => {
      const ts = server();
      const sku = uniqueCode('TEA');
      const made = await ts.api<{ id: string }>('POST', '/api/v1/items', { sku, name: 'Green tea' });
      const madeAt = new Date(now).toISOString();
      const changedAt = later();
      const changed = await ts.api(
        'PATCH',
        `/api/v1/items/${sku}`,
        { name: 'Jasmine tea' },
        { headers: { 'if-match': '1' } },
      );
      expect(changed.status).toBe(200);

      const entries = await auditEntries(ts, `entity=item&entityId=${made.body.id}`);
      expect(entries.map((e) => e.action)).toEqual(['item.update', 'item.create']);
      const admin = { id: await adminId(ts), email: ADMIN_EMAIL };
      expect(entries[0]).toMatchObject({
        at: changedAt,
        user: admin,
        source: { ip: '127.0.0.1', via: 'session' },
        entity: 'item',
        entityId: made.body.id,
        before: { sku, name: 'Green tea', version: 1 },
        after: { sku, name: 'Jasmine tea', version: 2 },
      });
      expect(entries[1]).toMatchObject({
        at: madeAt,
        user: admin,
        before: null,
        after: { sku, name: 'Green tea' },
      });
    });

    it('records every document action with the document before and after it', async () => {
      const ts = server();
      const sku = await makeItem(ts);
      const supplier = await makePartner(ts, 'suppliers');
      const warehouse = await makeWarehouse(ts);
      const po = await act(
        ts,
        '/api/v1/purchase-orders',
        { supplier, warehouse, lines: [{ sku, qty: 10, unitCost: 2 }] },
        201,
      );
      later();
      await act(ts, `/api/v1/purchase-orders/${po.id}/submit`);
      later();
      await act(ts, `/api/v1/purchase-orders/${po.id}/approve`);
      await act(ts, `/api/v1/purchase-orders/${po.id}/receive`, { lines: [{ sku, qty: 4 }] });

      const entries = await auditEntries(ts, `entity=purchase_order&entityId=${po.id}`);
      expect(entries.map((e) => e.action)).toEqual([
        'purchase_order.receive',
        'purchase_order.approve',
        'purchase_order.submit',
        'purchase_order.create',
      ]);
      expect(entries[1]).toMatchObject({
        before: { status: 'pending_approval' },
        after: { status: 'approved', warehouse },
      });
      expect(entries[0]).toMatchObject({
        before: { status: 'approved' },
        after: { status: 'partially_received' },
      });
      const receipt = await receive(ts, warehouse, [{ sku, qty: 3, unitCost: 1 }]);
      const [received] = await auditEntries(ts, `entity=receipt&entityId=${receipt.id}`);
      expect(received).toMatchObject({ action: 'receipt.create', after: { warehouse, status: 'posted' } });
    });

    it('records each reservation of a grouped burst, a release, and an expiry by the system', async () => {
      const ts = server();
      const { wh, sku } = await stockedItem(ts, 100, 1);
      const made = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          ts.api<{ id: string }>('POST', '/api/v1/reservations', {
            sku,
            warehouse: wh,
            qty: 1,
            reference: `burst-${i}`,
          }),
        ),
      );
      expect(made.map((r) => r.status)).toEqual(made.map(() => 201));
      const created = await auditEntries(ts, 'entity=reservation&action=reservation.create');
      for (const r of made)
        expect(created.find((e) => e.entityId === r.body.id)).toMatchObject({
          after: { sku, warehouse: wh, qty: 1, status: 'active' },
          user: { email: ADMIN_EMAIL },
        });

      const first = made[0]?.body.id ?? '';
      expect((await ts.api('POST', `/api/v1/reservations/${first}/release`)).status).toBe(200);
      const [released] = await auditEntries(ts, `entity=reservation&entityId=${first}`);
      expect(released).toMatchObject({
        action: 'reservation.release',
        before: { status: 'active' },
        after: { status: 'released' },
      });

      const expiring = await ts.api<{ id: string }>('POST', '/api/v1/reservations', {
        sku,
        warehouse: wh,
        qty: 2,
        reference: 'soon',
        expiresAt: later(0).replace(/\.\d+Z$/, '.500Z'),
      });
      later(1000);
      expect(await ts.server.services.reservations.expireDue()).toBe(1);
      const [expired] = await auditEntries(ts, `entity=reservation&entityId=${expiring.body.id}`);
      expect(expired).toMatchObject({
        action: 'reservation.expire',
        user: null,
        source: { via: 'system' },
        after: { status: 'expired' },
      });
      expect((await verifyAuditChain(ts.server.database.db)).breaks).toEqual([]);
    });

    it('keeps the chain whole while grants of several SKUs and other writes commit at once', async () => {
      const ts = server();
      const stocked = [
        await stockedItem(ts, 1000, 1),
        await stockedItem(ts, 1000, 1),
        await stockedItem(ts, 1000, 1),
      ];
      const head = await chainHead(ts);
      const writes = Array.from({ length: 240 }, (_, i) => {
        const { wh, sku } = stocked[i % 3] ?? { wh: '', sku: '' };
        return i % 8 === 7
          ? ts.api('POST', '/api/v1/receipts', { warehouse: wh, lines: [{ sku, qty: 1, unitCost: 1 }] })
          : ts.api('POST', '/api/v1/reservations', { sku, warehouse: wh, qty: 1, reference: `mixed-${i}` });
      });
      expect(new Set((await Promise.all(writes)).map((r) => r.status))).toEqual(new Set([201]));
      expect((await chainHead(ts)).seq).toBe(head.seq + 240n);
      expect((await verifyAuditChain(ts.server.database.db)).breaks).toEqual([]);
    });

    it('records sign-ins, passwords, second factors and API tokens without ever keeping a secret', async () => {
      const ts = server();
      const person = await makePerson(ts, ['clerk']);
      const wrong = await ts.api(
        'POST',
        '/api/v1/auth/login',
        { email: person.email, password: 'not it' },
        { token: null },
      );
      expect(wrong.status).toBe(401);
      const token = await signIn(ts, person.email);
      const newPassword = 'another long password';
      const changed = await ts.api(
        'POST',
        '/api/v1/me/password',
        { currentPassword: PERSON_PASSWORD, newPassword },
        { token },
      );
      expect(changed.status).toBe(204);
      const started = await ts.api<{ secret: string }>('POST', '/api/v1/me/totp', undefined, { token });
      const confirmed = await ts.api<{ recoveryCodes: string[] }>(
        'POST',
        '/api/v1/me/totp/confirm',
        { code: totpCode(started.body.secret, totpStep(now)) },
        { token },
      );
      expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
      const machine = await ts.api<{ id: string; token: string }>('POST', '/api/v1/api-tokens', {
        name: 'shop connector',
        permissions: ['stock.read'],
      });
      expect(machine.status).toBe(201);
      expect((await ts.api('DELETE', `/api/v1/api-tokens/${machine.body.id}`)).status).toBe(204);
      expect((await ts.api('POST', '/api/v1/auth/logout', undefined, { token })).status).toBe(204);

      const own = await auditEntries(ts, `user=${person.id}`);
      expect(own.map((e) => e.action)).toEqual([
        'auth.logout',
        'user.totp_enable',
        'user.totp_start',
        'user.change_password',
        'auth.login',
      ]);
      expect(own.every((e) => e.user?.email === person.email && e.source.via === 'session')).toBe(true);
      const aboutPerson = await auditEntries(ts, `entity=user&entityId=${person.id}`);
      expect(aboutPerson.map((e) => e.action)).toContain('auth.login_failed');
      expect(aboutPerson.map((e) => e.action)).toContain('user.create');
      const tokenEntries = await auditEntries(ts, `entity=api_token&entityId=${machine.body.id}`);
      expect(tokenEntries.map((e) => e.action)).toEqual(['api_token.revoke', 'api_token.create']);
      expect(tokenEntries[1]?.after).toMatchObject({ name: 'shop connector' });

      const stored = JSON.stringify(
        await ts.server.database.db.selectFrom('audit_log').selectAll().execute(),
        (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v),
      );
      const secrets = [
        PERSON_PASSWORD,
        newPassword,
        machine.body.token,
        started.body.secret,
        ...confirmed.body.recoveryCodes,
      ];
      expect(secrets.filter((secret) => stored.includes(secret))).toEqual([]);
      expect(stored).not.toMatch(/argon2|password_?[hH]ash|ohs_/);
    });

    it('searches by user, entity, action and time, newest first, a page at a time', async () => {
      const ts = server();
      const person = await makePerson(ts, ['warehouse_manager']);
      const token = await signIn(ts, person.email);
      const from = later();
      const skus: string[] = [];
      for (let i = 0; i < 3; i++) {
        const sku = uniqueCode('PAGE');
        skus.push(sku);
        expect((await ts.api('POST', '/api/v1/items', { sku, name: sku }, { token })).status).toBe(201);
        later();
      }
      const to = new Date(now).toISOString();
      await makeItem(ts);

      const theirs = await auditEntries(ts, `user=${person.id}&entity=item&from=${from}&to=${to}`);
      expect(theirs.map((e) => e.after?.sku)).toEqual([...skus].reverse());
      const byEmail = await auditEntries(
        ts,
        `user=${encodeURIComponent(person.email.toUpperCase())}&entity=item&from=${from}&to=${to}`,
      );
      expect(byEmail).toEqual(theirs);
      const firstPage = await ts.api<{ items: { seq: number }[]; nextCursor: string }>(
        'GET',
        `/api/v1/audit?user=${person.id}&action=item.create&limit=2`,
      );
      expect(firstPage.body.items).toHaveLength(2);
      const rest = await ts.api<{ items: { seq: number }[]; nextCursor: string | null }>(
        'GET',
        `/api/v1/audit?user=${person.id}&action=item.create&limit=2&cursor=${firstPage.body.nextCursor}`,
      );
      expect(rest.body.items).toHaveLength(1);
      expect(rest.body.nextCursor).toBeNull();
      const seqs = [...firstPage.body.items, ...rest.body.items].map((e) => e.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
      const openapi = await ts.api<{ paths: Record<string, unknown> }>('GET', '/api/openapi.json');
      expect(Object.keys(openapi.body.paths)).toContain('/api/v1/audit');
      const bad = await ts.api('GET', '/api/v1/audit?from=yesterday');
      expect(bad.body).toMatchObject({ code: 'validation_failed', errors: [{ path: 'from' }] });
    });

    it('is read by finance (within its warehouses) and refused to roles without audit.read', async () => {
      const ts = server();
      const mine = await stockedItem(ts, 10, 1);
      const other = await stockedItem(ts, 10, 1);
      for (const role of ['viewer', 'warehouse_manager', 'clerk']) {
        const refused = await ts.api('GET', '/api/v1/audit', undefined, { token: await signInAs(ts, role) });
        expect(refused.status).toBe(403);
        expect(refused.body).toMatchObject({ code: 'forbidden', permission: 'audit.read' });
      }
      const everywhere = await auditEntries(ts, 'entity=receipt', await signInAs(ts, 'finance'));
      const warehouses = new Set(everywhere.map((e) => e.after?.warehouse));
      expect(warehouses).toContain(mine.wh);
      expect(warehouses).toContain(other.wh);
      const scoped = await auditEntries(ts, '', await signInAs(ts, 'finance', [mine.wh]));
      expect(scoped.length).toBeGreaterThan(0);
      expect(scoped.every((e) => (e.after?.warehouse ?? e.after?.code) === mine.wh)).toBe(true);
      expect(scoped.some((e) => e.after?.warehouse === other.wh)).toBe(false);
      expect(scoped.some((e) => e.entity === 'item' || e.entity === 'user')).toBe(false);
    });

    it('keeps no entry of a refused write, and one entry of a write retried with its Idempotency-Key', async () => {
      const ts = server();
      const { wh, sku } = await stockedItem(ts, 5, 1);
      const head = await chainHead(ts);
      const short = await ts.api('POST', '/api/v1/sales-orders', {
        warehouse: wh,
        lines: [{ sku, qty: 6, unitPrice: 1 }],
      });
      expect(short.body).toMatchObject({ code: 'insufficient_stock' });
      const duplicate = await ts.api('POST', '/api/v1/items', { sku, name: 'again' });
      expect(duplicate.status).toBe(409);
      const stale = await ts.api(
        'PATCH',
        `/api/v1/items/${sku}`,
        { name: 'stale' },
        { headers: { 'if-match': '7' } },
      );
      expect(stale.status).toBe(409);
      expect(await chainHead(ts)).toEqual(head);

      const key = { 'idempotency-key': uniqueCode('audit-once') };
      const order = { warehouse: wh, lines: [{ sku, qty: 1, unitPrice: 1 }] };
      const first = await act(ts, '/api/v1/sales-orders', order, 201, key);
      const again = await ts.api('POST', '/api/v1/sales-orders', order, { headers: key });
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(
        (await auditEntries(ts, `entity=sales_order&entityId=${first.id}`)).map((e) => e.action),
      ).toEqual(['sales_order.create']);
      expect((await chainHead(ts)).seq).toBe(head.seq + 1n);
    });
  });
}

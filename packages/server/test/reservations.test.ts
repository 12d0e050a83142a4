import { describe, expect, it } from 'vitest';
import { verifyLedger } from '../src/ledger/verify';
import { verifyAuditChain } from '../src/modules/audit/audit-verify';
import { testDatabaseKinds } from './support/databases';
import { makeItem, makeWarehouse, receive, stockedItem, stockOf } from './support/fixtures';
import { useTestServer } from './support/server';

for (const kind of testDatabaseKinds()) {
  describe(`reservations on ${kind}`, () => {
    const server = useTestServer(kind);

    it('reserves, shows available drop, and releases (the cola example)', async () => {
      const ts = server();
      const { wh, sku } = await stockedItem(ts, 500, '2.5');
      const res = await ts.api('POST', '/api/v1/reservations', {
        sku,
        warehouse: wh,
        qty: 100,
        reference: 'order-1',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        sku,
        warehouse: wh,
        qty: 100,
        status: 'active',
        reference: 'order-1',
      });
      expect(await stockOf(ts, sku, wh)).toMatchObject({ onHand: 500, reserved: 100, available: 400 });

      // Sent like a client that always sets a JSON content type: an empty body is no body.
      const released = await ts.api('POST', `/api/v1/reservations/${res.body.id}/release`, undefined, {
        raw: '',
        headers: { 'content-type': 'application/json' },
      });
      expect(released.status).toBe(200);
      expect(released.body.status).toBe('released');
      expect(await stockOf(ts, sku, wh)).toMatchObject({ onHand: 500, reserved: 0, available: 500 });
      expect((await ts.api('GET', `/api/v1/reservations/${res.body.id}`)).body.status).toBe('released');
    });

    it('refuses more than is available with insufficient_stock naming the quantity', async () => {
      const ts = server();
      const { wh, sku } = await stockedItem(ts, 3, 1);
      const res = await ts.api('POST', '/api/v1/reservations', {
        sku,
        warehouse: wh,
        qty: 3.5,
        reference: 'too-much',
      });
      expect(res.status).toBe(409);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body).toMatchObject({ code: 'insufficient_stock', status: 409 });
      expect(res.body.errors).toEqual([expect.objectContaining({ sku, available: 3, requested: 3.5 })]);
      expect(await stockOf(ts, sku, wh)).toMatchObject({ reserved: 0, available: 3 });
    });

    it('grants exactly 100 of 500 parallel HTTP reservations against 100 on hand, and refuses the rest', async () => {
      const ts = server();
      const { wh, sku } = await stockedItem(ts, 100, '9.99');
      const results = await Promise.all(
        Array.from({ length: 500 }, (_, i) =>
          ts.api('POST', '/api/v1/reservations', { sku, warehouse: wh, qty: 1, reference: `flash-${i}` }),
        ),
      );
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(100);
      expect(statuses.filter((s) => s === 409)).toHaveLength(400);
      expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'insufficient_stock')).toBe(
        true,
      );
      expect(await stockOf(ts, sku, wh)).toMatchObject({ onHand: 100, reserved: 100, available: 0 });
      const active = await ts.api<{ items: unknown[] }>(
        'GET',
        `/api/v1/reservations?sku=${sku}&status=active&limit=500`,
      );
      expect(active.body.items).toHaveLength(100);
      expect(await verifyLedger(ts.server.database.db)).toEqual([]);
      // Each grant is in the audit chain once, and the chain stayed whole under the burst.
      const granted = results.filter((r) => r.status === 201).map((r) => String(r.body.id));
      const recorded = await ts.server.database.db
        .selectFrom('audit_log')
        .select('entity_id')
        .where('action', '=', 'reservation.create')
        .where('entity_id', 'in', granted)
        .execute();
      expect(recorded).toHaveLength(100);
      expect((await verifyAuditChain(ts.server.database.db)).breaks).toEqual([]);
    });

    it('replays a retried reservation with the same Idempotency-Key and refuses the key with another body', async () => {
      const ts = server();
      const { wh, sku } = await stockedItem(ts, 10, 1);
      const body = { sku, warehouse: wh, qty: 2, reference: 'retry-me' };
      const headers = { 'idempotency-key': `key-${sku}` };
      const [first, concurrent] = await Promise.all([
        ts.api('POST', '/api/v1/reservations', body, { headers }),
        ts.api('POST', '/api/v1/reservations', body, { headers }),
      ]);
      const again = await ts.api('POST', '/api/v1/reservations', body, { headers });
      expect(first.status).toBe(201);
      expect(concurrent.status).toBe(201);
      expect(again.status).toBe(201);
      expect(concurrent.body.id).toBe(first.body.id);
      expect(again.body.id).toBe(first.body.id);
      expect(await stockOf(ts, sku, wh)).toMatchObject({ reserved: 2 });

      const other = await ts.api('POST', '/api/v1/reservations', { ...body, qty: 3 }, { headers });
      expect(other.status).toBe(409);
      expect(other.body.code).toBe('conflict');
      expect(await stockOf(ts, sku, wh)).toMatchObject({ reserved: 2 });
    });

    it('replays a refused reservation as the same 409 even after stock arrives', async () => {
      const ts = server();
      const wh = await makeWarehouse(ts);
      const sku = await makeItem(ts);
      const headers = { 'idempotency-key': `short-${sku}` };
      const body = { sku, warehouse: wh, qty: 1, reference: 'short' };
      const first = await ts.api('POST', '/api/v1/reservations', body, { headers });
      expect(first.status).toBe(409);
      await receive(ts, wh, [{ sku, qty: 5, unitCost: 1 }]);
      const retry = await ts.api('POST', '/api/v1/reservations', body, { headers });
      expect(retry.status).toBe(409);
      expect(retry.body).toEqual(first.body);
      expect(await stockOf(ts, sku, wh)).toMatchObject({ reserved: 0, available: 5 });
    });

    it('releases an expired reservation by itself and shows it as expired', async () => {
      const ts = server();
      const { wh, sku } = await stockedItem(ts, 10, 1);
      const expiresAt = new Date(Date.now() + 300).toISOString();
      const res = await ts.api('POST', '/api/v1/reservations', {
        sku,
        warehouse: wh,
        qty: 4,
        reference: 'cart',
        expiresAt,
      });
      expect(res.status).toBe(201);
      expect(await stockOf(ts, sku, wh)).toMatchObject({ reserved: 4 });
      await new Promise((r) => setTimeout(r, 400));
      expect(await ts.server.services.reservations.expireDue()).toBe(1);
      expect((await ts.api('GET', `/api/v1/reservations/${res.body.id}`)).body.status).toBe('expired');
      expect(await stockOf(ts, sku, wh)).toMatchObject({ reserved: 0, available: 10 });
      const release = await ts.api('POST', `/api/v1/reservations/${res.body.id}/release`);
      expect(release.status).toBe(409);
      expect(release.body).toMatchObject({ code: 'invalid_state' });
      expect(String(release.body.detail)).toContain('expired');
    });
  });
}

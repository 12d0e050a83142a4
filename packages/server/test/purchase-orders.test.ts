import { describe, expect, it } from 'vitest';
import { testDatabaseKinds } from './support/databases';
import { act, expectBooksAgree, makeItem, makePartner, makeWarehouse, stockOf } from './support/fixtures';
import { type TestServer, useTestServer } from './support/server';

const now = Date.parse('2026-11-02T03:00:00Z');

async function draftOrder(ts: TestServer, lines: { sku: string; qty: number; unitCost: number | string }[]) {
  const supplier = await makePartner(ts, 'suppliers');
  const warehouse = await makeWarehouse(ts);
  const po = await act(ts, '/api/v1/purchase-orders', { supplier, warehouse, lines }, 201);
  return { po, supplier, warehouse };
}

async function approvedOrder(
  ts: TestServer,
  lines: { sku: string; qty: number; unitCost: number | string }[],
) {
  const made = await draftOrder(ts, lines);
  await act(ts, `/api/v1/purchase-orders/${made.po.id}/submit`);
  const po = await act(ts, `/api/v1/purchase-orders/${made.po.id}/approve`);
  return { ...made, po };
}

for (const kind of testDatabaseKinds()) {
  describe(`purchase orders on ${kind}`, () => {
    const server = useTestServer(kind, { clock: () => now });

    it('goes draft → pending approval → approved, and only approved open quantity is incoming', async () => {
      const ts = server();
      const sku = await makeItem(ts);
      const { po, warehouse, supplier } = await draftOrder(ts, [{ sku, qty: 100, unitCost: '2.5' }]);
      expect(po).toMatchObject({
        status: 'draft',
        version: 1,
        supplier,
        warehouse,
        totalQty: 100,
        totalValue: 250,
        actions: ['edit', 'submit', 'cancel'],
      });
      expect(po.number).toMatch(/^PO-\d{6}$/);
      expect(await stockOf(ts, sku, warehouse)).toBeUndefined();

      const submitted = await act(ts, `/api/v1/purchase-orders/${po.id}/submit`);
      expect(submitted).toMatchObject({ status: 'pending_approval', version: 2 });
      const approved = await act(ts, `/api/v1/purchase-orders/${po.id}/approve`);
      expect(approved).toMatchObject({ status: 'approved', version: 3 });
      expect(approved.lines[0]).toMatchObject({ qty: 100, receivedQty: 0, openQty: 100 });
      expect(await stockOf(ts, sku, warehouse)).toMatchObject({ onHand: 0, incoming: 100, available: 0 });
      expect(approved.history.map((h) => [h.action, h.fromStatus, h.toStatus])).toEqual([
        ['create', null, 'draft'],
        ['submit', 'draft', 'pending_approval'],
        ['approve', 'pending_approval', 'approved'],
      ]);
    });

    it('receives partly then fully at the order cost, with batch and expiry, and incoming follows', async () => {
      const ts = server();
      const sku = await makeItem(ts, undefined, { batchTracked: true, expiryTracked: true });
      const { po, warehouse } = await approvedOrder(ts, [{ sku, qty: 10, unitCost: '3.3333' }]);
      const partly = await act(ts, `/api/v1/purchase-orders/${po.id}/receive`, {
        lines: [{ sku, qty: 4, batch: 'B1', expiresOn: '2027-05-01' }],
      });
      expect(partly.status).toBe('partially_received');
      expect(partly.lines[0]).toMatchObject({ receivedQty: 4, openQty: 6 });
      expect(await stockOf(ts, sku, warehouse)).toMatchObject({ onHand: 4, incoming: 6, available: 4 });

      const full = await act(ts, `/api/v1/purchase-orders/${po.id}/receive`, {
        lines: [{ sku, qty: 6, batch: 'B2', expiresOn: '2027-06-01' }],
      });
      expect(full.status).toBe('received');
      expect(full.actions).toEqual([]);
      expect(await stockOf(ts, sku, warehouse)).toMatchObject({ onHand: 10, incoming: 0 });

      const ledger = await ts.api<{ items: Record<string, unknown>[] }>('GET', `/api/v1/ledger?sku=${sku}`);
      expect(ledger.body.items.map((e) => [e.type, e.qty, e.value, e.batch])).toEqual([
        ['receipt', 6, 19.9998, 'B2'],
        ['receipt', 4, 13.3332, 'B1'],
      ]);
      expect(ledger.body.items[0]?.document).toEqual({ type: 'purchase_order', id: po.id, line: 1 });
      await expectBooksAgree(ts);
    });

    it('refuses a receipt beyond the open quantity, naming the line, and changes nothing', async () => {
      const ts = server();
      const a = await makeItem(ts);
      const b = await makeItem(ts);
      const { po, warehouse } = await approvedOrder(ts, [
        { sku: a, qty: 5, unitCost: 1 },
        { sku: b, qty: 5, unitCost: 1 },
      ]);
      const res = await ts.api('POST', `/api/v1/purchase-orders/${po.id}/receive`, {
        lines: [
          { sku: a, qty: 5 },
          { sku: b, qty: 5.001 },
        ],
      });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'validation_failed', errors: [{ path: 'lines.1.qty' }] });
      const unknown = await ts.api('POST', `/api/v1/purchase-orders/${po.id}/receive`, {
        lines: [{ sku: 'NOT-ON-ORDER', qty: 1 }],
      });
      expect(unknown.body).toMatchObject({ code: 'validation_failed', errors: [{ path: 'lines.0.sku' }] });
      expect(await stockOf(ts, a, warehouse)).toMatchObject({ onHand: 0, incoming: 5 });
      const after = await ts.api<{ status: string; version: number }>(
        'GET',
        `/api/v1/purchase-orders/${po.id}`,
      );
      expect(after.body).toMatchObject({ status: 'approved', version: po.version });
    });

    it("allows a little more than ordered within the supplier's tolerance", async () => {
      const ts = server();
      const sku = await makeItem(ts);
      const { po, supplier, warehouse } = await approvedOrder(ts, [{ sku, qty: 100, unitCost: 1 }]);
      const tolerance = await ts.api('PATCH', `/api/v1/suppliers/${supplier}`, { receiptTolerancePct: 2 });
      expect(tolerance.status, JSON.stringify(tolerance.body)).toBe(200);
      const over = await ts.api('POST', `/api/v1/purchase-orders/${po.id}/receive`, {
        lines: [{ sku, qty: 102.5 }],
      });
      expect(over.status).toBe(400);
      const received = await act(ts, `/api/v1/purchase-orders/${po.id}/receive`, {
        lines: [{ sku, qty: 102 }],
      });
      expect(received.status).toBe('received');
      expect(await stockOf(ts, sku, warehouse)).toMatchObject({ onHand: 102, incoming: 0 });
    });

    it('closes the rest after a partial receipt: no longer incoming', async () => {
      const ts = server();
      const sku = await makeItem(ts);
      const { po, warehouse } = await approvedOrder(ts, [{ sku, qty: 10, unitCost: 1 }]);
      await act(ts, `/api/v1/purchase-orders/${po.id}/receive`, { lines: [{ sku, qty: 3 }] });
      const closed = await act(ts, `/api/v1/purchase-orders/${po.id}/close`, {
        reason: 'supplier out of stock',
      });
      expect(closed.status).toBe('closed');
      expect(closed.lines[0]).toMatchObject({ receivedQty: 3, closedQty: 7, openQty: 0 });
      expect(await stockOf(ts, sku, warehouse)).toMatchObject({ onHand: 3, incoming: 0 });
      await expectBooksAgree(ts);
    });

    it('cancels before any receipt and gives back the incoming; refuses cancel after one', async () => {
      const ts = server();
      const sku = await makeItem(ts);
      const { po, warehouse } = await approvedOrder(ts, [{ sku, qty: 10, unitCost: 1 }]);
      const cancelled = await act(ts, `/api/v1/purchase-orders/${po.id}/cancel`);
      expect(cancelled.status).toBe('cancelled');
      expect(await stockOf(ts, sku, warehouse)).toMatchObject({ incoming: 0 });

      const other = await approvedOrder(ts, [{ sku, qty: 10, unitCost: 1 }]);
      await act(ts, `/api/v1/purchase-orders/${other.po.id}/receive`, { lines: [{ sku, qty: 1 }] });
      const refused = await ts.api('POST', `/api/v1/purchase-orders/${other.po.id}/cancel`);
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: 'invalid_state', status: 409 });
      expect(String(refused.body.detail)).toContain('partially_received');
    });

    it('refuses every action its status does not allow with 409 invalid_state naming the status', async () => {
      const ts = server();
      const sku = await makeItem(ts);
      const { po } = await draftOrder(ts, [{ sku, qty: 1, unitCost: 1 }]);
      for (const action of ['approve', 'reject', 'receive', 'close']) {
        const res = await ts.api(
          'POST',
          `/api/v1/purchase-orders/${po.id}/${action}`,
          action === 'receive' ? { lines: [{ sku, qty: 1 }] } : undefined,
        );
        expect(res.status, action).toBe(409);
        expect(res.body).toMatchObject({ code: 'invalid_state' });
        expect(String(res.body.detail), action).toContain('draft');
      }
      await act(ts, `/api/v1/purchase-orders/${po.id}/submit`);
      const again = await ts.api('POST', `/api/v1/purchase-orders/${po.id}/submit`);
      expect(again.body).toMatchObject({ code: 'invalid_state' });
      const rejected = await act(ts, `/api/v1/purchase-orders/${po.id}/reject`, { reason: 'too dear' });
      expect(rejected.status).toBe('rejected');
      expect((await ts.api('POST', `/api/v1/purchase-orders/${po.id}/approve`)).status).toBe(409);
      const missing = await ts.api('POST', '/api/v1/purchase-orders/NOPE/submit');
      expect(missing.status).toBe(404);
    });

    it('edits a draft freely, only quantities and costs while pending, and checks If-Match', async () => {
      const ts = server();
      const a = await makeItem(ts);
      const b = await makeItem(ts);
      const { po } = await draftOrder(ts, [{ sku: a, qty: 1, unitCost: 1 }]);
      const stale = await ts.api(
        'PATCH',
        `/api/v1/purchase-orders/${po.id}`,
        { note: 'x' },
        { headers: { 'if-match': '7' } },
      );
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ code: 'conflict' });
      const edited = await ts.api<{ version: number; lines: unknown[]; note: string }>(
        'PATCH',
        `/api/v1/purchase-orders/${po.id}`,
        {
          note: 'rush',
          lines: [
            { sku: a, qty: 2, unitCost: 1 },
            { sku: b, qty: 3, unitCost: '0.5' },
          ],
        },
        { headers: { 'if-match': `"${po.version}"` } },
      );
      expect(edited.status).toBe(200);
      expect(edited.headers.etag).toBe('"2"');
      expect(edited.body).toMatchObject({ note: 'rush', version: 2, totalQty: 5, totalValue: 3.5 });
      await act(ts, `/api/v1/purchase-orders/${po.id}/submit`);
      const headEdit = await ts.api('PATCH', `/api/v1/purchase-orders/${po.id}`, { note: 'late' });
      expect(headEdit.body).toMatchObject({ code: 'validation_failed', errors: [{ path: 'note' }] });
      const skuSwap = await ts.api('PATCH', `/api/v1/purchase-orders/${po.id}`, {
        lines: [
          { sku: b, qty: 2, unitCost: 1 },
          { sku: a, qty: 3, unitCost: 1 },
        ],
      });
      expect(skuSwap.body).toMatchObject({ code: 'validation_failed' });
      expect(skuSwap.body.errors).toContainEqual(expect.objectContaining({ path: 'lines.0.sku' }));
      const repriced = await ts.api('PATCH', `/api/v1/purchase-orders/${po.id}`, {
        lines: [
          { sku: a, qty: 4, unitCost: 1 },
          { sku: b, qty: 3, unitCost: '0.4' },
        ],
      });
      expect(repriced.body).toMatchObject({ status: 'pending_approval', totalQty: 7, totalValue: 5.2 });
      const approved = await act(ts, `/api/v1/purchase-orders/${po.id}/approve`);
      const locked = await ts.api('PATCH', `/api/v1/purchase-orders/${approved.id}`, { note: 'y' });
      expect(locked.body).toMatchObject({ code: 'invalid_state' });
    });

    it("quick-fills a new draft from the supplier's last order", async () => {
      const ts = server();
      const sku = await makeItem(ts);
      const { po, supplier, warehouse } = await draftOrder(ts, [{ sku, qty: 12, unitCost: '4.2' }]);
      const filled = await act(ts, '/api/v1/purchase-orders/quick-fill', { supplier }, 201);
      expect(filled).toMatchObject({ status: 'draft', supplier, warehouse, totalQty: 12, totalValue: 50.4 });
      expect(filled.id).not.toBe(po.id);
      const none = await ts.api('POST', '/api/v1/purchase-orders/quick-fill', {
        supplier: await makePartner(ts, 'suppliers'),
      });
      expect(none.body).toMatchObject({ code: 'validation_failed', errors: [{ path: 'supplier' }] });
    });

    it('replays an action retried with the same Idempotency-Key instead of receiving twice', async () => {
      const ts = server();
      const sku = await makeItem(ts);
      const { po, warehouse } = await approvedOrder(ts, [{ sku, qty: 10, unitCost: 1 }]);
      const headers = { 'idempotency-key': `recv-${po.id}` };
      const first = await act(
        ts,
        `/api/v1/purchase-orders/${po.id}/receive`,
        { lines: [{ sku, qty: 2 }] },
        200,
        headers,
      );
      const retry = await act(
        ts,
        `/api/v1/purchase-orders/${po.id}/receive`,
        { lines: [{ sku, qty: 2 }] },
        200,
        headers,
      );
      expect(retry).toEqual(first);
      expect(await stockOf(ts, sku, warehouse)).toMatchObject({ onHand: 2, incoming: 8 });
    });

    it('lists orders by status, supplier, warehouse and SKU', async () => {
      const ts = server();
      const sku = await makeItem(ts);
      const { po, supplier, warehouse } = await approvedOrder(ts, [{ sku, qty: 1, unitCost: 1 }]);
      const bySupplier = await ts.api<{ items: { id: string }[] }>(
        'GET',
        `/api/v1/purchase-orders?supplier=${supplier}`,
      );
      expect(bySupplier.body.items.map((d) => d.id)).toEqual([po.id]);
      const bySku = await ts.api<{ items: { id: string }[] }>(
        'GET',
        `/api/v1/purchase-orders?sku=${sku}&status=approved&warehouse=${warehouse}`,
      );
      expect(bySku.body.items.map((d) => d.id)).toEqual([po.id]);
      const none = await ts.api<{ items: unknown[] }>(
        'GET',
        `/api/v1/purchase-orders?sku=${sku}&status=draft`,
      );
      expect(none.body.items).toEqual([]);
    });
  });
}

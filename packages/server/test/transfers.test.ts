import { describe, expect, it } from 'vitest';
import { testDatabaseKinds } from './support/databases';
import { act, expectBooksAgree, makeItem, makeWarehouse, receive, stockOf } from './support/fixtures';
import { type TestServer, useTestServer } from './support/server';

const now = Date.parse('2026-11-04T03:00:00Z');

type Entry = { type: string; qty: number; value: number; warehouse: string; reason: string | null };

async function entriesOf(ts: TestServer, sku: string): Promise<Entry[]> {
  const res = await ts.api<{ items: Entry[] }>('GET', `/api/v1/ledger?sku=${sku}&limit=500`);
  return res.body.items.reverse();
}

/** Warehouses A and B, and a SKU with 60 in A: 20 at 1.5 and 40 at 2.25. */
async function twoWarehouses(ts: TestServer) {
  const a = await makeWarehouse(ts);
  const b = await makeWarehouse(ts);
  const sku = await makeItem(ts);
  await receive(ts, a, [{ sku, qty: 20, unitCost: '1.5' }]);
  await receive(ts, a, [{ sku, qty: 40, unitCost: '2.25' }]);
  return { a, b, sku };
}

for (const kind of testDatabaseKinds()) {
  describe(`transfers on ${kind}`, () => {
    const server = useTestServer(kind, { clock: () => now });

    it('moves 50 from A to B: reserved at confirm, in transit at ship, on hand at B only on receipt', async () => {
      const ts = server();
      const { a, b, sku } = await twoWarehouses(ts);
      const draft = await act(ts, '/api/v1/transfers', { from: a, to: b, lines: [{ sku, qty: 50 }] }, 201);
      expect(draft).toMatchObject({
        status: 'draft',
        from: a,
        to: b,
        actions: ['edit', 'confirm', 'cancel'],
      });
      expect(draft.number).toMatch(/^TR-\d{6}$/);

      const confirmed = await act(ts, `/api/v1/transfers/${draft.id}/confirm`);
      expect(confirmed).toMatchObject({ status: 'confirmed' });
      expect(await stockOf(ts, sku, a)).toMatchObject({ onHand: 60, reserved: 50, available: 10 });

      const shipped = await act(ts, `/api/v1/transfers/${draft.id}/ship`);
      // FIFO out of A: 20 × 1.5 + 30 × 2.25 = 97.5, and that cost travels.
      expect(shipped).toMatchObject({ status: 'shipped', value: 97.5 });
      expect(await stockOf(ts, sku, a)).toMatchObject({ onHand: 10, reserved: 0, available: 10 });
      expect(await stockOf(ts, sku, b)).toMatchObject({ onHand: 0, inTransit: 50, available: 0 });

      const received = await act(ts, `/api/v1/transfers/${draft.id}/receive`);
      expect(received).toMatchObject({ status: 'received', actions: [] });
      expect(await stockOf(ts, sku, b)).toMatchObject({ onHand: 50, inTransit: 0, available: 50 });
      const valuation = await ts.api<{ items: { warehouse: string; qty: number; value: number }[] }>(
        'GET',
        `/api/v1/reports/valuation?sku=${sku}`,
      );
      expect(valuation.body.items.map((r) => [r.warehouse, r.qty, r.value])).toEqual([
        [a, 10, 22.5],
        [b, 50, 97.5],
      ]);
      expect(
        (await entriesOf(ts, sku))
          .filter((e) => e.type.startsWith('transfer'))
          .map((e) => [e.type, e.warehouse, e.qty, e.value]),
      ).toEqual([
        ['transfer_out', a, -50, -97.5],
        ['transfer_in', b, 20, 30],
        ['transfer_in', b, 30, 67.5],
      ]);
      await expectBooksAgree(ts);
    });

    it('receives partly, then closes the short rest as a loss at the cost it left with', async () => {
      const ts = server();
      const { a, b, sku } = await twoWarehouses(ts);
      const t = await act(ts, '/api/v1/transfers', { from: a, to: b, lines: [{ sku, qty: 50 }] }, 201);
      await act(ts, `/api/v1/transfers/${t.id}/confirm`);
      await act(ts, `/api/v1/transfers/${t.id}/ship`);
      const partly = await act(ts, `/api/v1/transfers/${t.id}/receive`, { lines: [{ sku, qty: 45 }] });
      expect(partly.status).toBe('partially_received');
      expect(partly.lines[0]).toMatchObject({ shippedQty: 50, receivedQty: 45, inTransitQty: 5 });
      expect(await stockOf(ts, sku, b)).toMatchObject({ onHand: 45, inTransit: 5 });

      const noReason = await ts.api('POST', `/api/v1/transfers/${t.id}/close`, {});
      expect(noReason.body).toMatchObject({ code: 'validation_failed', errors: [{ path: 'reason' }] });
      const closed = await act(ts, `/api/v1/transfers/${t.id}/close`, { reason: 'lost in transit' });
      expect(closed).toMatchObject({ status: 'closed', reason: 'lost in transit' });
      expect(closed.lines[0]).toMatchObject({ receivedQty: 45, lostQty: 5, inTransitQty: 0 });
      expect(await stockOf(ts, sku, b)).toMatchObject({ onHand: 45, inTransit: 0 });
      const loss = (await entriesOf(ts, sku)).filter((e) => e.type === 'loss');
      expect(loss.map((e) => [e.warehouse, e.qty, e.value, e.reason])).toEqual([
        [b, -5, -11.25, 'lost in transit'],
      ]);
      await expectBooksAgree(ts);
    });

    it('refuses to confirm what the source does not have, and cancels before shipping', async () => {
      const ts = server();
      const { a, b, sku } = await twoWarehouses(ts);
      const t = await act(ts, '/api/v1/transfers', { from: a, to: b, lines: [{ sku, qty: 61 }] }, 201);
      const refused = await ts.api('POST', `/api/v1/transfers/${t.id}/confirm`);
      expect(refused.body).toMatchObject({ code: 'insufficient_stock', errors: [{ sku, available: 60 }] });
      expect((await ts.api<{ status: string }>('GET', `/api/v1/transfers/${t.id}`)).body.status).toBe(
        'draft',
      );

      const edited = await ts.api('PATCH', `/api/v1/transfers/${t.id}`, { lines: [{ sku, qty: 30 }] });
      expect(edited.status).toBe(200);
      await act(ts, `/api/v1/transfers/${t.id}/confirm`);
      expect(await stockOf(ts, sku, a)).toMatchObject({ reserved: 30 });
      const cancelled = await act(ts, `/api/v1/transfers/${t.id}/cancel`);
      expect(cancelled.status).toBe('cancelled');
      expect(await stockOf(ts, sku, a)).toMatchObject({ onHand: 60, reserved: 0, available: 60 });
      await expectBooksAgree(ts);
    });

    it('refuses actions out of order with 409 invalid_state naming the status', async () => {
      const ts = server();
      const { a, b, sku } = await twoWarehouses(ts);
      const same = await ts.api('POST', '/api/v1/transfers', { from: a, to: a, lines: [{ sku, qty: 1 }] });
      expect(same.body).toMatchObject({ code: 'validation_failed', errors: [{ path: 'to' }] });
      const t = await act(ts, '/api/v1/transfers', { from: a, to: b, lines: [{ sku, qty: 5 }] }, 201);
      for (const action of ['ship', 'receive', 'close']) {
        const res = await ts.api(
          'POST',
          `/api/v1/transfers/${t.id}/${action}`,
          action === 'close' ? { reason: 'x' } : undefined,
        );
        expect(res.body, action).toMatchObject({ code: 'invalid_state' });
        expect(String(res.body.detail)).toContain('draft');
      }
      await act(ts, `/api/v1/transfers/${t.id}/confirm`);
      await act(ts, `/api/v1/transfers/${t.id}/ship`);
      const cancel = await ts.api('POST', `/api/v1/transfers/${t.id}/cancel`);
      expect(cancel.body).toMatchObject({ code: 'invalid_state' });
      expect(String(cancel.body.detail)).toContain('shipped');
      const tooMuch = await ts.api('POST', `/api/v1/transfers/${t.id}/receive`, { lines: [{ sku, qty: 6 }] });
      expect(tooMuch.body).toMatchObject({ code: 'validation_failed', errors: [{ path: 'lines.0.qty' }] });
      await expectBooksAgree(ts);
    });

    it('lets only one of two racing ships go through', async () => {
      const ts = server();
      const { a, b, sku } = await twoWarehouses(ts);
      const t = await act(ts, '/api/v1/transfers', { from: a, to: b, lines: [{ sku, qty: 10 }] }, 201);
      await act(ts, `/api/v1/transfers/${t.id}/confirm`);
      const results = await Promise.all([1, 2].map(() => ts.api('POST', `/api/v1/transfers/${t.id}/ship`)));
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(await stockOf(ts, sku, a)).toMatchObject({ onHand: 50, reserved: 0 });
      expect(await stockOf(ts, sku, b)).toMatchObject({ inTransit: 10 });
      await expectBooksAgree(ts);
    });
  });
}

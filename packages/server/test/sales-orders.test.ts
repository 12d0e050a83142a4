import { describe, expect, it } from 'vitest';
import { testDatabaseKinds } from './support/databases';
import {
  act,
  expectBooksAgree,
  makeItem,
  makePartner,
  makeWarehouse,
  receive,
  stockedItem,
  stockOf,
} from './support/fixtures';
import { type TestServer, useTestServer } from './support/server';

const now = Date.parse('2026-11-03T03:00:00Z');

type Entry = { type: string; qty: number; value: number; unitCost: number; batch: string | null };

async function ledgerOf(ts: TestServer, sku: string): Promise<Entry[]> {
  const res = await ts.api<{ items: Entry[] }>('GET', `/api/v1/ledger?sku=${sku}&limit=500`);
  return res.body.items.reverse();
}

async function order(
  ts: TestServer,
  warehouse: string | undefined,
  lines: { sku: string; qty: number; unitPrice?: number }[],
) {
  return act(
    ts,
    '/api/v1/sales-orders',
    {
      ...(warehouse ? { warehouse } : {}),
      channel: 'web',
      lines: lines.map((l) => ({ unitPrice: 9.9, ...l })),
    },
    201,
  );
}

for (const kind of testDatabaseKinds()) {
  describe(`sales orders and returns on ${kind}`, () => {
    const server = useTestServer(kind, { clock: () => now });

    it('reserves at once and releases on cancel (500 cola: order 100, then cancel)', async () => {
      const ts = server();
      const { wh, sku } = await stockedItem(ts, 500, 2);
      const so = await order(ts, wh, [{ sku, qty: 100 }]);
      expect(so).toMatchObject({
        status: 'confirmed',
        warehouse: wh,
        channel: 'web',
        actions: ['ship', 'cancel'],
      });
      expect(so.number).toMatch(/^SO-\d{6}$/);
      expect(so.lines[0]).toMatchObject({ qty: 100, reservedQty: 100, shippedQty: 0 });
      expect(await stockOf(ts, sku, wh)).toMatchObject({ onHand: 500, reserved: 100, available: 400 });
      const cancelled = await act(ts, `/api/v1/sales-orders/${so.id}/cancel`);
      expect(cancelled).toMatchObject({ status: 'cancelled' });
      expect(cancelled.lines[0]).toMatchObject({ reservedQty: 0, cancelledQty: 100 });
      expect(await stockOf(ts, sku, wh)).toMatchObject({ onHand: 500, reserved: 0, available: 500 });
      await expectBooksAgree(ts);
    });

    it('refuses the whole order naming each short SKU and what is available, and reserves nothing', async () => {
      const ts = server();
      const { wh, sku: plenty } = await stockedItem(ts, 50, 1);
      const scarce = await makeItem(ts);
      await receive(ts, wh, [{ sku: scarce, qty: 3, unitCost: 1 }]);
      const headers = { 'idempotency-key': `short-${scarce}` };
      const body = {
        warehouse: wh,
        lines: [
          { sku: plenty, qty: 10, unitPrice: 1 },
          { sku: scarce, qty: 5, unitPrice: 1 },
        ],
      };
      const res = await ts.api('POST', '/api/v1/sales-orders', body, { headers });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({
        code: 'insufficient_stock',
        errors: [{ path: 'lines.1.qty', sku: scarce, available: 3, requested: 5 }],
      });
      expect(String(res.body.detail)).toContain(scarce);
      const retry = await ts.api('POST', '/api/v1/sales-orders', body, { headers });
      expect(retry.status).toBe(409);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(await stockOf(ts, plenty, wh)).toMatchObject({ reserved: 0, available: 50 });
      const listed = await ts.api<{ items: unknown[] }>('GET', `/api/v1/sales-orders?sku=${scarce}`);
      expect(listed.body.items).toEqual([]);
    });

    it('picks a warehouse that can fill every line when the order names none', async () => {
      const ts = server();
      const sku = await makeItem(ts);
      const small = await makeWarehouse(ts);
      const big = await makeWarehouse(ts);
      await receive(ts, small, [{ sku, qty: 5, unitCost: 1 }]);
      await receive(ts, big, [{ sku, qty: 40, unitCost: 1 }]);
      const so = await order(ts, undefined, [{ sku, qty: 8 }]);
      expect(so.warehouse).toBe(big);
      const tooMuch = await ts.api('POST', '/api/v1/sales-orders', {
        lines: [{ sku, qty: 41, unitPrice: 1 }],
      });
      expect(tooMuch.body).toMatchObject({ code: 'insufficient_stock', errors: [{ sku, available: 32 }] });
    });

    it('ships in parts at FIFO cost, consuming the reservation, until shipped', async () => {
      const ts = server();
      const wh = await makeWarehouse(ts);
      const sku = await makeItem(ts);
      await receive(ts, wh, [{ sku, qty: 10, unitCost: '2.5' }]);
      await receive(ts, wh, [{ sku, qty: 10, unitCost: '3.1' }]);
      const so = await order(ts, wh, [{ sku, qty: 15, unitPrice: 8 }]);
      const partly = await act(ts, `/api/v1/sales-orders/${so.id}/ship`, { lines: [{ sku, qty: 12 }] });
      expect(partly).toMatchObject({ status: 'partially_shipped', cogs: 31.2 });
      expect(partly.lines[0]).toMatchObject({ shippedQty: 12, reservedQty: 3 });
      expect(await stockOf(ts, sku, wh)).toMatchObject({ onHand: 8, reserved: 3, available: 5 });
      const rest = await act(ts, `/api/v1/sales-orders/${so.id}/ship`);
      expect(rest).toMatchObject({ status: 'shipped', cogs: 40.5, actions: ['return'] });
      expect(await stockOf(ts, sku, wh)).toMatchObject({ onHand: 5, reserved: 0, available: 5 });
      expect((await ledgerOf(ts, sku)).slice(2).map((e) => [e.type, e.qty, e.value])).toEqual([
        ['shipment', -12, -31.2],
        ['shipment', -3, -9.3],
      ]);
      const over = await ts.api('POST', `/api/v1/sales-orders/${so.id}/ship`, { lines: [{ sku, qty: 1 }] });
      expect(over.body).toMatchObject({ code: 'invalid_state' });
      expect(String(over.body.detail)).toContain('shipped');
      await expectBooksAgree(ts);
    });

    it('ships expiry-tracked stock soonest-to-expire first (FEFO)', async () => {
      const ts = server();
      const wh = await makeWarehouse(ts);
      const sku = await makeItem(ts, undefined, { batchTracked: true, expiryTracked: true });
      await receive(ts, wh, [{ sku, qty: 5, unitCost: 1, batch: 'LATE', expiresOn: '2027-09-01' }]);
      await receive(ts, wh, [{ sku, qty: 5, unitCost: 2, batch: 'SOON', expiresOn: '2027-01-01' }]);
      const so = await order(ts, wh, [{ sku, qty: 6 }]);
      await act(ts, `/api/v1/sales-orders/${so.id}/ship`);
      const shipped = (await ledgerOf(ts, sku)).filter((e) => e.type === 'shipment');
      expect(shipped.map((e) => [e.qty, e.value])).toEqual([[-6, -11]]);
      await expectBooksAgree(ts);
    });

    it('refuses a ship beyond the open quantity and after cancel, naming the line or the status', async () => {
      const ts = server();
      const { wh, sku } = await stockedItem(ts, 20, 1);
      const so = await order(ts, wh, [{ sku, qty: 4 }]);
      const over = await ts.api('POST', `/api/v1/sales-orders/${so.id}/ship`, { lines: [{ sku, qty: 5 }] });
      expect(over.body).toMatchObject({ code: 'validation_failed', errors: [{ path: 'lines.0.qty' }] });
      await act(ts, `/api/v1/sales-orders/${so.id}/cancel`);
      const after = await ts.api('POST', `/api/v1/sales-orders/${so.id}/ship`);
      expect(after.status).toBe(409);
      expect(after.body).toMatchObject({ code: 'invalid_state', status: 409 });
      expect(String(after.body.detail)).toContain('cancelled');
      expect((await ts.api('POST', `/api/v1/sales-orders/${so.id}/cancel`)).status).toBe(409);
      expect(await stockOf(ts, sku, wh)).toMatchObject({ onHand: 20, reserved: 0 });
    });

    it('cancels the rest after a partial shipment', async () => {
      const ts = server();
      const { wh, sku } = await stockedItem(ts, 20, 1);
      const so = await order(ts, wh, [{ sku, qty: 10 }]);
      await act(ts, `/api/v1/sales-orders/${so.id}/ship`, { lines: [{ sku, qty: 4 }] });
      const cancelled = await act(ts, `/api/v1/sales-orders/${so.id}/cancel`);
      expect(cancelled.lines[0]).toMatchObject({ shippedQty: 4, cancelledQty: 6, reservedQty: 0 });
      expect(await stockOf(ts, sku, wh)).toMatchObject({ onHand: 16, reserved: 0, available: 16 });
      await expectBooksAgree(ts);
    });

    it('keeps one order consistent when two ships, or a ship and a cancel, race', async () => {
      const ts = server();
      const { wh, sku } = await stockedItem(ts, 100, 1);
      const so = await order(ts, wh, [{ sku, qty: 10 }]);
      const ships = await Promise.all(
        [1, 2].map(() => ts.api('POST', `/api/v1/sales-orders/${so.id}/ship`, { lines: [{ sku, qty: 10 }] })),
      );
      expect(ships.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(await stockOf(ts, sku, wh)).toMatchObject({ onHand: 90, reserved: 0 });

      const other = await order(ts, wh, [{ sku, qty: 10 }]);
      const [ship, cancel] = await Promise.all([
        ts.api<{ status: string }>('POST', `/api/v1/sales-orders/${other.id}/ship`),
        ts.api<{ status: string }>('POST', `/api/v1/sales-orders/${other.id}/cancel`),
      ]);
      expect([ship.status, cancel.status].sort()).toEqual([200, 409]);
      const final = await ts.api<{ status: string }>('GET', `/api/v1/sales-orders/${other.id}`);
      const stock = await stockOf(ts, sku, wh);
      if (final.body.status === 'shipped') expect(stock).toMatchObject({ onHand: 80, reserved: 0 });
      else expect(stock).toMatchObject({ onHand: 90, reserved: 0, available: 90 });
      await expectBooksAgree(ts);
    });

    it('takes returns back at the cost and batch they left with: restock, quarantine, write-off', async () => {
      const ts = server();
      const wh = await makeWarehouse(ts);
      const sku = await makeItem(ts, undefined, { batchTracked: true });
      const customer = await makePartner(ts, 'customers');
      await receive(ts, wh, [{ sku, qty: 4, unitCost: '1.25', batch: 'A' }]);
      await receive(ts, wh, [{ sku, qty: 10, unitCost: '2.0001', batch: 'B' }]);
      const so = await act(
        ts,
        '/api/v1/sales-orders',
        { warehouse: wh, customer, lines: [{ sku, qty: 10, unitPrice: 5 }] },
        201,
      );
      await act(ts, `/api/v1/sales-orders/${so.id}/ship`);
      await receive(ts, wh, [{ sku, qty: 1, unitCost: 99, batch: 'C' }]);

      const ret = await act(
        ts,
        `/api/v1/sales-orders/${so.id}/returns`,
        {
          lines: [
            { sku, qty: 5, disposition: 'restock', reason: 'unwanted' },
            { sku, qty: 2, disposition: 'quarantine', reason: 'opened box' },
            { sku, qty: 1, disposition: 'write_off', reason: 'broken' },
          ],
        },
        201,
      );
      expect(ret).toMatchObject({ status: 'posted', salesOrderId: so.id, customer, totalQty: 8 });
      // Shipped: 4 × 1.25 (A) + 6 × 2.0001 (B). Returned first: the 4 of A and 1 of B, then 2 and 1 of B.
      expect(ret.lines.map((l) => [l.disposition, l.qty, l.value])).toEqual([
        ['restock', 5, 7.0001],
        ['quarantine', 2, 4.0002],
        ['write_off', 1, 2.0001],
      ]);
      const entries = (await ledgerOf(ts, sku)).filter(
        (e) => e.type === 'return_in' || e.type === 'write_off',
      );
      expect(entries.map((e) => [e.type, e.qty, e.value, e.batch])).toEqual([
        ['return_in', 4, 5, 'A'],
        ['return_in', 1, 2.0001, 'B'],
        ['return_in', 2, 4.0002, 'B'],
        ['return_in', 1, 2.0001, 'B'],
        ['write_off', -1, -2.0001, 'B'],
      ]);
      expect(await stockOf(ts, sku, wh)).toMatchObject({ onHand: 12, quarantined: 2, available: 10 });
      const order2 = await ts.api<{ lines: { returnedQty: number }[]; version: number }>(
        'GET',
        `/api/v1/sales-orders/${so.id}`,
      );
      expect(order2.body.lines[0]?.returnedQty).toBe(8);

      const tooMany = await ts.api('POST', `/api/v1/sales-orders/${so.id}/returns`, {
        lines: [{ sku, qty: 3, disposition: 'restock', reason: 'x' }],
      });
      expect(tooMany.body).toMatchObject({ code: 'validation_failed', errors: [{ path: 'lines.0.qty' }] });
      const listed = await ts.api<{ items: { id: string }[] }>(
        'GET',
        `/api/v1/sales-orders/${so.id}/returns`,
      );
      expect(listed.body.items.map((r) => r.id)).toEqual([ret.id]);
      await expectBooksAgree(ts);
    });

    it('refuses a return of an order that shipped nothing, and makes an exchange a return plus a linked order', async () => {
      const ts = server();
      const { wh, sku } = await stockedItem(ts, 10, 3);
      const so = await order(ts, wh, [{ sku, qty: 2 }]);
      const early = await ts.api('POST', `/api/v1/sales-orders/${so.id}/returns`, {
        lines: [{ sku, qty: 1, disposition: 'restock', reason: 'x' }],
      });
      expect(early.body).toMatchObject({ code: 'invalid_state' });
      await act(ts, `/api/v1/sales-orders/${so.id}/ship`);
      const other = await makeItem(ts);
      await receive(ts, wh, [{ sku: other, qty: 5, unitCost: 4 }]);
      const exchange = await act(
        ts,
        `/api/v1/sales-orders/${so.id}/returns`,
        {
          lines: [{ sku, qty: 1, disposition: 'restock', reason: 'wrong size' }],
          exchange: { lines: [{ sku: other, qty: 1, unitPrice: 9.9 }] },
        },
        201,
      );
      expect(exchange.exchangeOrderId).toEqual(expect.any(String));
      const linked = await ts.api<{ status: string; lines: { sku: string; reservedQty: number }[] }>(
        'GET',
        `/api/v1/sales-orders/${exchange.exchangeOrderId}`,
      );
      expect(linked.body).toMatchObject({ status: 'confirmed', lines: [{ sku: other, reservedQty: 1 }] });
      expect(await stockOf(ts, sku, wh)).toMatchObject({ onHand: 9, available: 9 });
      await expectBooksAgree(ts);
    });
  });
}

import { describe, expect, it } from 'vitest';
import { testDatabaseKinds } from './support/databases';
import {
  act,
  type Doc,
  expectBooksAgree,
  makeItem,
  makeWarehouse,
  receive,
  stockOf,
} from './support/fixtures';
import { signInAs } from './support/people';
import { type TestServer, useTestServer } from './support/server';

const now = Date.parse('2026-11-10T02:00:00Z');

type Count = { sku: string; countedQty: number; batch?: string; bin?: string; reason?: string };

function startCount(ts: TestServer, body: Record<string, unknown>): Promise<Doc> {
  return act(ts, '/api/v1/stocktakes', body, 201);
}

function count(ts: TestServer, st: Doc, lines: Count[]): Promise<Doc> {
  return act(ts, `/api/v1/stocktakes/${st.id}/counts`, { lines });
}

async function adjustments(ts: TestServer, sku: string) {
  const res = await ts.api<{ items: Record<string, unknown>[] }>(
    'GET',
    `/api/v1/ledger?sku=${sku}&type=adjustment`,
  );
  return res.body.items;
}

/** 100 on hand: 2 at 2.00 then 98 at 2.50, so that a loss of 3 costs 2 × 2 + 1 × 2.5 = 6.5. */
async function hundredOnHand(ts: TestServer) {
  const wh = await makeWarehouse(ts);
  const sku = await makeItem(ts);
  await receive(ts, wh, [{ sku, qty: 2, unitCost: 2 }]);
  await receive(ts, wh, [{ sku, qty: 98, unitCost: '2.5' }]);
  return { wh, sku };
}

for (const kind of testDatabaseKinds()) {
  describe(`stocktakes on ${kind}`, () => {
    const server = useTestServer(kind, { clock: () => now });

    it('counts 97 where the books say 100 and posts an adjustment of −3 at FIFO cost with its reason', async () => {
      const ts = server();
      const { wh, sku } = await hundredOnHand(ts);
      const st = await startCount(ts, { warehouse: wh, skus: [sku] });
      expect(st).toMatchObject({
        status: 'counting',
        version: 1,
        warehouse: wh,
        blind: false,
        scope: { skus: [sku], category: null, bin: null },
        actions: ['count', 'post', 'cancel'],
        uncountedLines: 1,
      });
      expect(st.number).toMatch(/^ST-\d{6}$/);
      expect(st.lines).toEqual([expect.objectContaining({ line: 1, sku, qty: 100, counted: false })]);

      const counted = await count(ts, st, [{ sku, countedQty: 97, reason: 'damage' }]);
      expect(counted).toMatchObject({ status: 'counting', version: 2, totalVarianceQty: -3 });
      expect(counted.lines[0]).toMatchObject({
        countedQty: 97,
        systemQty: 100,
        varianceQty: -3,
        value: null,
      });

      const review = await ts.api('GET', `/api/v1/stocktakes/${st.id}/variances`);
      expect(review.body).toMatchObject({
        items: [{ sku, systemQty: 100, countedQty: 97, varianceQty: -3, value: -6.5, reasons: ['damage'] }],
        matchedLines: 0,
        uncounted: [],
        totalValue: -6.5,
      });

      const posted = await act(ts, `/api/v1/stocktakes/${st.id}/post`);
      expect(posted).toMatchObject({ status: 'posted', version: 3, actions: [], totalValue: -6.5 });
      expect(posted.lines[0]).toMatchObject({ varianceQty: -3, value: -6.5, reason: 'damage' });
      expect(posted.history.map((h) => [h.action, h.fromStatus, h.toStatus])).toEqual([
        ['create', null, 'counting'],
        ['count', 'counting', 'counting'],
        ['post', 'counting', 'posted'],
      ]);
      expect(await stockOf(ts, sku, wh)).toMatchObject({ onHand: 97 });
      const [entry] = await adjustments(ts, sku);
      expect(entry).toMatchObject({ qty: -3, value: -6.5, balanceAfter: 97, reason: 'damage' });
      expect(entry?.document).toEqual({ type: 'stocktake', id: st.id, line: 1 });
      await expectBooksAgree(ts);
    });

    it('adds count lines up, accepts 0, and takes the reason given at posting over the counters’', async () => {
      const ts = server();
      const { wh, sku } = await hundredOnHand(ts);
      const st = await startCount(ts, { warehouse: wh });
      await count(ts, st, [
        { sku, countedQty: 40, bin: 'A-1' },
        { sku, countedQty: 0, bin: 'A-2' },
      ]);
      const counted = await count(ts, st, [{ sku, countedQty: 57.5, bin: 'A-3', reason: 'miscount' }]);
      expect(counted.lines[0]).toMatchObject({ countedQty: 97.5, systemQty: 100, varianceQty: -2.5 });
      expect(counted.counts).toHaveLength(3);
      const unknown = await ts.api('POST', `/api/v1/stocktakes/${st.id}/post`, {
        reasons: [{ sku: 'ELSEWHERE', reason: 'x' }],
      });
      expect(unknown.body).toMatchObject({ code: 'validation_failed', errors: [{ path: 'reasons.0.sku' }] });
      // 2 × 2 + 0.5 × 2.5 = 5.25
      const posted = await act(ts, `/api/v1/stocktakes/${st.id}/post`, {
        reasons: [{ sku, reason: 'theft' }],
      });
      expect(posted.lines[0]).toMatchObject({ reason: 'theft', value: -5.25 });
      expect(await stockOf(ts, sku, wh)).toMatchObject({ onHand: 97.5 });
      expect((await adjustments(ts, sku))[0]).toMatchObject({ qty: -2.5, value: -5.25, reason: 'theft' });
      await expectBooksAgree(ts);
    });

    it('accounts for stock received during the count: no false variance', async () => {
      const ts = server();
      const { wh, sku } = await hundredOnHand(ts);
      const st = await startCount(ts, { warehouse: wh, skus: [sku] });
      await count(ts, st, [{ sku, countedQty: 60 }]);
      await receive(ts, wh, [{ sku, qty: 10, unitCost: 3 }]);
      const counted = await count(ts, st, [{ sku, countedQty: 40 }]);
      expect(counted.lines[0]).toMatchObject({ countedQty: 100, systemQty: 100, varianceQty: 0 });
      expect((counted.counts as Doc['lines']).map((c) => c.systemQty)).toEqual([100, 110]);
      const posted = await act(ts, `/api/v1/stocktakes/${st.id}/post`);
      expect(posted).toMatchObject({ status: 'posted', totalVarianceQty: 0, totalValue: 0 });
      expect(await stockOf(ts, sku, wh)).toMatchObject({ onHand: 110 });
      expect(await adjustments(ts, sku)).toEqual([]);
      await expectBooksAgree(ts);
    });

    it('brings found stock in at the newest cost and leaves uncounted SKUs alone', async () => {
      const ts = server();
      const wh = await makeWarehouse(ts);
      const found = await makeItem(ts);
      const untouched = await makeItem(ts);
      const never = await makeItem(ts);
      await receive(ts, wh, [
        { sku: found, qty: 5, unitCost: 1 },
        { sku: untouched, qty: 7, unitCost: 1 },
      ]);
      await receive(ts, wh, [{ sku: found, qty: 5, unitCost: '1.2' }]);
      const st = await startCount(ts, { warehouse: wh });
      expect(st.lines.map((l) => l.sku).sort()).toEqual([found, untouched].sort());
      await count(ts, st, [
        { sku: found, countedQty: 12 },
        { sku: never, countedQty: 2 },
      ]);
      const review = await ts.api<{ items: Record<string, unknown>[]; uncounted: unknown[] }>(
        'GET',
        `/api/v1/stocktakes/${st.id}/variances`,
      );
      expect(review.body.items.map((i) => [i.sku, i.varianceQty, i.value])).toEqual([
        [found, 2, 2.4],
        [never, 2, 0],
      ]);
      expect(review.body.uncounted).toEqual([expect.objectContaining({ sku: untouched })]);
      const posted = await act(ts, `/api/v1/stocktakes/${st.id}/post`);
      expect(posted).toMatchObject({ countedLines: 2, uncountedLines: 1, totalValue: 2.4 });
      expect(posted.lines.find((l) => l.sku === untouched)).toMatchObject({ counted: false, value: null });
      expect(await stockOf(ts, found, wh)).toMatchObject({ onHand: 12 });
      expect(await stockOf(ts, untouched, wh)).toMatchObject({ onHand: 7 });
      expect(await stockOf(ts, never, wh)).toMatchObject({ onHand: 2 });
      expect((await adjustments(ts, found))[0]).toMatchObject({ qty: 2, unitCost: 1.2, reason: 'count' });
      await expectBooksAgree(ts);
    });

    it('hides system quantities and variances while counting blind, and shows them to the reviewer', async () => {
      const ts = server();
      const { wh, sku } = await hundredOnHand(ts);
      const st = await startCount(ts, { warehouse: wh, skus: [sku], blind: true });
      expect(st.lines[0]).toMatchObject({ qty: null, systemQty: null, varianceQty: null });
      await count(ts, st, [{ sku, countedQty: 99 }]);
      const read = await ts.api<Doc>('GET', `/api/v1/stocktakes/${st.id}`);
      expect(read.body).toMatchObject({ blind: true, totalVarianceQty: null });
      expect(read.body.lines[0]).toMatchObject({
        qty: null,
        countedQty: 99,
        systemQty: null,
        varianceQty: null,
      });
      expect(read.body.counts).toEqual([expect.objectContaining({ countedQty: 99, systemQty: null })]);
      const review = await ts.api('GET', `/api/v1/stocktakes/${st.id}/variances`);
      expect(review.body).toMatchObject({ items: [{ systemQty: 100, varianceQty: -1, value: -2 }] });
      const posted = await act(ts, `/api/v1/stocktakes/${st.id}/post`);
      expect(posted.lines[0]).toMatchObject({ qty: 100, systemQty: 100, varianceQty: -1, value: -2 });
      await expectBooksAgree(ts);
    });

    it('refuses counts of SKUs outside the scope, naming the line, and changes nothing', async () => {
      const ts = server();
      const wh = await makeWarehouse(ts);
      const tea = await makeItem(ts, undefined, { category: 'tea' });
      const soap = await makeItem(ts, undefined, { category: 'soap' });
      await receive(ts, wh, [
        { sku: tea, qty: 3, unitCost: 1 },
        { sku: soap, qty: 3, unitCost: 1 },
      ]);
      const st = await startCount(ts, { warehouse: wh, category: 'tea' });
      expect(st.lines.map((l) => l.sku)).toEqual([tea]);
      const res = await ts.api('POST', `/api/v1/stocktakes/${st.id}/counts`, {
        lines: [
          { sku: tea, countedQty: 3 },
          { sku: soap, countedQty: 1 },
        ],
      });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'validation_failed', errors: [{ path: 'lines.1.sku' }] });
      const unknown = await ts.api('POST', `/api/v1/stocktakes/${st.id}/counts`, {
        lines: [{ sku: 'NOPE', countedQty: 1 }],
      });
      expect(unknown.body).toMatchObject({ errors: [{ path: 'lines.0.sku' }] });
      const negative = await ts.api('POST', `/api/v1/stocktakes/${st.id}/counts`, {
        lines: [{ sku: tea, countedQty: -1 }],
      });
      expect(negative.body).toMatchObject({ errors: [{ path: 'lines.0.countedQty' }] });
      const after = await ts.api<Doc>('GET', `/api/v1/stocktakes/${st.id}`);
      expect(after.body).toMatchObject({ version: 1, counts: [] });
      const empty = await ts.api('POST', '/api/v1/stocktakes', { warehouse: wh, category: 'nothing' });
      expect(empty.body).toMatchObject({ code: 'validation_failed', errors: [{ path: 'category' }] });
      const badSku = await ts.api('POST', '/api/v1/stocktakes', { warehouse: wh, skus: [tea, 'NOPE'] });
      expect(badSku.body).toMatchObject({ errors: [{ path: 'skus.1' }] });
      await expectBooksAgree(ts);
    });

    it('counts batch-tracked SKUs per batch: a loss out of one batch, a gain into another', async () => {
      const ts = server();
      const wh = await makeWarehouse(ts);
      const sku = await makeItem(ts, undefined, { batchTracked: true, expiryTracked: true });
      await receive(ts, wh, [
        { sku, qty: 10, unitCost: 2, batch: 'B1', expiresOn: '2027-01-31' },
        { sku, qty: 5, unitCost: 3, batch: 'B2', expiresOn: '2027-03-31' },
      ]);
      const st = await startCount(ts, { warehouse: wh, skus: [sku] });
      expect(st.lines.map((l) => [l.batch, l.qty])).toEqual([
        ['B1', 10],
        ['B2', 5],
      ]);
      const noBatch = await ts.api('POST', `/api/v1/stocktakes/${st.id}/counts`, {
        lines: [{ sku, countedQty: 9 }],
      });
      expect(noBatch.body).toMatchObject({ errors: [{ path: 'lines.0.batch' }] });
      await count(ts, st, [
        { sku, batch: 'B1', countedQty: 9, reason: 'expiry' },
        { sku, batch: 'B2', countedQty: 6 },
      ]);
      const posted = await act(ts, `/api/v1/stocktakes/${st.id}/post`);
      expect(posted.lines.map((l) => [l.batch, l.varianceQty, l.value])).toEqual([
        ['B1', -1, -2],
        ['B2', 1, 3],
      ]);
      const entries = await adjustments(ts, sku);
      expect(entries.map((e) => [e.batch, e.qty, e.value, e.reason])).toEqual([
        ['B2', 1, 3, 'count'],
        ['B1', -1, -2, 'expiry'],
      ]);
      expect(entries[0]).toMatchObject({ expiresOn: '2027-03-31' });
      expect(await stockOf(ts, sku, wh)).toMatchObject({ onHand: 15 });
      await expectBooksAgree(ts);
    });

    it('refuses every action its status does not allow with 409 invalid_state naming the status', async () => {
      const ts = server();
      const { wh, sku } = await hundredOnHand(ts);
      const st = await startCount(ts, { warehouse: wh });
      await act(ts, `/api/v1/stocktakes/${st.id}/post`);
      const cancelled = await act(
        ts,
        `/api/v1/stocktakes/${(await startCount(ts, { warehouse: wh })).id}/cancel`,
        { reason: 'wrong day' },
      );
      expect(cancelled).toMatchObject({ status: 'cancelled', actions: [] });
      for (const [doc, status] of [
        [st, 'posted'],
        [cancelled, 'cancelled'],
      ] as const) {
        for (const [action, body] of [
          ['counts', { lines: [{ sku, countedQty: 1 }] }],
          ['post', undefined],
          ['cancel', undefined],
        ] as const) {
          const res = await ts.api('POST', `/api/v1/stocktakes/${doc.id}/${action}`, body);
          expect(res.status, `${action} when ${status}`).toBe(409);
          expect(res.body).toMatchObject({ code: 'invalid_state' });
          expect(String(res.body.detail)).toContain(status);
        }
      }
      expect((await ts.api('POST', '/api/v1/stocktakes/NOPE/post')).status).toBe(404);
      expect(await stockOf(ts, sku, wh)).toMatchObject({ onHand: 100 });
      await expectBooksAgree(ts);
    });

    it('checks If-Match, replays a retried post, and refuses a loss no longer on hand', async () => {
      const ts = server();
      const { wh, sku } = await hundredOnHand(ts);
      const st = await startCount(ts, { warehouse: wh, skus: [sku] });
      const stale = await ts.api(
        'POST',
        `/api/v1/stocktakes/${st.id}/counts`,
        { lines: [{ sku, countedQty: 90 }] },
        { headers: { 'if-match': '"5"' } },
      );
      expect(stale.body).toMatchObject({ code: 'conflict' });
      await act(ts, `/api/v1/stocktakes/${st.id}/counts`, { lines: [{ sku, countedQty: 90 }] }, 200, {
        'if-match': '1',
      });
      const short = await ts.api('POST', '/api/v1/write-offs', {
        warehouse: wh,
        lines: [{ sku, qty: 95, reason: 'damage' }],
      });
      await act(ts, `/api/v1/write-offs/${String(short.body.id)}/post`);
      const refused = await ts.api('POST', `/api/v1/stocktakes/${st.id}/post`);
      expect(refused.body).toMatchObject({
        code: 'insufficient_stock',
        errors: [{ path: 'lines.0.qty', sku, requested: 10, available: 5 }],
      });
      expect(await stockOf(ts, sku, wh)).toMatchObject({ onHand: 5 });

      const again = await startCount(ts, { warehouse: wh, skus: [sku] });
      await count(ts, again, [{ sku, countedQty: 4 }]);
      const headers = { 'idempotency-key': `post-${again.id}` };
      const first = await ts.api('POST', `/api/v1/stocktakes/${again.id}/post`, undefined, { headers });
      const retry = await ts.api('POST', `/api/v1/stocktakes/${again.id}/post`, undefined, { headers });
      expect(first.status).toBe(200);
      expect(retry.body).toEqual(first.body);
      expect(await adjustments(ts, sku)).toHaveLength(1);
      expect(await stockOf(ts, sku, wh)).toMatchObject({ onHand: 4 });
      const list = await ts.api<{ items: Doc[] }>('GET', `/api/v1/stocktakes?warehouse=${wh}&status=posted`);
      expect(list.body.items.map((d) => d.id)).toEqual([again.id]);
      await expectBooksAgree(ts);
    });

    it('lets a clerk count but not review variances or post', async () => {
      const ts = server();
      const { wh, sku } = await hundredOnHand(ts);
      const clerk = await signInAs(ts, 'clerk');
      const as = { token: clerk };
      const made = await ts.api<Doc>('POST', '/api/v1/stocktakes', { warehouse: wh, blind: true }, as);
      expect(made.status).toBe(201);
      const counted = await ts.api(
        'POST',
        `/api/v1/stocktakes/${made.body.id}/counts`,
        { lines: [{ sku, countedQty: 100 }] },
        as,
      );
      expect(counted.status).toBe(200);
      for (const [method, action, permission] of [
        ['GET', 'variances', 'stocktake.post'],
        ['POST', 'post', 'stocktake.post'],
      ] as const) {
        const res = await ts.api(method, `/api/v1/stocktakes/${made.body.id}/${action}`, undefined, as);
        expect(res.status, action).toBe(403);
        expect(res.body).toMatchObject({ code: 'forbidden', permission });
      }
      await expectBooksAgree(ts);
    });

    it('counts one bin against what that bin holds and adjusts that bin', async () => {
      const ts = server();
      const wh = await makeWarehouse(ts);
      const sku = await makeItem(ts);
      await receive(ts, wh, [
        { sku, qty: 10, unitCost: 2, bin: 'A-1' },
        { sku, qty: 5, unitCost: 3, bin: 'B-1' },
      ]);
      const st = await startCount(ts, { warehouse: wh, bin: 'A-1' });
      expect(st.lines).toEqual([expect.objectContaining({ sku, qty: 10, batch: null })]);
      const elsewhere = await ts.api('POST', `/api/v1/stocktakes/${st.id}/counts`, {
        lines: [{ sku, countedQty: 5, bin: 'B-1' }],
      });
      expect(elsewhere.body).toMatchObject({ errors: [{ path: 'lines.0.bin' }] });
      const counted = await count(ts, st, [{ sku, countedQty: 9 }]);
      expect(counted.lines[0]).toMatchObject({ systemQty: 10, varianceQty: -1 });
      expect(counted.counts).toEqual([expect.objectContaining({ bin: 'A-1' })]);
      await act(ts, `/api/v1/stocktakes/${st.id}/post`);
      expect((await adjustments(ts, sku))[0]).toMatchObject({ qty: -1, value: -2, bin: 'A-1' });
      const bins = await ts.api<{ items: { bin: string; qty: number }[] }>(
        'GET',
        `/api/v1/stock/bins?sku=${sku}&warehouse=${wh}`,
      );
      expect(bins.body.items.map((b) => [b.bin, b.qty])).toEqual([
        ['A-1', 9],
        ['B-1', 5],
      ]);
      await expectBooksAgree(ts);
    });
  });
}

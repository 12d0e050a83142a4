import { describe, expect, it } from 'vitest';
import { testDatabaseKinds } from './support/databases';
import { act, type Doc, expectBooksAgree, makeItem, receive, stockedItem, stockOf } from './support/fixtures';
import { signInAs } from './support/people';
import { type TestServer, useTestServer } from './support/server';

const now = Date.parse('2026-11-05T08:00:00Z');

type Line = { sku: string; qty: number; reason: string; batch?: string; note?: string };

function draftWriteOff(ts: TestServer, warehouse: string, lines: Line[]): Promise<Doc> {
  return act(ts, '/api/v1/write-offs', { warehouse, lines }, 201);
}

async function ledgerOf(ts: TestServer, sku: string) {
  const res = await ts.api<{ items: Record<string, unknown>[] }>('GET', `/api/v1/ledger?sku=${sku}`);
  return res.body.items;
}

for (const kind of testDatabaseKinds()) {
  describe(`write-offs on ${kind}`, () => {
    const server = useTestServer(kind, { clock: () => now });

    it('posts at FIFO cost across two layers, with the reason on the entry', async () => {
      const ts = server();
      const { wh, sku } = await stockedItem(ts, 10, '2.5');
      await receive(ts, wh, [{ sku, qty: 10, unitCost: '3.1' }]);
      const wo = await draftWriteOff(ts, wh, [{ sku, qty: 12, reason: 'damage', note: 'forklift' }]);
      expect(wo).toMatchObject({
        status: 'draft',
        version: 1,
        warehouse: wh,
        actions: ['edit', 'post', 'cancel'],
        totalQty: 12,
        totalValue: null,
      });
      expect(wo.number).toMatch(/^WO-\d{6}$/);
      expect(wo.lines[0]).toMatchObject({ qty: 12, reason: 'damage', note: 'forklift', value: null });
      expect(await stockOf(ts, sku, wh)).toMatchObject({ onHand: 20 });

      // 10 × 2.5 + 2 × 3.1 = 25 + 6.2 = 31.2
      const posted = await act(ts, `/api/v1/write-offs/${wo.id}/post`);
      expect(posted).toMatchObject({ status: 'posted', version: 2, actions: [], totalValue: 31.2 });
      expect(posted.lines[0]).toMatchObject({ value: 31.2, unitCost: 2.6, note: 'forklift' });
      expect(posted.history.map((h) => [h.action, h.fromStatus, h.toStatus])).toEqual([
        ['create', null, 'draft'],
        ['post', 'draft', 'posted'],
      ]);
      expect(await stockOf(ts, sku, wh)).toMatchObject({ onHand: 8, available: 8 });
      const [entry] = await ledgerOf(ts, sku);
      expect(entry).toMatchObject({ type: 'write_off', qty: -12, value: -31.2, reason: 'damage' });
      expect(entry?.document).toEqual({ type: 'write_off', id: wo.id, line: 1 });
      await expectBooksAgree(ts);
    });

    it('refuses a post when stock is short, naming the line, and changes nothing', async () => {
      const ts = server();
      const { wh, sku } = await stockedItem(ts, 5, 1);
      const other = await makeItem(ts);
      await receive(ts, wh, [{ sku: other, qty: 2, unitCost: 1 }]);
      const wo = await draftWriteOff(ts, wh, [
        { sku, qty: 5, reason: 'expiry' },
        { sku: other, qty: 3, reason: 'theft' },
      ]);
      const res = await ts.api('POST', `/api/v1/write-offs/${wo.id}/post`);
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({
        code: 'insufficient_stock',
        errors: [{ path: 'lines.1.qty', sku: other, requested: 3, available: 2 }],
      });
      expect(await stockOf(ts, sku, wh)).toMatchObject({ onHand: 5 });
      expect(await stockOf(ts, other, wh)).toMatchObject({ onHand: 2 });
      expect((await ledgerOf(ts, sku)).map((e) => e.type)).toEqual(['receipt']);
      const after = await ts.api<Doc>('GET', `/api/v1/write-offs/${wo.id}`);
      expect(after.body).toMatchObject({ status: 'draft', version: 1 });
      await expectBooksAgree(ts);
    });

    it('refuses every action its status does not allow with 409 invalid_state naming the status', async () => {
      const ts = server();
      const { wh, sku } = await stockedItem(ts, 5, 1);
      const wo = await draftWriteOff(ts, wh, [{ sku, qty: 1, reason: 'other' }]);
      await act(ts, `/api/v1/write-offs/${wo.id}/post`);
      const refusals = [
        await ts.api('POST', `/api/v1/write-offs/${wo.id}/post`),
        await ts.api('POST', `/api/v1/write-offs/${wo.id}/cancel`),
        await ts.api('PATCH', `/api/v1/write-offs/${wo.id}`, { note: 'late' }),
      ];
      for (const res of refusals) {
        expect(res.status).toBe(409);
        expect(res.body).toMatchObject({ code: 'invalid_state' });
        expect(String(res.body.detail)).toContain('posted');
      }
      const other = await draftWriteOff(ts, wh, [{ sku, qty: 1, reason: 'other' }]);
      const cancelled = await act(ts, `/api/v1/write-offs/${other.id}/cancel`, { reason: 'found it' });
      expect(cancelled).toMatchObject({ status: 'cancelled', actions: [] });
      const late = await ts.api('POST', `/api/v1/write-offs/${other.id}/post`);
      expect(late.body).toMatchObject({ code: 'invalid_state' });
      expect(String(late.body.detail)).toContain('cancelled');
      expect(await stockOf(ts, sku, wh)).toMatchObject({ onHand: 4 });
      expect((await ts.api('POST', '/api/v1/write-offs/NOPE/post')).status).toBe(404);
      await expectBooksAgree(ts);
    });

    it('edits a draft with If-Match and refuses a stale version', async () => {
      const ts = server();
      const { wh, sku } = await stockedItem(ts, 5, 2);
      const wo = await draftWriteOff(ts, wh, [{ sku, qty: 1, reason: 'damage', note: 'dented' }]);
      const stale = await ts.api(
        'PATCH',
        `/api/v1/write-offs/${wo.id}`,
        { note: 'x' },
        { headers: { 'if-match': '"9"' } },
      );
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ code: 'conflict' });
      const edited = await ts.api<Doc>(
        'PATCH',
        `/api/v1/write-offs/${wo.id}`,
        { note: 'shelf collapse', lines: [{ sku, qty: 2, reason: 'expiry' }] },
        { headers: { 'if-match': `"${wo.version}"` } },
      );
      expect(edited.status).toBe(200);
      expect(edited.headers.etag).toBe('"2"');
      expect(edited.body).toMatchObject({ version: 2, note: 'shelf collapse', totalQty: 2 });
      expect(edited.body.lines).toEqual([expect.objectContaining({ qty: 2, reason: 'expiry', note: null })]);
      const posted = await act(ts, `/api/v1/write-offs/${wo.id}/post`, undefined, 200, { 'if-match': '2' });
      expect(posted).toMatchObject({ status: 'posted', totalValue: 4 });
      await expectBooksAgree(ts);
    });

    it('replays a post retried with the same Idempotency-Key instead of writing off twice', async () => {
      const ts = server();
      const { wh, sku } = await stockedItem(ts, 10, 1);
      const wo = await draftWriteOff(ts, wh, [{ sku, qty: 4, reason: 'theft' }]);
      const headers = { 'idempotency-key': `wo-${wo.id}` };
      const first = await ts.api('POST', `/api/v1/write-offs/${wo.id}/post`, undefined, { headers });
      const again = await ts.api('POST', `/api/v1/write-offs/${wo.id}/post`, undefined, { headers });
      expect(first.status).toBe(200);
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
      expect(await stockOf(ts, sku, wh)).toMatchObject({ onHand: 6 });
      expect((await ledgerOf(ts, sku)).filter((e) => e.type === 'write_off')).toHaveLength(1);
      await expectBooksAgree(ts);
    });

    it('refuses bad lines naming the field, and lists by status, warehouse and SKU', async () => {
      const ts = server();
      const { wh, sku } = await stockedItem(ts, 3, 1);
      const bad = await ts.api('POST', '/api/v1/write-offs', {
        warehouse: wh,
        lines: [
          { sku, qty: 1, reason: 'lost' },
          { sku: 'NOPE', qty: 1, reason: 'damage' },
        ],
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toContainEqual(expect.objectContaining({ path: 'lines.0.reason' }));
      const unknown = await ts.api('POST', '/api/v1/write-offs', {
        warehouse: wh,
        lines: [{ sku: 'NOPE', qty: 1, reason: 'damage' }],
      });
      expect(unknown.body).toMatchObject({ code: 'validation_failed', errors: [{ path: 'lines.0.sku' }] });
      const draft = await draftWriteOff(ts, wh, [{ sku, qty: 1, reason: 'damage' }]);
      const posted = await draftWriteOff(ts, wh, [{ sku, qty: 1, reason: 'damage' }]);
      await act(ts, `/api/v1/write-offs/${posted.id}/post`);
      const list = async (query: string) =>
        (await ts.api<{ items: Doc[] }>('GET', `/api/v1/write-offs?${query}`)).body.items.map((d) => d.id);
      expect(await list(`warehouse=${wh}`)).toEqual([posted.id, draft.id]);
      expect(await list(`warehouse=${wh}&status=draft`)).toEqual([draft.id]);
      expect(await list(`sku=${sku}&status=posted`)).toEqual([posted.id]);
      expect(await list(`warehouse=${wh}&from=2026-11-06`)).toEqual([]);
      await expectBooksAgree(ts);
    });

    it('lets a clerk request a write-off and only someone who may post it post it', async () => {
      const ts = server();
      const { wh, sku } = await stockedItem(ts, 5, 1);
      const clerk = await signInAs(ts, 'clerk');
      const made = await ts.api<Doc>(
        'POST',
        '/api/v1/write-offs',
        { warehouse: wh, lines: [{ sku, qty: 1, reason: 'damage' }] },
        { token: clerk },
      );
      expect(made.status).toBe(201);
      const refused = await ts.api('POST', `/api/v1/write-offs/${made.body.id}/post`, undefined, {
        token: clerk,
      });
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ code: 'forbidden', permission: 'write_off.post' });
      const finance = await signInAs(ts, 'finance');
      const posted = await ts.api('POST', `/api/v1/write-offs/${made.body.id}/post`, undefined, {
        token: finance,
      });
      expect(posted.body).toMatchObject({ status: 'posted', totalValue: 1 });
      await expectBooksAgree(ts);
    });
  });
}

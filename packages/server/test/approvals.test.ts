import { afterEach, describe, expect, it } from 'vitest';
import { type ApprovalView, addRule, approvalIds, removeRules } from './support/approvals';
import { testDatabaseKinds } from './support/databases';
import {
  act,
  type Doc,
  expectBooksAgree,
  makePartner,
  makeWarehouse,
  stockedItem,
  stockOf,
} from './support/fixtures';
import { makePerson, signIn, signInAs } from './support/people';
import { type TestServer, useTestServer } from './support/server';

const now = Date.parse('2026-11-20T03:00:00Z');

/** A write-off of some quantity, requested (a draft) by the administrator. */
async function draftWriteOff(ts: TestServer, wh: string, sku: string, qty: number): Promise<Doc> {
  return act(ts, '/api/v1/write-offs', { warehouse: wh, lines: [{ sku, qty, reason: 'damage' }] }, 201);
}

/** Posts a write-off as a person: the response, whatever its status. */
function postWriteOff(ts: TestServer, id: string, token: string, headers: Record<string, string> = {}) {
  return ts.api<{ code?: string; approvalId?: string; status?: string }>(
    'POST',
    `/api/v1/write-offs/${id}/post`,
    undefined,
    { token, headers },
  );
}

/** Asks for a write-off as a person and checks it waits for approval; returns the approval id. */
async function waitingWriteOff(ts: TestServer, wh: string, sku: string, qty: number, maker: string) {
  const doc = await draftWriteOff(ts, wh, sku, qty);
  const asked = await postWriteOff(ts, doc.id, maker);
  expect(asked.status, JSON.stringify(asked.body)).toBe(202);
  return { doc, approvalId: asked.body.approvalId ?? '' };
}

/** 1000 in stock at 2, a rule on write-offs above 100, and two managers: one asks, one decides. */
async function writeOffDesk(ts: TestServer) {
  const { wh, sku } = await stockedItem(ts, 1000, 2);
  await addRule(ts, { action: 'write_off.post', threshold: 100 });
  const maker = await signInAs(ts, 'warehouse_manager');
  const checker = await signInAs(ts, 'warehouse_manager');
  return { wh, sku, maker, checker };
}

function decide(ts: TestServer, id: string, token: string, verb: 'approve' | 'reject', body?: unknown) {
  return ts.api<ApprovalView & { code?: string; detail?: string }>(
    'POST',
    `/api/v1/approvals/${id}/${verb}`,
    body,
    { token },
  );
}

async function writeOffEntries(ts: TestServer, sku: string): Promise<number> {
  const res = await ts.api<{ items: unknown[] }>('GET', `/api/v1/ledger?sku=${sku}&type=write_off`);
  return res.body.items.length;
}

for (const kind of testDatabaseKinds()) {
  describe(`approvals on ${kind}`, () => {
    const server = useTestServer(kind, { clock: () => now });
    afterEach(async () => removeRules(server()));

    it('validates rules, naming the field, and lets only administrators keep them', async () => {
      const ts = server();
      const bad = async (rule: Record<string, unknown>, path: string) => {
        const res = await ts.api<{ code: string; errors: { path: string }[] }>(
          'POST',
          '/api/v1/approval-rules',
          rule,
        );
        expect(res.status, JSON.stringify(res.body)).toBe(400);
        expect(res.body.errors.map((e) => e.path)).toContain(path);
      };
      await bad({ action: 'sales_order.ship' }, 'action');
      await bad({ action: 'user.roles', threshold: 10 }, 'threshold');
      await bad({ action: 'api_token.create', warehouses: ['X'] }, 'warehouses');
      await bad({ action: 'write_off.post', warehouses: ['NO-SUCH-WH'] }, 'warehouses.0');
      await bad({ action: 'write_off.post', threshold: '1.23456' }, 'threshold');
      await bad({ action: 'write_off.post', secondPerson: false }, 'requireTotp');
      const manager = await signInAs(ts, 'warehouse_manager');
      const refused = await ts.api(
        'POST',
        '/api/v1/approval-rules',
        { action: 'write_off.post' },
        { token: manager },
      );
      expect(refused.body).toMatchObject({ code: 'forbidden', permission: 'approval_rule.manage' });

      const id = await addRule(ts, { action: 'write_off.post', threshold: '12.5' });
      const patched = await ts.api('PATCH', `/api/v1/approval-rules/${id}`, {
        threshold: 20,
        requireTotp: true,
      });
      expect(patched.body).toMatchObject({
        threshold: 20,
        requireTotp: true,
        secondPerson: true,
        version: 2,
      });
      const stale = await ts.api(
        'PATCH',
        `/api/v1/approval-rules/${id}`,
        { threshold: 30 },
        { headers: { 'if-match': '1' } },
      );
      expect(stale.status).toBe(409);
    });

    it('without a rule a write-off posts at once; with one, above the value it waits and changes nothing', async () => {
      const ts = server();
      const { wh, sku } = await stockedItem(ts, 1000, 2);
      const maker = await signInAs(ts, 'warehouse_manager', [wh]);
      const direct = await postWriteOff(ts, (await draftWriteOff(ts, wh, sku, 10)).id, maker);
      expect(direct.body.status).toBe('posted');

      await addRule(ts, { action: 'write_off.post', threshold: 100, warehouses: [wh] });
      const below = await postWriteOff(ts, (await draftWriteOff(ts, wh, sku, 50)).id, maker);
      expect(below.status).toBe(200);
      expect(below.body.status).toBe('posted');

      const doc = await draftWriteOff(ts, wh, sku, 60);
      const key = { 'idempotency-key': `wo-${doc.id}` };
      const asked = await postWriteOff(ts, doc.id, maker, key);
      expect(asked.status, JSON.stringify(asked.body)).toBe(202);
      expect(asked.body).toMatchObject({
        code: 'approval_required',
        approval: { status: 'pending', value: 120 },
      });
      const replayed = await postWriteOff(ts, doc.id, maker, key);
      expect(replayed.status).toBe(202);
      expect(replayed.headers['idempotent-replayed']).toBe('true');
      expect(replayed.body.approvalId).toBe(asked.body.approvalId);
      const again = await postWriteOff(ts, doc.id, maker);
      expect(again.body.approvalId).toBe(asked.body.approvalId);

      expect(await stockOf(ts, sku, wh)).toMatchObject({ onHand: 940 });
      const waiting = await ts.api<Doc>('GET', `/api/v1/write-offs/${doc.id}`);
      expect(waiting.body).toMatchObject({ status: 'draft', pendingApproval: asked.body.approvalId });
      expect(await writeOffEntries(ts, sku)).toBe(2);
    });

    it('cannot be approved by its maker; another manager approves it once: stock and ledger change once', async () => {
      const ts = server();
      const { wh, sku, maker, checker } = await writeOffDesk(ts);
      const { doc, approvalId } = await waitingWriteOff(ts, wh, sku, 100, maker);

      const own = await decide(ts, approvalId, maker, 'approve');
      expect(own.status).toBe(403);
      expect(own.body.detail).toContain('another person must approve');
      const approved = await decide(ts, approvalId, checker, 'approve');
      expect(approved.status, JSON.stringify(approved.body)).toBe(200);
      expect(approved.body).toMatchObject({ status: 'approved', result: { id: doc.id, status: 'posted' } });
      expect(approved.body.decidedBy?.email).toBeDefined();
      expect(await stockOf(ts, sku, wh)).toMatchObject({ onHand: 900 });
      expect(await writeOffEntries(ts, sku)).toBe(1);

      const twice = await decide(ts, approvalId, checker, 'approve');
      expect(twice.status).toBe(409);
      expect(twice.body).toMatchObject({ code: 'invalid_state' });
      const posted = await ts.api<Doc>('GET', `/api/v1/write-offs/${doc.id}`);
      expect(posted.body).toMatchObject({ status: 'posted', pendingApproval: null });
      expect(await stockOf(ts, sku, wh)).toMatchObject({ onHand: 900 });
      expect(await writeOffEntries(ts, sku)).toBe(1);
      await expectBooksAgree(ts);
    });

    it('of two approvals at once exactly one runs; the other is 409', async () => {
      const ts = server();
      const { wh, sku } = await stockedItem(ts, 1000, 2);
      await addRule(ts, { action: 'write_off.post', threshold: 100 });
      const maker = await signInAs(ts, 'warehouse_manager');
      const checkers = [await signInAs(ts, 'warehouse_manager'), await signInAs(ts, 'finance')];
      for (let round = 0; round < 3; round++) {
        const { approvalId } = await waitingWriteOff(ts, wh, sku, 100, maker);
        const answers = await Promise.all(checkers.map((t) => decide(ts, approvalId, t, 'approve')));
        expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      }
      expect(await stockOf(ts, sku, wh)).toMatchObject({ onHand: 700 });
      expect(await writeOffEntries(ts, sku)).toBe(3);
      await expectBooksAgree(ts);
    });

    it('a rejected approval changes nothing, and an action that fails leaves its approval pending', async () => {
      const ts = server();
      const { wh, sku, maker, checker } = await writeOffDesk(ts);
      const { doc, approvalId } = await waitingWriteOff(ts, wh, sku, 100, maker);
      const rejected = await decide(ts, approvalId, checker, 'reject', { reason: 'count it again' });
      expect(rejected.body).toMatchObject({ status: 'rejected', reason: 'count it again', result: null });
      expect(await stockOf(ts, sku, wh)).toMatchObject({ onHand: 1000 });
      const still = await ts.api<Doc>('GET', `/api/v1/write-offs/${doc.id}`);
      expect(still.body).toMatchObject({ status: 'draft', pendingApproval: null });
      expect((await decide(ts, approvalId, checker, 'approve')).status).toBe(409);

      const first = await waitingWriteOff(ts, wh, sku, 800, maker);
      const second = await waitingWriteOff(ts, wh, sku, 800, maker);
      expect((await decide(ts, first.approvalId, checker, 'approve')).status).toBe(200);
      const short = await decide(ts, second.approvalId, checker, 'approve');
      expect(short.status).toBe(409);
      expect(short.body).toMatchObject({ code: 'insufficient_stock' });
      const pending = await ts.api<ApprovalView>('GET', `/api/v1/approvals/${second.approvalId}`, undefined, {
        token: checker,
      });
      expect(pending.body).toMatchObject({ status: 'pending', decidedBy: null });
      expect(await stockOf(ts, sku, wh)).toMatchObject({ onHand: 200 });
      await expectBooksAgree(ts);
    });

    it('a document edited after asking cannot be approved as it was; asking again or cancelling withdraws the approval', async () => {
      const ts = server();
      const { wh, sku, maker, checker } = await writeOffDesk(ts);
      const { doc, approvalId } = await waitingWriteOff(ts, wh, sku, 100, maker);
      const lines = [{ sku, qty: 150, reason: 'damage' }];
      expect((await ts.api('PATCH', `/api/v1/write-offs/${doc.id}`, { lines })).status).toBe(200);
      const stale = await decide(ts, approvalId, checker, 'approve');
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ code: 'conflict' });
      expect(await stockOf(ts, sku, wh)).toMatchObject({ onHand: 1000 });

      const again = await postWriteOff(ts, doc.id, maker);
      expect(again.status).toBe(202);
      expect(again.body.approvalId).not.toBe(approvalId);
      const old = await ts.api<ApprovalView>('GET', `/api/v1/approvals/${approvalId}`);
      expect(old.body.status).toBe('rejected');
      expect(old.body.reason).toContain('withdrawn');
      const approved = await decide(ts, again.body.approvalId ?? '', checker, 'approve');
      expect(approved.body).toMatchObject({ status: 'approved', value: 300, result: { status: 'posted' } });
      expect(await stockOf(ts, sku, wh)).toMatchObject({ onHand: 850 });

      const cancelled = await waitingWriteOff(ts, wh, sku, 100, maker);
      await act(ts, `/api/v1/write-offs/${cancelled.doc.id}/cancel`, { reason: 'found it' });
      const withdrawn = await ts.api<ApprovalView>('GET', `/api/v1/approvals/${cancelled.approvalId}`);
      expect(withdrawn.body).toMatchObject({
        status: 'rejected',
        reason: 'withdrawn: the document was cancelled',
      });
      expect(await approvalIds(ts, checker)).not.toContain(cancelled.approvalId);
      await expectBooksAgree(ts);
    });

    it('shows each person the approvals they may decide: not their own, with the permission, in their warehouses', async () => {
      const ts = server();
      const { wh, sku } = await stockedItem(ts, 1000, 2);
      const elsewhere = await makeWarehouse(ts);
      await addRule(ts, { action: 'write_off.post', threshold: 100 });
      const maker = await signInAs(ts, 'warehouse_manager', [wh]);
      const colleague = await signInAs(ts, 'warehouse_manager', [wh]);
      const otherManager = await signInAs(ts, 'warehouse_manager', [elsewhere]);
      const finance = await signInAs(ts, 'finance');
      const clerk = await signInAs(ts, 'clerk', [wh]);
      const { approvalId } = await waitingWriteOff(ts, wh, sku, 100, maker);

      expect(await approvalIds(ts, colleague)).toContain(approvalId);
      expect(await approvalIds(ts, finance)).toContain(approvalId);
      expect(await approvalIds(ts, maker)).not.toContain(approvalId);
      expect(await approvalIds(ts, maker, 'mine=true')).toContain(approvalId);
      expect(await approvalIds(ts, otherManager)).not.toContain(approvalId);
      expect(await approvalIds(ts, clerk)).not.toContain(approvalId);
      const hidden = await ts.api('GET', `/api/v1/approvals/${approvalId}`, undefined, {
        token: otherManager,
      });
      expect(hidden.status).toBe(404);
      expect((await decide(ts, approvalId, otherManager, 'approve')).status).toBe(404);
      expect((await decide(ts, approvalId, clerk, 'approve')).status).toBe(404);

      expect((await decide(ts, approvalId, finance, 'approve')).status).toBe(200);
      expect(await approvalIds(ts, colleague)).not.toContain(approvalId);
      expect(await approvalIds(ts, colleague, 'status=approved')).toContain(approvalId);
    });

    it('a machine with a token may ask for an approval but not give one', async () => {
      const ts = server();
      const { wh, sku } = await stockedItem(ts, 1000, 2);
      await addRule(ts, { action: 'write_off.post', threshold: 100 });
      const manager = await signInAs(ts, 'warehouse_manager');
      const grants = { permissions: ['document.read', 'write_off.request', 'write_off.post'] };
      const made = await ts.api<{ token: string }>('POST', '/api/v1/api-tokens', { name: 'wms', ...grants });
      const machine = made.body.token;
      const { approvalId } = await waitingWriteOff(ts, wh, sku, 100, machine);
      const byMachine = await decide(ts, approvalId, manager, 'approve');
      expect(byMachine.status, JSON.stringify(byMachine.body)).toBe(200);

      const second = await waitingWriteOff(ts, wh, sku, 100, manager);
      const refused = await decide(ts, second.approvalId, machine, 'approve');
      expect(refused.status).toBe(403);
      expect(refused.body.detail).toContain('person');
    });

    it('stocktake adjustments above the value wait for approval; finance approves them', async () => {
      const ts = server();
      const { wh, sku } = await stockedItem(ts, 100, 5);
      await addRule(ts, { action: 'stocktake.post', threshold: 40 });
      const counter = await signInAs(ts, 'warehouse_manager');
      const count = async (counted: number) => {
        const st = await act(ts, '/api/v1/stocktakes', { warehouse: wh, skus: [sku] }, 201);
        await act(ts, `/api/v1/stocktakes/${st.id}/counts`, { lines: [{ sku, countedQty: counted }] });
        return ts.api<{ status?: string; approvalId?: string }>(
          'POST',
          `/api/v1/stocktakes/${st.id}/post`,
          {},
          {
            token: counter,
          },
        );
      };
      const small = await count(95);
      expect(small.body.status).toBe('posted');
      // A gain counts as much as a loss: 10 found at 5 is 50.
      const large = await count(105);
      expect(large.status, JSON.stringify(large.body)).toBe(202);
      expect(await stockOf(ts, sku, wh)).toMatchObject({ onHand: 95 });
      const finance = await signInAs(ts, 'finance');
      const approved = await decide(ts, large.body.approvalId ?? '', finance, 'approve');
      expect(approved.body).toMatchObject({ status: 'approved', value: 50, result: { status: 'posted' } });
      expect(await stockOf(ts, sku, wh)).toMatchObject({ onHand: 105 });
      await expectBooksAgree(ts);
    });

    it('a purchase order above the amount is approved by a second person, through one approval', async () => {
      const ts = server();
      const { wh, sku } = await stockedItem(ts, 10, 5);
      const supplier = await makePartner(ts, 'suppliers');
      await addRule(ts, { action: 'purchase_order.approve', threshold: 1000 });
      const purchaser = await signInAs(ts, 'purchaser');
      const managerA = await signInAs(ts, 'warehouse_manager');
      const managerB = await signInAs(ts, 'warehouse_manager');
      const order = async (qty: number, token: string) => {
        const body = { supplier, warehouse: wh, lines: [{ sku, qty, unitCost: 20 }] };
        const created = await ts.api<Doc>('POST', '/api/v1/purchase-orders', body, { token });
        return (await ts.api<Doc>('POST', `/api/v1/purchase-orders/${created.body.id}/submit`, {}, { token }))
          .body;
      };
      const approvePo = (id: string, token: string) =>
        ts.api<Doc & { approvalId?: string }>('POST', `/api/v1/purchase-orders/${id}/approve`, {}, { token });

      const big = await order(100, purchaser);
      expect(big).toMatchObject({ status: 'pending_approval' });
      expect(big.pendingApproval).toEqual(expect.any(String));
      expect(await approvalIds(ts, managerA)).toContain(big.pendingApproval);
      const byA = await approvePo(big.id, managerA);
      expect(byA.status, JSON.stringify(byA.body)).toBe(200);
      expect(byA.body).toMatchObject({ status: 'approved', pendingApproval: null });
      const decided = await ts.api<ApprovalView>('GET', `/api/v1/approvals/${big.pendingApproval}`);
      expect(decided.body).toMatchObject({
        status: 'approved',
        value: 2000,
        action: 'purchase_order.approve',
      });

      const own = await order(60, managerA);
      const selfApprove = await approvePo(own.id, managerA);
      expect(selfApprove.status).toBe(202);
      expect(selfApprove.body.approvalId).toBe(own.pendingApproval);
      expect(await approvalIds(ts, managerA)).not.toContain(own.pendingApproval);
      const byB = await decide(ts, own.pendingApproval as string, managerB, 'approve');
      expect(byB.body).toMatchObject({ status: 'approved', result: { id: own.id, status: 'approved' } });
      expect(await stockOf(ts, sku, wh)).toMatchObject({ incoming: 160 });

      const small = await order(10, managerA);
      expect(small.pendingApproval).toBeNull();
      expect((await approvePo(small.id, managerA)).body.status).toBe('approved');

      const refused = await order(100, purchaser);
      const rejected = await decide(ts, refused.pendingApproval as string, managerB, 'reject', {
        reason: 'too dear',
      });
      expect(rejected.body.status).toBe('rejected');
      const po = await ts.api<Doc>('GET', `/api/v1/purchase-orders/${refused.id}`);
      expect(po.body).toMatchObject({ status: 'rejected', pendingApproval: null });
      expect(await stockOf(ts, sku, wh)).toMatchObject({ incoming: 170 });
      await expectBooksAgree(ts);
    });

    it('role changes, custom roles and new people wait for a second person; the maker cannot approve', async () => {
      const ts = server();
      const admin2 = await signIn(ts, (await makePerson(ts, ['admin'])).email);
      const target = await makePerson(ts, ['viewer']);
      await addRule(ts, { action: 'user.roles' });
      const change = await ts.api<{ approvalId: string }>('PATCH', `/api/v1/users/${target.id}`, {
        roles: ['admin'],
      });
      expect(change.status, JSON.stringify(change.body)).toBe(202);
      expect((await ts.api('GET', `/api/v1/users/${target.id}`)).body).toMatchObject({ roles: ['viewer'] });
      const renamed = await ts.api('PATCH', `/api/v1/users/${target.id}`, { name: 'Renamed' });
      expect(renamed.status).toBe(200);
      expect((await decide(ts, change.body.approvalId, ts.token, 'approve')).status).toBe(403);
      const approved = await decide(ts, change.body.approvalId, admin2, 'approve');
      expect(approved.body).toMatchObject({
        status: 'approved',
        result: { roles: ['admin'], name: 'Renamed' },
      });

      const role = await ts.api<{ approvalId: string }>('POST', '/api/v1/roles', {
        name: 'night_shift',
        permissions: ['stock.read'],
      });
      expect(role.status).toBe(202);
      const roles = async () =>
        (await ts.api<{ items: { name: string }[] }>('GET', '/api/v1/roles')).body.items;
      expect((await roles()).map((r) => r.name)).not.toContain('night_shift');
      await decide(ts, role.body.approvalId, admin2, 'approve');
      expect((await roles()).map((r) => r.name)).toContain('night_shift');

      const person = {
        email: 'newcomer@test.local',
        name: 'New',
        password: 'a long enough password',
        roles: ['night_shift'],
      };
      const asked = await ts.api<{ approvalId: string; approval: ApprovalView }>(
        'POST',
        '/api/v1/users',
        person,
      );
      expect(asked.status).toBe(202);
      expect(JSON.stringify(asked.body)).not.toContain('password');
      expect((await decide(ts, asked.body.approvalId, admin2, 'approve')).body.status).toBe('approved');
      expect(await signIn(ts, person.email)).toEqual(expect.any(String));
    });
  });
}

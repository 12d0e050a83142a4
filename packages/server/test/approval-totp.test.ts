import { afterEach, describe, expect, it } from 'vitest';
import { totpCode, totpStep } from '../src/modules/auth/totp';
import { type ApprovalView, addRule, enrolTotp, removeRules } from './support/approvals';
import { testDatabaseKinds } from './support/databases';
import { act, expectBooksAgree, stockedItem, stockOf } from './support/fixtures';
import { makePerson, signIn, signInAs } from './support/people';
import { useTestServer } from './support/server';

let now = Date.parse('2026-11-21T03:00:00Z');

/** A problem answered for a missing or wrong second-factor code. */
interface TotpProblem {
  code: string;
  detail: string;
  totpRequired?: boolean;
  errors?: { path: string }[];
}

for (const kind of testDatabaseKinds()) {
  describe(`TOTP for sensitive actions on ${kind}`, () => {
    const server = useTestServer(kind, { clock: () => now });
    afterEach(async () => removeRules(server()));

    it('an approval whose rule demands TOTP takes only a fresh code of the approver', async () => {
      const ts = server();
      const { wh, sku } = await stockedItem(ts, 1000, 2);
      await addRule(ts, { action: 'write_off.post', requireTotp: true });
      const maker = await signInAs(ts, 'warehouse_manager');
      const checker = await signInAs(ts, 'warehouse_manager');
      const ask = async () => {
        const doc = await act(
          ts,
          '/api/v1/write-offs',
          { warehouse: wh, lines: [{ sku, qty: 5, reason: 'theft' }] },
          201,
        );
        const asked = await ts.api<{ approvalId: string; approval: ApprovalView }>(
          'POST',
          `/api/v1/write-offs/${doc.id}/post`,
          undefined,
          { token: maker },
        );
        expect(asked.body.approval).toMatchObject({ requireTotp: true });
        return asked.body.approvalId;
      };
      const approve = (id: string, body?: unknown) =>
        ts.api<TotpProblem & ApprovalView>('POST', `/api/v1/approvals/${id}/approve`, body, {
          token: checker,
        });
      const first = await ask();
      const second = await ask();

      const unenrolled = await approve(first, { totp: '123456' });
      expect(unenrolled.status).toBe(403);
      expect(unenrolled.body).toMatchObject({ code: 'forbidden', totpRequired: true });
      expect(unenrolled.body.detail).toContain('turn TOTP on');
      const secret = await enrolTotp(ts, checker, now);
      now += 30_000;
      const missing = await approve(first);
      expect(missing.status).toBe(403);
      expect(missing.body).toMatchObject({ totpRequired: true, errors: [{ path: 'totp' }] });
      const wrongCode = totpCode(secret, totpStep(now) + 10);
      const wrong = await approve(first, { totp: wrongCode });
      expect(wrong.status).toBe(403);
      expect(wrong.body.detail).toContain('wrong');
      expect(await stockOf(ts, sku, wh)).toMatchObject({ onHand: 1000 });
      expect((await ts.api<ApprovalView>('GET', `/api/v1/approvals/${first}`)).body.status).toBe('pending');

      const code = totpCode(secret, totpStep(now));
      const ok = await approve(first, { totp: code });
      expect(ok.status, JSON.stringify(ok.body)).toBe(200);
      expect(ok.body.status).toBe('approved');
      const reused = await approve(second, { totp: code });
      expect(reused.status).toBe(403);
      expect(reused.body.totpRequired).toBe(true);
      expect(await stockOf(ts, sku, wh)).toMatchObject({ onHand: 995 });
      now += 30_000;
      const fresh = await approve(second, { totp: totpCode(secret, totpStep(now)) });
      expect(fresh.body.status).toBe('approved');
      expect(await stockOf(ts, sku, wh)).toMatchObject({ onHand: 990 });
      await expectBooksAgree(ts);
    });

    it('a rule can demand a TOTP code of the caller on role changes and token creation (X-TOTP-Code)', async () => {
      const ts = server();
      const admin = await signIn(ts, (await makePerson(ts, ['admin'])).email);
      const target = await makePerson(ts, ['viewer']);
      await addRule(ts, { action: 'user.roles', secondPerson: false, requireTotp: true });
      await addRule(ts, { action: 'api_token.create', secondPerson: false, requireTotp: true });
      const changeRoles = (headers: Record<string, string> = {}) =>
        ts.api<TotpProblem>(
          'PATCH',
          `/api/v1/users/${target.id}`,
          { roles: ['clerk'] },
          { token: admin, headers },
        );
      const makeToken = (headers: Record<string, string> = {}) =>
        ts.api<TotpProblem & { token?: string }>(
          'POST',
          '/api/v1/api-tokens',
          { name: 'connector', permissions: ['stock.read'] },
          { token: admin, headers },
        );

      expect((await changeRoles()).body).toMatchObject({ code: 'forbidden', totpRequired: true });
      const secret = await enrolTotp(ts, admin, now);
      now += 30_000;
      const missing = await changeRoles();
      expect(missing.status).toBe(403);
      expect(missing.body.errors).toEqual([expect.objectContaining({ path: 'X-TOTP-Code' })]);
      const wrong = await changeRoles({ 'x-totp-code': totpCode(secret, totpStep(now) - 7) });
      expect(wrong.status).toBe(403);
      const user = async () => (await ts.api<{ roles: string[] }>('GET', `/api/v1/users/${target.id}`)).body;
      expect((await user()).roles).toEqual(['viewer']);
      const code = totpCode(secret, totpStep(now));
      const changed = await changeRoles({ 'x-totp-code': code });
      expect(changed.status, JSON.stringify(changed.body)).toBe(200);
      expect((await user()).roles).toEqual(['clerk']);
      const renamed = await ts.api(
        'PATCH',
        `/api/v1/users/${target.id}`,
        { name: 'No grant' },
        { token: admin },
      );
      expect(renamed.status).toBe(200);

      expect((await makeToken()).status).toBe(403);
      expect((await makeToken({ 'x-totp-code': code })).body.totpRequired).toBe(true);
      now += 30_000;
      const made = await makeToken({ 'x-totp-code': totpCode(secret, totpStep(now)) });
      expect(made.status).toBe(201);
      expect(made.body.token).toMatch(/^oht_/);
    });

    it('under a second-person rule, a token is made for its maker once, after another person approves', async () => {
      const ts = server();
      await addRule(ts, { action: 'api_token.create' });
      const checker = await signIn(ts, (await makePerson(ts, ['admin'])).email);
      const request = { name: 'shop connector', permissions: ['stock.read'] };
      const ask = () =>
        ts.api<{ approvalId?: string; token?: string }>('POST', '/api/v1/api-tokens', request);
      const first = await ask();
      expect(first.status).toBe(202);
      expect(first.body.token).toBeUndefined();
      expect((await ask()).body.approvalId).toBe(first.body.approvalId);
      const id = first.body.approvalId ?? '';
      expect((await ts.api('POST', `/api/v1/approvals/${id}/approve`)).status).toBe(403);
      const approved = await ts.api<ApprovalView>('POST', `/api/v1/approvals/${id}/approve`, undefined, {
        token: checker,
      });
      expect(approved.body).toMatchObject({ status: 'approved', result: null });
      const made = await ask();
      expect(made.status).toBe(201);
      expect(made.body.token).toMatch(/^oht_/);
      const next = await ask();
      expect(next.status).toBe(202);
      expect(next.body.approvalId).not.toBe(id);
    });
  });
}

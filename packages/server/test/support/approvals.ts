import { expect } from 'vitest';
import { totpCode, totpStep } from '../../src/modules/auth/totp';
import type { TestServer } from './server';

/** An approval as the API answers it. */
export interface ApprovalView {
  id: string;
  action: string;
  status: string;
  target: { type: string; id: string | null };
  warehouse: string | null;
  value: number | null;
  request: unknown;
  maker: { id: string; email: string } | null;
  decidedBy: { id: string; email: string } | null;
  reason: string | null;
  result: Record<string, unknown> | null;
}

/** Adds an approval rule as the administrator; returns its id. */
export async function addRule(ts: TestServer, rule: Record<string, unknown>): Promise<string> {
  const res = await ts.api<{ id: string }>('POST', '/api/v1/approval-rules', rule);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

/** Removes every approval rule, so that each test starts from a shop without any. */
export async function removeRules(ts: TestServer): Promise<void> {
  const rules = await ts.api<{ items: { id: string }[] }>('GET', '/api/v1/approval-rules');
  for (const r of rules.body.items) await ts.api('DELETE', `/api/v1/approval-rules/${r.id}`);
}

/** Turns TOTP on for the person of a token; returns the secret their authenticator would hold. */
export async function enrolTotp(ts: TestServer, token: string, at: number): Promise<string> {
  const started = await ts.api<{ secret: string }>('POST', '/api/v1/me/totp', undefined, { token });
  const code = totpCode(started.body.secret, totpStep(at));
  const confirmed = await ts.api('POST', '/api/v1/me/totp/confirm', { code }, { token });
  expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
  return started.body.secret;
}

/** The ids of the approvals a person's list shows (their inbox by default). */
export async function approvalIds(
  ts: TestServer,
  token: string,
  query = 'status=pending',
): Promise<string[]> {
  const res = await ts.api<{ items: ApprovalView[] }>('GET', `/api/v1/approvals?${query}`, undefined, {
    token,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items.map((a) => a.id);
}

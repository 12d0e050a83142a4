import type { FastifyRequest } from 'fastify';
import { claimFor } from '../../http/app';
import type { HttpResult } from '../../http/idempotency';
import type { Trx } from '../../ledger/types';
import type { Services } from '../../services';
import { API_TOKEN_PREFIX } from '../users/api-tokens.service';
import { appendAudit } from './audit-append';
import type { AuditActor } from './audit-entry';

/** Who makes a request and from where: the signed-in person, the address, the session or API token. */
export function actorOf(request: FastifyRequest): AuditActor {
  const p = request.principal;
  return {
    userId: p?.userId ?? null,
    source: {
      ip: request.ip,
      via: request.sessionToken?.startsWith(API_TOKEN_PREFIX) ? 'api_token' : 'session',
      id: p?.sessionId ?? null,
    },
  };
}

/** What a write says about itself in the audit log. */
export interface AuditedWrite {
  /** `<entity>.<verb>`. */
  action: string;
  entity: string;
  /** The record written; by default the `id` of the answer. */
  entityId?: string;
  /** The answer's status (200 by default). */
  status?: number;
  /** Reads the record as it was, inside the write's transaction. */
  before?: (trx: Trx) => Promise<unknown>;
  /** What the log keeps as the record after; by default the answer. */
  after?: (answer: unknown) => unknown;
}

function idOf(answer: unknown): string {
  const id = typeof answer === 'object' && answer !== null ? (answer as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : '';
}

/** Runs a write and appends its entry, last, in the transaction it is given. */
async function recorded<T>(
  s: Services,
  actor: AuditActor,
  w: AuditedWrite,
  trx: Trx,
  run: (trx: Trx) => Promise<T>,
): Promise<T> {
  const before = w.before ? await w.before(trx) : null;
  const answer = await run(trx);
  await appendAudit(trx, [
    {
      at: s.clock(),
      actor,
      action: w.action,
      entity: w.entity,
      entityId: w.entityId ?? idOf(answer),
      before,
      after: w.after ? w.after(answer) : answer,
    },
  ]);
  return answer;
}

/**
 * What may hold a write back for a second person (an approval rule): the answer that says so
 * (`202 approval_required`), or null to let the write run.
 */
export type Hold = (trx: Trx) => Promise<HttpResult | null>;

/** Runs a write and records it — or, held back, records the approval asked for instead. */
async function heldOrRecorded(
  s: Services,
  actor: AuditActor,
  w: AuditedWrite,
  trx: Trx,
  run: (trx: Trx) => Promise<unknown>,
  hold: Hold | undefined,
): Promise<HttpResult> {
  const held = hold ? await hold(trx) : null;
  if (!held) return { status: w.status ?? 200, body: await recorded(s, actor, w, trx, run) };
  const asked = held.body as { approvalId?: unknown };
  await appendAudit(trx, [
    {
      at: s.clock(),
      actor,
      action: 'approval.request',
      entity: 'approval',
      entityId: typeof asked.approvalId === 'string' ? asked.approvalId : '',
      before: null,
      after: held.body,
    },
  ]);
  return held;
}

/**
 * Runs a write in one transaction under the caller's Idempotency-Key and appends its audit entry
 * in the same transaction: the write and its record commit together or not at all. A replayed
 * request acted once and is recorded once.
 */
export function auditedWrite(
  s: Services,
  request: FastifyRequest,
  w: AuditedWrite,
  run: (trx: Trx) => Promise<unknown>,
  hold?: Hold,
): Promise<HttpResult> {
  const actor = actorOf(request);
  return s.idempotency.transact(claimFor(request), (trx) => heldOrRecorded(s, actor, w, trx, run, hold));
}

/** `auditedWrite` without an Idempotency-Key (see `auditedTransaction`), for a write a rule may hold. */
export function heldTransaction(
  s: Services,
  request: FastifyRequest,
  w: AuditedWrite,
  run: (trx: Trx) => Promise<unknown>,
  hold: Hold,
): Promise<HttpResult> {
  const actor = actorOf(request);
  return s.db.transaction().execute((trx) => heldOrRecorded(s, actor, w, trx, run, hold));
}

/**
 * `auditedWrite` without an Idempotency-Key, for writes whose answer must never be stored (a
 * secret shown once) or that are not retried (sign-out, password changes).
 */
export function auditedTransaction<T>(
  s: Services,
  request: FastifyRequest,
  w: AuditedWrite,
  run: (trx: Trx) => Promise<T>,
): Promise<T> {
  const actor = actorOf(request);
  return s.db.transaction().execute((trx) => recorded(s, actor, w, trx, run));
}

/** One record a write of several changed, as its audit entry tells it. */
export interface AuditedChange {
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

/**
 * `auditedWrite` for a write of several records at once (an import): one transaction under the
 * caller's Idempotency-Key, with one audit entry for each record it changed, appended last.
 */
export function auditedChanges(
  s: Services,
  request: FastifyRequest,
  run: (trx: Trx) => Promise<{ answer: unknown; changes: readonly AuditedChange[] }>,
): Promise<HttpResult> {
  const actor = actorOf(request);
  return s.idempotency.transact(claimFor(request), async (trx) => {
    const { answer, changes } = await run(trx);
    await appendAudit(
      trx,
      changes.map((change) => ({ at: s.clock(), actor, ...change })),
    );
    return { status: 200, body: answer };
  });
}

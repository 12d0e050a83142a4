import { hash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { isUniqueViolation } from '../db/errors';
import type { DB } from '../db/schema';
import type { Trx } from '../ledger/types';
import { callerProblem } from './errors';
import { Problem } from './problem';

/** A caller's claim on an Idempotency-Key for one exact request. */
export interface IdempotencyClaim {
  scope: string;
  key: string;
  /** Hash of method, path and canonical body: the same key with another request is a conflict. */
  hash: string;
}

/** A response as recorded for a key, replayed on every retry. */
export interface HttpResult {
  status: number;
  body: unknown;
  /** The body as JSON text, when it is made already: recorded and sent as it is. */
  json?: string;
  replayed?: boolean;
}

/** A recorded response as stored. */
export interface IdempotencyRow {
  scope: string;
  key: string;
  request_hash: string;
  status_code: number;
  body: string;
  created_at: number;
}

/** Returned by a runner whose key was recorded elsewhere meanwhile: the guard replays that. */
export const RECORDED_ELSEWHERE = Symbol('recorded elsewhere');
type RunnerResult = HttpResult | typeof RECORDED_ELSEWHERE;

class KeyTakenError extends Error {}

/** How long a recorded response is replayed for an Idempotency-Key: seven days. */
export const IDEMPOTENCY_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

/** The claim of a request, or null when it carries no Idempotency-Key. */
export function claimOf(
  scope: string,
  key: string | undefined,
  method: string,
  path: string,
  body: unknown,
): IdempotencyClaim | null {
  if (key === undefined) return null;
  if (key.length === 0 || key.length > 255) {
    throw new Problem('validation_failed', 'Idempotency-Key must be 1 to 255 characters', {
      errors: [{ path: 'Idempotency-Key', message: 'must be 1 to 255 characters' }],
    });
  }
  // The body is the validated one: its keys come out of the schema in schema order and unknown
  // keys are dropped, so the same request always serialises, and hashes, the same.
  return { scope, key, hash: hash('sha256', `${method} ${path}\n${JSON.stringify(body)}`, 'base64url') };
}

function claimId(claim: IdempotencyClaim): string {
  return `${claim.scope}\u0000${claim.key}`;
}

/**
 * Makes writes safe to retry: a request with a key that was seen before gets the first response
 * (success or 4xx alike) and does not act again; the same key with another request is a conflict.
 * The first response is recorded in the same transaction as the action, so an acknowledged action
 * and its record cannot be separated by a crash.
 */
export class IdempotencyGuard {
  private readonly inFlight = new Map<string, Promise<HttpResult>>();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: () => number,
  ) {}

  /**
   * Runs a write under a claim. `lookupFirst: false` is for runners that check recorded keys
   * themselves inside their own transaction (the grouped reservation path).
   */
  async run(
    claim: IdempotencyClaim | null,
    runner: () => Promise<RunnerResult>,
    lookupFirst = true,
  ): Promise<HttpResult> {
    if (!claim) {
      const result = await runner();
      if (result === RECORDED_ELSEWHERE)
        throw new Error('a runner without a claim cannot find a recorded response');
      return result;
    }
    const id = claimId(claim);
    const earlier = this.inFlight.get(id);
    if (earlier) {
      await earlier.catch(() => undefined);
      return this.replay(claim);
    }
    const attempt = this.attempt(claim, runner, lookupFirst);
    this.inFlight.set(id, attempt);
    try {
      return await attempt;
    } finally {
      this.inFlight.delete(id);
    }
  }

  /** Runs an action in a transaction and records its response with it. */
  transact(claim: IdempotencyClaim | null, action: (trx: Trx) => Promise<HttpResult>): Promise<HttpResult> {
    return this.run(claim, () =>
      this.db.transaction().execute(async (trx) => {
        const result = await action(trx);
        if (claim) await this.record(trx, [{ claim, result }]);
        return result;
      }),
    );
  }

  /** Records responses inside the caller's transaction. */
  async record(trx: Trx, records: readonly { claim: IdempotencyClaim; result: HttpResult }[]): Promise<void> {
    if (records.length === 0) return;
    const rows = this.rowsOf(records);
    try {
      for (let i = 0; i < rows.length; i += 500) {
        await trx
          .insertInto('idempotency_keys')
          .values(rows.slice(i, i + 500))
          .execute();
      }
    } catch (error) {
      if (isUniqueViolation(error)) throw new KeyTakenError();
      throw error;
    }
  }

  /** The `idempotency_keys` rows that record these responses, for a writer that inserts them itself. */
  rowsOf(records: readonly { claim: IdempotencyClaim; result: HttpResult }[]): IdempotencyRow[] {
    const at = this.clock();
    return records.map(({ claim, result }) => ({
      scope: claim.scope,
      key: claim.key,
      request_hash: claim.hash,
      status_code: result.status,
      body: result.json ?? JSON.stringify(result.body),
      created_at: at,
    }));
  }

  /**
   * Forgets recorded responses older than the retention; a retry after that acts anew. Deletes in
   * small chunks, so that a large backlog never holds the database for long.
   */
  async prune(retentionMs: number = IDEMPOTENCY_RETENTION_MS, chunk = 1000): Promise<number> {
    const cutoff = BigInt(this.clock() - retentionMs);
    let total = 0;
    for (;;) {
      // The age of the chunk-th oldest record bounds this round; with fewer left, the cutoff does.
      const edge = await this.db
        .selectFrom('idempotency_keys')
        .select('created_at')
        .where('created_at', '<', cutoff)
        .orderBy('created_at')
        .offset(chunk - 1)
        .limit(1)
        .executeTakeFirst();
      const result = await this.db
        .deleteFrom('idempotency_keys')
        .where('created_at', edge ? '<=' : '<', edge ? edge.created_at : cutoff)
        .executeTakeFirst();
      total += Number(result.numDeletedRows);
      if (!edge) return total;
    }
  }

  /** Which of these claims already have a recorded response (checked inside a transaction). */
  async recordedAmong(trx: Trx, claims: readonly IdempotencyClaim[]): Promise<Set<string>> {
    const found = new Set<string>();
    const byScope = new Map<string, string[]>();
    for (const c of claims) {
      const keys = byScope.get(c.scope);
      if (keys) keys.push(c.key);
      else byScope.set(c.scope, [c.key]);
    }
    for (const [scope, keys] of byScope) {
      for (let i = 0; i < keys.length; i += 500) {
        const rows = await trx
          .selectFrom('idempotency_keys')
          .select('key')
          .where('scope', '=', scope)
          .where('key', 'in', keys.slice(i, i + 500))
          .execute();
        for (const r of rows) found.add(`${scope}\u0000${r.key}`);
      }
    }
    return found;
  }

  /** True when the set from `recordedAmong` holds this claim. */
  static holds(recorded: Set<string>, claim: IdempotencyClaim): boolean {
    return recorded.has(claimId(claim));
  }

  private async attempt(
    claim: IdempotencyClaim,
    runner: () => Promise<RunnerResult>,
    lookupFirst: boolean,
  ): Promise<HttpResult> {
    if (lookupFirst) {
      const replayed = await this.find(claim);
      if (replayed) return replayed;
    }
    try {
      const result = await runner();
      return result === RECORDED_ELSEWHERE ? this.replay(claim) : result;
    } catch (error) {
      if (error instanceof KeyTakenError) return this.replay(claim);
      const problem = callerProblem(error);
      if (problem && problem.status < 500) {
        const result: HttpResult = { status: problem.status, body: problem.toBody() };
        await this.db
          .transaction()
          .execute((trx) => this.record(trx, [{ claim, result }]))
          .catch((e: unknown) => {
            if (!(e instanceof KeyTakenError)) throw e;
          });
      }
      throw error;
    }
  }

  private async replay(claim: IdempotencyClaim): Promise<HttpResult> {
    const found = await this.find(claim);
    if (!found)
      throw new Problem('conflict', 'a request with this Idempotency-Key did not complete; retry it');
    return found;
  }

  private async find(claim: IdempotencyClaim): Promise<HttpResult | null> {
    const row = await this.db
      .selectFrom('idempotency_keys')
      .select(['request_hash', 'status_code', 'body'])
      .where('scope', '=', claim.scope)
      .where('key', '=', claim.key)
      .executeTakeFirst();
    if (!row) return null;
    if (row.request_hash !== claim.hash) {
      throw new Problem('conflict', 'this Idempotency-Key was already used with a different request', {
        errors: [{ path: 'Idempotency-Key', message: 'was already used with a different request' }],
      });
    }
    return { status: Number(row.status_code), body: JSON.parse(row.body), replayed: true };
  }
}

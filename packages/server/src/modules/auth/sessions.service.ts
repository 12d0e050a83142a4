import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { newId } from '../../db/ids';
import type { DB } from '../../db/schema';
import { Problem } from '../../http/problem';
import { appendAudit } from '../audit/audit-append';
import type { ApiTokenService } from '../users/api-tokens.service';
import { API_TOKEN_PREFIX } from '../users/api-tokens.service';
import type { RoleService } from '../users/roles.service';
import type { AuthChanges } from './auth-changes';
import { hashPassword, verifyPassword } from './passwords';
import { type Principal, principalOf } from './principal';
import { checkSecondFactor } from './second-factor';
import { hashToken } from './token-hash';

/** How long a session lasts. */
export const SESSION_TTL_MS = 24 * 60 * 60 * 1000;
/**
 * How long a resolved token is trusted without asking the database again. A revocation anywhere
 * drops it at once (see `AuthChanges`); this bounds how long a missed one could last.
 */
const CACHE_TTL_MS = 5_000;
/** Wrong passwords in a row that lock an account, and for how long. */
export const LOCKOUT_AFTER = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;

// A hash to verify against when the e-mail is unknown, so both cases take the same time.
const decoyHash = hashPassword(randomBytes(16).toString('hex'));

/**
 * Sessions for people: random tokens, stored only as hashes, expiring and revocable. Resolved
 * tokens are cached briefly; a logout, a revoked token or a changed person drops the cache entries
 * at once, in every process.
 */
export class SessionService {
  private readonly cache = new Map<string, { principal: Principal; until: number }>();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: () => number,
    private readonly roles: RoleService,
    private readonly apiTokens: ApiTokenService,
    private readonly changes: AuthChanges,
  ) {
    changes.onChange((change) => {
      if (change.kind === 'user') this.forget(change.id);
      else if (change.kind === 'session') this.forgetSession(change.id);
      else this.cache.clear();
    });
  }

  /** Signs a person in; a wrong e-mail or password gives the same `401`. */
  async login(
    email: string,
    password: string,
    code: string | undefined,
    ip: string,
  ): Promise<{ token: string; expiresAt: number; principal: Principal }> {
    const user = await this.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', email.trim().toLowerCase())
      .executeTakeFirst();
    const ok = await verifyPassword(user?.password_hash ?? (await decoyHash), password);
    const now = this.clock();
    if (user?.locked_until !== null && user?.locked_until !== undefined && Number(user.locked_until) > now)
      throw new Problem(
        'rate_limited',
        'this account is locked after repeated wrong passwords; try again later',
        {
          retryAfterSeconds: Math.ceil((Number(user.locked_until) - now) / 1000),
        },
      );
    if (user && !ok) await this.countFailure(user.id, now, ip);
    if (!user || !ok || user.disabled !== 0n)
      throw new Problem('unauthorized', 'the e-mail or password is wrong');
    if (user.totp_secret && !(code && (await checkSecondFactor(this.db, user, code, now)))) {
      if (code) await this.countFailure(user.id, now, ip);
      throw new Problem(
        'unauthorized',
        code
          ? 'the code is wrong or was used already'
          : 'this account needs a code from its authenticator app',
        {
          totpRequired: true,
        },
      );
    }
    const token = `ohs_${randomBytes(32).toString('base64url')}`;
    const session = {
      id: newId(now),
      token_hash: hashToken(token),
      user_id: user.id,
      created_at: now,
      expires_at: now + SESSION_TTL_MS,
    };
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({ failed_logins: 0, locked_until: null, last_login_at: now })
        .where('id', '=', user.id)
        .execute();
      await trx.insertInto('sessions').values(session).execute();
      await appendAudit(trx, [
        {
          at: now,
          actor: { userId: user.id, source: { ip, via: 'session', id: session.id } },
          action: 'auth.login',
          entity: 'session',
          entityId: session.id,
          before: null,
          after: { userId: user.id, expiresAt: new Date(session.expires_at).toISOString() },
        },
      ]);
    });
    const custom = await this.roles.customPermissions(JSON.parse(user.roles) as string[]);
    return { token, expiresAt: session.expires_at, principal: principalOf(user, session.id, custom) };
  }

  /** The principal of a token, or null when it is unknown, expired, revoked or its user disabled. */
  async authenticate(token: string): Promise<Principal | null> {
    const cached = this.cached(token);
    if (cached) return cached;
    const now = this.clock();
    if (token.startsWith(API_TOKEN_PREFIX))
      return this.remember(token, await this.apiTokens.authenticate(token), now);
    const tokenHash = hashToken(token);
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select([
        'sessions.id as session_id',
        'sessions.expires_at',
        'users.id',
        'users.email',
        'users.name',
        'users.roles',
        'users.warehouses',
      ])
      .where('sessions.token_hash', '=', tokenHash)
      .where('sessions.revoked_at', 'is', null)
      .where('users.disabled', '=', 0n)
      .executeTakeFirst();
    if (!row || Number(row.expires_at) <= now) {
      this.cache.delete(token);
      return null;
    }
    const custom = await this.roles.customPermissions(JSON.parse(row.roles) as string[]);
    const principal = principalOf(row, row.session_id, custom);
    return this.remember(token, principal, now, Number(row.expires_at));
  }

  /** The principal of a token resolved a moment ago, at once; null when it must be looked up. */
  cached(token: string): Principal | null {
    // Keyed by the token itself, so that a cached request pays no hash (it lives in memory only).
    const entry = this.cache.get(token);
    return entry && entry.until > this.clock() && this.changes.trusted ? entry.principal : null;
  }

  /** Keeps a resolved token for a few seconds (never past its expiry); forgets an unknown one. */
  private remember(
    token: string,
    principal: Principal | null,
    now: number,
    expiresAt = Number.MAX_SAFE_INTEGER,
  ) {
    if (!principal) {
      this.cache.delete(token);
      return null;
    }
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(token, { principal, until: Math.min(now + CACHE_TTL_MS, expiresAt) });
    return principal;
  }

  /** Ends the session of a token; it stops working at once. */
  async logout(token: string, db: Kysely<DB> = this.db): Promise<void> {
    this.cache.delete(token);
    const ended = await db
      .updateTable('sessions')
      .set({ revoked_at: this.clock() })
      .where('token_hash', '=', hashToken(token))
      .returning('id')
      .executeTakeFirst();
    if (ended) await this.sessionEnded(db, ended.id);
  }

  /** A session or API token was revoked: it stops working at once, in every process. */
  sessionEnded(db: Kysely<DB>, sessionId: string): Promise<void> {
    return this.changes.announce(db, { kind: 'session', id: sessionId });
  }

  /** A person's roles, warehouses or state changed: their sign-ins are resolved anew everywhere. */
  userChanged(db: Kysely<DB>, userId: string): Promise<void> {
    return this.changes.announce(db, { kind: 'user', id: userId });
  }

  /**
   * Ends sessions of a person (all, or all but one) in the caller's transaction: they stop working
   * at once in this process.
   */
  async revokeAll(db: Kysely<DB>, userId: string, except: string | null = null): Promise<void> {
    let update = db
      .updateTable('sessions')
      .set({ revoked_at: this.clock() })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null);
    if (except) update = update.where('id', '<>', except);
    await update.execute();
    await this.userChanged(db, userId);
  }

  /** Ends one session of a person; false when they have no such live session. */
  async revoke(userId: string, sessionId: string, db: Kysely<DB> = this.db): Promise<boolean> {
    const result = await db
      .updateTable('sessions')
      .set({ revoked_at: this.clock() })
      .where('user_id', '=', userId)
      .where('id', '=', sessionId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    await this.userChanged(db, userId);
    return result.numUpdatedRows > 0n;
  }

  /** A person's live sessions, newest first. */
  async sessionsOf(userId: string) {
    const rows = await this.db
      .selectFrom('sessions')
      .select(['id', 'created_at', 'expires_at'])
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', BigInt(this.clock()))
      .orderBy('created_at', 'desc')
      .execute();
    return rows.map((r) => ({ id: r.id, createdAt: Number(r.created_at), expiresAt: Number(r.expires_at) }));
  }

  private forget(userId: string): void {
    for (const [token, entry] of this.cache) if (entry.principal.userId === userId) this.cache.delete(token);
  }

  /** Drops what this process remembers of one session or API token. */
  private forgetSession(sessionId: string): void {
    for (const [token, entry] of this.cache)
      if (entry.principal.sessionId === sessionId) this.cache.delete(token);
  }

  /** Counts a wrong password (recorded in the audit log); the account locks for a while at the threshold. */
  private async countFailure(userId: string, now: number, ip: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('users')
        .set({ failed_logins: sql`failed_logins + 1` })
        .where('id', '=', userId)
        .returning('failed_logins')
        .executeTakeFirstOrThrow();
      const locked = row.failed_logins >= BigInt(LOCKOUT_AFTER);
      if (locked)
        await trx
          .updateTable('users')
          .set({ locked_until: now + LOCKOUT_MS, failed_logins: 0 })
          .where('id', '=', userId)
          .execute();
      await appendAudit(trx, [
        {
          at: now,
          actor: { userId: null, source: { ip, via: 'session', id: null } },
          action: 'auth.login_failed',
          entity: 'user',
          entityId: userId,
          before: null,
          after: {
            failedLogins: Number(row.failed_logins),
            lockedUntil: locked ? new Date(now + LOCKOUT_MS).toISOString() : null,
          },
        },
      ]);
    });
  }
}

import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { newId } from '../../db/ids';
import type { DB } from '../../db/schema';
import { Problem } from '../../http/problem';
import { hashPassword, verifyPassword } from './passwords';
import { type Principal, principalOf } from './principal';

/** How long a session lasts. */
export const SESSION_TTL_MS = 24 * 60 * 60 * 1000;
/** How long a resolved token is trusted without asking the database again (this process only). */
const CACHE_TTL_MS = 5_000;

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

// A hash to verify against when the e-mail is unknown, so both cases take the same time.
const decoyHash = hashPassword(randomBytes(16).toString('hex'));

/**
 * Sessions for people: random tokens, stored only as hashes, expiring and revocable. Resolved
 * tokens are cached briefly; a logout in this process drops the cache entry at once.
 */
export class SessionService {
  private readonly cache = new Map<string, { principal: Principal; until: number }>();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: () => number,
  ) {}

  /** Signs a person in; a wrong e-mail or password gives the same `401`. */
  async login(
    email: string,
    password: string,
  ): Promise<{ token: string; expiresAt: number; principal: Principal }> {
    const user = await this.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', email.trim().toLowerCase())
      .executeTakeFirst();
    const ok = await verifyPassword(user?.password_hash ?? (await decoyHash), password);
    if (!user || !ok || user.disabled !== 0n)
      throw new Problem('unauthorized', 'the e-mail or password is wrong');
    const token = `ohs_${randomBytes(32).toString('base64url')}`;
    const now = this.clock();
    const session = {
      id: newId(now),
      token_hash: hashToken(token),
      user_id: user.id,
      created_at: now,
      expires_at: now + SESSION_TTL_MS,
    };
    await this.db.insertInto('sessions').values(session).execute();
    return { token, expiresAt: session.expires_at, principal: principalOf(user, session.id) };
  }

  /** The principal of a token, or null when it is unknown, expired, revoked or its user disabled. */
  async authenticate(token: string): Promise<Principal | null> {
    const now = this.clock();
    // Keyed by the token itself, so that a cached request pays no hash (it lives in memory only).
    const cached = this.cache.get(token);
    if (cached && cached.until > now) return cached.principal;
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
    const principal = principalOf(row, row.session_id);
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(token, { principal, until: Math.min(now + CACHE_TTL_MS, Number(row.expires_at)) });
    return principal;
  }

  /** Ends the session of a token; it stops working at once. */
  async logout(token: string): Promise<void> {
    const tokenHash = hashToken(token);
    this.cache.delete(token);
    await this.db
      .updateTable('sessions')
      .set({ revoked_at: this.clock() })
      .where('token_hash', '=', tokenHash)
      .execute();
  }
}

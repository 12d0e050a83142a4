import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { invalid, Problem } from '../../http/problem';
import type { Trx } from '../../ledger/types';
import type { Principal } from './principal';
import { hashToken } from './token-hash';
import { matchingStep, newTotpSecret, otpauthUrl } from './totp';

/** How many one-time recovery codes an enrolment hands out. */
const RECOVERY_CODES = 10;

/**
 * Checks a second factor: a TOTP code for a step not used before (each code works once), or an
 * unused recovery code (used up by this). Writes what it uses in `db`.
 */
export async function checkSecondFactor(
  db: Kysely<DB>,
  user: { id: string; totp_secret: string | null; totp_last_step: bigint | null },
  code: string,
  at: number,
): Promise<boolean> {
  if (!user.totp_secret) return false;
  const step = matchingStep(user.totp_secret, code.trim(), at);
  if (step !== null) {
    const taken = await db
      .updateTable('users')
      .set({ totp_last_step: step })
      .where('id', '=', user.id)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', BigInt(step))]))
      .executeTakeFirst();
    return taken.numUpdatedRows > 0n;
  }
  const used = await db
    .updateTable('recovery_codes')
    .set({ used_at: at })
    .where('user_id', '=', user.id)
    .where('code_hash', '=', hashToken(code.trim().toLowerCase()))
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return used.numUpdatedRows > 0n;
}

/** What checking a person's second factor needs of their row. */
function secondFactorOf(trx: Trx, userId: string) {
  return trx
    .selectFrom('users')
    .select(['id', 'totp_secret', 'totp_last_step'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
}

/** TOTP enrolment (二次验证): start, confirm with a first code (getting recovery codes), or turn off. */
export class SecondFactorService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: () => number,
  ) {}

  /** True when the person signs in with a second factor. */
  async enabled(userId: string): Promise<boolean> {
    const user = await this.db
      .selectFrom('users')
      .select('totp_secret')
      .where('id', '=', userId)
      .executeTakeFirst();
    return Boolean(user?.totp_secret);
  }

  /** Hands out a new secret; it takes effect once a code from it is confirmed. */
  async start(trx: Trx, p: Principal): Promise<{ secret: string; otpauthUrl: string }> {
    const secret = newTotpSecret();
    await trx.updateTable('users').set({ totp_pending_secret: secret }).where('id', '=', p.userId).execute();
    return { secret, otpauthUrl: otpauthUrl(secret, p.email) };
  }

  /** Turns TOTP on with the first code of the pending secret; returns recovery codes, shown once. */
  async confirm(trx: Trx, p: Principal, code: string): Promise<string[]> {
    const user = await trx
      .selectFrom('users')
      .select(['totp_pending_secret'])
      .where('id', '=', p.userId)
      .executeTakeFirstOrThrow();
    if (!user.totp_pending_secret)
      throw new Problem('invalid_state', 'start an enrolment first (POST /api/v1/me/totp)', {
        status: 'not_enrolling',
      });
    const step = matchingStep(user.totp_pending_secret, code.trim(), this.clock());
    if (step === null)
      throw invalid([{ path: 'code', message: 'is not the current code of the new secret' }]);
    const codes = Array.from({ length: RECOVERY_CODES }, () => randomBytes(5).toString('hex'));
    await trx
      .updateTable('users')
      .set({ totp_secret: user.totp_pending_secret, totp_pending_secret: null, totp_last_step: step })
      .where('id', '=', p.userId)
      .execute();
    await trx.deleteFrom('recovery_codes').where('user_id', '=', p.userId).execute();
    await trx
      .insertInto('recovery_codes')
      .values(codes.map((c) => ({ user_id: p.userId, code_hash: hashToken(c), used_at: null })))
      .execute();
    return codes;
  }

  /** Turns TOTP off, proven with a current code or a recovery code. */
  async disable(trx: Trx, p: Principal, code: string): Promise<void> {
    const user = await secondFactorOf(trx, p.userId);
    if (!user.totp_secret)
      throw new Problem('invalid_state', 'TOTP is not on for this account', { status: 'off' });
    if (!(await checkSecondFactor(trx, user, code, this.clock())))
      throw invalid([{ path: 'code', message: 'is not a valid code' }]);
    await trx
      .updateTable('users')
      .set({ totp_secret: null, totp_last_step: null })
      .where('id', '=', p.userId)
      .execute();
    await trx.deleteFrom('recovery_codes').where('user_id', '=', p.userId).execute();
  }
}

/**
 * Demands a fresh second-factor code of a person for a sensitive action (approving, changing
 * roles, making a token): `403 forbidden` with `totpRequired: true` when they have no TOTP, sent
 * no code, or a wrong or used one. `field` names where the code goes (`totp`, `X-TOTP-Code`).
 */
export async function requireFreshCode(
  trx: Trx,
  p: Principal,
  code: string | undefined,
  field: string,
  at: number,
): Promise<void> {
  const user = await secondFactorOf(trx, p.userId);
  if (!user.totp_secret)
    throw new Problem(
      'forbidden',
      'this action needs a code from an authenticator app, and your account has none: turn TOTP on first (POST /api/v1/me/totp)',
      { totpRequired: true },
    );
  if (!code)
    throw new Problem(
      'forbidden',
      `this action needs a fresh code from your authenticator app: send it as ${field}`,
      { totpRequired: true, errors: [{ path: field, message: 'is required' }] },
    );
  if (!(await checkSecondFactor(trx, user, code, at)))
    throw new Problem('forbidden', 'the code is wrong or was used already', {
      totpRequired: true,
      errors: [{ path: field, message: 'is wrong or was used already' }],
    });
}

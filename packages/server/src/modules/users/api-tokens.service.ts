import { randomBytes } from 'node:crypto';
import type { apiToken, apiTokenCreate } from '@onhand/contracts';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { newId } from '../../db/ids';
import type { DB } from '../../db/schema';
import { isoOrNull, isoOut } from '../../http/format';
import { type FieldError, invalid, notFound, Problem } from '../../http/problem';
import type { Trx } from '../../ledger/types';
import { PERMISSIONS, type Permission } from '../auth/permissions';
import type { Principal } from '../auth/principal';
import { hashToken } from '../auth/token-hash';
import { inScope } from '../auth/warehouse-scope';

/** Every API token starts so, which tells it apart from a person's session token. */
export const API_TOKEN_PREFIX = 'oht_';

type ApiToken = z.infer<typeof apiToken>;

/**
 * API tokens for machines (shop connectors, scripts): named, limited to some permissions and
 * warehouses — never more than the person who makes one holds — shown once, stored hashed,
 * revocable, with the time of last use.
 */
export class ApiTokenService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: () => number,
  ) {}

  async create(
    trx: Trx,
    input: z.infer<typeof apiTokenCreate>,
    maker: Principal,
  ): Promise<ApiToken & { token: string }> {
    const errors: FieldError[] = [];
    input.permissions.forEach((p, i) => {
      if (!(PERMISSIONS as readonly string[]).includes(p))
        errors.push({ path: `permissions.${i}`, message: `${p} is not a permission` });
    });
    if (errors.length > 0) throw invalid(errors);
    const beyond = input.permissions.filter((p) => !maker.permissions.includes(p as Permission));
    if (beyond.length > 0)
      throw new Problem(
        'forbidden',
        `a token cannot do more than its maker: you do not hold ${beyond.join(', ')}`,
        {
          permission: beyond[0],
        },
      );
    const warehouses = input.warehouses ?? maker.warehouses;
    (input.warehouses ?? []).forEach((code, i) => {
      if (!inScope(maker.warehouses, code))
        throw new Problem('forbidden', `you do not work in warehouse ${code}`, {
          errors: [{ path: `warehouses.${i}`, message: 'is outside the warehouses you work in' }],
        });
    });
    const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const now = this.clock();
    const id = newId(now);
    await trx
      .insertInto('api_tokens')
      .values({
        id,
        name: input.name,
        token_hash: hashToken(token),
        user_id: maker.userId,
        permissions: JSON.stringify([...new Set(input.permissions)]),
        warehouses: warehouses === null ? null : JSON.stringify(warehouses),
        created_at: now,
      })
      .execute();
    return { ...(await this.get(id, trx)), token };
  }

  /** Live tokens, newest first. */
  async list(): Promise<ApiToken[]> {
    const rows = await this.select(this.db)
      .where('t.revoked_at', 'is', null)
      .orderBy('t.id', 'desc')
      .execute();
    return rows.map((r) => this.view(r));
  }

  async get(id: string, db: Kysely<DB> = this.db): Promise<ApiToken> {
    const row = await this.select(db)
      .where('t.id', '=', id)
      .where('t.revoked_at', 'is', null)
      .executeTakeFirst();
    if (!row) throw notFound('API token', id);
    return this.view(row);
  }

  /** Revokes a token; it stops working at once in this process. */
  async revoke(id: string, db: Kysely<DB> = this.db): Promise<void> {
    const result = await db
      .updateTable('api_tokens')
      .set({ revoked_at: this.clock() })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw notFound('API token', id);
  }

  /** The principal of a live token (its maker, narrowed to the token's grants), noting its use. */
  async authenticate(token: string): Promise<Principal | null> {
    const row = await this.db
      .selectFrom('api_tokens as t')
      .innerJoin('users as u', 'u.id', 't.user_id')
      .select(['t.id', 't.permissions', 't.warehouses', 'u.id as user_id', 'u.email', 'u.name'])
      .where('t.token_hash', '=', hashToken(token))
      .where('t.revoked_at', 'is', null)
      .where('u.disabled', '=', 0n)
      .executeTakeFirst();
    if (!row) return null;
    await this.db
      .updateTable('api_tokens')
      .set({ last_used_at: this.clock() })
      .where('id', '=', row.id)
      .execute();
    const granted = new Set(JSON.parse(row.permissions) as string[]);
    return {
      userId: row.user_id,
      email: row.email,
      name: row.name,
      roles: [],
      warehouses: row.warehouses === null ? null : (JSON.parse(row.warehouses) as string[]),
      permissions: PERMISSIONS.filter((p) => granted.has(p)),
      sessionId: row.id,
    };
  }

  private select(db: Kysely<DB>) {
    return db
      .selectFrom('api_tokens as t')
      .innerJoin('users as u', 'u.id', 't.user_id')
      .select([
        't.id',
        't.name',
        't.permissions',
        't.warehouses',
        't.created_at',
        't.last_used_at',
        'u.id as user_id',
        'u.email',
      ]);
  }

  private view(
    r: Awaited<ReturnType<ReturnType<ApiTokenService['select']>['executeTakeFirstOrThrow']>>,
  ): ApiToken {
    return {
      id: r.id,
      name: r.name,
      permissions: JSON.parse(r.permissions) as string[],
      warehouses: r.warehouses === null ? null : (JSON.parse(r.warehouses) as string[]),
      createdBy: { id: r.user_id, email: r.email },
      createdAt: isoOut(r.created_at),
      lastUsedAt: isoOrNull(r.last_used_at),
    };
  }
}

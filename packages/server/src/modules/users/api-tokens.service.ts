import { randomBytes } from 'node:crypto';
import type { apiToken, apiTokenCreate } from '@onhand/contracts';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { newId } from '../../db/ids';
import type { DB } from '../../db/schema';
import { isoOrNull, isoOut } from '../../http/format';
import { type FieldError, invalid, notFound } from '../../http/problem';
import type { Trx } from '../../ledger/types';
import { authorize } from '../auth/authorize';
import { requirePermissionsWithin, requireWarehousesWithin, scopeWithin } from '../auth/grants';
import { PERMISSIONS, type Permission } from '../auth/permissions';
import type { Principal } from '../auth/principal';
import { hashToken } from '../auth/token-hash';
import { storedScope } from '../auth/warehouse-scope';
import type { RoleService } from './roles.service';

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
    private readonly roles: RoleService,
  ) {}

  async create(
    trx: Trx,
    input: z.infer<typeof apiTokenCreate>,
    maker: Principal,
  ): Promise<ApiToken & { token: string }> {
    authorize(maker, 'api_token.manage');
    const errors: FieldError[] = [];
    input.permissions.forEach((p, i) => {
      if (!(PERMISSIONS as readonly string[]).includes(p))
        errors.push({ path: `permissions.${i}`, message: `${p} is not a permission` });
    });
    if (errors.length > 0) throw invalid(errors);
    requirePermissionsWithin(maker, input.permissions as Permission[], 'a token');
    if (input.warehouses) requireWarehousesWithin(maker, input.warehouses);
    const warehouses = input.warehouses ?? maker.warehouses;
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

  /** Live tokens `by` may see (those working inside their warehouses), newest first. */
  async list(by: Principal): Promise<ApiToken[]> {
    authorize(by, 'api_token.manage');
    const rows = await this.select(this.db)
      .where('t.revoked_at', 'is', null)
      .orderBy('t.id', 'desc')
      .execute();
    return rows.map((r) => this.view(r)).filter((t) => scopeWithin(by, t.warehouses));
  }

  async get(id: string, db: Kysely<DB> = this.db): Promise<ApiToken> {
    const row = await this.select(db)
      .where('t.id', '=', id)
      .where('t.revoked_at', 'is', null)
      .executeTakeFirst();
    if (!row) throw notFound('API token', id);
    return this.view(row);
  }

  /**
   * Revokes a token `by` may see (`SessionService.sessionEnded` then drops it from every
   * process's memory).
   */
  async revoke(id: string, by: Principal, db: Kysely<DB> = this.db): Promise<void> {
    authorize(by, 'api_token.manage');
    if (!scopeWithin(by, (await this.get(id, db)).warehouses)) throw notFound('API token', id);
    const result = await db
      .updateTable('api_tokens')
      .set({ revoked_at: this.clock() })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw notFound('API token', id);
  }

  /**
   * The principal of a live token, noting its use: its maker as they are now, narrowed to the
   * token's grants — a token never does more than its maker may do today.
   */
  async authenticate(token: string): Promise<Principal | null> {
    const row = await this.db
      .selectFrom('api_tokens as t')
      .innerJoin('users as u', 'u.id', 't.user_id')
      .select([
        't.id',
        't.permissions',
        't.warehouses',
        'u.id as user_id',
        'u.email',
        'u.name',
        'u.roles',
        'u.warehouses as maker_warehouses',
      ])
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
    const makerMay = new Set(await this.roles.permissionsOf(JSON.parse(row.roles) as string[]));
    return {
      userId: row.user_id,
      email: row.email,
      name: row.name,
      roles: [],
      warehouses: narrowest(storedScope(row.warehouses), storedScope(row.maker_warehouses)),
      permissions: PERMISSIONS.filter((p) => granted.has(p) && makerMay.has(p)),
      sessionId: row.id,
      viaApiToken: true,
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
      warehouses: storedScope(r.warehouses),
      createdBy: { id: r.user_id, email: r.email },
      createdAt: isoOut(r.created_at),
      lastUsedAt: isoOrNull(r.last_used_at),
    };
  }
}

/** The warehouses inside both scopes (`null`: every warehouse). */
function narrowest(a: string[] | null, b: string[] | null): string[] | null {
  if (a === null) return b;
  if (b === null) return a;
  return a.filter((code) => b.includes(code));
}

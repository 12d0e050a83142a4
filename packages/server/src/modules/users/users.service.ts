import type { User, userCreate, userPatch, userQuery } from '@onhand/contracts';
import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import { newId } from '../../db/ids';
import type { DB, UsersTable } from '../../db/schema';
import { isoOrNull, isoOut } from '../../http/format';
import { DEFAULT_LIMIT, decodeCursor, toPage } from '../../http/pagination';
import { type FieldError, invalid, notFound, Problem } from '../../http/problem';
import type { Trx } from '../../ledger/types';
import { authorize } from '../auth/authorize';
import { requirePermissionsWithin, requireWarehousesWithin, scopeWithin } from '../auth/grants';
import { hashPassword, verifyPassword } from '../auth/passwords';
import type { Principal } from '../auth/principal';
import type { SessionService } from '../auth/sessions.service';
import { storedScope, type WarehouseScope } from '../auth/warehouse-scope';
import { checkVersion, contains, duplicateAsConflict } from '../master-data';
import { unknownWarehouses } from '../references';
import type { RoleService } from './roles.service';

/**
 * A new person as kept until created: the password already hashed, so that a request waiting for
 * approval never holds it in clear.
 */
export type UserCreateRequest = Omit<z.infer<typeof userCreate>, 'password'> & { passwordHash: string };

/** A create request with its password hashed (argon2id). */
export async function withHashedPassword(input: z.infer<typeof userCreate>): Promise<UserCreateRequest> {
  const { password, ...rest } = input;
  return { ...rest, passwordHash: await hashPassword(password) };
}

/**
 * People who sign in: created by an administrator with roles and (optionally) the warehouses they
 * work in; disabled, given a new password, or changing their own. Any change to what a person
 * may do ends or refreshes their sessions at once in this process (others within seconds).
 */
export class UserService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly roles: RoleService,
    private readonly sessions: SessionService,
    private readonly clock: () => number,
  ) {}

  async create(trx: Trx, input: UserCreateRequest, by: Principal): Promise<User> {
    authorize(by, 'user.manage');
    await this.checkGrants(trx, input.roles, input.warehouses ?? null, by);
    const now = this.clock();
    const email = input.email.trim().toLowerCase();
    const id = newId(now);
    await trx
      .insertInto('users')
      .values({
        id,
        email,
        name: input.name,
        password_hash: input.passwordHash,
        roles: JSON.stringify(input.roles),
        warehouses: input.warehouses ? JSON.stringify(input.warehouses) : null,
        disabled: 0,
        created_at: now,
        updated_at: now,
      })
      .execute()
      .catch((e: unknown) => duplicateAsConflict(e, 'email', email));
    return this.view(await this.row(id, trx));
  }

  /** The people `by` may see: with a scope inside theirs. */
  async list(query: z.infer<typeof userQuery>, by: Principal) {
    authorize(by, 'user.manage');
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = decodeCursor(query.cursor, ['string']);
    let q = this.db.selectFrom('users').selectAll();
    if (query.q) {
      const search = query.q;
      q = q.where((eb) => eb.or([contains('email', search), contains('name', search)]));
    }
    if (query.role) q = q.where(contains('roles', `"${query.role}"`));
    if (after) q = q.where('email', '>', String(after[0]));
    q = q.orderBy('email');
    // People are few; a scoped reader's page is filtered here rather than in SQL over JSON.
    const rows =
      by.warehouses === null
        ? await q.limit(limit + 1).execute()
        : (await q.execute()).filter((r) => scopeWithin(by, storedScope(r.warehouses))).slice(0, limit + 1);
    return toPage(
      rows,
      limit,
      (r) => [r.email],
      (r) => this.view(r),
    );
  }

  /** A person `by` may see (`404` for anyone working outside their warehouses). */
  async get(id: string, by: Principal, db: Kysely<DB> = this.db): Promise<User> {
    return this.view(await this.visibleRow(id, by, db));
  }

  /**
   * A person `by` may change: visible to them and holding nothing they do not hold themselves
   * (`403` naming the first permission beyond theirs).
   */
  async manageable(id: string, by: Principal, db: Kysely<DB> = this.db): Promise<Selectable<UsersTable>> {
    const row = await this.visibleRow(id, by, db);
    const roles = JSON.parse(row.roles) as string[];
    requirePermissionsWithin(by, await this.roles.permissionsOf(roles, db), row.email);
    return row;
  }

  /** Changes name, roles, warehouses or disables (If-Match); roles and warehouses apply at once. */
  async update(
    trx: Trx,
    id: string,
    patch: z.infer<typeof userPatch>,
    expected: number | null,
    p: Principal,
  ) {
    const current = await this.manageable(id, p, trx);
    checkVersion(expected, current.version);
    if (
      current.id === p.userId &&
      (patch.disabled === true || (patch.roles && !patch.roles.includes('admin')))
    )
      throw new Problem('conflict', 'you cannot disable yourself or take away your own administrator role');
    await this.checkGrants(
      trx,
      patch.roles ?? null,
      patch.warehouses === undefined ? storedScope(current.warehouses) : patch.warehouses,
      p,
    );
    await trx
      .updateTable('users')
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.roles !== undefined ? { roles: JSON.stringify(patch.roles) } : {}),
        ...(patch.warehouses !== undefined
          ? { warehouses: patch.warehouses === null ? null : JSON.stringify(patch.warehouses) }
          : {}),
        ...(patch.disabled !== undefined ? { disabled: patch.disabled ? 1 : 0 } : {}),
        version: current.version + 1n,
        updated_at: this.clock(),
      })
      .where('id', '=', current.id)
      .execute();
    if (patch.disabled === true) await this.sessions.revokeAll(trx, current.id);
    else await this.sessions.userChanged(trx, current.id);
    return this.view(await this.row(current.id, trx));
  }

  /** An administrator sets a new password: every session of the person ends, a lock is lifted. */
  async resetPassword(trx: Trx, id: string, password: string, by: Principal): Promise<User> {
    const current = await this.manageable(id, by, trx);
    await trx
      .updateTable('users')
      .set({
        password_hash: await hashPassword(password),
        failed_logins: 0,
        locked_until: null,
        version: current.version + 1n,
        updated_at: this.clock(),
      })
      .where('id', '=', current.id)
      .execute();
    await this.sessions.revokeAll(trx, current.id);
    return this.view(await this.row(current.id, trx));
  }

  /** A person changes their own password, proving the current one; their other sessions end. */
  async changeOwnPassword(trx: Trx, p: Principal, currentPassword: string, password: string): Promise<void> {
    const current = await this.row(p.userId, trx);
    if (!(await verifyPassword(current.password_hash, currentPassword)))
      throw invalid([{ path: 'currentPassword', message: 'is wrong' }]);
    await trx
      .updateTable('users')
      .set({
        password_hash: await hashPassword(password),
        version: current.version + 1n,
        updated_at: this.clock(),
      })
      .where('id', '=', current.id)
      .execute();
    await this.sessions.revokeAll(trx, current.id, p.sessionId);
  }

  /**
   * Roles must exist and warehouses must be real codes (one `400` names every bad one), and both
   * must be within what `by` holds (`403`).
   */
  private async checkGrants(
    trx: Trx,
    roles: readonly string[] | null,
    warehouses: WarehouseScope,
    by: Principal,
  ) {
    const errors: FieldError[] = [];
    for (const r of roles ? await this.roles.unknown(roles, trx) : [])
      errors.push({ path: `roles.${r.index}`, message: `role ${r.name} does not exist` });
    errors.push(...(await unknownWarehouses(trx, warehouses ?? [])));
    if (errors.length > 0) throw invalid(errors);
    if (roles)
      requirePermissionsWithin(by, await this.roles.permissionsOf(roles, trx), 'a person you manage');
    requireWarehousesWithin(by, warehouses);
  }

  private async visibleRow(id: string, by: Principal, db: Kysely<DB>): Promise<Selectable<UsersTable>> {
    authorize(by, 'user.manage');
    const row = await this.row(id, db);
    if (!scopeWithin(by, storedScope(row.warehouses))) throw notFound('user', id);
    return row;
  }

  private async row(id: string, db: Kysely<DB>): Promise<Selectable<UsersTable>> {
    const row = await db
      .selectFrom('users')
      .selectAll()
      .where((eb) => eb.or([eb('id', '=', id), eb('email', '=', id.toLowerCase())]))
      .executeTakeFirst();
    if (!row) throw notFound('user', id);
    return row;
  }

  private view(r: Selectable<UsersTable>): User {
    return {
      id: r.id,
      email: r.email,
      name: r.name,
      roles: JSON.parse(r.roles) as string[],
      warehouses: storedScope(r.warehouses),
      disabled: r.disabled !== 0n,
      locked: r.locked_until !== null && Number(r.locked_until) > this.clock(),
      lastLoginAt: isoOrNull(r.last_login_at),
      version: Number(r.version),
      createdAt: isoOut(r.created_at),
      updatedAt: isoOut(r.updated_at),
    };
  }
}

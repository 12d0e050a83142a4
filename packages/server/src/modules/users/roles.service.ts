import type { roleCreate } from '@onhand/contracts';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema';
import { invalid, Problem } from '../../http/problem';
import type { Trx } from '../../ledger/types';
import type { AuthChanges } from '../auth/auth-changes';
import { authorize } from '../auth/authorize';
import { requirePermissionsWithin } from '../auth/grants';
import { PERMISSIONS, type Permission, permissionsOf, ROLE_PERMISSIONS } from '../auth/permissions';
import type { Principal } from '../auth/principal';

/** How long custom roles read from the database are trusted (a change anywhere drops them at once). */
const CACHE_TTL_MS = 5_000;

const isPermission = (p: string): p is Permission => (PERMISSIONS as readonly string[]).includes(p);

/** A role as the API shows it. */
export interface RoleView {
  name: string;
  description: string | null;
  builtIn: boolean;
  permissions: string[];
}

/**
 * Roles: the built-in ones (in code) and custom ones (in the database), each a name for a set of
 * permissions. Custom roles are cached briefly, so that checking a request costs no query.
 */
export class RoleService {
  private cache: { until: number; roles: Map<string, Permission[]> } | null = null;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: () => number,
    private readonly changes: AuthChanges,
  ) {
    changes.onChange((change) => {
      if (change.kind === 'roles' || change.kind === 'all') this.cache = null;
    });
  }

  /** What custom roles among these names add to the built-in ones (inside a transaction, pass it). */
  async customPermissions(roles: readonly string[], db: Kysely<DB> = this.db): Promise<Permission[]> {
    if (roles.every((r) => r in ROLE_PERMISSIONS)) return [];
    const custom = await this.customRoles(db);
    return roles.flatMap((r) => custom.get(r) ?? []);
  }

  /** Everything some roles allow, built-in and custom (inside a transaction, pass it). */
  async permissionsOf(roles: readonly string[], db: Kysely<DB> = this.db): Promise<Permission[]> {
    return [...permissionsOf(roles), ...(await this.customPermissions(roles, db))];
  }

  /** The names among these that are no role at all, with their index (inside a transaction, pass it). */
  async unknown(
    roles: readonly string[],
    db: Kysely<DB> = this.db,
  ): Promise<{ index: number; name: string }[]> {
    const custom = await this.customRoles(db);
    return roles.flatMap((name, index) =>
      name in ROLE_PERMISSIONS || custom.has(name) ? [] : [{ index, name }],
    );
  }

  /** A custom role; `by` may put in it only permissions they hold themselves. */
  async create(trx: Trx, input: z.infer<typeof roleCreate>, by: Principal): Promise<RoleView> {
    authorize(by, 'user.manage');
    const errors = input.permissions.flatMap((p, i) =>
      isPermission(p) ? [] : [{ path: `permissions.${i}`, message: `${p} is not a permission` }],
    );
    if (errors.length > 0) throw invalid(errors);
    requirePermissionsWithin(by, input.permissions.filter(isPermission), 'a role you make');
    const taken =
      input.name in ROLE_PERMISSIONS ||
      (await trx.selectFrom('roles').select('name').where('name', '=', input.name).executeTakeFirst());
    if (taken)
      throw new Problem('conflict', `role ${input.name} already exists`, {
        errors: [{ path: 'name', message: 'is already used' }],
      });
    const now = this.clock();
    await trx
      .insertInto('roles')
      .values({
        name: input.name,
        description: input.description ?? null,
        permissions: JSON.stringify([...new Set(input.permissions)]),
        created_at: now,
        updated_at: now,
      })
      .execute();
    await this.changes.announce(trx, { kind: 'roles' });
    return {
      name: input.name,
      description: input.description ?? null,
      builtIn: false,
      permissions: PERMISSIONS.filter((p) => input.permissions.includes(p)),
    };
  }

  /** Every role: the built-in ones first, then the custom ones by name. */
  async list(): Promise<RoleView[]> {
    const builtIn = Object.entries(ROLE_PERMISSIONS).map(([name, permissions]) => ({
      name,
      description: null,
      builtIn: true,
      permissions: [...permissions],
    }));
    const rows = await this.db.selectFrom('roles').selectAll().orderBy('name').execute();
    const custom = rows.map((r) => ({
      name: r.name,
      description: r.description,
      builtIn: false,
      permissions: (JSON.parse(r.permissions) as string[]).filter(isPermission),
    }));
    return [...builtIn, ...custom];
  }

  private async customRoles(db: Kysely<DB> = this.db): Promise<Map<string, Permission[]>> {
    const now = this.clock();
    if (this.cache && this.cache.until > now && this.changes.trusted) return this.cache.roles;
    const rows = await db.selectFrom('roles').select(['name', 'permissions']).execute();
    const roles = new Map(
      rows.map((r) => [r.name, (JSON.parse(r.permissions) as string[]).filter(isPermission)]),
    );
    this.cache = { until: now + CACHE_TTL_MS, roles };
    return roles;
  }
}

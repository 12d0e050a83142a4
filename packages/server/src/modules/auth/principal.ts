import type { Me } from '@onhand/contracts';
import type { UsersTable } from '../../db/schema';
import { Problem } from '../../http/problem';
import { PERMISSIONS, type Permission, permissionsOf } from './permissions';
import { storedScope } from './warehouse-scope';

/** Who is making a request. */
export interface Principal {
  userId: string;
  email: string;
  name: string;
  roles: string[];
  /** Warehouse codes the person works in; null for all. */
  warehouses: string[] | null;
  /** What the roles allow, custom roles included. */
  permissions: readonly Permission[];
  sessionId: string;
  /** True when a machine acts through an API token: it may ask for approvals, never give them. */
  viaApiToken: boolean;
}

/** A principal from a user row and the session it signed in with. */
export function principalOf(
  user: Pick<UsersTable, 'id' | 'email' | 'name' | 'roles' | 'warehouses'>,
  sessionId: string,
  customPermissions: readonly Permission[] = [],
): Principal {
  const roles = JSON.parse(user.roles) as string[];
  const granted = new Set([...permissionsOf(roles), ...customPermissions]);
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    roles,
    warehouses: storedScope(user.warehouses),
    permissions: PERMISSIONS.filter((permission) => granted.has(permission)),
    sessionId,
    viaApiToken: false,
  };
}

/** The `/me` view of a principal. */
export function meOf(p: Principal, totpEnabled: boolean): Me {
  return {
    id: p.userId,
    email: p.email,
    name: p.name,
    roles: p.roles,
    warehouses: p.warehouses,
    permissions: [...p.permissions],
    totpEnabled,
  };
}

/**
 * Refuses (`403 forbidden` naming the permission) a principal that does not hold it. Every service
 * write begins here, so no route, job or approval can act beyond what its principal holds.
 */
export function requirePermission(p: Principal, permission: Permission): void {
  if (!p.permissions.includes(permission))
    throw new Problem('forbidden', `this needs the permission ${permission}`, { permission });
}

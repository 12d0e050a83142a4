import type { Me } from '@onhand/contracts';
import type { UsersTable } from '../../db/schema';
import { permissionsOf } from './permissions';

/** Who is making a request. */
export interface Principal {
  userId: string;
  email: string;
  name: string;
  roles: string[];
  /** Warehouse codes the person works in; null for all. */
  warehouses: string[] | null;
  sessionId: string;
}

/** A principal from a user row and the session it signed in with. */
export function principalOf(
  user: Pick<UsersTable, 'id' | 'email' | 'name' | 'roles' | 'warehouses'>,
  sessionId: string,
): Principal {
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    roles: JSON.parse(user.roles) as string[],
    warehouses: user.warehouses === null ? null : (JSON.parse(user.warehouses) as string[]),
    sessionId,
  };
}

/** The `/me` view of a principal. */
export function meOf(p: Principal): Me {
  return {
    id: p.userId,
    email: p.email,
    name: p.name,
    roles: p.roles,
    warehouses: p.warehouses,
    permissions: permissionsOf(p.roles),
  };
}

import type { Permission } from './permissions';
import { type Principal, requirePermission } from './principal';
import { requireBodyInScope } from './warehouse-scope';

/**
 * The first words of every service write: the principal holds the permission (`403` naming it
 * otherwise) and works in every warehouse the input names (`warehouse`, `from`, `to`). Routes check
 * the permission earlier too, but a service never trusts that it was called through one.
 */
export function authorize(p: Principal, permission: Permission, input?: unknown): void {
  requirePermission(p, permission);
  requireBodyInScope(p.warehouses, input);
}

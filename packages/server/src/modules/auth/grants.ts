import { Problem } from '../../http/problem';
import type { Permission } from './permissions';
import type { Principal } from './principal';
import { inScope, type WarehouseScope } from './warehouse-scope';

/**
 * Nobody hands out more than they hold: a person who manages people, roles or tokens may grant
 * only permissions they have, in warehouses they work in. Refuses (`403 forbidden`, naming the
 * first permission beyond theirs) otherwise.
 */
export function requirePermissionsWithin(maker: Principal, permissions: readonly Permission[], what: string) {
  const beyond = permissions.filter((p) => !maker.permissions.includes(p));
  if (beyond.length > 0)
    throw new Problem('forbidden', `${what} cannot do more than you: you do not hold ${beyond.join(', ')}`, {
      permission: beyond[0],
    });
}

/**
 * Refuses (`403`) warehouses outside the maker's; `null` (every warehouse) is refused to a maker
 * who works in some only.
 */
export function requireWarehousesWithin(maker: Principal, warehouses: WarehouseScope, path = 'warehouses') {
  if (maker.warehouses === null) return;
  if (warehouses === null)
    throw new Problem('forbidden', 'you work in some warehouses only: name them', {
      errors: [{ path, message: 'must name warehouses you work in' }],
    });
  warehouses.forEach((code, i) => {
    if (!inScope(maker.warehouses, code))
      throw new Problem('forbidden', `you do not work in warehouse ${code}`, {
        errors: [{ path: `${path}.${i}`, message: 'is outside the warehouses you work in' }],
      });
  });
}

/** True when everything a scope covers is inside the maker's (a person the maker may see). */
export function scopeWithin(maker: Principal, warehouses: WarehouseScope): boolean {
  if (maker.warehouses === null) return true;
  return warehouses?.every((code) => inScope(maker.warehouses, code)) ?? false;
}

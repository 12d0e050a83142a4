import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { notFound, Problem } from '../../http/problem';

/**
 * The warehouses a person works in: `null` for all of them, else their codes. Rows of other
 * warehouses are invisible to them (absent from lists, `404` by id); naming one is `403`.
 */
export type WarehouseScope = readonly string[] | null;

/** A scope as stored: a JSON array of codes, or NULL for every warehouse. */
export function storedScope(json: string | null): string[] | null {
  return json === null ? null : (JSON.parse(json) as string[]);
}

/** True when a warehouse code is inside the scope. */
export function inScope(scope: WarehouseScope, code: string | null | undefined): boolean {
  return scope === null || (code !== null && code !== undefined && scope.includes(code));
}

/** Refuses (`403 forbidden`) a request that names a warehouse outside the caller's scope. */
export function requireInScope(scope: WarehouseScope, code: string, path: string): void {
  if (!inScope(scope, code))
    throw new Problem('forbidden', `you do not work in warehouse ${code}`, {
      errors: [{ path, message: 'is outside the warehouses you work in' }],
    });
}

/** The ids of the warehouses inside a scope, as a subquery (every warehouse when the scope is null). */
export function scopedWarehouseIds(db: Kysely<DB>, scope: readonly string[]) {
  return db
    .selectFrom('warehouses')
    .select('id')
    .where('code', 'in', scope.length > 0 ? [...scope] : ['']);
}

/** Refuses (`403`) a body whose `warehouse`, `from` or `to` names a warehouse outside the scope. */
export function requireBodyInScope(scope: WarehouseScope, body: unknown): void {
  if (scope === null || typeof body !== 'object' || body === null) return;
  for (const field of ['warehouse', 'from', 'to'] as const) {
    const code = (body as Record<string, unknown>)[field];
    if (typeof code === 'string') requireInScope(scope, code, field);
  }
}

/** A record of one warehouse, or `404` when that warehouse is outside the scope (it is invisible). */
export function visible<T extends { id: string; warehouse: string }>(
  record: T,
  scope: WarehouseScope,
  kind: string,
): T {
  if (!inScope(scope, record.warehouse)) throw notFound(kind, record.id);
  return record;
}

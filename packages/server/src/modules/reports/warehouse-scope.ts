import { type ExpressionBuilder, sql } from 'kysely';
import type { DB } from '../../db/schema';

/**
 * The warehouses a caller may see: `null` for all of them, else their codes. Rows of other
 * warehouses are left out of every report, as if they did not exist.
 */
export type WarehouseScope = readonly string[] | null;

/** A condition that keeps only rows of warehouses inside the scope (the query joins `warehouses`). */
export function inScope(scope: readonly string[]) {
  return (eb: ExpressionBuilder<Pick<DB, 'warehouses'>, 'warehouses'>) =>
    scope.length === 0 ? sql<boolean>`1 = 0` : eb('warehouses.code', 'in', scope);
}

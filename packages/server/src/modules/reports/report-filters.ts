import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema';
import type { WarehouseScope } from '../auth/warehouse-scope';
import { underCategory } from '../items/categories';

export type { WarehouseScope } from '../auth/warehouse-scope';

/** What a report is narrowed to, by code. */
export interface ReportFilters {
  sku?: string | undefined;
  warehouse?: string | undefined;
  category?: string | undefined;
}

/** One condition for the filters and the scope, on a query that joins `items` and `warehouses`. */
export function matching(filters: ReportFilters, scope: WarehouseScope) {
  return (
    eb: ExpressionBuilder<Pick<DB, 'items' | 'warehouses'>, 'items' | 'warehouses'>,
  ): Expression<SqlBool> => {
    const conditions: Expression<SqlBool>[] = [];
    if (filters.sku) conditions.push(eb('items.sku', '=', filters.sku));
    if (filters.warehouse) conditions.push(eb('warehouses.code', '=', filters.warehouse));
    if (filters.category) conditions.push(underCategory('items.category', filters.category));
    if (scope) conditions.push(scope.length === 0 ? sql<boolean>`1 = 0` : eb('warehouses.code', 'in', scope));
    return eb.and(conditions);
  };
}

import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { type FieldError, invalid } from '../http/problem';

/** The SKUs of a body's lines with the path each is named at (`lines.2.sku`). */
export function skuPaths(lines: readonly { sku: string }[]): { path: string; sku: string }[] {
  return lines.map((l, i) => ({ path: `lines.${i}.sku`, sku: l.sku }));
}

/** A field error for each warehouse code that does not exist, at `warehouses.<i>`. */
export async function unknownWarehouses(db: Kysely<DB>, codes: readonly string[]): Promise<FieldError[]> {
  if (codes.length === 0) return [];
  const found = await db
    .selectFrom('warehouses')
    .select('code')
    .where('code', 'in', [...codes])
    .execute();
  const known = new Set(found.map((w) => w.code));
  return codes.flatMap((code, i) =>
    known.has(code) ? [] : [{ path: `warehouses.${i}`, message: `warehouse ${code} does not exist` }],
  );
}

/**
 * Turns the codes a body names (SKU, warehouse) into ids. Codes never change once created, so a
 * code found once is remembered; an unknown code is asked of the database every time. Inside a
 * transaction, pass it: on the embedded database the outer handle would wait for the transaction.
 */
export class References {
  private readonly itemIds = new Map<string, string>();
  private readonly warehouseIds = new Map<string, string>();

  constructor(private readonly db: Kysely<DB>) {}

  /** The ids of the SKUs that exist, by SKU. */
  async items(skus: readonly string[], db: Kysely<DB> = this.db): Promise<Map<string, string>> {
    const missing = [...new Set(skus.filter((s) => !this.itemIds.has(s)))];
    if (missing.length > 0) {
      const rows = await db.selectFrom('items').select(['id', 'sku']).where('sku', 'in', missing).execute();
      for (const r of rows) this.itemIds.set(r.sku, r.id);
    }
    return this.itemIds;
  }

  /** The id of a warehouse code, or null when there is none. */
  async warehouse(code: string, db: Kysely<DB> = this.db): Promise<string | null> {
    const cached = this.warehouseIds.get(code);
    if (cached) return cached;
    const row = await db.selectFrom('warehouses').select('id').where('code', '=', code).executeTakeFirst();
    if (row) this.warehouseIds.set(code, row.id);
    return row?.id ?? null;
  }

  /**
   * Resolves a warehouse and the SKUs of some lines together, answering one `400` that names every
   * unknown code (`warehouse`, `lines.2.sku`…).
   */
  async resolve(
    warehouse: { path: string; code: string } | null,
    skus: readonly { path: string; sku: string }[],
    db: Kysely<DB> = this.db,
  ): Promise<{ warehouseId: string; itemIds: string[] }> {
    const errors: FieldError[] = [];
    const warehouseId = warehouse ? await this.warehouse(warehouse.code, db) : '';
    if (warehouse && !warehouseId)
      errors.push({ path: warehouse.path, message: `warehouse ${warehouse.code} does not exist` });
    const known = await this.items(
      skus.map((s) => s.sku),
      db,
    );
    const itemIds = skus.map(({ path, sku }) => {
      const id = known.get(sku);
      if (!id) errors.push({ path, message: `SKU ${sku} does not exist` });
      return id ?? '';
    });
    if (errors.length > 0) throw invalid(errors);
    return { warehouseId: warehouseId ?? '', itemIds };
  }
}

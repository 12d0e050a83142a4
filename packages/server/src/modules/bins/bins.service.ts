import type { Bin, binCreate, binMoveCreate, binStockQuery } from '@onhand/contracts';
import { qty as toQty } from '@onhand/domain';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema';
import { isoOut, qtyOut } from '../../http/format';
import { afterKey, DEFAULT_LIMIT, decodeCursor, toPage } from '../../http/pagination';
import { type FieldError, invalid, notFound, Problem } from '../../http/problem';
import { ensureBin, moveBetweenBins } from '../../ledger/bins';
import type { Trx } from '../../ledger/types';
import { authorize } from '../auth/authorize';
import type { Principal } from '../auth/principal';
import type { WarehouseScope } from '../auth/warehouse-scope';
import { type References, skuPaths } from '../references';

/** Bins (货位) of a warehouse, the stock in each, and moves between them. */
export class BinService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly references: References,
    private readonly clock: () => number,
  ) {}

  async create(trx: Trx, warehouse: string, input: z.infer<typeof binCreate>, p: Principal): Promise<Bin> {
    authorize(p, 'warehouse.manage', { warehouse });
    const warehouseId = await this.warehouseId(warehouse, trx);
    const exists = await trx
      .selectFrom('bins')
      .select('code')
      .where('warehouse_id', '=', warehouseId)
      .where('code', '=', input.code)
      .executeTakeFirst();
    if (exists)
      throw new Problem('conflict', `bin ${input.code} already exists in ${warehouse}`, {
        errors: [{ path: 'code', message: 'is already used in this warehouse' }],
      });
    await ensureBin(trx, warehouseId, input.code, this.clock());
    if (input.name)
      await trx
        .updateTable('bins')
        .set({ name: input.name })
        .where('warehouse_id', '=', warehouseId)
        .where('code', '=', input.code)
        .execute();
    if (input.default) {
      await trx.updateTable('bins').set({ is_default: 0n }).where('warehouse_id', '=', warehouseId).execute();
      await trx
        .updateTable('bins')
        .set({ is_default: 1n })
        .where('warehouse_id', '=', warehouseId)
        .where('code', '=', input.code)
        .execute();
    }
    return (await this.list(warehouse, trx)).find((b) => b.code === input.code) as Bin;
  }

  async list(warehouse: string, db: Kysely<DB> = this.db): Promise<Bin[]> {
    const warehouseId = await this.warehouseId(warehouse, db);
    const rows = await db
      .selectFrom('bins')
      .selectAll()
      .where('warehouse_id', '=', warehouseId)
      .orderBy('code')
      .execute();
    return rows.map((r) => ({
      warehouse,
      warehouseId,
      code: r.code,
      name: r.name,
      default: r.is_default === 1n,
      active: r.active === 1n,
    }));
  }

  /** What lies in which bin, by SKU, warehouse and bin. */
  async stock(query: z.infer<typeof binStockQuery>, scope: WarehouseScope) {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = decodeCursor(query.cursor, ['string', 'string', 'string']);
    let q = this.db
      .selectFrom('bin_stock as s')
      .innerJoin('items as i', 'i.id', 's.item_id')
      .innerJoin('warehouses as w', 'w.id', 's.warehouse_id')
      .select(['i.sku', 's.item_id', 'w.code', 's.warehouse_id', 's.bin', 's.qty'])
      .where('s.qty', '>', 0n);
    if (query.sku) q = q.where('i.sku', '=', query.sku);
    if (query.warehouse) q = q.where('w.code', '=', query.warehouse);
    if (query.bin) q = q.where('s.bin', '=', query.bin);
    if (scope) q = q.where('w.code', 'in', scope.length > 0 ? [...scope] : ['']);
    if (after) q = q.where(afterKey(['i.sku', 'w.code', 's.bin'], after));
    const rows = await q
      .orderBy('i.sku')
      .orderBy('w.code')
      .orderBy('s.bin')
      .limit(limit + 1)
      .execute();
    return toPage(
      rows,
      limit,
      (r) => [r.sku, r.code, r.bin],
      (r) => ({
        sku: r.sku,
        itemId: r.item_id,
        warehouse: r.code,
        warehouseId: r.warehouse_id,
        bin: r.bin,
        qty: qtyOut(r.qty),
      }),
    );
  }

  /** Moves goods between bins of one warehouse: its on hand does not change. One short line refuses all. */
  async move(trx: Trx, input: z.infer<typeof binMoveCreate>, p: Principal) {
    authorize(p, 'bin.move', input);
    const { warehouseId, itemIds } = await this.references.resolve(
      { path: 'warehouse', code: input.warehouse },
      skuPaths(input.lines),
      trx,
    );
    const at = this.clock();
    const errors: FieldError[] = [];
    for (const [i, l] of input.lines.entries()) {
      const itemId = itemIds[i] ?? '';
      if (l.from === l.to) {
        errors.push({ path: `lines.${i}.to`, message: 'must be another bin than from' });
        continue;
      }
      const move = { itemId, warehouseId, from: l.from, to: l.to, qty: toQty(l.qty), at };
      if (!(await moveBetweenBins(trx, move))) {
        errors.push({ path: `lines.${i}.qty`, message: `is more than bin ${l.from} holds of ${l.sku}` });
        continue;
      }
      await trx
        .insertInto('bin_moves')
        .values({
          warehouse_id: warehouseId,
          item_id: itemId,
          from_bin: l.from,
          to_bin: l.to,
          qty: move.qty,
          reference: input.reference ?? null,
          at,
          user_id: p.userId,
        })
        .execute();
    }
    if (errors.length > 0) throw invalid(errors);
    return {
      warehouse: input.warehouse,
      reference: input.reference ?? null,
      at: isoOut(at),
      lines: input.lines.map((l) => ({ sku: l.sku, qty: l.qty, from: l.from, to: l.to })),
    };
  }

  private async warehouseId(code: string, db: Kysely<DB>): Promise<string> {
    const id = await this.references.warehouse(code, db);
    if (!id) throw notFound('warehouse', code);
    return id;
  }
}

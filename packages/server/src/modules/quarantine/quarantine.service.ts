import type { quarantineMove, quarantineMoveCreate, quarantineQuery } from '@onhand/contracts';
import { qty as toQty } from '@onhand/domain';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { newId } from '../../db/ids';
import type { DB } from '../../db/schema';
import { isoOut, qtyOut } from '../../http/format';
import { BY_SKU_AND_WAREHOUSE, keysetPage } from '../../http/pagination';
import { type FieldError, invalid } from '../../http/problem';
import { moveQuarantine } from '../../ledger/quarantine';
import type { Trx } from '../../ledger/types';
import { authorize } from '../auth/authorize';
import type { Principal } from '../auth/principal';
import type { WarehouseScope } from '../auth/warehouse-scope';
import { actorOf } from '../documents/document-store';
import { type References, skuPaths } from '../references';
import { matching } from '../reports/report-filters';

/**
 * Quarantine (待处理): stock on hand that is not for sale. Damaged goods are held; inspected goods
 * are released back to available. Returns taken back with disposition `quarantine` land here too.
 */
export class QuarantineService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly references: References,
    private readonly clock: () => number,
  ) {}

  /** Holds (`hold`) or releases (`release`) stock; one line that cannot refuses them all. */
  async move(
    trx: Trx,
    action: 'hold' | 'release',
    input: z.infer<typeof quarantineMoveCreate>,
    p: Principal,
  ): Promise<z.infer<typeof quarantineMove>> {
    authorize(p, 'quarantine.manage', input);
    const { warehouseId, itemIds } = await this.references.resolve(
      { path: 'warehouse', code: input.warehouse },
      skuPaths(input.lines),
      trx,
    );
    const actor = actorOf(p, this.clock);
    const id = newId(actor.at);
    const errors: FieldError[] = [];
    for (const [i, l] of input.lines.entries()) {
      const qty = action === 'hold' ? toQty(l.qty) : -toQty(l.qty);
      const move = { itemId: itemIds[i] ?? '', warehouseId, qty };
      if (!(await moveQuarantine(trx, move, { type: 'quarantine', id }, actor)))
        errors.push({
          path: `lines.${i}.qty`,
          message:
            action === 'hold' ? `is more than is available of ${l.sku}` : `is more than is held of ${l.sku}`,
        });
    }
    if (errors.length > 0) throw invalid(errors);
    return {
      id,
      action,
      warehouse: input.warehouse,
      reference: input.reference ?? null,
      at: isoOut(actor.at),
      lines: input.lines.map((l) => ({ sku: l.sku, qty: l.qty, reason: l.reason ?? null })),
    };
  }

  /** What is held, per SKU × warehouse. */
  async list(query: z.infer<typeof quarantineQuery>, scope: WarehouseScope) {
    const q = this.db
      .selectFrom('stock_balances as b')
      .innerJoin('items', 'items.id', 'b.item_id')
      .innerJoin('warehouses', 'warehouses.id', 'b.warehouse_id')
      .select(['items.sku', 'b.item_id', 'warehouses.code', 'b.warehouse_id', 'b.quarantined'])
      .where('b.quarantined', '>', 0n)
      .where(matching({ sku: query.sku, warehouse: query.warehouse }, scope));
    return keysetPage(q, BY_SKU_AND_WAREHOUSE, query, (r) => ({
      sku: r.sku,
      itemId: r.item_id,
      warehouse: r.code,
      warehouseId: r.warehouse_id,
      qty: qtyOut(r.quarantined),
    }));
  }
}

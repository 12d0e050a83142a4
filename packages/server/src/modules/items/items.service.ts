import type { CategoryNode, Item, itemCreate, itemQuery, itemUpdate } from '@onhand/contracts';
import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import { isUniqueViolation } from '../../db/errors';
import { newId } from '../../db/ids';
import type { DB, ItemsTable } from '../../db/schema';
import { flagOut, isoOut } from '../../http/format';
import { DEFAULT_LIMIT, decodeCursor, toPage } from '../../http/pagination';
import { notFound, Problem } from '../../http/problem';
import type { Trx } from '../../ledger/types';
import { authorize } from '../auth/authorize';
import type { Principal } from '../auth/principal';
import { assertUpdated, checkVersion, contains, duplicateAsConflict } from '../master-data';
import { categoryTree, underCategory } from './categories';

const toItem = (r: Selectable<ItemsTable>, barcodes: string[]): Item => ({
  id: r.id,
  sku: r.sku,
  name: r.name,
  unit: r.unit,
  barcodes,
  category: r.category,
  description: r.description,
  batchTracked: flagOut(r.batch_tracked),
  expiryTracked: flagOut(r.expiry_tracked),
  active: flagOut(r.active),
  version: Number(r.version),
  createdAt: isoOut(r.created_at),
  updatedAt: isoOut(r.updated_at),
});

function checkBarcodesDistinct(barcodes: readonly string[]): void {
  const seen = new Set<string>();
  barcodes.forEach((b, i) => {
    if (seen.has(b))
      throw new Problem('validation_failed', `barcode ${b} is listed twice`, {
        errors: [{ path: `barcodes.${i}`, message: 'is listed twice' }],
      });
    seen.add(b);
  });
}

/** Items (SKUs): unique by code, with barcodes, category, unit and tracking flags. */
export class ItemService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: () => number,
  ) {}

  async create(trx: Trx, input: z.infer<typeof itemCreate>, p: Principal): Promise<Item> {
    authorize(p, 'item.manage');
    const now = BigInt(this.clock());
    const barcodes = input.barcodes ?? [];
    checkBarcodesDistinct(barcodes);
    const row = {
      id: newId(Number(now)),
      sku: input.sku,
      name: input.name,
      unit: input.unit ?? 'pcs',
      category: input.category ?? null,
      description: input.description ?? null,
      batch_tracked: input.batchTracked || input.expiryTracked ? 1n : 0n,
      expiry_tracked: input.expiryTracked ? 1n : 0n,
      active: 1n,
      version: 1n,
      created_at: now,
      updated_at: now,
    };
    await trx
      .insertInto('items')
      .values(row)
      .execute()
      .catch((e: unknown) => duplicateAsConflict(e, 'sku', input.sku));
    await this.saveBarcodes(trx, row.id, barcodes);
    return toItem(row, barcodes);
  }

  async list(query: z.infer<typeof itemQuery>) {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = decodeCursor(query.cursor, ['string']);
    let q = this.db.selectFrom('items').selectAll();
    if (query.q) {
      const search = query.q;
      q = q.where((eb) =>
        eb.or([
          contains('sku', search),
          contains('name', search),
          eb('id', 'in', eb.selectFrom('item_barcodes').select('item_id').where('barcode', '=', search)),
        ]),
      );
    }
    if (query.barcode)
      q = q.where(
        'id',
        'in',
        this.db.selectFrom('item_barcodes').select('item_id').where('barcode', '=', query.barcode),
      );
    if (query.category) q = q.where(underCategory('category', query.category));
    if (query.active) q = q.where('active', '=', query.active === 'true' ? 1n : 0n);
    if (after) q = q.where('sku', '>', String(after[0]));
    const rows = await q
      .orderBy('sku')
      .limit(limit + 1)
      .execute();
    const barcodes = await this.barcodesOf(rows.slice(0, limit).map((r) => r.id));
    return toPage(
      rows,
      limit,
      (r) => [r.sku],
      (r) => toItem(r, barcodes.get(r.id) ?? []),
    );
  }

  /** An item by id, SKU or barcode. */
  /** The category tree of the items, with how many items each category holds. */
  async categories(): Promise<CategoryNode[]> {
    const rows = await this.db
      .selectFrom('items')
      .select(['category', (eb) => eb.fn.countAll<string>().as('n')])
      .where('category', 'is not', null)
      .groupBy('category')
      .execute();
    return categoryTree(rows.map((r) => ({ category: r.category ?? '', items: Number(r.n) })));
  }

  async get(ref: string, db: Kysely<DB> = this.db): Promise<Item> {
    const row = await this.row(ref, db);
    return toItem(row, (await this.barcodesOf([row.id], db)).get(row.id) ?? []);
  }

  async update(
    trx: Trx,
    ref: string,
    patch: z.infer<typeof itemUpdate>,
    expected: number | null,
    p: Principal,
  ): Promise<Item> {
    authorize(p, 'item.manage');
    const current = await this.row(ref, trx);
    checkVersion(expected, current.version);
    const expiryTracked =
      patch.expiryTracked === undefined ? current.expiry_tracked : patch.expiryTracked ? 1n : 0n;
    const batchTracked =
      patch.batchTracked === undefined ? current.batch_tracked : patch.batchTracked ? 1n : 0n;
    const next = {
      name: patch.name ?? current.name,
      unit: patch.unit ?? current.unit,
      category: patch.category === undefined ? current.category : patch.category,
      description: patch.description === undefined ? current.description : patch.description,
      batch_tracked: expiryTracked === 1n ? 1n : batchTracked,
      expiry_tracked: expiryTracked,
      active: patch.active === undefined ? current.active : patch.active ? 1n : 0n,
      version: current.version + 1n,
      updated_at: BigInt(this.clock()),
    };
    if (patch.barcodes) checkBarcodesDistinct(patch.barcodes);
    const result = await trx
      .updateTable('items')
      .set(next)
      .where('id', '=', current.id)
      .where('version', '=', current.version)
      .executeTakeFirst();
    assertUpdated(result.numUpdatedRows);
    if (patch.barcodes) {
      await trx.deleteFrom('item_barcodes').where('item_id', '=', current.id).execute();
      await this.saveBarcodes(trx, current.id, patch.barcodes);
    }
    return this.get(current.id, trx);
  }

  private async saveBarcodes(trx: Trx, itemId: string, barcodes: readonly string[]): Promise<void> {
    for (const [i, barcode] of barcodes.entries()) {
      await trx
        .insertInto('item_barcodes')
        .values({ barcode, item_id: itemId, position: i })
        .execute()
        .catch((e: unknown) => {
          if (isUniqueViolation(e)) {
            throw new Problem('conflict', `barcode ${barcode} already belongs to another item`, {
              errors: [{ path: `barcodes.${i}`, message: 'already belongs to another item' }],
            });
          }
          throw e;
        });
    }
  }

  private async barcodesOf(
    itemIds: readonly string[],
    db: Kysely<DB> = this.db,
  ): Promise<Map<string, string[]>> {
    const map = new Map<string, string[]>();
    if (itemIds.length === 0) return map;
    const rows = await db
      .selectFrom('item_barcodes')
      .select(['item_id', 'barcode'])
      .where('item_id', 'in', itemIds)
      .orderBy('item_id')
      .orderBy('position')
      .execute();
    for (const r of rows) map.set(r.item_id, [...(map.get(r.item_id) ?? []), r.barcode]);
    return map;
  }

  private async row(ref: string, db: Kysely<DB> = this.db): Promise<Selectable<ItemsTable>> {
    const row = await db
      .selectFrom('items')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb('id', '=', ref),
          eb('sku', '=', ref),
          eb('id', 'in', eb.selectFrom('item_barcodes').select('item_id').where('barcode', '=', ref)),
        ]),
      )
      .executeTakeFirst();
    if (!row) throw notFound('item', ref);
    return row;
  }
}

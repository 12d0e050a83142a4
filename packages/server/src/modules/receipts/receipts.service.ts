import type { Receipt, receiptCreate, receiptQuery } from '@onhand/contracts';
import { qty as toQty, valueAtCost } from '@onhand/domain';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { newId } from '../../db/ids';
import type { DB } from '../../db/schema';
import { isoOrNull, isoOut, moneyIn, moneyOut, qtyOut } from '../../http/format';
import { DEFAULT_LIMIT, decodeCursor, toPage } from '../../http/pagination';
import { type FieldError, invalid, notFound } from '../../http/problem';
import { post } from '../../ledger/post';
import type { Trx } from '../../ledger/types';
import { authorize } from '../auth/authorize';
import type { Principal } from '../auth/principal';
import type { WarehouseScope } from '../auth/warehouse-scope';
import { documentHistory, recordHistory } from '../document-history';
import { type References, skuPaths } from '../references';

const DOCUMENT_TYPE = 'receipt';

/** Goods receipts without an order (opening stock, found goods): posted the moment they are made. */
export class ReceiptService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly references: References,
    private readonly clock: () => number,
  ) {}

  /** Checks and posts a receipt in the caller's transaction; one bad line refuses it whole. */
  async create(trx: Trx, input: z.infer<typeof receiptCreate>, principal: Principal): Promise<Receipt> {
    authorize(principal, 'receipt.post', input);
    const { warehouseId, itemIds } = await this.references.resolve(
      { path: 'warehouse', code: input.warehouse },
      skuPaths(input.lines),
      trx,
    );
    await this.checkTracking(trx, input, itemIds);
    const at = this.clock();
    const id = newId(at);
    await trx
      .insertInto('receipts')
      .values({
        id,
        warehouse_id: warehouseId,
        status: 'posted',
        reference: input.reference ?? null,
        note: input.note ?? null,
        version: 1,
        created_by: principal.userId,
        created_at: at,
        posted_at: at,
      })
      .execute();
    const movements = input.lines.map((l, i) => ({
      direction: 'in' as const,
      type: 'receipt' as const,
      line: i + 1,
      itemId: itemIds[i] ?? '',
      warehouseId,
      qty: toQty(l.qty),
      unitCost: moneyIn(l.unitCost),
      batch: l.batch ?? null,
      expiresOn: l.expiresOn ?? null,
      bin: l.bin ?? null,
    }));
    const entries = await post(trx, { type: DOCUMENT_TYPE, id }, { userId: principal.userId, at }, movements);
    await trx
      .insertInto('receipt_lines')
      .values(
        movements.map((m, i) => ({
          receipt_id: id,
          line_no: m.line,
          item_id: m.itemId,
          qty: m.qty,
          unit_cost: m.unitCost,
          batch: m.batch,
          expires_on: m.expiresOn,
          bin: m.bin,
          entry_seq: entries[i]?.seq ?? null,
        })),
      )
      .execute();
    await recordHistory(
      trx,
      { type: DOCUMENT_TYPE, id },
      { userId: principal.userId, at },
      'post',
      null,
      'posted',
    );
    return this.get(id, trx);
  }

  async get(id: string, db: Kysely<DB> = this.db): Promise<Receipt> {
    const head = await db
      .selectFrom('receipts')
      .innerJoin('warehouses', 'warehouses.id', 'receipts.warehouse_id')
      .leftJoin('users', 'users.id', 'receipts.created_by')
      .select([
        'receipts.id',
        'receipts.warehouse_id',
        'warehouses.code',
        'receipts.status',
        'receipts.reference',
        'receipts.note',
        'receipts.version',
        'receipts.created_at',
        'receipts.posted_at',
        'users.id as user_id',
        'users.email',
      ])
      .where('receipts.id', '=', id)
      .executeTakeFirst();
    if (!head) throw notFound('receipt', id);
    const lines = await db
      .selectFrom('receipt_lines')
      .innerJoin('items', 'items.id', 'receipt_lines.item_id')
      .select([
        'receipt_lines.line_no',
        'items.sku',
        'receipt_lines.item_id',
        'receipt_lines.qty',
        'receipt_lines.unit_cost',
        'receipt_lines.batch',
        'receipt_lines.expires_on',
        'receipt_lines.bin',
        'receipt_lines.entry_seq',
      ])
      .where('receipt_id', '=', id)
      .orderBy('line_no')
      .execute();
    const values = lines.map((l) => valueAtCost(l.qty, l.unit_cost));
    return {
      id: head.id,
      warehouse: head.code,
      warehouseId: head.warehouse_id,
      status: 'posted',
      reference: head.reference,
      note: head.note,
      version: Number(head.version),
      createdAt: isoOut(head.created_at),
      postedAt: isoOrNull(head.posted_at),
      createdBy: head.user_id && head.email ? { id: head.user_id, email: head.email } : null,
      totalQty: qtyOut(lines.reduce((acc, l) => acc + l.qty, 0n)),
      totalValue: moneyOut(values.reduce((acc, v) => acc + v, 0n)),
      lines: lines.map((l, i) => ({
        line: Number(l.line_no),
        sku: l.sku,
        itemId: l.item_id,
        qty: qtyOut(l.qty),
        unitCost: moneyOut(l.unit_cost),
        value: moneyOut(values[i] ?? 0n),
        batch: l.batch,
        expiresOn: l.expires_on,
        bin: l.bin,
        ledgerEntryId: l.entry_seq === null ? null : String(l.entry_seq),
      })),
      history: await documentHistory(db, { type: DOCUMENT_TYPE, id }),
    };
  }

  async list(
    query: z.infer<typeof receiptQuery>,
    bounds: { from: number | null; to: number | null },
    scope: WarehouseScope,
  ) {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = decodeCursor(query.cursor, ['string']);
    let q = this.db
      .selectFrom('receipts')
      .innerJoin('warehouses', 'warehouses.id', 'receipts.warehouse_id')
      .select('receipts.id');
    if (query.warehouse) q = q.where('warehouses.code', '=', query.warehouse);
    if (scope) q = q.where('warehouses.code', 'in', scope.length > 0 ? [...scope] : ['']);
    if (query.sku) {
      const sku = query.sku;
      q = q.where('receipts.id', 'in', (eb) =>
        eb
          .selectFrom('receipt_lines')
          .innerJoin('items', 'items.id', 'receipt_lines.item_id')
          .select('receipt_lines.receipt_id')
          .where('items.sku', '=', sku),
      );
    }
    if (bounds.from !== null) q = q.where('receipts.created_at', '>=', BigInt(bounds.from));
    if (bounds.to !== null) q = q.where('receipts.created_at', '<', BigInt(bounds.to));
    if (after) q = q.where('receipts.id', '<', String(after[0]));
    const rows = await q
      .orderBy('receipts.id', 'desc')
      .limit(limit + 1)
      .execute();
    const page = toPage(
      rows,
      limit,
      (r) => [r.id],
      (r) => r.id,
    );
    return { items: await Promise.all(page.items.map((id) => this.get(id))), nextCursor: page.nextCursor };
  }

  /** Batch-tracked items need a batch, expiry-tracked ones an expiry date. */
  private async checkTracking(
    trx: Trx,
    input: z.infer<typeof receiptCreate>,
    itemIds: string[],
  ): Promise<void> {
    const rows = await trx
      .selectFrom('items')
      .select(['id', 'batch_tracked', 'expiry_tracked'])
      .where('id', 'in', itemIds)
      .execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    const errors: FieldError[] = [];
    input.lines.forEach((line, i) => {
      const item = byId.get(itemIds[i] ?? '');
      if (item?.batch_tracked === 1n && !line.batch)
        errors.push({ path: `lines.${i}.batch`, message: `is required: ${line.sku} is batch-tracked` });
      if (item?.expiry_tracked === 1n && !line.expiresOn)
        errors.push({ path: `lines.${i}.expiresOn`, message: `is required: ${line.sku} is expiry-tracked` });
    });
    if (errors.length > 0) throw invalid(errors);
  }
}

import type { PurchaseReturn, purchaseReturnCreate, purchaseReturnPatch } from '@onhand/contracts';
import { POSTING_DOCUMENT, qty as toQty } from '@onhand/domain';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema';
import { moneyOut, qtyOut } from '../../http/format';
import { invalid } from '../../http/problem';
import { post } from '../../ledger/post';
import type { LayerChoice, Trx } from '../../ledger/types';
import { authorize } from '../auth/authorize';
import type { Principal } from '../auth/principal';
import type { WarehouseScope } from '../auth/warehouse-scope';
import { cancelDocument } from '../documents/document-cancel';
import { partnerId } from '../documents/document-lines';
import {
  type DocumentFilters,
  entryValuesByLine,
  headView,
  listDocuments,
  loadDocument,
} from '../documents/document-reads';
import type { ActionContext, ReasonContext } from '../documents/document-routes';
import {
  actorOf,
  allowed,
  createDocument,
  type DocumentRow,
  linesOf,
  lockDocument,
  moveDocument,
  type NewLine,
  replaceLines,
} from '../documents/document-store';
import { type References, skuPaths } from '../references';

const TYPE = 'purchase_return';

/**
 * 采购退货 (退回厂家): draft → post. Goods go back out of the batch they came in and at the cost they
 * came in: when the return names its purchase order, only the cost layers that order's receipts
 * opened are taken; otherwise the oldest of the batch (or of the SKU).
 */
export class PurchaseReturnService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly references: References,
    private readonly clock: () => number,
  ) {}

  async create(trx: Trx, input: z.infer<typeof purchaseReturnCreate>, p: Principal): Promise<PurchaseReturn> {
    authorize(p, 'purchase_return.manage', input);
    const supplierId = await partnerId(trx, 'suppliers', input.supplier, 'supplier');
    const { warehouseId, itemIds } = await this.references.resolve(
      { path: 'warehouse', code: input.warehouse },
      skuPaths(input.lines),
      trx,
    );
    const orderId = input.purchaseOrder ? await this.orderOf(trx, input.purchaseOrder, supplierId) : null;
    const id = await createDocument(
      trx,
      {
        type: TYPE,
        status: 'draft',
        supplier_id: supplierId,
        warehouse_id: warehouseId,
        related_id: orderId,
        reference: input.reference ?? null,
        note: input.note ?? null,
      },
      this.lines(input.lines, itemIds),
      actorOf(p, this.clock),
    );
    return this.get(id, trx);
  }

  /** Replaces the lines or notes of a draft. */
  async update(trx: Trx, c: ActionContext<z.infer<typeof purchaseReturnPatch>>): Promise<PurchaseReturn> {
    authorize(c.principal, 'purchase_return.manage', c.body);
    const doc = await lockDocument(trx, TYPE, c);
    allowed(POSTING_DOCUMENT, doc, 'edit');
    if (c.body.lines) {
      const { itemIds } = await this.references.resolve(null, skuPaths(c.body.lines), trx);
      await replaceLines(trx, doc.id, this.lines(c.body.lines, itemIds));
    }
    await moveDocument(trx, doc, 'edit', doc.status, actorOf(c.principal, this.clock), {
      ...(c.body.reference !== undefined ? { reference: c.body.reference } : {}),
      ...(c.body.note !== undefined ? { note: c.body.note } : {}),
    });
    return this.get(doc.id, trx);
  }

  /** Posts the return: `return_out` entries valued at the cost the goods came in. */
  async post(trx: Trx, c: ActionContext<unknown>): Promise<PurchaseReturn> {
    authorize(c.principal, 'purchase_return.manage', c.body);
    const doc = await lockDocument(trx, TYPE, c);
    allowed(POSTING_DOCUMENT, doc, 'post');
    const actor = actorOf(c.principal, this.clock);
    const lines = await linesOf(trx, doc.id);
    const movements = [];
    for (const l of lines) {
      movements.push({
        direction: 'out' as const,
        type: 'return_out' as const,
        line: Number(l.line_no),
        itemId: l.item_id,
        warehouseId: doc.warehouse_id ?? '',
        qty: l.qty,
        batch: l.batch,
        reason: l.reason,
        layers: await this.layersOf(trx, doc, l.item_id),
      });
    }
    await post(trx, { type: TYPE, id: doc.id }, actor, movements);
    await moveDocument(trx, doc, 'post', 'posted', actor);
    return this.get(doc.id, trx);
  }

  async cancel(trx: Trx, c: ReasonContext): Promise<PurchaseReturn> {
    authorize(c.principal, 'purchase_return.manage', c.body);
    await cancelDocument(trx, TYPE, POSTING_DOCUMENT, c, actorOf(c.principal, this.clock));
    return this.get(c.id, trx);
  }

  async get(id: string, db: Kysely<DB> = this.db): Promise<PurchaseReturn> {
    const loaded = await loadDocument(db, TYPE, id);
    const { head, lines } = loaded;
    const values = await entryValuesByLine(db, { type: TYPE, id });
    const valueBy = new Map([...values].map(([line, v]) => [line, -v]));
    return {
      ...headView(loaded, POSTING_DOCUMENT),
      supplier: head.supplier_code ?? '',
      supplierId: head.supplier_id ?? '',
      warehouse: head.warehouse_code ?? '',
      warehouseId: head.warehouse_id ?? '',
      purchaseOrderId: head.related_id,
      totalQty: qtyOut(lines.reduce((acc, l) => acc + l.qty, 0n)),
      totalValue: moneyOut([...valueBy.values()].reduce((acc, v) => acc + v, 0n)),
      lines: lines.map((l) => ({
        line: Number(l.line_no),
        sku: l.sku,
        itemId: l.item_id,
        qty: qtyOut(l.qty),
        batch: l.batch,
        reason: l.reason,
        value: moneyOut(valueBy.get(l.line_no) ?? 0n),
      })),
    };
  }

  list(query: DocumentFilters, bounds: { from: number | null; to: number | null }, scope: WarehouseScope) {
    return listDocuments(this.db, TYPE, { ...query, scope }, bounds, (id) => this.get(id));
  }

  /** The layers a line may take: those the named order's receipts opened, or FIFO. */
  private async layersOf(trx: Trx, doc: DocumentRow, itemId: string): Promise<LayerChoice> {
    if (!doc.related_id) return { kind: 'fifo' };
    const receipts = await trx
      .selectFrom('ledger_entries')
      .select('seq')
      .where('document_type', '=', 'purchase_order')
      .where('document_id', '=', doc.related_id)
      .where('item_id', '=', itemId)
      .where('type', '=', 'receipt')
      .execute();
    return { kind: 'entries', seqs: receipts.map((r) => r.seq) };
  }

  private async orderOf(trx: Trx, ref: string, supplierId: string): Promise<string> {
    const order = await trx
      .selectFrom('documents')
      .select(['id', 'supplier_id'])
      .where('type', '=', 'purchase_order')
      .where((eb) => eb.or([eb('id', '=', ref), eb('number', '=', ref)]))
      .executeTakeFirst();
    if (!order) throw invalid([{ path: 'purchaseOrder', message: `purchase order ${ref} does not exist` }]);
    if (order.supplier_id !== supplierId)
      throw invalid([{ path: 'purchaseOrder', message: `purchase order ${ref} is not from this supplier` }]);
    return order.id;
  }

  private lines(
    lines: readonly { qty: number; batch?: string | undefined; reason?: string | undefined }[],
    itemIds: readonly string[],
  ): NewLine[] {
    return lines.map((l, i) => ({
      item_id: itemIds[i] ?? '',
      qty: toQty(l.qty),
      batch: l.batch ?? null,
      reason: l.reason ?? null,
    }));
  }
}

import type {
  PurchaseOrder,
  purchaseOrderCreate,
  purchaseOrderPatch,
  purchaseOrderQuery,
  purchaseOrderQuickFill,
  purchaseReceive,
} from '@onhand/contracts';
import { PURCHASE_ORDER, type PurchaseOrderStatus, qty as toQty, valueAtCost } from '@onhand/domain';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema';
import { moneyIn, moneyOut, qtyOut } from '../../http/format';
import { invalid, Problem } from '../../http/problem';
import { shiftSideQuantity } from '../../ledger/balances';
import { post } from '../../ledger/post';
import type { Actor, Trx } from '../../ledger/types';
import { authorize } from '../auth/authorize';
import type { Principal } from '../auth/principal';
import type { WarehouseScope } from '../auth/warehouse-scope';
import { allocateLines, checkTracking, partnerId } from '../documents/document-lines';
import { headView, listDocuments, loadDocument } from '../documents/document-reads';
import type { ActionContext, ReasonContext } from '../documents/document-routes';
import {
  actorOf,
  advanceLine,
  allowed,
  createDocument,
  type DocumentRow,
  type LineWithItem,
  linesOf,
  lockDocument,
  moveByProgress,
  moveDocument,
  type NewLine,
  replaceLines,
} from '../documents/document-store';
import { type References, skuPaths } from '../references';

const TYPE = 'purchase_order';

/** Still expected on a line: ordered, less received and closed (never below 0). */
const openOf = (l: { qty: bigint; done_qty: bigint; closed_qty: bigint }): bigint => {
  const open = l.qty - l.done_qty - l.closed_qty;
  return open > 0n ? open : 0n;
};

/** Statuses in which the open quantity counts as incoming. */
const INCOMING: readonly string[] = ['approved', 'partially_received'];

/**
 * 采购单: draft → submit → approve / reject → receive (partly or fully, with batch and expiry) →
 * close the rest; cancel before any receipt. Approved open quantity counts as incoming.
 */
export class PurchaseOrderService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly references: References,
    private readonly clock: () => number,
  ) {}

  async create(trx: Trx, input: z.infer<typeof purchaseOrderCreate>, p: Principal): Promise<PurchaseOrder> {
    authorize(p, 'purchase_order.manage', input);
    const actor = actorOf(p, this.clock);
    const head = await this.resolveHead(trx, input.supplier, input.warehouse);
    const lines = await this.resolveLines(trx, input.lines);
    const id = await createDocument(
      trx,
      {
        type: TYPE,
        status: 'draft',
        ...head,
        reference: input.reference ?? null,
        note: input.note ?? null,
        options: input.expectedOn ? JSON.stringify({ expectedOn: input.expectedOn }) : null,
      },
      lines,
      actor,
    );
    return this.get(id, trx);
  }

  /** A new draft with the lines (SKUs, quantities, costs) of the supplier's last order. */
  async quickFill(
    trx: Trx,
    input: z.infer<typeof purchaseOrderQuickFill>,
    p: Principal,
  ): Promise<PurchaseOrder> {
    authorize(p, 'purchase_order.manage', input);
    const supplierId = await partnerId(trx, 'suppliers', input.supplier, 'supplier');
    const last = await trx
      .selectFrom('documents')
      .select(['id', 'warehouse_id'])
      .where('type', '=', TYPE)
      .where('supplier_id', '=', supplierId)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!last)
      throw invalid([
        { path: 'supplier', message: `supplier ${input.supplier} has no earlier order to copy` },
      ]);
    const warehouseId = input.warehouse
      ? (await this.references.resolve({ path: 'warehouse', code: input.warehouse }, [], trx)).warehouseId
      : (last.warehouse_id ?? '');
    const lines = (await linesOf(trx, last.id)).map((l) => ({
      item_id: l.item_id,
      qty: l.qty,
      unit_price: l.unit_price,
    }));
    const id = await createDocument(
      trx,
      {
        type: TYPE,
        status: 'draft',
        supplier_id: supplierId,
        warehouse_id: warehouseId,
        related_id: last.id,
      },
      lines,
      actorOf(p, this.clock),
      'quick_fill',
    );
    return this.get(id, trx);
  }

  /**
   * An edit, with If-Match: in draft (or rejected, which goes back to draft) anything; while
   * pending approval only the lines' quantities and costs, by someone who may approve.
   */
  async update(trx: Trx, c: ActionContext<z.infer<typeof purchaseOrderPatch>>): Promise<PurchaseOrder> {
    authorize(c.principal, 'purchase_order.manage', c.body);
    const doc = await lockDocument(trx, TYPE, c);
    const [next] = allowed(PURCHASE_ORDER, doc, 'edit');
    const patch = c.body;
    if (doc.status === 'pending_approval') {
      authorize(c.principal, 'purchase_order.approve', c.body);
      const headFields = (['supplier', 'warehouse', 'expectedOn', 'reference', 'note'] as const).filter(
        (f) => patch[f] !== undefined,
      );
      if (headFields.length > 0)
        throw invalid(
          headFields.map((f) => ({ path: f, message: 'cannot change while the order waits for approval' })),
        );
      if (patch.lines) await this.repriceLines(trx, doc, patch.lines);
    } else {
      const head =
        patch.supplier !== undefined || patch.warehouse !== undefined
          ? await this.resolveHead(
              trx,
              patch.supplier ?? (await this.codeOf(trx, 'suppliers', doc.supplier_id)),
              patch.warehouse ?? (await this.codeOf(trx, 'warehouses', doc.warehouse_id)),
            )
          : {};
      if (patch.lines) await replaceLines(trx, doc.id, await this.resolveLines(trx, patch.lines));
      const options = patch.expectedOn === undefined ? {} : { options: this.expectedOn(patch.expectedOn) };
      await moveDocument(trx, doc, 'edit', next ?? 'draft', actorOf(c.principal, this.clock), {
        ...head,
        ...options,
        ...(patch.reference !== undefined ? { reference: patch.reference } : {}),
        ...(patch.note !== undefined ? { note: patch.note } : {}),
      });
      return this.get(doc.id, trx);
    }
    await moveDocument(trx, doc, 'edit', doc.status, actorOf(c.principal, this.clock));
    return this.get(doc.id, trx);
  }

  async submit(trx: Trx, c: ActionContext<unknown>): Promise<PurchaseOrder> {
    authorize(c.principal, 'purchase_order.manage', c.body);
    return this.simpleAction(trx, c, 'submit');
  }

  async approve(trx: Trx, c: ActionContext<unknown>): Promise<PurchaseOrder> {
    authorize(c.principal, 'purchase_order.approve', c.body);
    const doc = await lockDocument(trx, TYPE, c);
    allowed(PURCHASE_ORDER, doc, 'approve');
    const actor = actorOf(c.principal, this.clock);
    for (const line of await linesOf(trx, doc.id))
      await this.moveIncoming(trx, doc, line, openOf(line), actor);
    await moveDocument(trx, doc, 'approve', 'approved', actor);
    return this.get(doc.id, trx);
  }

  async reject(trx: Trx, c: ReasonContext): Promise<PurchaseOrder> {
    authorize(c.principal, 'purchase_order.approve', c.body);
    return this.simpleAction(trx, c, 'reject', c.body?.reason);
  }

  /** Receives goods against the order: receipt entries at the order's costs, incoming down. */
  async receive(trx: Trx, c: ActionContext<z.infer<typeof purchaseReceive>>): Promise<PurchaseOrder> {
    authorize(c.principal, 'purchase_order.receive', c.body);
    const doc = await lockDocument(trx, TYPE, c);
    allowed(PURCHASE_ORDER, doc, 'receive');
    const lines = await linesOf(trx, doc.id);
    const tolerance = await this.toleranceOf(trx, doc.supplier_id);
    const allocations = allocateLines(c.body.lines, lines, openOf, (l) => {
      const allowance = (l.qty * tolerance) / 10_000n;
      const over = l.done_qty + l.closed_qty - l.qty;
      return over > 0n ? allowance - over : allowance;
    });
    checkTracking(
      allocations.map((a) => ({
        index: a.index,
        line: a.line,
        batch: a.input.batch,
        expiresOn: a.input.expiresOn,
      })),
    );
    const actor = actorOf(c.principal, this.clock);
    const warehouseId = doc.warehouse_id ?? '';
    await post(
      trx,
      { type: TYPE, id: doc.id },
      actor,
      allocations.map((a) => ({
        direction: 'in' as const,
        type: 'receipt' as const,
        line: Number(a.line.line_no),
        itemId: a.line.item_id,
        warehouseId,
        qty: a.qty,
        unitCost: a.line.unit_price ?? 0n,
        batch: a.input.batch ?? null,
        expiresOn: a.input.expiresOn ?? null,
        bin: a.input.bin ?? null,
      })),
    );
    const received = new Map<bigint, bigint>();
    for (const a of allocations) received.set(a.line.line_no, (received.get(a.line.line_no) ?? 0n) + a.qty);
    for (const line of lines) {
      const qty = received.get(line.line_no);
      if (!qty) continue;
      const open = openOf(line);
      await this.moveIncoming(trx, doc, line, -(qty < open ? qty : open), actor);
      await advanceLine(trx, doc.id, line.line_no, { done: qty });
    }
    await moveByProgress(
      trx,
      doc,
      'receive',
      { partial: 'partially_received', full: 'received' },
      openOf,
      actor,
    );
    return this.get(doc.id, trx);
  }

  /** Closes the rest: what was not received is no longer expected. */
  async close(trx: Trx, c: ReasonContext): Promise<PurchaseOrder> {
    authorize(c.principal, 'purchase_order.manage', c.body);
    return this.endOpen(trx, c, 'close', 'closed');
  }

  /** Cancels an order that has received nothing. */
  async cancel(trx: Trx, c: ReasonContext): Promise<PurchaseOrder> {
    authorize(c.principal, 'purchase_order.manage', c.body);
    return this.endOpen(trx, c, 'cancel', 'cancelled');
  }

  async get(id: string, db: Kysely<DB> = this.db): Promise<PurchaseOrder> {
    const loaded = await loadDocument(db, TYPE, id);
    const { head, lines } = loaded;
    const values = lines.map((l) => valueAtCost(l.qty, l.unit_price ?? 0n));
    const options = head.options ? (JSON.parse(head.options) as { expectedOn?: string }) : {};
    return {
      ...headView(loaded, PURCHASE_ORDER),
      supplier: head.supplier_code ?? '',
      supplierId: head.supplier_id ?? '',
      warehouse: head.warehouse_code ?? '',
      warehouseId: head.warehouse_id ?? '',
      expectedOn: options.expectedOn ?? null,
      totalQty: qtyOut(lines.reduce((acc, l) => acc + l.qty, 0n)),
      totalValue: moneyOut(values.reduce((acc, v) => acc + v, 0n)),
      lines: lines.map((l, i) => ({
        line: Number(l.line_no),
        sku: l.sku,
        itemId: l.item_id,
        qty: qtyOut(l.qty),
        unitCost: moneyOut(l.unit_price ?? 0n),
        value: moneyOut(values[i] ?? 0n),
        receivedQty: qtyOut(l.done_qty),
        openQty: qtyOut(head.status === 'closed' || head.status === 'cancelled' ? 0n : openOf(l)),
        closedQty: qtyOut(l.closed_qty),
      })),
    };
  }

  async list(
    query: z.infer<typeof purchaseOrderQuery>,
    bounds: { from: number | null; to: number | null },
    scope: WarehouseScope,
  ) {
    return listDocuments(this.db, TYPE, { ...query, scope }, bounds, (id) => this.get(id));
  }

  private async simpleAction(
    trx: Trx,
    c: ActionContext<unknown>,
    action: 'submit' | 'reject',
    reason?: string,
  ): Promise<PurchaseOrder> {
    const doc = await lockDocument(trx, TYPE, c);
    const [next] = allowed(PURCHASE_ORDER, doc, action);
    await moveDocument(
      trx,
      doc,
      action,
      next ?? doc.status,
      actorOf(c.principal, this.clock),
      reason ? { reason } : {},
    );
    return this.get(doc.id, trx);
  }

  private async endOpen(
    trx: Trx,
    c: ReasonContext,
    action: 'close' | 'cancel',
    status: PurchaseOrderStatus,
  ): Promise<PurchaseOrder> {
    const doc = await lockDocument(trx, TYPE, c);
    allowed(PURCHASE_ORDER, doc, action);
    const actor = actorOf(c.principal, this.clock);
    for (const line of await linesOf(trx, doc.id)) {
      const open = openOf(line);
      await this.moveIncoming(trx, doc, line, -open, actor);
      await advanceLine(trx, doc.id, line.line_no, { closed: open });
    }
    await moveDocument(trx, doc, action, status, actor, c.body?.reason ? { reason: c.body.reason } : {});
    return this.get(doc.id, trx);
  }

  /** Moves incoming stock by `delta` when the order's open quantity counts (or starts counting) as incoming. */
  private async moveIncoming(
    trx: Trx,
    doc: DocumentRow,
    line: LineWithItem,
    delta: bigint,
    actor: Actor,
  ): Promise<void> {
    if (delta === 0n || (delta < 0n && !INCOMING.includes(doc.status))) return;
    const ok = await shiftSideQuantity(
      trx,
      line.item_id,
      doc.warehouse_id ?? '',
      'incoming',
      delta,
      actor.at,
    );
    if (!ok) throw new Error(`incoming of ${line.sku} would go below 0 on ${doc.number}`);
  }

  /** While pending approval: the same SKUs in the same order, new quantities and costs. */
  private async repriceLines(
    trx: Trx,
    doc: DocumentRow,
    lines: z.infer<typeof purchaseOrderPatch>['lines'] & {},
  ): Promise<void> {
    const current = await linesOf(trx, doc.id);
    const errors = lines.flatMap((l, i) =>
      current[i]?.sku === l.sku
        ? []
        : [
            {
              path: `lines.${i}.sku`,
              message: 'SKUs and their order cannot change while the order waits for approval',
            },
          ],
    );
    if (lines.length !== current.length)
      errors.push({
        path: 'lines',
        message: 'lines cannot be added or removed while the order waits for approval',
      });
    if (errors.length > 0) throw invalid(errors);
    for (const [i, l] of lines.entries()) {
      await trx
        .updateTable('document_lines')
        .set({ qty: toQty(l.qty), unit_price: moneyIn(l.unitCost) })
        .where('document_id', '=', doc.id)
        .where('line_no', '=', BigInt(i + 1))
        .execute();
    }
  }

  private async resolveHead(trx: Trx, supplier: string, warehouse: string) {
    const errors: { path: string; message: string }[] = [];
    const supplierId = await partnerId(trx, 'suppliers', supplier, 'supplier').catch((e: unknown) => {
      if (e instanceof Problem && e.extras.errors) errors.push(...e.extras.errors);
      return '';
    });
    const warehouseId = await this.references.warehouse(warehouse, trx);
    if (!warehouseId) errors.push({ path: 'warehouse', message: `warehouse ${warehouse} does not exist` });
    if (errors.length > 0) throw invalid(errors);
    return { supplier_id: supplierId, warehouse_id: warehouseId };
  }

  private async resolveLines(
    trx: Trx,
    lines: readonly { sku: string; qty: number; unitCost: number | string }[],
  ): Promise<NewLine[]> {
    const { itemIds } = await this.references.resolve(null, skuPaths(lines), trx);
    return lines.map((l, i) => ({
      item_id: itemIds[i] ?? '',
      qty: toQty(l.qty),
      unit_price: moneyIn(l.unitCost),
    }));
  }

  private async codeOf(trx: Trx, table: 'suppliers' | 'warehouses', id: string | null): Promise<string> {
    const row = await trx
      .selectFrom(table)
      .select('code')
      .where('id', '=', id ?? '')
      .executeTakeFirst();
    return row?.code ?? '';
  }

  private async toleranceOf(trx: Trx, supplierId: string | null): Promise<bigint> {
    const row = await trx
      .selectFrom('suppliers')
      .select('receipt_tolerance')
      .where('id', '=', supplierId ?? '')
      .executeTakeFirst();
    return row?.receipt_tolerance ?? 0n;
  }

  private expectedOn(date: string | null): string | null {
    return date === null ? null : JSON.stringify({ expectedOn: date });
  }
}

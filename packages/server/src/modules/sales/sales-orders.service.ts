import type { SalesOrder, salesOrderCreate, salesOrderQuery, salesShip } from '@onhand/contracts';
import { SALES_ORDER, qty as toQty, valueAtCost } from '@onhand/domain';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema';
import { moneyIn, moneyOut, qtyOut } from '../../http/format';
import { post } from '../../ledger/post';
import { drawDocumentReservation, releaseDocumentReservations } from '../../ledger/reservations';
import type { Actor, Trx } from '../../ledger/types';
import { authorize } from '../auth/authorize';
import type { Principal } from '../auth/principal';
import type { WarehouseScope } from '../auth/warehouse-scope';
import { allocateLines, partnerId } from '../documents/document-lines';
import { keepLots } from '../documents/document-lots';
import {
  entryValuesByLine,
  headView,
  listDocuments,
  loadDocument,
  reservedByLine,
} from '../documents/document-reads';
import { reserveLines } from '../documents/document-reservations';
import type { ActionContext, ReasonContext } from '../documents/document-routes';
import {
  actorOf,
  advanceLine,
  allowed,
  createDocument,
  linesOf,
  lockDocument,
  moveByProgress,
  moveDocument,
} from '../documents/document-store';
import { type References, skuPaths } from '../references';
import { pickWarehouse } from './allocation';

const TYPE = 'sales_order';

/** Still to ship on a line: ordered, less shipped and cancelled. */
const openOf = (l: { qty: bigint; done_qty: bigint; closed_qty: bigint }): bigint =>
  l.qty - l.done_qty - l.closed_qty;

/** A line of a new order, resolved. */
interface OrderLine {
  itemId: string;
  sku: string;
  qty: bigint;
  unitPrice: bigint;
}

/**
 * 销售单: created confirmed with every line reserved — or refused whole with the short SKUs and
 * what is available; shipped in parts (FIFO cost, FEFO batches for expiry-tracked items);
 * cancelling releases what is still reserved.
 */
export class SalesOrderService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly references: References,
    private readonly clock: () => number,
  ) {}

  async create(trx: Trx, input: z.infer<typeof salesOrderCreate>, p: Principal): Promise<SalesOrder> {
    authorize(p, 'sales_order.manage', input);
    return this.open(trx, input, p, null);
  }

  /** The replacement order of an exchange, opened by whoever takes the return back. */
  async exchange(
    trx: Trx,
    input: z.infer<typeof salesOrderCreate>,
    p: Principal,
    returnId: string,
  ): Promise<SalesOrder> {
    authorize(p, 'sales_return.post', input);
    return this.open(trx, input, p, returnId);
  }

  private async open(
    trx: Trx,
    input: z.infer<typeof salesOrderCreate>,
    p: Principal,
    relatedId: string | null,
  ): Promise<SalesOrder> {
    const actor: Actor = actorOf(p, this.clock);
    const { itemIds } = await this.references.resolve(null, skuPaths(input.lines), trx);
    const lines: OrderLine[] = input.lines.map((l, i) => ({
      itemId: itemIds[i] ?? '',
      sku: l.sku,
      qty: toQty(l.qty),
      unitPrice: moneyIn(l.unitPrice),
    }));
    const customerId = input.customer ? await partnerId(trx, 'customers', input.customer, 'customer') : null;
    const warehouseId = input.warehouse
      ? (await this.references.resolve({ path: 'warehouse', code: input.warehouse }, [], trx)).warehouseId
      : await pickWarehouse(trx, lines, p.warehouses);
    const id = await createDocument(
      trx,
      {
        type: TYPE,
        status: 'confirmed',
        warehouse_id: warehouseId,
        customer_id: customerId,
        channel: input.channel ?? null,
        related_id: relatedId,
        reference: input.reference ?? null,
        note: input.note ?? null,
      },
      lines.map((l) => ({ item_id: l.itemId, qty: l.qty, unit_price: l.unitPrice })),
      actor,
    );
    const { number } = await trx
      .selectFrom('documents')
      .select('number')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const toReserve = lines.map((l, i) => ({ ...l, line: i + 1 }));
    await reserveLines(trx, { id, number }, warehouseId, toReserve, actor);
    return this.get(id, trx);
  }

  /** Ships the given lines (or everything still open): shipment entries at FIFO cost, reservations consumed. */
  async ship(trx: Trx, c: ActionContext<z.infer<typeof salesShip>>): Promise<SalesOrder> {
    authorize(c.principal, 'sales_order.ship', c.body);
    const doc = await lockDocument(trx, TYPE, c);
    allowed(SALES_ORDER, doc, 'ship');
    const lines = await linesOf(trx, doc.id);
    const wanted =
      c.body?.lines ??
      lines
        .filter((l) => openOf(l) > 0n)
        .map((l) => ({ sku: l.sku, qty: Number(qtyOut(openOf(l))), line: Number(l.line_no) }));
    const allocations = allocateLines(wanted, lines, openOf);
    const actor: Actor = actorOf(c.principal, this.clock);
    const warehouseId = doc.warehouse_id ?? '';
    const entries = await post(
      trx,
      { type: TYPE, id: doc.id },
      actor,
      allocations.map((a) => ({
        direction: 'out' as const,
        type: 'shipment' as const,
        line: Number(a.line.line_no),
        itemId: a.line.item_id,
        warehouseId,
        qty: a.qty,
        fromReserved: a.qty,
        batch: a.input.batch ?? null,
        bin: a.input.bin ?? null,
        layers: a.line.expiry_tracked === 1n ? { kind: 'fefo' as const } : { kind: 'fifo' as const },
      })),
    );
    for (const [i, a] of allocations.entries()) {
      await drawDocumentReservation(trx, doc.id, a.line.line_no, a.qty, actor.at);
      await advanceLine(trx, doc.id, a.line.line_no, { done: a.qty });
      const owner = { documentId: doc.id, line: a.line.line_no, kind: 'returnable' as const };
      await keepLots(trx, { ...owner, itemId: a.line.item_id, warehouseId }, entries[i]?.takes ?? []);
    }
    await moveByProgress(trx, doc, 'ship', { partial: 'partially_shipped', full: 'shipped' }, openOf, actor);
    return this.get(doc.id, trx);
  }

  /** Cancels what is not shipped yet: its reservations go back to available. */
  async cancel(trx: Trx, c: ReasonContext): Promise<SalesOrder> {
    authorize(c.principal, 'sales_order.manage', c.body);
    const doc = await lockDocument(trx, TYPE, c);
    allowed(SALES_ORDER, doc, 'cancel');
    const actor: Actor = actorOf(c.principal, this.clock);
    await releaseDocumentReservations(trx, doc.id, actor.at);
    for (const line of await linesOf(trx, doc.id))
      await advanceLine(trx, doc.id, line.line_no, { closed: openOf(line) });
    await moveDocument(
      trx,
      doc,
      'cancel',
      'cancelled',
      actor,
      c.body?.reason ? { reason: c.body.reason } : {},
    );
    return this.get(doc.id, trx);
  }

  async get(id: string, db: Kysely<DB> = this.db): Promise<SalesOrder> {
    const loaded = await loadDocument(db, TYPE, id);
    const { head, lines } = loaded;
    const reservedBy = await reservedByLine(db, id);
    const returned = await db
      .selectFrom('document_lines as l')
      .innerJoin('documents as d', 'd.id', 'l.document_id')
      .select((eb) => ['l.related_line', eb.fn.sum<bigint>('l.qty').as('qty')])
      .where('d.related_id', '=', id)
      .where('d.type', '=', 'sales_return')
      .groupBy('l.related_line')
      .execute();
    // Shipped at cost, less what came back at that cost: each read by its document (indexed).
    const returnIds = await db
      .selectFrom('documents')
      .select('id')
      .where('related_id', '=', id)
      .where('type', '=', 'sales_return')
      .execute();
    const shipped = await entryValuesByLine(db, { type: TYPE, id }, ['shipment']);
    let cogs = -[...shipped.values()].reduce((acc, v) => acc + v, 0n);
    for (const r of returnIds) {
      const back = await entryValuesByLine(db, { type: 'sales_return', id: r.id }, ['return_in']);
      cogs -= [...back.values()].reduce((acc, v) => acc + v, 0n);
    }
    const returnedBy = new Map(returned.map((r) => [r.related_line, BigInt(r.qty)]));
    const values = lines.map((l) => valueAtCost(l.qty, l.unit_price ?? 0n));
    return {
      ...headView(loaded, SALES_ORDER),
      channel: head.channel,
      customer: head.customer_code,
      customerId: head.customer_id,
      warehouse: head.warehouse_code ?? '',
      warehouseId: head.warehouse_id ?? '',
      totalQty: qtyOut(lines.reduce((acc, l) => acc + l.qty, 0n)),
      totalValue: moneyOut(values.reduce((acc, v) => acc + v, 0n)),
      cogs: moneyOut(cogs),
      lines: lines.map((l, i) => ({
        line: Number(l.line_no),
        sku: l.sku,
        itemId: l.item_id,
        qty: qtyOut(l.qty),
        unitPrice: moneyOut(l.unit_price ?? 0n),
        value: moneyOut(values[i] ?? 0n),
        reservedQty: qtyOut(reservedBy.get(l.line_no) ?? 0n),
        shippedQty: qtyOut(l.done_qty),
        cancelledQty: qtyOut(l.closed_qty),
        returnedQty: qtyOut(returnedBy.get(l.line_no) ?? 0n),
      })),
    };
  }

  async list(
    query: z.infer<typeof salesOrderQuery>,
    bounds: { from: number | null; to: number | null },
    scope: WarehouseScope,
  ) {
    return listDocuments(this.db, TYPE, { ...query, scope }, bounds, (id) => this.get(id));
  }
}

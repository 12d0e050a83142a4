import type { SalesReturn, salesReturnCreate, salesReturnQuery } from '@onhand/contracts';
import { POSTING_DOCUMENT, SALES_ORDER } from '@onhand/domain';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema';
import { moneyOut, qtyOut } from '../../http/format';
import { post } from '../../ledger/post';
import { moveQuarantine } from '../../ledger/quarantine';
import type { Actor, InboundMovement, Trx } from '../../ledger/types';
import { authorize } from '../auth/authorize';
import type { Principal } from '../auth/principal';
import type { WarehouseScope } from '../auth/warehouse-scope';
import { allocateLines } from '../documents/document-lines';
import { lotsByLine, lotsComingIn, takeLots } from '../documents/document-lots';
import { entryValuesByLine, headView, listDocuments, loadDocument } from '../documents/document-reads';
import {
  actorOf,
  allowed,
  createDocument,
  linesOf,
  lockDocument,
  moveDocument,
} from '../documents/document-store';
import type { SalesOrderService } from './sales-orders.service';

const TYPE = 'sales_return';

/**
 * 销售退货: posted at once against a sales order. Every returned unit comes back at the cost and
 * into the batch it was shipped from; then `restock` leaves it available, `quarantine` holds it
 * (on hand, not for sale), `write_off` writes it off at that same cost. An exchange is a return
 * plus a new order linked to it, made in the same transaction.
 */
export class SalesReturnService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly orders: SalesOrderService,
    private readonly clock: () => number,
  ) {}

  async create(
    trx: Trx,
    orderId: string,
    input: z.infer<typeof salesReturnCreate>,
    p: Principal,
  ): Promise<SalesReturn> {
    authorize(p, 'sales_return.post', input);
    const order = await lockDocument(trx, 'sales_order', { id: orderId, ifMatch: null, principal: p });
    allowed(SALES_ORDER, order, 'return');
    const actor: Actor = actorOf(p, this.clock);
    const orderLines = await linesOf(trx, order.id);
    const returnable = await lotsByLine(trx, order.id, 'returnable');
    const allocations = allocateLines(input.lines, orderLines, (l) => returnable.get(l.line_no) ?? 0n);
    const warehouseId = order.warehouse_id ?? '';
    const id = await createDocument(
      trx,
      {
        type: TYPE,
        status: 'posted',
        warehouse_id: warehouseId,
        customer_id: order.customer_id,
        related_id: order.id,
        reference: input.reference ?? null,
        note: input.note ?? null,
      },
      allocations.map((a) => ({
        item_id: a.line.item_id,
        qty: a.qty,
        disposition: a.input.disposition,
        reason: a.input.reason,
        related_line: a.line.line_no,
      })),
      actor,
      'post',
    );
    const comingBack: InboundMovement[] = [];
    for (const [i, a] of allocations.entries()) {
      const takes = await takeLots(trx, order.id, a.line.line_no, 'returnable', a.qty);
      const base = {
        type: 'return_in' as const,
        line: i + 1,
        itemId: a.line.item_id,
        warehouseId,
        reason: a.input.reason,
      };
      comingBack.push(...lotsComingIn(takes, base));
    }
    const entries = await post(trx, { type: TYPE, id }, actor, comingBack);
    for (const [i, a] of allocations.entries()) {
      const line = i + 1;
      const hold = { itemId: a.line.item_id, warehouseId, qty: a.qty };
      if (
        a.input.disposition === 'quarantine' &&
        !(await moveQuarantine(trx, hold, { type: TYPE, id }, actor))
      )
        throw new Error(`returned ${a.line.sku} is not available to quarantine`);
      if (a.input.disposition === 'write_off') {
        const seqs = entries.filter((e) => e.line === line).map((e) => e.seq);
        await post(trx, { type: TYPE, id }, actor, [
          {
            direction: 'out',
            type: 'write_off',
            line,
            itemId: a.line.item_id,
            warehouseId,
            qty: a.qty,
            reason: a.input.reason,
            layers: { kind: 'entries', seqs },
          },
        ]);
      }
    }
    await moveDocument(trx, order, 'return', order.status, actor);
    if (input.exchange) {
      const { head } = await loadDocument(trx, 'sales_order', order.id);
      await this.orders.exchange(
        trx,
        {
          lines: input.exchange.lines,
          warehouse: head.warehouse_code ?? '',
          reference: `exchange for ${head.number}`,
          ...(head.channel ? { channel: head.channel } : {}),
          ...(head.customer_code ? { customer: head.customer_code } : {}),
        },
        p,
        id,
      );
    }
    return this.get(id, trx);
  }

  async get(id: string, db: Kysely<DB> = this.db): Promise<SalesReturn> {
    const loaded = await loadDocument(db, TYPE, id);
    const { head, lines } = loaded;
    const valueBy = await entryValuesByLine(db, { type: TYPE, id }, ['return_in']);
    const exchange = await db
      .selectFrom('documents')
      .select('id')
      .where('related_id', '=', id)
      .where('type', '=', 'sales_order')
      .executeTakeFirst();
    const total = [...valueBy.values()].reduce((acc, v) => acc + v, 0n);
    return {
      ...headView(loaded, POSTING_DOCUMENT),
      salesOrderId: head.related_id ?? '',
      warehouse: head.warehouse_code ?? '',
      warehouseId: head.warehouse_id ?? '',
      customer: head.customer_code,
      customerId: head.customer_id,
      exchangeOrderId: exchange?.id ?? null,
      totalQty: qtyOut(lines.reduce((acc, l) => acc + l.qty, 0n)),
      totalValue: moneyOut(total),
      lines: lines.map((l) => ({
        line: Number(l.line_no),
        sku: l.sku,
        itemId: l.item_id,
        qty: qtyOut(l.qty),
        orderLine: Number(l.related_line ?? 0n),
        disposition: (l.disposition ?? 'restock') as 'restock' | 'quarantine' | 'write_off',
        reason: l.reason,
        value: moneyOut(valueBy.get(l.line_no) ?? 0n),
      })),
    };
  }

  async list(
    query: z.infer<typeof salesReturnQuery>,
    bounds: { from: number | null; to: number | null },
    scope: WarehouseScope,
  ) {
    const filters = { ...query, related: query.salesOrder, scope };
    return listDocuments(this.db, TYPE, filters, bounds, (id) => this.get(id));
  }
}

import type {
  Transfer,
  transferCreate,
  transferPatch,
  transferQuery,
  transferReceive,
} from '@onhand/contracts';
import { TRANSFER, qty as toQty } from '@onhand/domain';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema';
import { moneyOut, qtyOut } from '../../http/format';
import { invalid } from '../../http/problem';
import { shiftSideQuantity } from '../../ledger/balances';
import { post } from '../../ledger/post';
import { drawDocumentReservation, releaseDocumentReservations } from '../../ledger/reservations';
import type { Actor, Trx } from '../../ledger/types';
import { authorize } from '../auth/authorize';
import type { Principal } from '../auth/principal';
import type { WarehouseScope } from '../auth/warehouse-scope';
import { allocateLines } from '../documents/document-lines';
import { keepLots, lotsComingIn, takeLots } from '../documents/document-lots';
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

const TYPE = 'transfer';

/** Still on the road on a line: shipped, less received and lost. */
const inTransitOf = (l: { done_qty: bigint; received_qty: bigint; closed_qty: bigint }): bigint =>
  l.done_qty - l.received_qty - l.closed_qty;

/**
 * 调拨单: draft → confirm (reserved at the source) → ship (source on hand out at FIFO cost, the
 * destination's in transit up, the cost travelling with the goods) → receive, partly or fully, at
 * that cost → a short receipt closes with a loss entry and a reason; cancel before shipping.
 */
export class TransferService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly references: References,
    private readonly clock: () => number,
  ) {}

  async create(trx: Trx, input: z.infer<typeof transferCreate>, p: Principal): Promise<Transfer> {
    authorize(p, 'transfer.manage', input);
    const ends = await this.ends(trx, input.from, input.to);
    const lines = await this.resolveLines(trx, input.lines);
    const id = await createDocument(
      trx,
      {
        type: TYPE,
        status: 'draft',
        ...ends,
        reference: input.reference ?? null,
        note: input.note ?? null,
      },
      lines,
      actorOf(p, this.clock),
    );
    return this.get(id, trx);
  }

  async update(trx: Trx, c: ActionContext<z.infer<typeof transferPatch>>): Promise<Transfer> {
    authorize(c.principal, 'transfer.manage', c.body);
    const doc = await lockDocument(trx, TYPE, c);
    allowed(TRANSFER, doc, 'edit');
    const patch = c.body;
    const ends =
      patch.from !== undefined || patch.to !== undefined
        ? await this.ends(
            trx,
            patch.from ?? (await this.codeOf(trx, doc.warehouse_id)),
            patch.to ?? (await this.codeOf(trx, doc.to_warehouse_id)),
          )
        : {};
    if (patch.lines) await replaceLines(trx, doc.id, await this.resolveLines(trx, patch.lines));
    await moveDocument(trx, doc, 'edit', doc.status, actorOf(c.principal, this.clock), {
      ...ends,
      ...(patch.reference !== undefined ? { reference: patch.reference } : {}),
      ...(patch.note !== undefined ? { note: patch.note } : {}),
    });
    return this.get(doc.id, trx);
  }

  /** Confirms: every line reserved at the source, or `409 insufficient_stock` and nothing reserved. */
  async confirm(trx: Trx, c: ActionContext<unknown>): Promise<Transfer> {
    authorize(c.principal, 'transfer.manage', c.body);
    const doc = await lockDocument(trx, TYPE, c);
    allowed(TRANSFER, doc, 'confirm');
    const actor = actorOf(c.principal, this.clock);
    const lines = (await linesOf(trx, doc.id)).map((l) => ({
      line: Number(l.line_no),
      itemId: l.item_id,
      sku: l.sku,
      qty: l.qty,
    }));
    await reserveLines(trx, doc, doc.warehouse_id ?? '', lines, actor);
    await moveDocument(trx, doc, 'confirm', 'confirmed', actor);
    return this.get(doc.id, trx);
  }

  /** Ships everything: out of the source at FIFO cost, into the destination's in transit with that cost. */
  async ship(trx: Trx, c: ActionContext<unknown>): Promise<Transfer> {
    authorize(c.principal, 'transfer.manage', c.body);
    const doc = await lockDocument(trx, TYPE, c);
    allowed(TRANSFER, doc, 'ship');
    const actor = actorOf(c.principal, this.clock);
    const lines = await linesOf(trx, doc.id);
    const from = doc.warehouse_id ?? '';
    const to = doc.to_warehouse_id ?? '';
    const entries = await post(
      trx,
      { type: TYPE, id: doc.id },
      actor,
      lines.map((l) => ({
        direction: 'out' as const,
        type: 'transfer_out' as const,
        line: Number(l.line_no),
        itemId: l.item_id,
        warehouseId: from,
        qty: l.qty,
        fromReserved: l.qty,
        layers: l.expiry_tracked === 1n ? { kind: 'fefo' as const } : { kind: 'fifo' as const },
      })),
    );
    for (const [i, l] of lines.entries()) {
      await drawDocumentReservation(trx, doc.id, l.line_no, l.qty, actor.at);
      const owner = { documentId: doc.id, line: l.line_no, kind: 'in_transit' as const, itemId: l.item_id };
      await keepLots(trx, { ...owner, warehouseId: to }, entries[i]?.takes ?? []);
      await this.moveInTransit(trx, doc, l, l.qty, actor);
      await advanceLine(trx, doc.id, l.line_no, { done: l.qty });
    }
    await moveDocument(trx, doc, 'ship', 'shipped', actor);
    return this.get(doc.id, trx);
  }

  /** Receives at the destination what arrived (everything in transit without lines), at the cost it left with. */
  async receive(trx: Trx, c: ActionContext<z.infer<typeof transferReceive>>): Promise<Transfer> {
    authorize(c.principal, 'transfer.manage', c.body);
    const doc = await lockDocument(trx, TYPE, c);
    allowed(TRANSFER, doc, 'receive');
    const actor = actorOf(c.principal, this.clock);
    const lines = await linesOf(trx, doc.id);
    const wanted =
      c.body?.lines ??
      lines
        .filter((l) => inTransitOf(l) > 0n)
        .map((l) => ({ sku: l.sku, qty: qtyOut(inTransitOf(l)), line: Number(l.line_no) }));
    const allocations = allocateLines(wanted, lines, inTransitOf);
    await this.arrive(
      trx,
      doc,
      allocations.map((a) => ({ line: a.line, qty: a.qty, bin: a.input.bin ?? null })),
      actor,
      null,
    );
    await moveByProgress(
      trx,
      doc,
      'receive',
      { partial: 'partially_received', full: 'received' },
      inTransitOf,
      actor,
    );
    return this.get(doc.id, trx);
  }

  /** After a short receipt: what never arrived is written off as a loss at the cost it left with. */
  async close(trx: Trx, c: ActionContext<{ reason: string }>): Promise<Transfer> {
    authorize(c.principal, 'transfer.manage', c.body);
    const doc = await lockDocument(trx, TYPE, c);
    allowed(TRANSFER, doc, 'close');
    const actor = actorOf(c.principal, this.clock);
    const missing = (await linesOf(trx, doc.id))
      .filter((l) => inTransitOf(l) > 0n)
      .map((line) => ({ line, qty: inTransitOf(line), bin: null }));
    await this.arrive(trx, doc, missing, actor, c.body.reason);
    await moveDocument(trx, doc, 'close', 'closed', actor, { reason: c.body.reason });
    return this.get(doc.id, trx);
  }

  /** Cancels before shipping: what was reserved at the source is released. */
  async cancel(trx: Trx, c: ReasonContext): Promise<Transfer> {
    authorize(c.principal, 'transfer.manage', c.body);
    const doc = await lockDocument(trx, TYPE, c);
    allowed(TRANSFER, doc, 'cancel');
    const actor = actorOf(c.principal, this.clock);
    await releaseDocumentReservations(trx, doc.id, actor.at);
    const reason = c.body?.reason;
    await moveDocument(trx, doc, 'cancel', 'cancelled', actor, reason ? { reason } : {});
    return this.get(doc.id, trx);
  }

  async get(id: string, db: Kysely<DB> = this.db): Promise<Transfer> {
    const loaded = await loadDocument(db, TYPE, id);
    const { head, lines } = loaded;
    const reservedBy = await reservedByLine(db, id);
    const shipped = await entryValuesByLine(db, { type: TYPE, id }, ['transfer_out']);
    return {
      ...headView(loaded, TRANSFER),
      from: head.warehouse_code ?? '',
      fromId: head.warehouse_id ?? '',
      to: head.to_warehouse_code ?? '',
      toId: head.to_warehouse_id ?? '',
      reason: head.reason,
      totalQty: qtyOut(lines.reduce((acc, l) => acc + l.qty, 0n)),
      value: moneyOut(-[...shipped.values()].reduce((acc, v) => acc + v, 0n)),
      lines: lines.map((l) => ({
        line: Number(l.line_no),
        sku: l.sku,
        itemId: l.item_id,
        qty: qtyOut(l.qty),
        reservedQty: qtyOut(reservedBy.get(l.line_no) ?? 0n),
        shippedQty: qtyOut(l.done_qty),
        receivedQty: qtyOut(l.received_qty),
        inTransitQty: qtyOut(inTransitOf(l)),
        lostQty: qtyOut(l.closed_qty),
      })),
    };
  }

  list(
    query: z.infer<typeof transferQuery>,
    bounds: { from: number | null; to: number | null },
    scope: WarehouseScope,
  ) {
    return listDocuments(this.db, TYPE, { ...query, scope }, bounds, (id) => this.get(id));
  }

  /**
   * Brings lines' goods out of transit into the destination at the cost they left with. With a
   * loss reason they are lost instead: they come in on paper (`transfer_in`) and go out at once as
   * `loss` from exactly those layers, so the destination's on hand is unchanged and both books tie.
   */
  private async arrive(
    trx: Trx,
    doc: DocumentRow,
    arrivals: readonly { line: LineWithItem; qty: bigint; bin: string | null }[],
    actor: Actor,
    lossReason: string | null,
  ): Promise<void> {
    const to = doc.to_warehouse_id ?? '';
    for (const a of arrivals) {
      const takes = await takeLots(trx, doc.id, a.line.line_no, 'in_transit', a.qty);
      const line = Number(a.line.line_no);
      const base = {
        type: 'transfer_in' as const,
        line,
        itemId: a.line.item_id,
        warehouseId: to,
        bin: a.bin,
      };
      const entries = await post(trx, { type: TYPE, id: doc.id }, actor, lotsComingIn(takes, base));
      if (lossReason !== null) {
        const seqs = entries.map((e) => e.seq);
        await post(trx, { type: TYPE, id: doc.id }, actor, [
          {
            direction: 'out',
            type: 'loss',
            line,
            itemId: a.line.item_id,
            warehouseId: to,
            qty: a.qty,
            reason: lossReason,
            layers: { kind: 'entries', seqs },
          },
        ]);
      }
      await this.moveInTransit(trx, doc, a.line, -a.qty, actor);
      await advanceLine(
        trx,
        doc.id,
        a.line.line_no,
        lossReason === null ? { received: a.qty } : { closed: a.qty },
      );
    }
  }

  private async moveInTransit(trx: Trx, doc: DocumentRow, line: LineWithItem, delta: bigint, actor: Actor) {
    const to = doc.to_warehouse_id ?? '';
    if (!(await shiftSideQuantity(trx, line.item_id, to, 'in_transit', delta, actor.at)))
      throw new Error(`in transit of ${line.sku} would go below 0 on ${doc.number}`);
  }

  private async ends(trx: Trx, from: string, to: string) {
    const errors: { path: string; message: string }[] = [];
    const fromId = await this.references.warehouse(from, trx);
    const toId = await this.references.warehouse(to, trx);
    if (!fromId) errors.push({ path: 'from', message: `warehouse ${from} does not exist` });
    if (!toId) errors.push({ path: 'to', message: `warehouse ${to} does not exist` });
    if (fromId && fromId === toId)
      errors.push({ path: 'to', message: 'must be another warehouse than from' });
    if (errors.length > 0) throw invalid(errors);
    return { warehouse_id: fromId, to_warehouse_id: toId };
  }

  private async resolveLines(trx: Trx, lines: readonly { sku: string; qty: number }[]): Promise<NewLine[]> {
    const { itemIds } = await this.references.resolve(null, skuPaths(lines), trx);
    return lines.map((l, i) => ({ item_id: itemIds[i] ?? '', qty: toQty(l.qty) }));
  }

  private async codeOf(trx: Trx, id: string | null): Promise<string> {
    const row = await trx
      .selectFrom('warehouses')
      .select('code')
      .where('id', '=', id ?? '')
      .executeTakeFirst();
    return row?.code ?? '';
  }
}

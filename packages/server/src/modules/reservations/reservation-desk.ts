import type { Quantity } from '@onhand/domain';
import type { Database } from '../../db/connect';
import { GroupCommit } from '../../db/group-commit';
import { newId } from '../../db/ids';
import { type HttpResult, type IdempotencyClaim, IdempotencyGuard } from '../../http/idempotency';
import { availableOf, reserveGuarded } from '../../ledger/balances';
import { type ExpiredReservation, expireDue } from '../../ledger/reservations';
import type { Trx } from '../../ledger/types';
import { appendAudit } from '../audit/audit-append';
import { type AuditActor, type AuditEntry, contentOf } from '../audit/audit-entry';
import { expiryEntries } from './reservation-audit';
import { type GrantWriter, grantWriterFor, type ReservationRow } from './whole-grant';

/** A request to reserve stock of one SKU in one warehouse. */
export interface ReserveRequest {
  itemId: string;
  sku: string;
  warehouseId: string;
  warehouse: string;
  qty: Quantity;
  reference: string;
  expiresAt: number | null;
  user: { id: string; email: string } | null;
  at: number;
  claim: IdempotencyClaim | null;
  /** Who asks and from where, for the audit log. */
  actor: AuditActor;
}

/** What the desk decided for a reservation request. */
export type ReserveDecision =
  | { kind: 'reserved'; id: string }
  | { kind: 'insufficient'; available: Quantity };

/** A decision, or that the request's Idempotency-Key already has a recorded response. */
type Settled = ReserveDecision | { kind: 'recorded' };

/** What became of a reservation request: its answer, or that a recorded response is to be replayed. */
export type ReserveOutcome = { kind: 'answered'; result: HttpResult } | { kind: 'recorded' };

const RETRIES = 5;

function reservationRow(r: ReserveRequest, id: string): ReservationRow {
  return {
    id,
    item_id: r.itemId,
    warehouse_id: r.warehouseId,
    qty: r.qty,
    reference: r.reference,
    status: 'active',
    expires_at: r.expiresAt,
    created_at: r.at,
    created_by: r.user?.id ?? null,
    ended_at: null,
  };
}

/** The indices of the requests of each SKU × warehouse, in the order balance rows are locked. */
function bySku(requests: readonly ReserveRequest[], indices: Iterable<number>): number[][] {
  const groups = new Map<string, number[]>();
  for (const i of indices) {
    const r = requests[i];
    if (!r) continue;
    const key = `${r.itemId}\u0000${r.warehouseId}`;
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  }
  // Balance rows are locked in item order, as `post` does, so a batch cannot deadlock with a document.
  return [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, group]) => group);
}

/**
 * Reservations at flash-sale rates without giving up durability: requests that arrive together
 * are granted together. First each SKU's requests as a whole — one durable write of the guarded
 * UPDATE for their sum, their rows and their idempotency records (on the embedded database on
 * its writer thread, on PostgreSQL in one statement). What that does not settle (the stock does
 * not cover the sum, a key is recorded already) goes to one transaction: one guarded UPDATE per
 * SKU (when not all fit, in arrival order, each that still fits), one insert for the rows and one
 * for the idempotency records.
 */
export class ReservationDesk {
  private readonly group: GroupCommit<ReserveRequest, ReserveOutcome>;
  private readonly writeWhole: GrantWriter;

  constructor(
    database: Database,
    private readonly idempotency: IdempotencyGuard,
    private readonly respond: (request: ReserveRequest, decision: ReserveDecision) => HttpResult,
  ) {
    this.writeWhole = grantWriterFor(database);
    this.group = new GroupCommit(database.db, (trx, requests) => this.handle(trx, requests), {
      // Batches being written at once. The writer thread commits all that wait for it together,
      // so more batches in flight mean more reservations per fsync; on PostgreSQL the statements
      // of one hot SKU queue on its row, and two keep the next one ready.
      lanes: database.writer ? 4 : 2,
      first: (requests) => this.grantWhole(requests),
    });
  }

  /** Reserves, or refuses for want of stock; resolves once the decision is durable. */
  reserve(request: ReserveRequest): Promise<ReserveOutcome> {
    return this.group.submit(request);
  }

  /** Grants each SKU's requests whole where the stock covers them; leaves the rest undefined. */
  private async grantWhole(requests: readonly ReserveRequest[]): Promise<(ReserveOutcome | undefined)[]> {
    const outcomes: (ReserveOutcome | undefined)[] = new Array(requests.length);
    for (const indices of bySku(requests, requests.keys())) {
      const granted = indices.flatMap((index) => {
        const r = requests[index];
        if (!r) return [];
        const id = newId(r.at);
        return [{ index, r, id, result: this.answer(r, { kind: 'reserved', id }) }];
      });
      const first = granted[0]?.r;
      if (!first) continue;
      const written = await this.writeWhole({
        itemId: first.itemId,
        warehouseId: first.warehouseId,
        total: granted.reduce((acc, { r }) => acc + r.qty, 0n),
        at: first.at,
        reservations: granted.map(({ r, id }) => reservationRow(r, id)),
        records: this.idempotency.rowsOf(
          granted.flatMap(({ r, result }) => (r.claim ? [{ claim: r.claim, result }] : [])),
        ),
        audit: granted.map(({ r, id, result }) => contentOf(this.entryOf(r, id, result))),
        // A write that failed wrote nothing: the transaction takes these requests and meets the error again.
      }).catch(() => false);
      if (written) for (const { index, result } of granted) outcomes[index] = { kind: 'answered', result };
    }
    return outcomes;
  }

  /** The answer to a decision, with its JSON text made once for the record and the response. */
  private answer(r: ReserveRequest, decision: ReserveDecision): HttpResult {
    const result = this.respond(r, decision);
    return { ...result, json: JSON.stringify(result.body) };
  }

  private async handle(trx: Trx, requests: readonly ReserveRequest[]): Promise<ReserveOutcome[]> {
    const settled: Settled[] = new Array(requests.length);
    const claims = requests.flatMap((r) => (r.claim ? [r.claim] : []));
    const recorded =
      claims.length > 0 ? await this.idempotency.recordedAmong(trx, claims) : new Set<string>();
    const fresh = requests.flatMap((r, i) => {
      if (r.claim && IdempotencyGuard.holds(recorded, r.claim)) {
        settled[i] = { kind: 'recorded' };
        return [];
      }
      return [i];
    });
    const expired: ExpiredReservation[] = [];
    for (const indices of bySku(requests, fresh)) await this.grant(trx, requests, indices, settled, expired);

    const granted = requests.flatMap((r, i) => {
      const s = settled[i];
      return s?.kind === 'reserved' ? [{ r, id: s.id }] : [];
    });
    for (let i = 0; i < granted.length; i += 500) {
      await trx
        .insertInto('reservations')
        .values(granted.slice(i, i + 500).map(({ r, id }) => reservationRow(r, id)))
        .execute();
    }
    const outcomes = requests.map((r, i): ReserveOutcome => {
      const s = settled[i];
      return !s || s.kind === 'recorded'
        ? { kind: 'recorded' }
        : { kind: 'answered', result: this.answer(r, s) };
    });
    await this.idempotency.record(
      trx,
      requests.flatMap((r, i) => {
        const outcome = outcomes[i];
        return r.claim && outcome?.kind === 'answered' ? [{ claim: r.claim, result: outcome.result }] : [];
      }),
    );
    const at = requests[0]?.at ?? 0;
    await appendAudit(trx, [
      ...expiryEntries(expired, at),
      ...requests.flatMap((r, i) => {
        const s = settled[i];
        const outcome = outcomes[i];
        return s?.kind === 'reserved' && outcome?.kind === 'answered'
          ? [this.entryOf(r, s.id, outcome.result)]
          : [];
      }),
    ]);
    return outcomes;
  }

  /** The audit entry of a granted request: the reservation it made, as its answer shows it. */
  private entryOf(r: ReserveRequest, id: string, result: HttpResult): AuditEntry {
    return {
      at: r.at,
      actor: r.actor,
      action: 'reservation.create',
      entity: 'reservation',
      entityId: id,
      before: null,
      after: result.body,
    };
  }

  /** Grants the requests of one SKU × warehouse: all at once when they fit, else in arrival order. */
  private async grant(
    trx: Trx,
    requests: readonly ReserveRequest[],
    indices: number[],
    outcomes: Settled[],
    expired: ExpiredReservation[],
  ): Promise<void> {
    const first = requests[indices[0] ?? 0];
    if (!first) return;
    const { itemId, warehouseId, at } = first;
    const total = indices.reduce((acc, i) => acc + (requests[i]?.qty ?? 0n), 0n);
    if (await reserveGuarded(trx, itemId, warehouseId, total, at)) {
      for (const i of indices) outcomes[i] = { kind: 'reserved', id: newId(at) };
      return;
    }
    // Not all fit: free what has expired, then grant in arrival order what the guard allows.
    expired.push(...(await expireDue(trx, at, { itemId, warehouseId })));
    for (let attempt = 0; attempt < RETRIES; attempt++) {
      let left = await availableOf(trx, itemId, warehouseId);
      const fits: number[] = [];
      const refused: { index: number; available: Quantity }[] = [];
      for (const i of indices) {
        const qty = requests[i]?.qty ?? 0n;
        if (qty <= left) {
          fits.push(i);
          left -= qty;
        } else refused.push({ index: i, available: left });
      }
      const sum = fits.reduce((acc, i) => acc + (requests[i]?.qty ?? 0n), 0n);
      if (sum === 0n || (await reserveGuarded(trx, itemId, warehouseId, sum, at))) {
        for (const i of fits) outcomes[i] = { kind: 'reserved', id: newId(at) };
        for (const { index, available } of refused) outcomes[index] = { kind: 'insufficient', available };
        return;
      }
      // Another process took stock between the read and the guarded write: read again.
    }
    for (const i of indices)
      outcomes[i] = { kind: 'insufficient', available: await availableOf(trx, itemId, warehouseId) };
  }
}

import type { Quantity } from '@onhand/domain';
import type { Kysely } from 'kysely';
import { GroupCommit } from '../../db/group-commit';
import { newId } from '../../db/ids';
import type { DB } from '../../db/schema';
import { type HttpResult, type IdempotencyClaim, IdempotencyGuard } from '../../http/idempotency';
import { availableOf, reserveGuarded } from '../../ledger/balances';
import { expireDue } from '../../ledger/reservations';
import type { Trx } from '../../ledger/types';

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
}

/** What became of a reservation request. */
export type ReserveOutcome =
  | { kind: 'reserved'; id: string }
  | { kind: 'insufficient'; available: Quantity }
  /** Its Idempotency-Key already has a recorded response: replay that. */
  | { kind: 'recorded' };

const RETRIES = 5;

/**
 * Reservations at flash-sale rates without giving up durability: requests that arrive together
 * are granted in one transaction, one guarded UPDATE per SKU for their sum (when not all fit, in
 * arrival order, each that still fits), one insert for their rows and one for their idempotency records.
 */
export class ReservationDesk {
  private readonly group: GroupCommit<ReserveRequest, ReserveOutcome>;

  constructor(
    db: Kysely<DB>,
    private readonly idempotency: IdempotencyGuard,
    private readonly respond: (request: ReserveRequest, outcome: ReserveOutcome) => HttpResult,
  ) {
    this.group = new GroupCommit(db, (trx, requests) => this.handle(trx, requests));
  }

  /** Reserves, or refuses for want of stock; resolves once the decision is durable. */
  reserve(request: ReserveRequest): Promise<ReserveOutcome> {
    return this.group.submit(request);
  }

  private async handle(trx: Trx, requests: readonly ReserveRequest[]): Promise<ReserveOutcome[]> {
    const outcomes: ReserveOutcome[] = new Array(requests.length);
    const claims = requests.flatMap((r) => (r.claim ? [r.claim] : []));
    const recorded =
      claims.length > 0 ? await this.idempotency.recordedAmong(trx, claims) : new Set<string>();
    const groups = new Map<string, number[]>();
    requests.forEach((r, i) => {
      if (r.claim && IdempotencyGuard.holds(recorded, r.claim)) {
        outcomes[i] = { kind: 'recorded' };
        return;
      }
      const key = `${r.itemId}\u0000${r.warehouseId}`;
      const group = groups.get(key);
      if (group) group.push(i);
      else groups.set(key, [i]);
    });
    // Balance rows are locked in item order, as `post` does, so a batch cannot deadlock with a document.
    const ordered = [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [, indices] of ordered) await this.grant(trx, requests, indices, outcomes);

    const granted = requests.flatMap((r, i) => {
      const o = outcomes[i];
      return o?.kind === 'reserved' ? [{ r, id: o.id }] : [];
    });
    for (let i = 0; i < granted.length; i += 500) {
      await trx
        .insertInto('reservations')
        .values(
          granted.slice(i, i + 500).map(({ r, id }) => ({
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
          })),
        )
        .execute();
    }
    await this.idempotency.record(
      trx,
      requests.flatMap((r, i) => {
        const outcome = outcomes[i];
        return r.claim && outcome && outcome.kind !== 'recorded'
          ? [{ claim: r.claim, result: this.respond(r, outcome) }]
          : [];
      }),
    );
    return outcomes;
  }

  /** Grants the requests of one SKU × warehouse: all at once when they fit, else in arrival order. */
  private async grant(
    trx: Trx,
    requests: readonly ReserveRequest[],
    indices: number[],
    outcomes: ReserveOutcome[],
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
    await expireDue(trx, at, { itemId, warehouseId });
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

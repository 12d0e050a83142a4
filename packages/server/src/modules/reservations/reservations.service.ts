import type { Reservation, reservationCreate, reservationQuery } from '@onhand/contracts';
import { QTY_SCALE, toJsonNumber, qty as toQty } from '@onhand/domain';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/connect';
import type { DB } from '../../db/schema';
import { isoOrNull, isoOut, qtyOut } from '../../http/format';
import {
  type HttpResult,
  type IdempotencyClaim,
  type IdempotencyGuard,
  RECORDED_ELSEWHERE,
} from '../../http/idempotency';
import { DEFAULT_LIMIT, decodeCursor, toPage } from '../../http/pagination';
import { invalid, notFound, Problem } from '../../http/problem';
import { endReservation, expireDue } from '../../ledger/reservations';
import type { Trx } from '../../ledger/types';
import { appendAudit } from '../audit/audit-append';
import type { AuditActor } from '../audit/audit-entry';
import { authorize } from '../auth/authorize';
import type { Principal } from '../auth/principal';
import { visible, type WarehouseScope } from '../auth/warehouse-scope';
import type { References } from '../references';
import { expiryEntries } from './reservation-audit';
import { ReservationDesk, type ReserveDecision, type ReserveRequest } from './reservation-desk';

function reservationOf(r: ReserveRequest, id: string): Reservation {
  return {
    id,
    sku: r.sku,
    itemId: r.itemId,
    warehouse: r.warehouse,
    warehouseId: r.warehouseId,
    qty: qtyOut(r.qty),
    reference: r.reference,
    status: 'active',
    expiresAt: isoOrNull(r.expiresAt),
    createdAt: isoOut(r.at),
    endedAt: null,
    createdBy: r.user,
  };
}

/** The HTTP answer to a reservation decision (also what an Idempotency-Key replays). */
function respond(r: ReserveRequest, decision: ReserveDecision): HttpResult {
  if (decision.kind === 'reserved') return { status: 201, body: reservationOf(r, decision.id) };
  const { available } = decision;
  const problem = new Problem(
    'insufficient_stock',
    `only ${toJsonNumber(available, QTY_SCALE)} of ${r.sku} available in ${r.warehouse}`,
    {
      errors: [
        {
          path: 'qty',
          message: 'is more than is available',
          sku: r.sku,
          warehouse: r.warehouse,
          requested: qtyOut(r.qty),
          available: qtyOut(available),
        },
      ],
    },
  );
  return { status: problem.status, body: problem.toBody() };
}

/** Reservations (锁定): stock promised to an order but not yet gone. */
export class ReservationService {
  private readonly desk: ReservationDesk;
  private readonly db: Kysely<DB>;

  constructor(
    database: Database,
    private readonly references: References,
    private readonly idempotency: IdempotencyGuard,
    private readonly clock: () => number,
  ) {
    this.db = database.db;
    this.desk = new ReservationDesk(database, idempotency, respond);
  }

  /** Reserves stock; the answer is 201 with the reservation or 409 insufficient_stock. */
  async reserve(
    input: z.infer<typeof reservationCreate>,
    principal: Principal,
    claim: IdempotencyClaim | null,
    actor: AuditActor,
  ): Promise<HttpResult> {
    authorize(principal, 'reservation.manage', input);
    const at = this.clock();
    const expiresAt = input.expiresAt === undefined ? null : Date.parse(input.expiresAt);
    if (expiresAt !== null && expiresAt <= at)
      throw invalid([{ path: 'expiresAt', message: 'must be in the future' }]);
    const { warehouseId, itemIds } = await this.references.resolve(
      { path: 'warehouse', code: input.warehouse },
      [{ path: 'sku', sku: input.sku }],
    );
    const request: ReserveRequest = {
      itemId: itemIds[0] ?? '',
      sku: input.sku,
      warehouseId,
      warehouse: input.warehouse,
      qty: toQty(input.qty),
      reference: input.reference,
      expiresAt,
      user: { id: principal.userId, email: principal.email },
      at,
      claim,
      actor,
    };
    return this.idempotency.run(
      claim,
      async () => {
        const outcome = await this.desk.reserve(request);
        return outcome.kind === 'recorded' ? RECORDED_ELSEWHERE : outcome.result;
      },
      false,
    );
  }

  async get(id: string, db: Kysely<DB> = this.db): Promise<Reservation> {
    if (db === this.db) await this.expireIfDue(id);
    const [row] = await this.select(db).where('reservations.id', '=', id).execute();
    if (!row) throw notFound('reservation', id);
    return this.toReservation(row);
  }

  async list(query: z.infer<typeof reservationQuery>, scope: WarehouseScope) {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = decodeCursor(query.cursor, ['string']);
    let q = this.select();
    if (query.sku) q = q.where('items.sku', '=', query.sku);
    if (query.warehouse) q = q.where('warehouses.code', '=', query.warehouse);
    if (query.status) q = q.where('reservations.status', '=', query.status);
    if (scope) q = q.where('warehouses.code', 'in', scope.length > 0 ? [...scope] : ['']);
    if (query.reference) q = q.where('reservations.reference', '=', query.reference);
    if (after) q = q.where('reservations.id', '<', String(after[0]));
    const rows = await q
      .orderBy('reservations.id', 'desc')
      .limit(limit + 1)
      .execute();
    return toPage(
      rows,
      limit,
      (r) => [r.id],
      (r) => this.toReservation(r),
    );
  }

  /** Gives the stock back; releasing a released reservation again answers the same. */
  async release(trx: Trx, id: string, p: Principal): Promise<void> {
    authorize(p, 'reservation.manage');
    visible(await this.get(id, trx), p.warehouses, 'reservation');
    const held = await trx
      .selectFrom('reservations')
      .select('document_id')
      .where('id', '=', id)
      .executeTakeFirst();
    if (held?.document_id)
      throw new Problem(
        'conflict',
        `this reservation belongs to document ${held.document_id}: cancel the document instead`,
        {
          documentId: held.document_id,
        },
      );
    const outcome = await endReservation(trx, id, 'released', this.clock());
    if (outcome === null) throw notFound('reservation', id);
    if (!outcome.ended && outcome.status !== 'released') {
      throw new Problem(
        'invalid_state',
        `the reservation is ${outcome.status}; only an active one can be released`,
        { currentStatus: outcome.status },
      );
    }
  }

  /** Releases every reservation past its expiry, recording each in the audit log; run by a background job. */
  expireDue(): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const at = this.clock();
      const expired = await expireDue(trx, at);
      await appendAudit(trx, expiryEntries(expired, at));
      return expired.length;
    });
  }

  private async expireIfDue(id: string): Promise<void> {
    const row = await this.db
      .selectFrom('reservations')
      .select(['status', 'expires_at', 'item_id', 'warehouse_id'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (row?.status === 'active' && row.expires_at !== null && Number(row.expires_at) <= this.clock()) {
      const at = this.clock();
      await this.db.transaction().execute(async (trx) => {
        const outcome = await endReservation(trx, id, 'expired', at);
        if (outcome?.ended) await appendAudit(trx, expiryEntries([{ id, ...row }], at));
      });
    }
  }

  private select(db: Kysely<DB> = this.db) {
    return db
      .selectFrom('reservations')
      .innerJoin('items', 'items.id', 'reservations.item_id')
      .innerJoin('warehouses', 'warehouses.id', 'reservations.warehouse_id')
      .leftJoin('users', 'users.id', 'reservations.created_by')
      .select([
        'reservations.id',
        'reservations.item_id',
        'reservations.warehouse_id',
        'reservations.qty',
        'reservations.reference',
        'reservations.status',
        'reservations.expires_at',
        'reservations.created_at',
        'reservations.ended_at',
        'items.sku',
        'warehouses.code as warehouse',
        'users.id as user_id',
        'users.email as user_email',
      ]);
  }

  private toReservation(
    r: Awaited<ReturnType<ReturnType<ReservationService['select']>['execute']>>[number],
  ): Reservation {
    return {
      id: r.id,
      sku: r.sku,
      itemId: r.item_id,
      warehouse: r.warehouse,
      warehouseId: r.warehouse_id,
      qty: qtyOut(r.qty),
      reference: r.reference,
      status: r.status as Reservation['status'],
      expiresAt: isoOrNull(r.expires_at),
      createdAt: isoOut(r.created_at),
      endedAt: isoOrNull(r.ended_at),
      createdBy: r.user_id && r.user_email ? { id: r.user_id, email: r.user_email } : null,
    };
  }
}

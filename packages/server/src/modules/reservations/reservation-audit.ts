import type { ExpiredReservation } from '../../ledger/reservations';
import { type AuditEntry, SYSTEM_ACTOR } from '../audit/audit-entry';

/** The audit entries of reservations that expired: the system ended them. */
export function expiryEntries(expired: readonly ExpiredReservation[], at: number): AuditEntry[] {
  return expired.map((r) => ({
    at,
    actor: SYSTEM_ACTOR,
    action: 'reservation.expire',
    entity: 'reservation',
    entityId: r.id,
    before: { status: 'active' },
    after: { id: r.id, itemId: r.item_id, warehouseId: r.warehouse_id, status: 'expired' },
  }));
}

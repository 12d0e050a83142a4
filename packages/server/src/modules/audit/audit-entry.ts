import type { AuditContent, AuditSource } from './audit-chain';

/** Who writes and from where, as every audit entry records it. */
export interface AuditActor {
  /** Null for the system itself (background jobs). */
  userId: string | null;
  source: AuditSource;
}

/** The actor of background jobs (reservation expiry). */
export const SYSTEM_ACTOR: AuditActor = { userId: null, source: { ip: null, via: 'system', id: null } };

/** One write to record: who, when, what, and the record before and after it. */
export interface AuditEntry {
  at: number;
  actor: AuditActor;
  /** `<entity>.<verb>`: `item.update`, `purchase_order.approve`, `auth.login` … */
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

/** Keys whose values are never written to the audit log, wherever they appear. */
const SECRET_KEYS = new Set([
  'password',
  'currentPassword',
  'newPassword',
  'passwordHash',
  'password_hash',
  'token',
  'token_hash',
  'secret',
  'otpauthUrl',
  'totp_secret',
  'totp_pending_secret',
  'recoveryCodes',
  'csrfToken',
]);

/** JSON of a record with its secrets left out (bigints as decimal text); null for none. */
function stateJson(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return JSON.stringify(value, (key, v: unknown) =>
    SECRET_KEYS.has(key) ? undefined : typeof v === 'bigint' ? v.toString() : v,
  );
}

/** The warehouses a record belongs to: its `warehouseId`, or a transfer's `fromId` and `toId`. */
function warehousesOf(entity: string, entityId: string, state: unknown): [string | null, string | null] {
  if (entity === 'warehouse') return [entityId, null];
  if (typeof state !== 'object' || state === null) return [null, null];
  const s = state as { warehouseId?: unknown; fromId?: unknown; toId?: unknown };
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  return text(s.warehouseId) !== null ? [text(s.warehouseId), null] : [text(s.fromId), text(s.toId)];
}

/** The row content of an entry, ready to be chained. */
export function contentOf(e: AuditEntry): AuditContent {
  const [warehouseId, toWarehouseId] = warehousesOf(e.entity, e.entityId, e.after ?? e.before);
  return {
    at: BigInt(e.at),
    user_id: e.actor.userId,
    source: JSON.stringify(e.actor.source),
    action: e.action,
    entity: e.entity,
    entity_id: e.entityId,
    warehouse_id: warehouseId,
    to_warehouse_id: toWarehouseId,
    before_state: stateJson(e.before),
    after_state: stateJson(e.after),
  };
}

import type { Approval, ApprovalAction } from '@onhand/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { flagOut, isoOrNull, isoOut, moneyOut } from '../../http/format';
import type { KeptRequest } from './approvable-actions';

/** Keys of a kept request never shown back (a new person's password hash). */
const HIDDEN_REQUEST_KEYS = ['passwordHash'];

/** Approvals with their warehouse code and the e-mails of their maker and decider. */
export function selectApprovals(db: Kysely<DB>) {
  return db
    .selectFrom('approvals as a')
    .leftJoin('warehouses as w', 'w.id', 'a.warehouse_id')
    .leftJoin('users as m', 'm.id', 'a.maker_id')
    .leftJoin('users as d', 'd.id', 'a.decided_by')
    .selectAll('a')
    .select(['w.code as warehouse', 'm.email as maker_email', 'd.email as decider_email']);
}

/** An approval as read by `selectApprovals`. */
export type ApprovalRow = Awaited<ReturnType<ReturnType<typeof selectApprovals>['executeTakeFirstOrThrow']>>;

/** The request an approval keeps, as its action runs it. */
export function keptOf(row: ApprovalRow): KeptRequest {
  return {
    target: { type: row.target_type, id: row.target_id },
    body: JSON.parse(row.body) as unknown,
    version: row.target_version === null ? null : Number(row.target_version),
  };
}

/** An approval as the API shows it. */
export function viewOf(r: ApprovalRow): Approval {
  const request = JSON.parse(r.body) as unknown;
  if (request !== null && typeof request === 'object')
    for (const key of HIDDEN_REQUEST_KEYS) delete (request as Record<string, unknown>)[key];
  return {
    id: r.id,
    action: r.action as ApprovalAction,
    status: r.status as Approval['status'],
    target: { type: r.target_type, id: r.target_id },
    warehouse: r.warehouse,
    warehouseId: r.warehouse_id,
    value: r.value === null ? null : moneyOut(r.value),
    requireTotp: flagOut(r.require_totp),
    request,
    maker: r.maker_email === null ? null : { id: r.maker_id, email: r.maker_email },
    createdAt: isoOut(r.created_at),
    decidedBy:
      r.decided_by === null || r.decider_email === null ? null : { id: r.decided_by, email: r.decider_email },
    decidedAt: isoOrNull(r.decided_at),
    reason: r.reason,
    result: r.result === null ? null : (JSON.parse(r.result) as unknown),
  };
}

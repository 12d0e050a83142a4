import type { Approval, ApprovalAction, approvalQuery } from '@onhand/contracts';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { newId } from '../../db/ids';
import type { DB } from '../../db/schema';
import { flagOut } from '../../http/format';
import type { HttpResult } from '../../http/idempotency';
import { DEFAULT_LIMIT, decodeCursor, toPage } from '../../http/pagination';
import { notFound, Problem } from '../../http/problem';
import type { Trx } from '../../ledger/types';
import type { Principal } from '../auth/principal';
import { requirePermission } from '../auth/principal';
import { requireFreshCode } from '../auth/second-factor';
import { inScope, scopedWarehouseIds } from '../auth/warehouse-scope';
import type { ActionRequest, ApprovableAction, Weighed } from './approvable-actions';
import type { ApprovalRuleService } from './approval-rules.service';
import { type ApprovalRow, keptOf, selectApprovals, viewOf } from './approval-view';
import { withdrawApprovals } from './withdraw';

/** Where a caller sends a TOTP code with the action itself (the approve body takes `totp`). */
export const TOTP_HEADER = 'X-TOTP-Code';

/**
 * Maker–checker (审批): an action a rule puts behind a second person is kept, not done, and runs
 * exactly once when another person who may do it approves — in the transaction that marks the
 * approval approved. A rejection changes nothing else.
 */
export class ApprovalService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly rules: ApprovalRuleService,
    private readonly actions: Record<ApprovalAction, ApprovableAction>,
    private readonly clock: () => number,
  ) {}

  /**
   * Lets an action through, or answers for it. A target that already waits for an approval of
   * this very request goes through it: its maker hears `202` again, anyone else who may do the action
   * decides it here. Otherwise, with no rule applying: null (go on). A rule that demands only a
   * TOTP code: the caller's code (X-TOTP-Code) is checked, then null. A rule that demands a second
   * person: the request is kept and `202 approval_required` answered.
   */
  async gate(trx: Trx, r: ActionRequest, totp: string | undefined): Promise<HttpResult | null> {
    const action = this.actions[r.action];
    // Only someone who may do it can ask for it: a held action never reaches its own service.
    requirePermission(r.principal, action.permission);
    const body = JSON.stringify(r.body ?? null);
    const waiting = await this.waiting(trx, r, body);
    if (waiting && !(await this.withdrawnAsStale(trx, waiting, r))) return this.answer(trx, waiting, r, totp);
    const demand = await this.rules.demand(trx, r.action, () => action.weigh(trx, r));
    if (!demand) return null;
    if (!demand.secondPerson) {
      await requireFreshCode(trx, r.principal, totp, TOTP_HEADER, this.clock());
      return null;
    }
    if (action.permitsMaker && (await this.usePermit(trx, r, body))) return null;
    const maker = action.makerOf ? await action.makerOf(trx, r) : r.principal.userId;
    return this.answer(trx, await this.keep(trx, r, body, demand, maker), r, totp);
  }

  /**
   * Opens the approval of an action asked for now and decided later on its own route (a submitted
   * purchase order), when a rule demands a second person for it.
   */
  async open(trx: Trx, r: ActionRequest): Promise<void> {
    const demand = await this.rules.demand(trx, r.action, () => this.actions[r.action].weigh(trx, r));
    if (demand?.secondPerson)
      await this.keep(trx, r, JSON.stringify(r.body ?? null), demand, r.principal.userId);
  }

  /**
   * The pending approval of this very request: on its target, or — for an action that makes its
   * target — asked for by the same person.
   */
  private async waiting(trx: Trx, r: ActionRequest, body: string): Promise<string | null> {
    if (r.target.id !== null) return this.pendingFor(trx, r.action, r.target.id, body);
    const row = await trx
      .selectFrom('approvals')
      .select('id')
      .where('action', '=', r.action)
      .where('target_type', '=', r.target.type)
      .where('target_id', 'is', null)
      .where('maker_id', '=', r.principal.userId)
      .where('status', '=', 'pending')
      .where('body', '=', body)
      .executeTakeFirst();
    return row?.id ?? null;
  }

  /**
   * True when a waiting approval was kept against another version of its target (it was edited
   * since): it could only fail, so asking again withdraws it and a new one is kept.
   */
  private async withdrawnAsStale(trx: Trx, id: string, r: ActionRequest): Promise<boolean> {
    const kept = await trx
      .selectFrom('approvals')
      .select('target_version')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    if (kept.target_version === null || r.target.id === null) return false;
    const { version } = await this.actions[r.action].weigh(trx, r);
    if (version === Number(kept.target_version)) return false;
    const reason = 'withdrawn: it changed after the approval was asked for';
    await withdrawApprovals(trx, r.target.id, { userId: r.principal.userId, at: this.clock() }, reason, id);
    return true;
  }

  /** `202 approval_required` to the approval's maker; anyone else decides it (`200` with the result). */
  private async answer(
    trx: Trx,
    id: string,
    r: ActionRequest,
    totp: string | undefined,
  ): Promise<HttpResult> {
    const approval = await this.view(trx, id);
    if (approval.maker?.id !== r.principal.userId) {
      const decided = await this.approve(trx, id, r.principal, totp, TOTP_HEADER);
      return { status: 200, body: decided.result };
    }
    const then = this.actions[r.action].permitsMaker ? '; once approved, send the same request again' : '';
    return {
      status: 202,
      body: {
        code: 'approval_required',
        approvalId: id,
        detail: `${r.action} needs the approval of a second person${then}`,
        approval,
      },
    };
  }

  /** The pending approval of a request (an action with a body, JSON) on a target, if any. */
  async pendingFor(
    trx: Trx,
    action: ApprovalAction,
    targetId: string,
    body = 'null',
  ): Promise<string | null> {
    const row = await trx
      .selectFrom('approvals')
      .select('id')
      .where('target_id', '=', targetId)
      .where('action', '=', action)
      .where('status', '=', 'pending')
      .where('body', '=', body)
      .executeTakeFirst();
    return row?.id ?? null;
  }

  /**
   * Approves, and runs the action as the approver, in the caller's transaction: a guarded change
   * pending → approved first, so that of two approvals only one runs. A failing action rolls it
   * all back and the approval stays pending.
   */
  async approve(
    trx: Trx,
    id: string,
    approver: Principal,
    totp: string | undefined,
    totpField = 'totp',
  ): Promise<Approval> {
    const row = await this.row(trx, id, approver);
    if (row.maker_id === approver.userId)
      throw new Problem('forbidden', 'you asked for this yourself: another person must approve it');
    this.mayDecide(row, approver);
    await this.settle(trx, id, 'approved', approver, null);
    if (flagOut(row.require_totp)) await requireFreshCode(trx, approver, totp, totpField, this.clock());
    const result = await this.actions[row.action as ApprovalAction].run(trx, keptOf(row), approver);
    await trx
      .updateTable('approvals')
      .set({ result: JSON.stringify(result ?? null) })
      .where('id', '=', id)
      .execute();
    return this.view(trx, id);
  }

  /** Rejects: nothing else changes (an order waiting for it is rejected with it). The maker may withdraw. */
  async reject(trx: Trx, id: string, decider: Principal, reason: string | null): Promise<Approval> {
    const row = await this.row(trx, id, decider);
    if (row.maker_id !== decider.userId) this.mayDecide(row, decider);
    await this.settle(trx, id, 'rejected', decider, reason);
    await this.actions[row.action as ApprovalAction].rejected?.(trx, keptOf(row), decider, reason);
    return this.view(trx, id);
  }

  /** One approval, for its maker or someone who may decide it (else `404`). */
  /** An approval its maker or a possible decider may see (inside a transaction, pass it). */
  async get(id: string, p: Principal, db: Kysely<DB> = this.db): Promise<Approval> {
    await this.row(db, id, p);
    return this.view(db, id);
  }

  /**
   * Approvals newest first: with `mine`, those the person asked for; otherwise those they may
   * decide — not their own, of actions they hold the permission for, in their warehouses (with
   * `status=pending`, their inbox).
   */
  async list(query: z.infer<typeof approvalQuery>, p: Principal) {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = decodeCursor(query.cursor, ['string']);
    let q = selectApprovals(this.db);
    if (query.mine) q = q.where('a.maker_id', '=', p.userId);
    else {
      const actions = this.decidableActions(p);
      q = q.where('a.maker_id', '<>', p.userId).where('a.action', 'in', actions.length > 0 ? actions : ['']);
      if (p.warehouses !== null) {
        const ids = scopedWarehouseIds(this.db, p.warehouses);
        q = q.where((eb) => eb.or([eb('a.warehouse_id', 'is', null), eb('a.warehouse_id', 'in', ids)]));
      }
    }
    if (query.status) q = q.where('a.status', '=', query.status);
    if (query.action) q = q.where('a.action', '=', query.action);
    if (after) q = q.where('a.id', '<', String(after[0]));
    const rows = await q
      .orderBy('a.id', 'desc')
      .limit(limit + 1)
      .execute();
    return toPage(rows, limit, (r) => [r.id], viewOf);
  }

  /** The actions a principal may decide: those whose permission they hold, and only as a person. */
  private decidableActions(p: Principal): ApprovalAction[] {
    if (p.viaApiToken) return [];
    return (Object.keys(this.actions) as ApprovalAction[]).filter((a) =>
      p.permissions.includes(this.actions[a].permission),
    );
  }

  /** Refuses a decision on an approval that is not pending, or by a machine or someone without the permission. */
  private mayDecide(row: ApprovalRow, p: Principal): void {
    if (row.status !== 'pending')
      throw new Problem('invalid_state', `approval ${row.id} is ${row.status} already`, {
        status: row.status,
      });
    if (p.viaApiToken)
      throw new Problem('forbidden', 'deciding an approval needs a person signed in, not an API token');
    requirePermission(p, this.actions[row.action as ApprovalAction].permission);
  }

  /** The guarded change of a pending approval; `409 invalid_state` when it was decided meanwhile. */
  private async settle(
    trx: Trx,
    id: string,
    status: 'approved' | 'rejected',
    p: Principal,
    reason: string | null,
  ): Promise<void> {
    const changed = await trx
      .updateTable('approvals')
      .set({ status, decided_by: p.userId, decided_at: this.clock(), reason })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (changed.numUpdatedRows === 0n)
      throw new Problem('invalid_state', `approval ${id} was decided meanwhile`, { status: 'decided' });
  }

  /** Uses an approved, unused permit of the maker for exactly this request; true when there was one. */
  private async usePermit(trx: Trx, r: ActionRequest, body: string): Promise<boolean> {
    const permit = await trx
      .selectFrom('approvals')
      .select('id')
      .where('action', '=', r.action)
      .where('maker_id', '=', r.principal.userId)
      .where('status', '=', 'approved')
      .where('used_at', 'is', null)
      .where('body', '=', body)
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    if (!permit) return false;
    const used = await trx
      .updateTable('approvals')
      .set({ used_at: this.clock() })
      .where('id', '=', permit.id)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return used.numUpdatedRows > 0n;
  }

  private async keep(
    trx: Trx,
    r: ActionRequest,
    body: string,
    demand: { weighed: Weighed; requireTotp: boolean },
    maker: string,
  ): Promise<string> {
    const { weighed } = demand;
    const now = this.clock();
    const id = newId(now);
    await trx
      .insertInto('approvals')
      .values({
        id,
        action: r.action,
        target_type: r.target.type,
        target_id: r.target.id,
        target_version: weighed.version,
        body,
        warehouse_id: weighed.warehouseId,
        value: weighed.value,
        require_totp: demand.requireTotp ? 1 : 0,
        status: 'pending',
        maker_id: maker,
        created_at: now,
      })
      .execute();
    return id;
  }

  /** An approval row, or `404` for anyone but its maker and those who may decide it. */
  private async row(db: Kysely<DB>, id: string, p: Principal) {
    const row = await selectApprovals(db).where('a.id', '=', id).executeTakeFirst();
    const mayDecide =
      row !== undefined &&
      p.permissions.includes(this.actions[row.action as ApprovalAction].permission) &&
      (row.warehouse === null || inScope(p.warehouses, row.warehouse));
    if (!row || (row.maker_id !== p.userId && !mayDecide)) throw notFound('approval', id);
    return row;
  }

  private async view(db: Kysely<DB>, id: string): Promise<Approval> {
    return viewOf(await selectApprovals(db).where('a.id', '=', id).executeTakeFirstOrThrow());
  }
}

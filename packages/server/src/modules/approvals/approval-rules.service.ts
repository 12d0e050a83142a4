import type { ApprovalAction, ApprovalRule, approvalRuleCreate, approvalRulePatch } from '@onhand/contracts';
import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import { newId } from '../../db/ids';
import type { ApprovalRulesTable, DB } from '../../db/schema';
import { flagOut, isoOut, moneyIn, moneyOut } from '../../http/format';
import { type FieldError, invalid, notFound } from '../../http/problem';
import type { Trx } from '../../ledger/types';
import { authorize } from '../auth/authorize';
import type { Principal } from '../auth/principal';
import { checkVersion } from '../master-data';
import { unknownWarehouses } from '../references';

/** Actions whose rules weigh a value and may be limited to warehouses. */
const VALUED: readonly ApprovalAction[] = ['write_off.post', 'stocktake.post', 'purchase_order.approve'];

/** What the rules that apply to one request demand. */
export interface RuleDemand {
  secondPerson: boolean;
  requireTotp: boolean;
}

type RuleInput = z.infer<typeof approvalRulePatch> & { action?: ApprovalAction };

/**
 * Approval rules (审批规则): data an administrator keeps, each saying that an action — above a value,
 * in some warehouses — needs a second person, a fresh TOTP code, or both. With no rule, nothing does.
 */
export class ApprovalRuleService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: () => number,
  ) {}

  async create(trx: Trx, input: z.infer<typeof approvalRuleCreate>, p: Principal): Promise<ApprovalRule> {
    authorize(p, 'approval_rule.manage');
    await this.check(trx, input.action, input);
    const now = this.clock();
    const id = newId(now);
    await trx
      .insertInto('approval_rules')
      .values({
        id,
        action: input.action,
        threshold:
          input.threshold === undefined || input.threshold === null ? null : moneyIn(input.threshold),
        warehouses: input.warehouses ? JSON.stringify(input.warehouses) : null,
        second_person: input.secondPerson === false ? 0 : 1,
        require_totp: input.requireTotp ? 1 : 0,
        version: 1,
        created_by: p.userId,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return this.get(id, trx);
  }

  /** Changes a rule (If-Match); what is sent replaces what was there, null clears. */
  async update(
    trx: Trx,
    id: string,
    patch: z.infer<typeof approvalRulePatch>,
    expected: number | null,
    p: Principal,
  ): Promise<ApprovalRule> {
    authorize(p, 'approval_rule.manage');
    const current = await this.row(id, trx);
    checkVersion(expected, current.version);
    await this.check(trx, current.action as ApprovalAction, {
      ...patch,
      secondPerson: patch.secondPerson ?? flagOut(current.second_person),
      requireTotp: patch.requireTotp ?? flagOut(current.require_totp),
    });
    await trx
      .updateTable('approval_rules')
      .set({
        ...(patch.threshold !== undefined
          ? { threshold: patch.threshold === null ? null : moneyIn(patch.threshold) }
          : {}),
        ...(patch.warehouses !== undefined
          ? { warehouses: patch.warehouses === null ? null : JSON.stringify(patch.warehouses) }
          : {}),
        ...(patch.secondPerson !== undefined ? { second_person: patch.secondPerson ? 1 : 0 } : {}),
        ...(patch.requireTotp !== undefined ? { require_totp: patch.requireTotp ? 1 : 0 } : {}),
        version: current.version + 1n,
        updated_at: this.clock(),
      })
      .where('id', '=', id)
      .execute();
    return this.get(id, trx);
  }

  async remove(trx: Trx, id: string, p: Principal): Promise<void> {
    authorize(p, 'approval_rule.manage');
    await this.row(id, trx);
    await trx.deleteFrom('approval_rules').where('id', '=', id).execute();
  }

  async list(): Promise<ApprovalRule[]> {
    const rows = await this.select(this.db).orderBy('r.id').execute();
    return rows.map(view);
  }

  async get(id: string, db: Kysely<DB> = this.db): Promise<ApprovalRule> {
    const row = await this.select(db).where('r.id', '=', id).executeTakeFirst();
    if (!row) throw notFound('approval rule', id);
    return view(row);
  }

  /**
   * What the rules of an action demand of a request, weighed (its value and warehouse) only when
   * the action has rules: one applies when the value is above its threshold and the warehouse
   * among its warehouses. Null when none applies.
   */
  async demand<W extends { value: bigint | null; warehouse: string | null }>(
    trx: Trx,
    action: ApprovalAction,
    weigh: () => Promise<W>,
  ): Promise<(RuleDemand & { weighed: W }) | null> {
    const rules = await trx.selectFrom('approval_rules').selectAll().where('action', '=', action).execute();
    if (rules.length === 0) return null;
    const weighed = await weigh();
    const { value, warehouse } = weighed;
    const applying = rules.filter(
      (r) =>
        (r.threshold === null || (value !== null && value > r.threshold)) &&
        (r.warehouses === null ||
          (warehouse !== null && (JSON.parse(r.warehouses) as string[]).includes(warehouse))),
    );
    if (applying.length === 0) return null;
    return {
      weighed,
      secondPerson: applying.some((r) => flagOut(r.second_person)),
      requireTotp: applying.some((r) => flagOut(r.require_totp)),
    };
  }

  /** A rule must fit its action and demand something; warehouses must exist. */
  private async check(trx: Trx, action: ApprovalAction, input: RuleInput): Promise<void> {
    const errors: FieldError[] = [];
    const valued = VALUED.includes(action);
    if (!valued && input.threshold !== undefined && input.threshold !== null)
      errors.push({ path: 'threshold', message: `does not apply to ${action}, which has no value` });
    if (!valued && input.warehouses !== undefined && input.warehouses !== null)
      errors.push({ path: 'warehouses', message: `does not apply to ${action}, which has no warehouse` });
    if (input.secondPerson === false && !input.requireTotp)
      errors.push({
        path: 'requireTotp',
        message: 'must be true when no second person approves: the rule would demand nothing',
      });
    errors.push(...(await unknownWarehouses(trx, input.warehouses ?? [])));
    if (errors.length > 0) throw invalid(errors);
  }

  private async row(id: string, db: Kysely<DB>): Promise<Selectable<ApprovalRulesTable>> {
    const row = await db.selectFrom('approval_rules').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('approval rule', id);
    return row;
  }

  private select(db: Kysely<DB>) {
    return db
      .selectFrom('approval_rules as r')
      .leftJoin('users as u', 'u.id', 'r.created_by')
      .selectAll('r')
      .select('u.email');
  }
}

function view(r: Selectable<ApprovalRulesTable> & { email: string | null }): ApprovalRule {
  return {
    id: r.id,
    action: r.action as ApprovalAction,
    threshold: r.threshold === null ? null : moneyOut(r.threshold),
    warehouses: r.warehouses === null ? null : (JSON.parse(r.warehouses) as string[]),
    secondPerson: flagOut(r.second_person),
    requireTotp: flagOut(r.require_totp),
    version: Number(r.version),
    createdBy: r.email === null ? null : { id: r.created_by, email: r.email },
    createdAt: isoOut(r.created_at),
    updatedAt: isoOut(r.updated_at),
  };
}

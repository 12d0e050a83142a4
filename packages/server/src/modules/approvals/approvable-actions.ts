import type { ApprovalAction, DocumentType } from '@onhand/contracts';
import {
  POSTING_DOCUMENT,
  PURCHASE_ORDER,
  STOCKTAKE,
  type TransitionTable,
  valueAtCost,
} from '@onhand/domain';
import { planConsumption } from '../../ledger/cost-layers';
import type { Trx } from '../../ledger/types';
import type { Permission } from '../auth/permissions';
import type { Principal } from '../auth/principal';
import type { ActionContext } from '../documents/document-routes';
import { allowed, type DocumentRow, linesOf, lockDocument } from '../documents/document-store';
import type { PurchaseOrderService } from '../purchasing/purchase-orders.service';
import { countsOf, estimateValue, tally } from '../stocktakes/stocktake-variance';
import type { StocktakeService } from '../stocktakes/stocktakes.service';
import type { RoleService } from '../users/roles.service';
import type { UserCreateRequest, UserService } from '../users/users.service';
import type { WriteOffService } from '../write-offs/write-offs.service';

/** What an action is on: a document type, `user` or `role`, and its id (null when the action makes it). */
export interface ActionTarget {
  type: string;
  id: string | null;
}

/** A request for an action, as the rules weigh it and an approval keeps it. */
export interface ActionRequest {
  action: ApprovalAction;
  target: ActionTarget;
  /** The validated body (JSON-serialisable), run as it is once approved. */
  body: unknown;
  principal: Principal;
  ifMatch: number | null;
}

/** A request as an approval keeps it, run by the approver. */
export interface KeptRequest {
  target: ActionTarget;
  body: unknown;
  /** The target's version when asked: an edit meanwhile makes the approval fail, not run something else. */
  version: number | null;
}

/** What the rules weigh of a request: its value and warehouse. */
export interface Weighed {
  value: bigint | null;
  warehouse: string | null;
  warehouseId: string | null;
  version: number | null;
}

/** How one approvable action is weighed, who asks for it, and how it runs once approved. */
export interface ApprovableAction {
  /** What an approver must hold (the permission the action itself needs). */
  permission: Permission;
  /** Weighs a request, refusing one the target does not allow now (`404`, `409`) before anything is kept. */
  weigh(trx: Trx, request: ActionRequest): Promise<Weighed>;
  /** Who asked: the caller, unless the action decides what someone else asked for (a submitted order). */
  makerOf?(trx: Trx, request: ActionRequest): Promise<string>;
  /** True when approving only lets the maker act once (their own identical request then runs). */
  permitsMaker?: boolean;
  /** Runs the approved action as the approver; its answer is the approval's result. */
  run(trx: Trx, kept: KeptRequest, approver: Principal): Promise<unknown>;
  /** What a rejection does beyond the approval (a purchase order is rejected with it). */
  rejected?(trx: Trx, kept: KeptRequest, decider: Principal, reason: string | null): Promise<void>;
}

/** The sum of a value over some rows, one after the other (queries in one transaction never overlap). */
async function sumOf<T>(rows: readonly T[], worth: (row: T) => Promise<bigint>): Promise<bigint> {
  let sum = 0n;
  for (const row of rows) sum += await worth(row);
  return sum;
}

const NOT_WEIGHED: Weighed = { value: null, warehouse: null, warehouseId: null, version: null };

/** An action on a document: allowed in the document's status, valued by `worth`. */
function documentAction(d: {
  type: DocumentType;
  table: TransitionTable<string, string>;
  step: string;
  permission: Permission;
  /** False when the approver may still edit the document while it waits (a purchase order). */
  pinVersion: boolean;
  worth(trx: Trx, doc: DocumentRow): Promise<bigint>;
  run(trx: Trx, c: ActionContext<unknown>): Promise<unknown>;
}): ApprovableAction {
  return {
    permission: d.permission,
    async weigh(trx, r) {
      const doc = await lockDocument(trx, d.type, {
        id: r.target.id ?? '',
        ifMatch: r.ifMatch,
        principal: r.principal,
      });
      allowed(d.table, doc, d.step);
      const warehouse = await trx
        .selectFrom('warehouses')
        .select(['id', 'code'])
        .where('id', '=', doc.warehouse_id ?? '')
        .executeTakeFirst();
      return {
        value: await d.worth(trx, doc),
        warehouse: warehouse?.code ?? null,
        warehouseId: warehouse?.id ?? null,
        version: d.pinVersion ? Number(doc.version) : null,
      };
    },
    run: (trx, kept, approver) =>
      d.run(trx, { id: kept.target.id ?? '', body: kept.body, principal: approver, ifMatch: kept.version }),
  };
}

/** The services the approvable actions run through. */
export interface ActionServices {
  writeOffs: WriteOffService;
  stocktakes: StocktakeService;
  purchaseOrders: PurchaseOrderService;
  users: UserService;
  roles: RoleService;
}

/** Every approvable action, wired to the services that run it. */
export function approvableActions(s: ActionServices): Record<ApprovalAction, ApprovableAction> {
  return {
    'write_off.post': documentAction({
      type: 'write_off',
      table: POSTING_DOCUMENT,
      step: 'post',
      permission: 'write_off.post',
      pinVersion: true,
      // What the goods would leave stock at now: their FIFO cost.
      worth: async (trx, doc) =>
        sumOf(await linesOf(trx, doc.id), async (l) => {
          const plan = await planConsumption(trx, l.item_id, doc.warehouse_id ?? '', l.qty, l.batch);
          return plan.value;
        }),
      run: (trx, c) => s.writeOffs.post(trx, c),
    }),
    'stocktake.post': documentAction({
      type: 'stocktake',
      table: STOCKTAKE,
      step: 'post',
      permission: 'stocktake.post',
      pinVersion: true,
      // Gains and losses both count: the absolute value of every adjustment.
      worth: async (trx, doc) =>
        sumOf(tally(await linesOf(trx, doc.id), await countsOf(trx, doc.id)), async (t) => {
          if (!t.counted || t.variance === 0n) return 0n;
          const v = await estimateValue(trx, doc.warehouse_id ?? '', t);
          return v < 0n ? -v : v;
        }),
      run: (trx, c) => s.stocktakes.post(trx, c as Parameters<StocktakeService['post']>[1]),
    }),
    'purchase_order.approve': {
      ...documentAction({
        type: 'purchase_order',
        table: PURCHASE_ORDER,
        step: 'approve',
        permission: 'purchase_order.approve',
        pinVersion: false,
        // The order amount: every line at its cost.
        worth: async (trx, doc) =>
          sumOf(await linesOf(trx, doc.id), async (l) => valueAtCost(l.qty, l.unit_price ?? 0n)),
        run: (trx, c) => s.purchaseOrders.approve(trx, c),
      }),
      // The order's approval is asked for by whoever submitted it.
      async makerOf(trx, r) {
        const submitted = await trx
          .selectFrom('document_history')
          .select('user_id')
          .where('document_id', '=', r.target.id ?? '')
          .where('action', '=', 'submit')
          .orderBy('seq', 'desc')
          .limit(1)
          .executeTakeFirst();
        return submitted?.user_id ?? r.principal.userId;
      },
      async rejected(trx, kept, decider, reason) {
        await s.purchaseOrders.reject(trx, {
          id: kept.target.id ?? '',
          body: reason === null ? null : { reason },
          principal: decider,
          ifMatch: null,
        });
      },
    },
    'user.roles': {
      permission: 'user.manage',
      weigh: async (_trx, r) => ({ ...NOT_WEIGHED, version: r.ifMatch }),
      run(trx, kept, approver) {
        if (kept.target.type === 'role')
          return s.roles.create(trx, kept.body as Parameters<RoleService['create']>[1], approver);
        if (kept.target.id === null) return s.users.create(trx, kept.body as UserCreateRequest, approver);
        return s.users.update(
          trx,
          kept.target.id,
          kept.body as Parameters<UserService['update']>[2],
          kept.version,
          approver,
        );
      },
    },
    'api_token.create': {
      permission: 'api_token.manage',
      weigh: async () => NOT_WEIGHED,
      permitsMaker: true,
      run: async () => null,
    },
  };
}

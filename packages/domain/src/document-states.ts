/**
 * Document state machines as transition tables: for each status, the actions allowed and the
 * status each leads to. An action missing from a status's row is refused (409 invalid_state).
 * Actions whose next status depends on quantities (a partial receipt or shipment) list every
 * status they may lead to; the service picks one from the quantities.
 */
export type TransitionTable<Status extends string, Action extends string> = Readonly<
  Record<Status, Readonly<Partial<Record<Action, readonly Status[]>>>>
>;

export type PurchaseOrderStatus =
  | 'draft'
  | 'pending_approval'
  | 'approved'
  | 'rejected'
  | 'partially_received'
  | 'received'
  | 'closed'
  | 'cancelled';
export type PurchaseOrderAction = 'edit' | 'submit' | 'approve' | 'reject' | 'receive' | 'close' | 'cancel';

/** 采购单: draft → submit → approve/reject → receive (partly or fully) → close the rest; cancel before any receipt. */
export const PURCHASE_ORDER: TransitionTable<PurchaseOrderStatus, PurchaseOrderAction> = {
  draft: { edit: ['draft'], submit: ['pending_approval'], cancel: ['cancelled'] },
  pending_approval: {
    edit: ['pending_approval'],
    approve: ['approved'],
    reject: ['rejected'],
    cancel: ['cancelled'],
  },
  approved: { receive: ['partially_received', 'received'], close: ['closed'], cancel: ['cancelled'] },
  partially_received: { receive: ['partially_received', 'received'], close: ['closed'] },
  rejected: { edit: ['draft'] },
  received: {},
  closed: {},
  cancelled: {},
};

export type SalesOrderStatus = 'confirmed' | 'partially_shipped' | 'shipped' | 'cancelled';
export type SalesOrderAction = 'ship' | 'cancel' | 'return';

/** 销售单: created confirmed with everything reserved → ship (partly or fully); cancel releases the rest. */
export const SALES_ORDER: TransitionTable<SalesOrderStatus, SalesOrderAction> = {
  confirmed: { ship: ['partially_shipped', 'shipped'], cancel: ['cancelled'] },
  partially_shipped: {
    ship: ['partially_shipped', 'shipped'],
    cancel: ['cancelled'],
    return: ['partially_shipped'],
  },
  shipped: { return: ['shipped'] },
  cancelled: {},
};

export type TransferStatus =
  | 'draft'
  | 'confirmed'
  | 'shipped'
  | 'partially_received'
  | 'received'
  | 'closed'
  | 'cancelled';
export type TransferAction = 'edit' | 'confirm' | 'ship' | 'receive' | 'close' | 'cancel';

/** 调拨单: draft → confirm (reserved at the source) → ship (in transit) → receive; a short receipt closes with a loss. */
export const TRANSFER: TransitionTable<TransferStatus, TransferAction> = {
  draft: { edit: ['draft'], confirm: ['confirmed'], cancel: ['cancelled'] },
  confirmed: { ship: ['shipped'], cancel: ['cancelled'] },
  shipped: { receive: ['partially_received', 'received'], close: ['closed'] },
  partially_received: { receive: ['partially_received', 'received'], close: ['closed'] },
  received: {},
  closed: {},
  cancelled: {},
};

export type StocktakeStatus = 'counting' | 'posted' | 'cancelled';
export type StocktakeAction = 'count' | 'post' | 'cancel';

/** 盘点单: counting (count lines add up) → post (adjustments for every difference). */
export const STOCKTAKE: TransitionTable<StocktakeStatus, StocktakeAction> = {
  counting: { count: ['counting'], post: ['posted'], cancel: ['cancelled'] },
  posted: {},
  cancelled: {},
};

export type PostingStatus = 'draft' | 'posted' | 'cancelled';
export type PostingAction = 'edit' | 'post' | 'cancel';

/** 报损单 and 采购退货: draft → post. */
export const POSTING_DOCUMENT: TransitionTable<PostingStatus, PostingAction> = {
  draft: { edit: ['draft'], post: ['posted'], cancel: ['cancelled'] },
  posted: {},
  cancelled: {},
};

/** The statuses an action may lead to from a status, or null when it is not allowed there. */
export function transition<S extends string, A extends string>(
  table: TransitionTable<S, A>,
  from: S,
  action: A,
): readonly S[] | null {
  return table[from][action] ?? null;
}

/** The actions allowed in a status (what a UI offers). */
export function allowedActions<S extends string, A extends string>(
  table: TransitionTable<S, A>,
  from: S,
): A[] {
  return Object.keys(table[from]) as A[];
}

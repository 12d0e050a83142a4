import type { ColumnType, Generated } from 'kysely';

/**
 * Every integer the database returns is a bigint (both drivers are set up so): quantities are
 * thousandths, money ten-thousandths, instants epoch milliseconds, flags 0/1.
 */
export type Int = ColumnType<bigint, bigint | number, bigint | number>;
type Serial = Generated<bigint>;
/** An integer column with a database default: optional on insert. */
export type IntWithDefault = ColumnType<bigint, bigint | number | undefined, bigint | number>;

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  /** JSON array of role names. */
  roles: string;
  /** JSON array of warehouse codes, or null for every warehouse. */
  warehouses: string | null;
  disabled: Int;
  created_at: Int;
  updated_at: Int;
  /** Wrong passwords in a row; the account locks at a threshold. */
  failed_logins: IntWithDefault;
  locked_until: Int | null;
  last_login_at: Int | null;
  version: IntWithDefault;
  /** Base32 TOTP secret once confirmed: sign-in then needs a code. */
  totp_secret: string | null;
  /** A secret handed out for enrolment, waiting for its first code. */
  totp_pending_secret: string | null;
  /** The last 30-second step a code was accepted for (a code works once). */
  totp_last_step: Int | null;
}

/** One-time codes for when the phone with the authenticator is lost; stored hashed. */
export interface RecoveryCodesTable {
  user_id: string;
  code_hash: string;
  used_at: Int | null;
}

/** A custom role: a name for a set of permissions (built-in roles live in code). */
export interface RolesTable {
  name: string;
  description: string | null;
  /** JSON array of permission names. */
  permissions: string;
  created_at: Int;
  updated_at: Int;
}

/** A machine's token: what it may do and where, on behalf of the person who made it. */
export interface ApiTokensTable {
  id: string;
  name: string;
  token_hash: string;
  user_id: string;
  /** JSON array of permission names. */
  permissions: string;
  /** JSON array of warehouse codes, or null for every warehouse the maker works in. */
  warehouses: string | null;
  created_at: Int;
  last_used_at: Int | null;
  revoked_at: Int | null;
}

export interface SessionsTable {
  id: string;
  token_hash: string;
  user_id: string;
  created_at: Int;
  expires_at: Int;
  revoked_at: Int | null;
}

export interface WarehousesTable {
  id: string;
  code: string;
  name: string;
  region: string | null;
  kind: string;
  address: string | null;
  active: Int;
  version: Int;
  created_at: Int;
  updated_at: Int;
}

export interface ItemsTable {
  id: string;
  sku: string;
  name: string;
  unit: string;
  category: string | null;
  description: string | null;
  batch_tracked: Int;
  expiry_tracked: Int;
  active: Int;
  version: Int;
  created_at: Int;
  updated_at: Int;
}

export interface ItemBarcodesTable {
  barcode: string;
  item_id: string;
  position: Int;
}

/** Suppliers and customers share one shape. */
export interface PartnersTable {
  id: string;
  code: string;
  name: string;
  contact: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  note: string | null;
  active: Int;
  version: Int;
  created_at: Int;
  updated_at: Int;
}

export interface StockBalancesTable {
  item_id: string;
  warehouse_id: string;
  on_hand: IntWithDefault;
  reserved: IntWithDefault;
  quarantined: IntWithDefault;
  in_transit: IntWithDefault;
  incoming: IntWithDefault;
  updated_at: Int;
}

export interface StockLevelsTable {
  item_id: string;
  warehouse_id: string;
  safety_stock: Int;
  min_qty: Int | null;
  max_qty: Int | null;
  updated_at: Int;
}

export interface LedgerEntriesTable {
  seq: Serial;
  at: Int;
  item_id: string;
  warehouse_id: string;
  type: string;
  qty: Int;
  unit_cost: Int;
  value: Int;
  balance_after: Int;
  batch: string | null;
  expires_on: string | null;
  bin: string | null;
  document_type: string;
  document_id: string;
  document_line: Int;
  user_id: string | null;
  reason: string | null;
}

export interface CostLayersTable {
  seq: Serial;
  item_id: string;
  warehouse_id: string;
  entry_seq: Int;
  received_at: Int;
  batch: string | null;
  expires_on: string | null;
  unit_cost: Int;
  qty_received: Int;
  qty_remaining: Int;
  value_remaining: Int;
}

export interface LayerTakesTable {
  entry_seq: Int;
  layer_seq: Int;
  qty: Int;
  value: Int;
}

export interface ReservationsTable {
  id: string;
  item_id: string;
  warehouse_id: string;
  qty: Int;
  reference: string;
  status: string;
  expires_at: Int | null;
  created_at: Int;
  created_by: string | null;
  ended_at: Int | null;
  /** The sales order or transfer that holds this reservation, with its line. */
  document_id: string | null;
  document_line: Int | null;
}

export interface ReceiptsTable {
  id: string;
  warehouse_id: string;
  status: string;
  reference: string | null;
  note: string | null;
  version: Int;
  created_by: string | null;
  created_at: Int;
  posted_at: Int | null;
}

export interface ReceiptLinesTable {
  receipt_id: string;
  line_no: Int;
  item_id: string;
  qty: Int;
  unit_cost: Int;
  batch: string | null;
  expires_on: string | null;
  bin: string | null;
  entry_seq: Int | null;
}

export interface DocumentHistoryTable {
  seq: Serial;
  document_type: string;
  document_id: string;
  at: Int;
  user_id: string | null;
  action: string;
  from_status: string | null;
  to_status: string;
}

/** Suppliers also say how much more than ordered may be received (basis points of the open quantity). */
export interface SuppliersTable extends PartnersTable {
  receipt_tolerance: IntWithDefault;
}

/** The next number of each document type (PO-000001…). */
export interface DocumentCountersTable {
  type: string;
  next: Int;
}

/** A document that moves stock: its head. What the generic columns mean depends on `type`. */
export interface DocumentsTable {
  id: string;
  type: string;
  number: string;
  status: string;
  version: Int;
  /** The warehouse it works in (a transfer's source). */
  warehouse_id: string | null;
  /** A transfer's destination. */
  to_warehouse_id: string | null;
  supplier_id: string | null;
  customer_id: string | null;
  /** The document this one follows from (a return's order, an exchange's return). */
  related_id: string | null;
  channel: string | null;
  reference: string | null;
  note: string | null;
  reason: string | null;
  /** JSON of type-specific settings (a stocktake's scope). */
  options: string | null;
  created_by: string | null;
  created_at: Int;
  updated_at: Int;
}

/** A line of a document. `done_qty` is received (purchase) or shipped (sales, transfer). */
export interface DocumentLinesTable {
  document_id: string;
  line_no: Int;
  item_id: string;
  qty: Int;
  /** Unit cost (purchase) or unit price (sales), ten-thousandths. */
  unit_price: Int | null;
  done_qty: IntWithDefault;
  /** A transfer line's quantity received at the destination. */
  received_qty: IntWithDefault;
  /** What will no longer happen: closed purchase quantity, cancelled sales quantity, lost transfer quantity. */
  closed_qty: IntWithDefault;
  batch: string | null;
  expires_on: string | null;
  bin: string | null;
  reason: string | null;
  disposition: string | null;
  /** The line of the related document (a return line's order line). */
  related_line: Int | null;
}

/** Goods a document carries at their cost: in transit on a transfer, or shipped on a sales order (returnable). */
export interface DocumentLotsTable {
  seq: Serial;
  document_id: string;
  line_no: Int;
  kind: string;
  item_id: string;
  /** Where the goods are headed (in transit) or came from (returnable). */
  warehouse_id: string;
  batch: string | null;
  expires_on: string | null;
  unit_cost: Int;
  qty_remaining: Int;
  value_remaining: Int;
}

/** One count line of a stocktake (a scan); the system quantity is what the books said at that moment. */
export interface StocktakeCountsTable {
  seq: Serial;
  document_id: string;
  item_id: string;
  batch: string | null;
  bin: string | null;
  counted_qty: Int;
  system_qty: Int;
  reason: string | null;
  at: Int;
  user_id: string | null;
}

/** A change of quarantined stock (on hand but not for sale); the balance is their sum. */
export interface QuarantineMovesTable {
  seq: Serial;
  item_id: string;
  warehouse_id: string;
  qty: Int;
  document_type: string;
  document_id: string;
  at: Int;
  user_id: string | null;
}

/** A storage place inside a warehouse (货位); each warehouse has a default one for unplaced goods. */
export interface BinsTable {
  warehouse_id: string;
  code: string;
  name: string | null;
  is_default: IntWithDefault;
  active: IntWithDefault;
  created_at: Int;
}

/** How much of a SKU lies in one bin; the bins of a warehouse add up to its on hand. */
export interface BinStockTable {
  item_id: string;
  warehouse_id: string;
  bin: string;
  qty: Int;
}

/** A move of goods from one bin to another in the same warehouse (on hand unchanged). */
export interface BinMovesTable {
  seq: Serial;
  warehouse_id: string;
  item_id: string;
  from_bin: string;
  to_bin: string;
  qty: Int;
  reference: string | null;
  at: Int;
  user_id: string | null;
}

export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  request_hash: string;
  status_code: Int;
  body: string;
  created_at: Int;
}

/** A rule: which action needs a second person (above a value, in some warehouses) or a TOTP code. */
export interface ApprovalRulesTable {
  id: string;
  action: string;
  /** Money (ten-thousandths): the rule applies above it; null for every such action. */
  threshold: Int | null;
  /** JSON array of warehouse codes, or null for every warehouse. */
  warehouses: string | null;
  /** 1: a second person approves; 0: the caller only proves a TOTP code. */
  second_person: Int;
  require_totp: Int;
  version: Int;
  created_by: string;
  created_at: Int;
  updated_at: Int;
}

/** An action waiting for (or decided by) a second person: what, on what, by whom, worth how much. */
export interface ApprovalsTable {
  id: string;
  action: string;
  /** What the action is on: a document type, `user`, `role` or `api_token`. */
  target_type: string;
  target_id: string | null;
  /** The version of the target when asked: an edit meanwhile makes the approval fail, not run something else. */
  target_version: Int | null;
  /** The validated request body, JSON. */
  body: string;
  warehouse_id: string | null;
  /** The value (money) the rule weighed, when it weighs one. */
  value: Int | null;
  require_totp: Int;
  /** pending → approved | rejected. */
  status: string;
  maker_id: string;
  created_at: Int;
  decided_by: string | null;
  decided_at: Int | null;
  reason: string | null;
  /** What the action answered when it ran (JSON). */
  result: string | null;
  /** When an approval that lets its maker act once (an API token) was used. */
  used_at: Int | null;
}

/** One write, as the audit log keeps it; `hash` seals every other column and the row before. */
export interface AuditLogTable {
  /** The position in the chain: 1, 2, 3 … without gaps. */
  seq: Int;
  at: Int;
  /** Null for the system (background jobs). */
  user_id: string | null;
  /** JSON `{ip, via, id}`: the address and the session or API token the write came through. */
  source: string;
  action: string;
  entity: string;
  entity_id: string;
  warehouse_id: string | null;
  /** A transfer's destination. */
  to_warehouse_id: string | null;
  /** JSON of the record before and after the write, secrets left out. */
  before_state: string | null;
  after_state: string | null;
  prev_hash: string;
  hash: string;
}

/** The head of the audit chain (one row): the last position and hash. */
export interface AuditChainTable {
  id: Int;
  seq: Int;
  hash: string;
}

export interface DB {
  audit_log: AuditLogTable;
  audit_chain: AuditChainTable;
  users: UsersTable;
  roles: RolesTable;
  api_tokens: ApiTokensTable;
  recovery_codes: RecoveryCodesTable;
  sessions: SessionsTable;
  warehouses: WarehousesTable;
  items: ItemsTable;
  item_barcodes: ItemBarcodesTable;
  suppliers: SuppliersTable;
  customers: PartnersTable;
  stock_balances: StockBalancesTable;
  stock_levels: StockLevelsTable;
  ledger_entries: LedgerEntriesTable;
  cost_layers: CostLayersTable;
  layer_takes: LayerTakesTable;
  reservations: ReservationsTable;
  receipts: ReceiptsTable;
  receipt_lines: ReceiptLinesTable;
  document_history: DocumentHistoryTable;
  idempotency_keys: IdempotencyKeysTable;
  document_counters: DocumentCountersTable;
  documents: DocumentsTable;
  document_lines: DocumentLinesTable;
  document_lots: DocumentLotsTable;
  stocktake_counts: StocktakeCountsTable;
  quarantine_moves: QuarantineMovesTable;
  bins: BinsTable;
  bin_stock: BinStockTable;
  bin_moves: BinMovesTable;
  approval_rules: ApprovalRulesTable;
  approvals: ApprovalsTable;
}

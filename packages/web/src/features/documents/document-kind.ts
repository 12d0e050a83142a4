import type { Messages } from '../../i18n/en';

/** The name of a field documents answer with, each with its label in `documents.fields`. */
export type FieldName = keyof Messages['documents']['fields'];

/** The kinds of document, as the ledger names them in `document.type` (and the web app in its paths). */
export type DocumentKind =
  | 'purchase_order'
  | 'purchase_return'
  | 'sales_order'
  | 'sales_return'
  | 'transfer'
  | 'stocktake'
  | 'write_off'
  | 'receipt';

/** How a value of a document or of one of its lines is shown. */
export type FieldFormat =
  | 'text'
  | 'qty'
  | 'money'
  | 'time'
  | 'user'
  | 'flag'
  | 'writeOffReason'
  | 'disposition'
  | 'salesOrder'
  | 'purchaseOrder';

/** A value shown in a list, a head or a lines table: the API field and how it reads. */
export interface Field {
  name: FieldName;
  format: FieldFormat;
}

/** An input of a create form's head. */
export type HeadInput = {
  name: FieldName;
  control: 'warehouse' | 'supplier' | 'customer' | 'text' | 'date' | 'flag';
  required?: boolean;
};

/**
 * An input of a line. `batch` and `expiry` appear only for items that track them; `writeOffReason`
 * and `disposition` are choices; the rest are typed.
 */
export type LineInput = {
  name: FieldName;
  control: 'qty' | 'money' | 'batch' | 'expiry' | 'text' | 'writeOffReason' | 'disposition';
  required?: boolean;
};

/** The filters a list offers (what its API list endpoint takes). */
export type ListFilter =
  | 'q'
  | 'status'
  | 'warehouse'
  | 'supplier'
  | 'customer'
  | 'channel'
  | 'sku'
  | 'period';

/** A document line as the detail page reads it. */
export interface LineView {
  line: number;
  sku: string;
  qty: number | null;
  batch?: string | null;
  [field: string]: unknown;
}

/**
 * An action that takes a quantity per line: which quantity each line starts with (what is still
 * open), the most it may take, the further inputs per line, and what of the document line the
 * request's line repeats.
 */
export interface LinesAction {
  /** The request's name of the quantity (`qty`; a count's `countedQty`). */
  quantity: FieldName;
  /** The quantity a line starts with (null: empty, the line is left out unless filled in). */
  start: (line: LineView) => number | null;
  /**
   * What a line may still take (null: no bound), shown beside it; a line that may take nothing is
   * not offered. Not enforced here: a supplier's tolerance may allow more, and the API says so
   * on the line when it does not.
   */
  most: (line: LineView) => number | null;
  /** A count: 0 is a quantity (counted nothing); elsewhere 0 leaves the line out. */
  zeroCounts?: boolean;
  extras: readonly LineInput[];
  /** What the request's line takes from the document line (its SKU, line number, batch). */
  bodyLine: (line: LineView) => Record<string, unknown>;
}

/** What an action asks before it is sent. */
export type ActionInput =
  | { kind: 'none' }
  | { kind: 'reason'; required: boolean }
  | { kind: 'lines'; lines: LinesAction }
  | { kind: 'variances' }
  /**
   * An edit (PATCH at the version read): the create form, filled with the document; `head` names
   * the head inputs the edit may change (the others show, fixed).
   */
  | { kind: 'edit'; head: readonly FieldName[] };

/** One action of a document's state machine, as the API names it in the document's `actions`. */
export interface ActionSpec {
  name: string;
  permission: string;
  input: ActionInput;
  /** The API path below the document (default: the action's name). */
  path?: string;
  /** It ends the document (cancel, reject): shown as a danger button. */
  danger?: boolean;
}

/** One kind of document: where it lives in the API, who reads and makes it, and how it shows. */
export interface KindSpec {
  kind: DocumentKind;
  /** The API collection, e.g. `/api/v1/purchase-orders`. */
  collection: string;
  /** The permission that reads it. */
  read: string;
  statuses: readonly string[];
  filters: readonly ListFilter[];
  /** Columns of the list after the number and status. */
  columns: readonly Field[];
  head: readonly Field[];
  lines: readonly Field[];
  create?: {
    permission: string;
    head: readonly HeadInput[];
    /** Inputs per line after the SKU; none: the lines only name SKUs (a spot count). */
    lines: readonly LineInput[];
    /** The request body from the form's values (default: as they are). */
    body?: (values: CreateValues) => unknown;
    /**
     * A draft the API fills itself (a purchase order with the lines of the supplier's last
     * order): its path below the collection and the head inputs it is sent.
     */
    quickFill?: { path: string; head: readonly FieldName[] };
  };
  actions: readonly ActionSpec[];
}

/** A create form's values: the head's inputs and the lines. */
export interface CreateValues {
  lines?: Record<string, unknown>[];
  [field: string]: unknown;
}

/** A field that reads as it is typed. */
export const field = (name: FieldName, format: FieldFormat = 'text'): Field => ({ name, format });

/** How a kind's drafts are changed (undefined: they are not): who may, and which head inputs. */
export function editOf(spec: KindSpec): { permission: string; head: readonly FieldName[] } | undefined {
  for (const a of spec.actions)
    if (a.input.kind === 'edit') return { permission: a.permission, head: a.input.head };
  return undefined;
}

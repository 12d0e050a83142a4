import { qty as toQty } from '@onhand/domain';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { qtyOut } from '../../http/format';
import { type FieldError, invalid } from '../../http/problem';
import type { LineWithItem } from './document-store';

/** A line of an action body: a SKU (optionally a document line) and a quantity. */
export interface ActionLineInput {
  sku: string;
  qty: number;
  line?: number | undefined;
  batch?: string | undefined;
  expiresOn?: string | undefined;
  bin?: string | undefined;
}

/** Part of an action line that lands on one document line. */
export interface Allocation<L extends ActionLineInput> {
  line: LineWithItem;
  qty: bigint;
  input: L;
  /** The index of the action line in the body (for error paths). */
  index: number;
}

/**
 * Spreads the quantities of an action's lines over the document's lines of the same SKU, in line
 * order, up to what each still has open. `extra(line)` is how much a line may take beyond its open
 * quantity (a supplier's tolerance). Every line that names a SKU not on the document, or asks for
 * more than is open, is a `400` naming it; nothing is allocated then.
 */
export function allocateLines<L extends ActionLineInput>(
  inputs: readonly L[],
  lines: readonly LineWithItem[],
  openOf: (line: LineWithItem) => bigint,
  extra: (line: LineWithItem) => bigint = () => 0n,
): Allocation<L>[] {
  const left = new Map(lines.map((l) => [l.line_no, openOf(l)]));
  const errors: FieldError[] = [];
  const allocations: Allocation<L>[] = [];
  inputs.forEach((input, index) => {
    const candidates = lines.filter(
      (l) => l.sku === input.sku && (input.line === undefined || Number(l.line_no) === input.line),
    );
    if (candidates.length === 0) {
      errors.push(
        input.line === undefined
          ? { path: `lines.${index}.sku`, message: `${input.sku} is not on this document` }
          : { path: `lines.${index}.line`, message: `line ${input.line} does not hold ${input.sku}` },
      );
      return;
    }
    let wanted = toQty(input.qty);
    for (const line of candidates) {
      const open = left.get(line.line_no) ?? 0n;
      const take = open < wanted ? open : wanted;
      if (take > 0n) {
        allocations.push({ line, qty: take, input, index });
        left.set(line.line_no, open - take);
        wanted -= take;
      }
    }
    const last = candidates.at(-1);
    if (wanted > 0n && last && wanted <= extra(last) + (left.get(last.line_no) ?? 0n)) {
      allocations.push({ line: last, qty: wanted, input, index });
      left.set(last.line_no, (left.get(last.line_no) ?? 0n) - wanted);
      wanted = 0n;
    }
    if (wanted > 0n) {
      const open = candidates.reduce((acc, l) => acc + openOf(l), 0n);
      errors.push({
        path: `lines.${index}.qty`,
        message: `is more than the open quantity of ${input.sku} (${qtyOut(open)})`,
        open: qtyOut(open),
      });
    }
  });
  if (errors.length > 0) throw invalid(errors);
  return mergeAllocations(allocations);
}

/** Joins allocations of one action line to one document line (they came in as separate pieces). */
function mergeAllocations<L extends ActionLineInput>(allocations: Allocation<L>[]): Allocation<L>[] {
  const merged: Allocation<L>[] = [];
  for (const a of allocations) {
    const same = merged.find((m) => m.index === a.index && m.line.line_no === a.line.line_no);
    if (same) same.qty += a.qty;
    else merged.push({ ...a });
  }
  return merged;
}

/** Checks batch-tracked lines name a batch and expiry-tracked ones an expiry date. */
export function checkTracking(
  entries: readonly { index: number; line: LineWithItem; batch?: string | null; expiresOn?: string | null }[],
): void {
  const errors: FieldError[] = [];
  for (const e of entries) {
    if (e.line.batch_tracked === 1n && !e.batch)
      errors.push({ path: `lines.${e.index}.batch`, message: `is required: ${e.line.sku} is batch-tracked` });
    if (e.line.expiry_tracked === 1n && !e.expiresOn)
      errors.push({
        path: `lines.${e.index}.expiresOn`,
        message: `is required: ${e.line.sku} is expiry-tracked`,
      });
  }
  if (errors.length > 0) throw invalid(errors);
}

/** The id of a supplier or customer code, or a `400` naming the field. */
export async function partnerId(
  db: Kysely<DB>,
  table: 'suppliers' | 'customers',
  code: string,
  path: string,
): Promise<string> {
  const row = await db.selectFrom(table).select('id').where('code', '=', code).executeTakeFirst();
  if (!row)
    throw invalid([
      { path, message: `${table === 'suppliers' ? 'supplier' : 'customer'} ${code} does not exist` },
    ]);
  return row.id;
}

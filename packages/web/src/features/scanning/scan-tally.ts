import type { Item } from '@onhand/contracts';
import type { ScanLine, ScannedLine } from './scan-jobs';

/** What has been scanned on one line so far, with the batch and expiry typed for it. */
export interface LineTally {
  qty: number;
  /** Changed on this screen (a count of 0 is a count, once touched). */
  touched: boolean;
  batch: string;
  expiresOn: string;
}

/** The scanning session: the lines (with SKUs that joined), what was scanned, the line scanned last. */
export interface TallyState {
  lines: ScanLine[];
  tallies: Record<string, LineTally>;
  last: string | null;
}

export type TallyAction =
  | { type: 'add'; key: string; by: number; scanned: boolean }
  | { type: 'set'; key: string; qty: number }
  | { type: 'lot'; key: string; batch?: string; expiresOn?: string }
  | { type: 'join'; line: ScanLine };

const EMPTY: LineTally = { qty: 0, touched: false, batch: '', expiresOn: '' };

/** The key of a line in the session: its number, or the item of a SKU that joined. */
export const lineKey = (l: ScanLine): string => (l.line > 0 ? String(l.line) : `joined-${l.itemId}`);

/** A fresh session on a document's lines. */
export const startTally = (lines: ScanLine[]): TallyState => ({ lines, tallies: {}, last: null });

/** The tally of a line (nothing scanned yet: zero). */
export const tallyOf = (state: TallyState, key: string): LineTally => state.tallies[key] ?? EMPTY;

/** Quantities are exact to 3 decimal places: sums of steps stay there. */
const exact = (n: number) => Math.max(0, Math.round(n * 1000) / 1000);

/** Changes a line's tally; a change of its quantity marks it touched. */
function change(state: TallyState, key: string, to: Partial<LineTally>): TallyState {
  const before = tallyOf(state, key);
  const touched = before.touched || to.qty !== undefined;
  return { ...state, tallies: { ...state.tallies, [key]: { ...before, ...to, touched } } };
}

export function tallyReducer(state: TallyState, action: TallyAction): TallyState {
  switch (action.type) {
    case 'add': {
      const next = change(state, action.key, { qty: exact(tallyOf(state, action.key).qty + action.by) });
      return action.scanned ? { ...next, last: action.key } : next;
    }
    case 'set':
      return change(state, action.key, { qty: exact(action.qty) });
    case 'lot':
      return change(state, action.key, {
        ...(action.batch === undefined ? {} : { batch: action.batch }),
        ...(action.expiresOn === undefined ? {} : { expiresOn: action.expiresOn }),
      });
    case 'join': {
      const key = lineKey(action.line);
      // Two scans of a new SKU may both look it up before either joins it: the second adds 1.
      if (state.lines.some((l) => lineKey(l) === key))
        return tallyReducer(state, { type: 'add', key, by: 1, scanned: true });
      const joined = { ...state, lines: [...state.lines, action.line] };
      return { ...change(joined, key, { qty: 1 }), last: key };
    }
  }
}

/** The item a scanned code names among these items: by barcode, or by SKU. */
export function itemOfCode(code: string, items: readonly Item[]): Item | undefined {
  const wanted = code.trim();
  return (
    items.find((i) => i.barcodes.includes(wanted)) ??
    items.find((i) => i.sku.toLowerCase() === wanted.toLowerCase())
  );
}

/** The line a scan of an item counts on: the first of its lines still short, else its first. */
export function lineOfItem(state: TallyState, itemId: string): ScanLine | undefined {
  const lines = state.lines.filter((l) => l.itemId === itemId);
  return lines.find((l) => l.expected === null || tallyOf(state, lineKey(l)).qty < l.expected) ?? lines[0];
}

/** The lines to confirm: those with a quantity, and in a count also those touched down to 0. */
export function scannedLines(state: TallyState, keepZero: boolean): ScannedLine[] {
  return state.lines.flatMap((line) => {
    const t = tallyOf(state, lineKey(line));
    if (!t.touched || (t.qty === 0 && !keepZero)) return [];
    return [{ line, qty: t.qty, batch: t.batch || undefined, expiresOn: t.expiresOn || undefined }];
  });
}

/** Scanned now against expected in all, for the progress bar (expected unknown in a blind count). */
export function progressOf(state: TallyState): { scanned: number; expected: number | null } {
  const scanned = exact(state.lines.reduce((sum, l) => sum + tallyOf(state, lineKey(l)).qty, 0));
  const known = state.lines.every((l) => l.expected !== null);
  const expected = known ? exact(state.lines.reduce((sum, l) => sum + (l.expected ?? 0), 0)) : null;
  return { scanned, expected };
}

import type { Item } from '@onhand/contracts';
import { describe, expect, it } from 'vitest';
import type { ScanLine } from './scan-jobs';
import {
  itemOfCode,
  lineKey,
  lineOfItem,
  progressOf,
  scannedLines,
  startTally,
  type TallyAction,
  type TallyState,
  tallyReducer,
} from './scan-tally';

const item = (id: string, sku: string, barcodes: string[]) => ({ id, sku, barcodes }) as Item;
const line = (n: number, itemId: string, expected: number | null): ScanLine => ({
  line: n,
  sku: `SKU-${itemId}`,
  itemId,
  batch: null,
  expected,
  done: 0,
});
const run = (state: TallyState, ...actions: TallyAction[]) => actions.reduce(tallyReducer, state);
const scan = (key: string): TallyAction => ({ type: 'add', key, by: 1, scanned: true });

describe('a scanning tally', () => {
  it('finds an item by barcode, else by SKU whatever its case, and nothing for an unknown code', () => {
    const items = [item('a', 'TEA-1', ['6901']), item('b', 'CUP-1', [])];
    expect(itemOfCode('6901', items)?.id).toBe('a');
    expect(itemOfCode(' cup-1 ', items)?.id).toBe('b');
    expect(itemOfCode('6902', items)).toBeUndefined();
  });

  it('fills the first line of an item still short before the next, then stays on the last', () => {
    let state = startTally([line(1, 'a', 1), line(2, 'a', 1)]);
    const next = () => lineKey(lineOfItem(state, 'a') as ScanLine);
    expect(next()).toBe('1');
    state = run(state, scan(next()));
    expect(next()).toBe('2');
    state = run(state, scan(next()), scan('1'));
    expect(next()).toBe('1');
    expect(state.last).toBe('1');
  });

  it('steps in exact decimals, never below zero, and marks what the stepper changed', () => {
    const state = run(
      startTally([line(1, 'a', 5)]),
      { type: 'set', key: '1', qty: 0.1 },
      { type: 'add', key: '1', by: 0.2, scanned: false },
      { type: 'add', key: '1', by: -1, scanned: false },
      { type: 'add', key: '1', by: 0.3, scanned: false },
    );
    expect(state.tallies['1']?.qty).toBe(0.3);
    expect(state.last).toBeNull();
  });

  it('confirms only touched lines: with a quantity, and in a count also those counted as zero', () => {
    const state = run(
      startTally([line(1, 'a', 2), line(2, 'b', 2), line(3, 'c', 2)]),
      scan('1'),
      { type: 'set', key: '2', qty: 0 },
      { type: 'lot', key: '3', batch: 'B1' },
    );
    expect(scannedLines(state, false).map((s) => [s.line.line, s.qty])).toEqual([[1, 1]]);
    expect(scannedLines(state, true).map((s) => [s.line.line, s.qty])).toEqual([
      [1, 1],
      [2, 0],
    ]);
    expect(progressOf(state)).toEqual({ scanned: 1, expected: 6 });
  });

  it('joins a SKU scanned outside the lines once, adding up its scans, and knows no total in a blind count', () => {
    const joined = line(0, 'z', null);
    const once = run(startTally([line(1, 'a', null)]), { type: 'join', line: joined });
    expect(once.lines).toHaveLength(2);
    const state = run(once, { type: 'join', line: joined });
    expect(state.lines).toHaveLength(2);
    expect(state.tallies['joined-z']?.qty).toBe(2);
    expect(state.last).toBe('joined-z');
    expect(scannedLines(state, true).map((s) => [s.line.sku, s.qty])).toEqual([['SKU-z', 2]]);
    expect(progressOf(state)).toEqual({ scanned: 2, expected: null });
  });
});

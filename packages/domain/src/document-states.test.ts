import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  PURCHASE_ORDER,
  SALES_ORDER,
  STOCKTAKE,
  TRANSFER,
  type TransitionTable,
  transition,
} from './document-states';

function reachable<S extends string, A extends string>(table: TransitionTable<S, A>, start: S): Set<S> {
  const seen = new Set<S>([start]);
  const queue = [start];
  for (let s = queue.shift(); s !== undefined; s = queue.shift()) {
    for (const targets of Object.values(table[s]) as (readonly S[])[]) {
      for (const t of targets) {
        if (seen.has(t)) continue;
        seen.add(t);
        queue.push(t);
      }
    }
  }
  return seen;
}

describe('document state machines', () => {
  it('walks a purchase order through approval and partial receipts', () => {
    expect(transition(PURCHASE_ORDER, 'draft', 'submit')).toEqual(['pending_approval']);
    expect(transition(PURCHASE_ORDER, 'pending_approval', 'approve')).toEqual(['approved']);
    expect(transition(PURCHASE_ORDER, 'approved', 'receive')).toEqual(['partially_received', 'received']);
    expect(transition(PURCHASE_ORDER, 'partially_received', 'close')).toEqual(['closed']);
  });

  it('refuses what a status does not allow', () => {
    expect(transition(PURCHASE_ORDER, 'draft', 'receive')).toBeNull();
    expect(transition(PURCHASE_ORDER, 'partially_received', 'cancel')).toBeNull();
    expect(transition(SALES_ORDER, 'cancelled', 'ship')).toBeNull();
    expect(transition(TRANSFER, 'shipped', 'cancel')).toBeNull();
    expect(transition(STOCKTAKE, 'posted', 'count')).toBeNull();
  });

  it('reaches every status from the start, and ends have no way out', () => {
    expect(reachable(PURCHASE_ORDER, 'draft')).toEqual(new Set(Object.keys(PURCHASE_ORDER)));
    expect(reachable(TRANSFER, 'draft')).toEqual(new Set(Object.keys(TRANSFER)));
    expect(reachable(SALES_ORDER, 'confirmed')).toEqual(new Set(Object.keys(SALES_ORDER)));
    for (const end of ['received', 'closed', 'cancelled'] as const)
      expect(allowedActions(PURCHASE_ORDER, end)).toEqual([]);
  });
});

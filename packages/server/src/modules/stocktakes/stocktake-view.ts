import type { Stocktake } from '@onhand/contracts';
import { STOCKTAKE } from '@onhand/domain';
import { isoOut, moneyOut, qtyOut } from '../../http/format';
import { headView, type LoadedDocument } from '../documents/document-reads';
import { stocktakeOptions } from './stocktake-scope';
import { type CountRow, tally } from './stocktake-variance';

/**
 * A stocktake as the API shows it. While a blind stocktake is counting, system quantities and
 * variances are hidden (null): counters see only what they counted.
 */
export function stocktakeView(
  loaded: LoadedDocument,
  counts: readonly CountRow[],
  entries: ReadonlyMap<bigint, bigint>,
): Stocktake {
  const { head, lines } = loaded;
  const { blind, scope } = stocktakeOptions(head.options);
  const hidden = blind && head.status === 'counting';
  const posted = head.status === 'posted';
  const shown = (v: bigint) => (hidden ? null : qtyOut(v));
  const tallies = tally(lines, counts);
  const counted = tallies.filter((t) => t.counted);
  return {
    ...headView(loaded, STOCKTAKE),
    warehouse: head.warehouse_code ?? '',
    warehouseId: head.warehouse_id ?? '',
    blind,
    scope,
    countedLines: counted.length,
    uncountedLines: tallies.length - counted.length,
    totalVarianceQty: shown(counted.reduce((acc, t) => acc + t.variance, 0n)),
    totalValue: posted ? moneyOut([...entries.values()].reduce((acc, v) => acc + v, 0n)) : null,
    lines: tallies.map((t) => ({
      line: Number(t.line.line_no),
      sku: t.line.sku,
      itemId: t.line.item_id,
      batch: t.line.batch,
      qty: shown(t.line.qty),
      counted: t.counted,
      countedQty: t.counted ? qtyOut(t.countedQty) : null,
      systemQty: t.counted ? shown(t.systemQty) : null,
      varianceQty: t.counted ? shown(t.variance) : null,
      value: posted && t.counted ? moneyOut(entries.get(t.line.line_no) ?? 0n) : null,
      reason: t.line.reason ?? (t.reasons.join('; ') || null),
    })),
    counts: counts.map((c) => ({
      sku: c.sku,
      itemId: c.item_id,
      batch: c.batch,
      bin: c.bin,
      countedQty: qtyOut(c.counted_qty),
      systemQty: shown(c.system_qty),
      reason: c.reason,
      at: isoOut(c.at),
      user: c.user_id && c.email ? { id: c.user_id, email: c.email } : null,
    })),
  };
}

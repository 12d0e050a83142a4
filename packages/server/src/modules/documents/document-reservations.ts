import { availableOf } from '../../ledger/balances';
import { reserveForDocument } from '../../ledger/reservations';
import { type Actor, InsufficientStockError, type ShortLine, type Trx } from '../../ledger/types';

/** A document line to reserve: line numbers count from 1. */
export interface LineToReserve {
  line: number;
  itemId: string;
  sku: string;
  qty: bigint;
}

/**
 * Reserves every line of a document in one warehouse, in item order (as the ledger locks
 * balances). When any line is short it throws naming each short SKU and what is available, and
 * the caller's transaction rolls back: all or nothing.
 */
export async function reserveLines(
  trx: Trx,
  document: { id: string; number: string },
  warehouseId: string,
  lines: readonly LineToReserve[],
  actor: Actor,
): Promise<void> {
  const short: ShortLine[] = [];
  const ordered = [...lines].sort((a, b) =>
    a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : a.line - b.line,
  );
  for (const l of ordered) {
    const claim = {
      documentId: document.id,
      line: BigInt(l.line),
      itemId: l.itemId,
      warehouseId,
      qty: l.qty,
      reference: document.number,
    };
    if (!(await reserveForDocument(trx, claim, actor)))
      short.push({
        line: l.line,
        sku: l.sku,
        itemId: l.itemId,
        warehouseId,
        requested: l.qty,
        available: await availableOf(trx, l.itemId, warehouseId),
      });
  }
  if (short.length > 0) throw new InsufficientStockError(short.sort((a, b) => a.line - b.line));
}

import type { Quantity } from '@onhand/domain';
import { shiftSideQuantity } from './balances';
import type { Actor, DocumentRef, Trx } from './types';

/**
 * Moves stock into quarantine (on hand, not for sale: returns awaiting inspection, damaged goods)
 * or, with a negative quantity, back out of it; every move is recorded with its document, and the
 * balance's `quarantined` is their sum. Returns false (nothing changed) when the guard refuses:
 * not enough available to hold, or not that much held.
 */
export async function moveQuarantine(
  trx: Trx,
  move: { itemId: string; warehouseId: string; qty: Quantity },
  document: DocumentRef,
  actor: Actor,
): Promise<boolean> {
  if (!(await shiftSideQuantity(trx, move.itemId, move.warehouseId, 'quarantined', move.qty, actor.at)))
    return false;
  await trx
    .insertInto('quarantine_moves')
    .values({
      item_id: move.itemId,
      warehouse_id: move.warehouseId,
      qty: move.qty,
      document_type: document.type,
      document_id: document.id,
      at: actor.at,
      user_id: actor.userId,
    })
    .execute();
  return true;
}

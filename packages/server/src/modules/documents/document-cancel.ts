import type { DocumentType } from '@onhand/contracts';
import type { TransitionTable } from '@onhand/domain';
import type { Actor, Trx } from '../../ledger/types';
import type { ReasonContext } from './document-routes';
import { allowed, lockDocument, moveDocument } from './document-store';

/** Cancels a document whose status allows it (If-Match checked), keeping the reason given. */
export async function cancelDocument<S extends string>(
  trx: Trx,
  type: DocumentType,
  table: TransitionTable<S, 'cancel'>,
  c: ReasonContext,
  actor: Actor,
): Promise<void> {
  const doc = await lockDocument(trx, type, c);
  const [next] = allowed(table, doc, 'cancel');
  const reason = c.body?.reason;
  await moveDocument(trx, doc, 'cancel', next ?? 'cancelled', actor, reason ? { reason } : {});
}

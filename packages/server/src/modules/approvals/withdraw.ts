import type { Trx } from '../../ledger/types';

/**
 * Withdraws the approvals still waiting on a target (a document that was cancelled or changed):
 * they end rejected with the reason, by whoever caused it, and can no longer run.
 */
export async function withdrawApprovals(
  trx: Trx,
  targetId: string,
  by: { userId: string | null; at: number },
  reason: string,
  only: string | null = null,
): Promise<void> {
  let update = trx
    .updateTable('approvals')
    .set({ status: 'rejected', decided_by: by.userId, decided_at: by.at, reason })
    .where('target_id', '=', targetId)
    .where('status', '=', 'pending');
  if (only !== null) update = update.where('id', '=', only);
  await update.execute();
}

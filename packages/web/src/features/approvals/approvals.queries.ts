import type { Approval } from '@onhand/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { useCursorList } from '../../api/lists';

const APPROVALS = '/api/v1/approvals';

/** Which approvals a list shows: those waiting for the reader, or those the reader asked for. */
export type ApprovalView = 'inbox' | 'mine';

/** The reader's inbox (pending approvals they may decide), or every approval they asked for. */
export const useApprovals = (view: ApprovalView) =>
  useCursorList<Approval>(APPROVALS, view === 'inbox' ? { status: 'pending' } : { mine: 'true' });

/** A decision on an approval: approve (with a TOTP code when its rule demands one) or reject with a reason. */
export type Decision =
  | { kind: 'approve'; totp?: string | undefined }
  | { kind: 'reject'; reason?: string | undefined };

/** Decides an approval; every approval list and what the action changed are read again. */
export function useDecideApproval() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision }: { id: string; decision: Decision }) =>
      decision.kind === 'approve'
        ? api.post<Approval>(`${APPROVALS}/${encodeURIComponent(id)}/approve`, { totp: decision.totp })
        : api.post<Approval>(`${APPROVALS}/${encodeURIComponent(id)}/reject`, { reason: decision.reason }),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}

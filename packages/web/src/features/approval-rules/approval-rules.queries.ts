import type { ApprovalRule } from '@onhand/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

const RULES = '/api/v1/approval-rules';

/** What a rule says, as the form sends it (the action only when it is made). */
export interface RuleBody {
  action?: string;
  threshold: number | null;
  warehouses: string[] | null;
  secondPerson: boolean;
  requireTotp: boolean;
}

/** Every approval rule. */
export function useRules() {
  return useQuery({ queryKey: [RULES], queryFn: () => api.get<{ items: ApprovalRule[] }>(RULES) });
}

/** Makes a rule, or changes one at the version it was read. */
export function useSaveRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ rule, body }: { rule: ApprovalRule | null; body: RuleBody }) =>
      rule
        ? api.patch<ApprovalRule>(`${RULES}/${rule.id}`, body, rule.version)
        : api.post<ApprovalRule>(RULES, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [RULES] }),
  });
}

/** Removes a rule; what already waits for approval keeps waiting. */
export function useRemoveRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`${RULES}/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [RULES] }),
  });
}

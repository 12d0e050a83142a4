import type { ApiToken, ApiTokenCreate, ApiTokenCreated, ApprovalRequired } from '@onhand/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

const TOKENS = '/api/v1/api-tokens';

/** The tokens machines use, with who made them and when they were last used. */
export function useApiTokens() {
  return useQuery({ queryKey: [TOKENS], queryFn: () => api.get<{ items: ApiToken[] }>(TOKENS) });
}

/** Makes a token: the answer holds its secret, once (or the approval it waits for). */
export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ApiTokenCreate) => api.post<ApiTokenCreated | ApprovalRequired>(TOKENS, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [TOKENS] }),
  });
}

/** Revokes a token: it stops working at once. */
export function useRevokeApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`${TOKENS}/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [TOKENS] }),
  });
}

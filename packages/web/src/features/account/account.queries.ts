import type { RecoveryCodes, SessionInfo, TotpEnrolment } from '@onhand/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { ME_KEY } from '../../auth/session';

const SESSIONS = '/api/v1/me/sessions';

/** Starts turning two-step sign-in on: a secret for the authenticator app. */
export const useStartTotp = () =>
  useMutation({ mutationFn: () => api.post<TotpEnrolment>('/api/v1/me/totp') });

/** Turns two-step sign-in on with a first code; the answer holds the recovery codes, once. */
export function useConfirmTotp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api.post<RecoveryCodes>('/api/v1/me/totp/confirm', { code }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ME_KEY }),
  });
}

/** Turns two-step sign-in off, proven with a code. */
export function useDisableTotp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api.post<void>('/api/v1/me/totp/disable', { code }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ME_KEY }),
  });
}

/** Changes one's own password. */
export const useChangePassword = () =>
  useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      api.post<void>('/api/v1/me/password', body),
  });

/** One's own sessions, the current one marked. */
export function useSessions() {
  return useQuery({ queryKey: [SESSIONS], queryFn: () => api.get<{ items: SessionInfo[] }>(SESSIONS) });
}

/** Ends one of one's own sessions. */
export function useEndSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`${SESSIONS}/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [SESSIONS] }),
  });
}

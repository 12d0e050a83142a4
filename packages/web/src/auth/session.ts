import type { LoginBody, LoginResponse, Me } from '@onhand/contracts';
import {
  type QueryClient,
  type QueryKey,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api, nullWhen } from '../api/client';

/** The query key of the signed-in person; null when nobody is signed in. */
export const ME_KEY = ['me'] as const;

/** Who is signed in by the session cookie (null: nobody). */
export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: () => nullWhen(401, api.get<Me>('/api/v1/me')),
    staleTime: 60_000,
  });
}

/** True when the signed-in person holds a permission. */
export function useCan(permission: string): boolean {
  return useMe().data?.permissions.includes(permission) ?? false;
}

/** Drops every cached answer but one (the signed-in person, which mounted pages observe). */
function forgetAllBut(queryClient: QueryClient, keep: QueryKey): void {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== keep[0] });
}

/** Signs in; the server sets the HttpOnly session cookie and the CSRF cookie. */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginBody) => api.post<LoginResponse>('/api/v1/auth/login', body),
    onSuccess: (answer) => {
      forgetAllBut(queryClient, ME_KEY);
      queryClient.setQueryData(ME_KEY, answer.user);
    },
  });
}

/** Signs out: the session ends on the server and every cached answer is forgotten. */
export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/api/v1/auth/logout'),
    onSettled: () => {
      queryClient.setQueryData(ME_KEY, null);
      forgetAllBut(queryClient, ME_KEY);
    },
  });
}

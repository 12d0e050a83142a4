import type { ApprovalRequired, Role, User } from '@onhand/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { useCursorList } from '../../api/lists';

const USERS = '/api/v1/users';

/** What the user form sends: every field on create; name, roles, warehouses and disabled on edit. */
export interface UserBody {
  email?: string;
  name: string;
  password?: string;
  roles: string[];
  /** Null: every warehouse. */
  warehouses: string[] | null;
  disabled?: boolean;
}

/** People matching a search, page by page. */
export const useUsers = (q: string | undefined, enabled = true) => useCursorList<User>(USERS, { q }, enabled);

/** Every role, built-in and custom, with its permissions. */
export function useRoles() {
  return useQuery({
    queryKey: ['/api/v1/roles'],
    queryFn: () => api.get<{ items: Role[] }>('/api/v1/roles'),
    staleTime: 300_000,
  });
}

/**
 * Creates a person, or updates one at the version it was read. A rule on `user.roles` may hold
 * the change back: the answer is then the approval it waits for.
 */
export function useSaveUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ user, body }: { user: User | null; body: UserBody }) =>
      user
        ? api.patch<User | ApprovalRequired>(`${USERS}/${encodeURIComponent(user.id)}`, body, user.version)
        : api.post<User | ApprovalRequired>(USERS, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [USERS] }),
  });
}

/** True when the answer is an approval the change waits for rather than what it made. */
export const heldForApproval = <T extends object>(answer: T | ApprovalRequired): answer is ApprovalRequired =>
  'code' in answer && answer.code === 'approval_required';

import type { ApprovalRequired, Role, RoleCreate } from '@onhand/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

const ROLES = '/api/v1/roles';

/** Makes a custom role (or answers the approval it waits for). */
export function useCreateRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RoleCreate) => api.post<Role | ApprovalRequired>(ROLES, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [ROLES] }),
  });
}

/** Every permission some role grants, in order. */
export const permissionsOf = (roles: readonly Role[]): string[] =>
  [...new Set(roles.flatMap((r) => r.permissions))].sort();

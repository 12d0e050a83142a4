import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { useCursorList } from '../../api/lists';
import type { FormValues, MasterRecord } from './resource';

/** A master-data list searched by `q`, page by page. */
export const useMasterList = <T extends MasterRecord>(path: string, q: string | undefined) =>
  useCursorList<T>(path, { q });

/** Creates a record, or updates one at the version it was read (a stale version is `409 conflict`). */
export function useSaveMaster<T extends MasterRecord>(path: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ record, body }: { record: T | null; body: FormValues }) =>
      record
        ? api.patch<T>(`${path}/${encodeURIComponent(record.id)}`, body, record.version)
        : api.post<T>(path, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [path] }),
  });
}

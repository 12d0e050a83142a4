import type { CategoryNode } from '@onhand/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';

/** The category tree the items name (each ancestor included), with item counts. */
export function useCategories() {
  return useQuery({
    queryKey: ['/api/v1/categories'],
    queryFn: () => api.get<{ items: CategoryNode[] }>('/api/v1/categories'),
    staleTime: 60_000,
  });
}

import { useInfiniteQuery } from '@tanstack/react-query';
import { api, type QueryParams } from './client';

/** One page of a list, as every list endpoint answers. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A list read page by page with its cursor: `rows` holds every page loaded so far, `loadMore`
 * fetches the next.
 */
export function useCursorList<T>(path: string, params: QueryParams = {}, enabled = true) {
  const query = useInfiniteQuery({
    queryKey: [path, params],
    queryFn: ({ pageParam }) => api.get<Page<T>>(path, { ...params, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
  return {
    rows: query.data?.pages.flatMap((p) => p.items) ?? [],
    loading: query.isPending && enabled,
    error: query.error,
    hasMore: query.hasNextPage,
    loadingMore: query.isFetchingNextPage,
    loadMore: () => void query.fetchNextPage(),
  };
}

/** A list read by cursor, as `useCursorList` gives it. */
export type CursorList<T> = ReturnType<typeof useCursorList<T>>;

import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/client';
import { ME_KEY } from '../auth/session';

/**
 * The cache of API answers. A 401 anywhere means the session ended (logged out elsewhere,
 * expired): the app forgets who is signed in and shows the sign-in page.
 */
export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error) => signedOutOn(error) }),
    mutationCache: new MutationCache({ onError: (error) => signedOutOn(error) }),
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        retry: (failures, error) => !(error instanceof ApiError) && failures < 2,
        refetchOnWindowFocus: false,
      },
    },
  });
  const signedOutOn = (error: unknown) => {
    if (error instanceof ApiError && error.status === 401 && client.getQueryData(ME_KEY))
      client.setQueryData(ME_KEY, null);
  };
  return client;
}

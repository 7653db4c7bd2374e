import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './client.js';

/** The app's one query cache: components read it through the provider, route loaders directly. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // 4xx answers do not get better by asking again.
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from './client.js';

/** Query keys, one place: pages invalidate by these. */
export const keys = {
  workflows: ['workflows'] as const,
  workflow: (id: string) => ['workflows', id] as const,
  recentLogs: ['logs', 'recent'] as const,
  components: ['components'] as const,
};

export function useWorkflows() {
  return useQuery({ queryKey: keys.workflows, queryFn: () => unwrap(api.GET('/workflows')) });
}

export function useRecentLogs() {
  return useQuery({ queryKey: keys.recentLogs, queryFn: () => unwrap(api.GET('/workflows/logs/recent')) });
}

/** The component catalogue never changes while the server runs. */
export function useComponents() {
  return useQuery({
    queryKey: keys.components,
    queryFn: () => unwrap(api.GET('/components')),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

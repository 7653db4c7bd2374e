import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, listItems, unwrap } from './client.js';

/** Query keys, one place: pages invalidate by these. */
export const keys = {
  workflows: ['workflows'] as const,
  workflow: (id: string) => ['workflows', id] as const,
  stats: ['stats'] as const,
  components: ['components'] as const,
};

export function useWorkflows() {
  return useQuery({
    queryKey: keys.workflows,
    queryFn: async () => listItems(await unwrap(api.GET('/workflows'))),
  });
}

/** The organization's last 30 days (GET /workflows/logs/stats): dashboard and workflow list read it. */
export function useOrganizationStats(options: { refetchInterval?: number } = {}) {
  return useQuery({
    queryKey: keys.stats,
    queryFn: () => unwrap(api.GET('/workflows/logs/stats')),
    ...options,
  });
}

/** The component catalogue never changes while the server runs. */
export const componentsQuery = queryOptions({
  queryKey: keys.components,
  queryFn: () => unwrap(api.GET('/components')),
  staleTime: Number.POSITIVE_INFINITY,
});

export function useComponents() {
  return useQuery(componentsQuery);
}

import { type QueryClient, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client.js';
import { componentsQuery, keys } from '../api/queries.js';

export const editorKeys = {
  lastRunOutputs: (workflowId: string) => ['workflows', workflowId, 'last-run-outputs'] as const,
  vaultNames: ['vault', 'names'] as const,
  authorizations: ['authorizations'] as const,
};

const workflowQuery = (workflowId: string) =>
  queryOptions({
    queryKey: keys.workflow(workflowId),
    queryFn: () => unwrap(api.GET('/workflows/{workflowId}', { params: { path: { workflowId } } })),
    // The editor holds its own copy; a refetch behind its back would not be shown anyway.
    staleTime: Number.POSITIVE_INFINITY,
  });

export function useWorkflow(workflowId: string) {
  return useQuery(workflowQuery(workflowId));
}

/** Starts loading what the editor opens with (the route's loader: while the editor's code is on its way). */
export function prefetchEditor(client: QueryClient, workflowId: string) {
  void client.prefetchQuery(workflowQuery(workflowId));
  void client.prefetchQuery(componentsQuery);
}

/** Node id → output of the workflow's latest run (for `{{` suggestions and test-node samples). */
export function useLastRunOutputs(workflowId: string) {
  return useQuery({
    queryKey: editorKeys.lastRunOutputs(workflowId),
    queryFn: async () => {
      const runs = await unwrap(
        api.GET('/workflows/{workflowId}/executions', {
          params: { path: { workflowId }, query: { per_page: 1 } },
        }),
      );
      const latest = runs.data[0];
      if (!latest) return { runId: null, outputs: {} as Record<string, unknown> };
      const run = await unwrap(
        api.GET('/workflows/runs/{runId}', { params: { path: { runId: latest.id } } }),
      );
      const outputs: Record<string, unknown> = {};
      for (const log of run.logs ?? []) if (log.status !== 'error') outputs[log.node_id] = log.output;
      return { runId: latest.id, outputs };
    },
  });
}

export function useVaultNames() {
  return useQuery({
    queryKey: editorKeys.vaultNames,
    queryFn: async () => (await unwrap(api.GET('/workflows/vault'))).map((item) => item.name),
  });
}

export function useAuthorizations() {
  return useQuery({
    queryKey: editorKeys.authorizations,
    queryFn: () => unwrap(api.GET('/workflows/authorization')),
  });
}

import { keepPreviousData, type QueryClient, useMutation, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.js';
import { keys } from '../../api/queries.js';

export type Run = Awaited<ReturnType<typeof fetchRun>>;
export type RunGraphData = Awaited<ReturnType<typeof fetchRunGraph>>;
export type RunSummary = Awaited<ReturnType<typeof fetchRunList>>['data'][number];
export type RunLog = NonNullable<Run['logs']>[number];
export type RunStatus = Run['status'];

export const RUN_STATUSES: RunStatus[] = [
  'pending',
  'running',
  'completed',
  'failed',
  'awaiting_ui_interaction',
];
/** A run in one of these states changes no more. */
export const isRunEnded = (status: string | undefined) => status === 'completed' || status === 'failed';

const LIST_REFRESH_MS = 3000;

/** Query keys of the runs pages. */
export const runKeys = {
  list: (filter: RunListFilter) => ['runs', 'list', filter] as const,
  run: (id: string) => ['runs', id] as const,
  graph: (id: string) => ['runs', id, 'graph'] as const,
};

export interface RunListFilter {
  workflowId?: string | undefined;
  status?: RunStatus | undefined;
  page: number;
  perPage?: number;
}

function fetchRunList(filter: RunListFilter) {
  return unwrap(
    api.GET('/workflows/runs', {
      params: {
        query: {
          page: filter.page,
          per_page: filter.perPage ?? 20,
          ...(filter.status ? { status: filter.status } : {}),
          ...(filter.workflowId ? { workflow_id: filter.workflowId } : {}),
        },
      },
    }),
  );
}

function fetchRun(runId: string) {
  return unwrap(api.GET('/workflows/runs/{runId}', { params: { path: { runId } } }));
}

function fetchRunGraph(runId: string) {
  return unwrap(api.GET('/workflows/runs/{runId}/graph', { params: { path: { runId } } }));
}

/** A page of runs (newest first); the previous page stays on screen while the next loads. */
export function useRunList(filter: RunListFilter) {
  return useQuery({
    queryKey: runKeys.list(filter),
    queryFn: () => fetchRunList(filter),
    placeholderData: keepPreviousData,
    // Runs still in progress on this page: look again now and then.
    refetchInterval: (query) =>
      query.state.data?.data.some((run) => !isRunEnded(run.status)) ? LIST_REFRESH_MS : false,
  });
}

// A few seconds fresh: the inspector's first render reuses what the route prefetched; a run in progress
// is kept current by its live stream, not by refetching.
const FRESH_MS = 5000;
const runQuery = (runId: string) => ({
  queryKey: runKeys.run(runId),
  queryFn: () => fetchRun(runId),
  staleTime: FRESH_MS,
  // The route's prefetch just asked (with the app's retries): mounting does not ask again.
  retryOnMount: false,
});
const graphQuery = (runId: string) => ({
  queryKey: runKeys.graph(runId),
  queryFn: () => fetchRunGraph(runId),
  staleTime: FRESH_MS,
  retryOnMount: false,
});

export function useRun(runId: string) {
  return useQuery(runQuery(runId));
}

export function useRunGraph(runId: string) {
  return useQuery(graphQuery(runId));
}

/** Starts loading a run and its graph (the route's loader: while the inspector's code is on its way). */
export function prefetchRun(client: QueryClient, runId: string) {
  void client.prefetchQuery(runQuery(runId));
  void client.prefetchQuery(graphQuery(runId));
}

export function useRerun() {
  return useMutation({
    mutationFn: (runId: string) =>
      unwrap(api.POST('/workflows/runs/{runId}/rerun', { params: { path: { runId }, query: {} } })),
  });
}

export function useResume() {
  return useMutation({
    mutationFn: ({ runId, nodeId }: { runId: string; nodeId: string }) =>
      unwrap(
        api.POST('/workflows/runs/{runId}/resume-from/{nodeId}', { params: { path: { runId, nodeId } } }),
      ),
  });
}

export function useWorkflow(workflowId: string) {
  return useQuery({
    queryKey: keys.workflow(workflowId),
    queryFn: () => unwrap(api.GET('/workflows/{workflowId}', { params: { path: { workflowId } } })),
    enabled: workflowId !== '',
  });
}

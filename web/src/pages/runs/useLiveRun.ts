import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { currentToken } from '../../api/session.js';
import { isRunEnded, type Run, type RunGraphData, type RunLog, runKeys } from './queries.js';
import { readSse } from './sse.js';

/** How the page follows a run: not at all (it has ended), over the live stream, or by polling. */
export type LiveMode = 'off' | 'connecting' | 'live' | 'polling';

const FIRST_POLL_MS = 1000;
const MAX_POLL_MS = 15_000;

/**
 * While `follow` is true, keeps the run and its graph in the query cache up to date from
 * GET /workflows/runs/{id}/events; if the stream cannot be opened or breaks, polls the run with back-off
 * (1 s, doubling, at most 15 s) until it ends.
 */
export function useLiveRun(runId: string, follow: boolean): LiveMode {
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<LiveMode>('off');

  useEffect(() => {
    if (!follow) {
      setMode('off');
      return;
    }
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const refresh = () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: runKeys.run(runId), exact: true }),
        queryClient.invalidateQueries({ queryKey: runKeys.graph(runId), exact: true }),
      ]);

    const apply = (event: string, data: unknown) => {
      if (event === 'run') {
        queryClient.setQueryData<Run>(runKeys.run(runId), (old) =>
          old ? { ...old, ...(data as Partial<Run>), logs: old.logs } : old,
        );
      } else if (event === 'log') {
        const log = data as RunLog;
        queryClient.setQueryData<Run>(runKeys.run(runId), (old) =>
          !old || old.logs?.some((l) => l.id === log.id) ? old : { ...old, logs: [...(old.logs ?? []), log] },
        );
      } else if (event === 'nodes') {
        queryClient.setQueryData<RunGraphData>(runKeys.graph(runId), (old) =>
          old ? { ...old, node_states: data as RunGraphData['node_states'] } : old,
        );
      }
    };

    /** Follows the stream; true when the server said the run ended. */
    async function stream(): Promise<boolean> {
      setMode('connecting');
      const response = await fetch(`/workflows/runs/${encodeURIComponent(runId)}/events`, {
        headers: { authorization: `Bearer ${currentToken() ?? ''}`, accept: 'text/event-stream' },
        signal: controller.signal,
      });
      if (!response.ok || !response.body) throw new Error(`The live stream answered ${response.status}.`);
      setMode('live');
      for await (const event of readSse(response.body)) {
        if (event.event === 'end') return true;
        if (event.event === 'error') throw new Error('The live stream failed.');
        apply(event.event, JSON.parse(event.data));
      }
      return false;
    }

    async function poll(delay: number) {
      if (stopped) return;
      setMode('polling');
      await refresh().catch(() => undefined);
      const run = queryClient.getQueryData<Run>(runKeys.run(runId));
      if (stopped || isRunEnded(run?.status)) return;
      timer = setTimeout(() => void poll(Math.min(delay * 2, MAX_POLL_MS)), delay);
    }

    stream()
      .then(async (ended) => {
        if (stopped) return;
        if (!ended) return poll(FIRST_POLL_MS);
        await refresh();
        setMode('off');
      })
      .catch(() => {
        if (!stopped) timer = setTimeout(() => void poll(FIRST_POLL_MS * 2), FIRST_POLL_MS);
      });

    return () => {
      stopped = true;
      controller.abort();
      clearTimeout(timer);
      // The run may have ended between two events: read its final state once.
      void refresh();
    };
  }, [runId, follow, queryClient]);

  return mode;
}

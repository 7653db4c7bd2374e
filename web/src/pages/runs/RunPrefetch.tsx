import type { ReactNode } from 'react';
import { useParams } from 'react-router';
import { usePrefetchRun } from './queries.js';

/**
 * Route wrapper of the (lazy) run inspector: asks for the run and its graph while rendering, so the API
 * answers while the inspector's code loads instead of after.
 */
export function RunPrefetch({ children }: { children: ReactNode }) {
  const { runId = '' } = useParams();
  usePrefetchRun(runId);
  return children;
}

import { createContext, useContext } from 'react';
import type { ComponentInfo } from './catalogue.js';

export type RunNodeStatus = 'success' | 'error' | 'skipped' | 'not_reached' | 'running' | 'waiting';

export interface RunNodeState {
  status: RunNodeStatus;
  durationMs?: number | null;
}

/** What every node on a canvas needs besides its own data: the catalogue, problems, run states. */
export interface GraphContextValue {
  components: ReadonlyMap<string, ComponentInfo>;
  /** Node id → problems found by validation (the editor). */
  issues?: ReadonlyMap<string, string[]>;
  /** Node id → how the node fared in a run (the run inspector). */
  states?: Readonly<Record<string, RunNodeState>>;
  /** No connecting handles: a run graph. */
  readOnly?: boolean;
}

export const GraphContext = createContext<GraphContextValue>({ components: new Map() });

export const useGraphContext = () => useContext(GraphContext);

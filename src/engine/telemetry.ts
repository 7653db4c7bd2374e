import type { RunRecord } from '../domain/types.js';

/** How one execution of a run ended, as the executor reports it. */
export type RunEnd = 'completed' | 'failed';

/**
 * What the engine tells operators' tooling (Prometheus metrics, OpenTelemetry export). The engine calls
 * these on its hot path, so implementations must be cheap and must not throw; `noTelemetry` is the
 * default and costs a no-op call.
 */
export interface EngineTelemetry {
  /** A run was durably created by this process. */
  runCreated(run: RunRecord): void;
  /** A run this process executed reached `completed` or `failed` (its record and logs are committed). */
  runEnded(run: RunRecord, end: RunEnd): void;
  /** A node attempt finished (`ok` false: it failed, retried or not). */
  nodeFinished(componentId: string, ok: boolean, durationMs: number): void;
  /** A worker claimed a run whose previous owner's lease had expired. */
  leaseTakenOver(run: RunRecord): void;
  /** A schedule fired `lagMs` after its due time. */
  scheduleFired(lagMs: number): void;
}

const noop = () => undefined;

export const noTelemetry: EngineTelemetry = {
  runCreated: noop,
  runEnded: noop,
  nodeFinished: noop,
  leaseTakenOver: noop,
  scheduleFired: noop,
};

/** Tells every sink in turn (metrics and trace export together). */
export function combineTelemetry(sinks: readonly EngineTelemetry[]): EngineTelemetry {
  if (sinks.length === 0) return noTelemetry;
  if (sinks.length === 1) return sinks[0] as EngineTelemetry;
  return {
    runCreated: (run) => {
      for (const s of sinks) s.runCreated(run);
    },
    runEnded: (run, end) => {
      for (const s of sinks) s.runEnded(run, end);
    },
    nodeFinished: (componentId, ok, durationMs) => {
      for (const s of sinks) s.nodeFinished(componentId, ok, durationMs);
    },
    leaseTakenOver: (run) => {
      for (const s of sinks) s.leaseTakenOver(run);
    },
    scheduleFired: (lagMs) => {
      for (const s of sinks) s.scheduleFired(lagMs);
    },
  };
}

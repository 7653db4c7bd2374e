import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Clock } from '../domain/time.js';
import type { EngineTelemetry } from '../engine/telemetry.js';
import type { Store } from '../store/store.js';

/**
 * The process's Prometheus metrics, in a registry of its own (never prom-client's global one, so that
 * two servers in one process, as in the tests, keep separate counts). docs/operations.md lists them.
 */
export interface Metrics {
  /** What the engine reports (runs, nodes, leases, schedules). */
  telemetry: EngineTelemetry;
  /** One HTTP request answered: `route` is the route pattern (`/workflows/:workflowId`), '' when none matched. */
  observeRequest(method: string, route: string, statusCode: number, seconds: number): void;
  /** The exposition text (queue gauges are read from the store now). */
  scrape(): Promise<string>;
  readonly contentType: string;
}

/** Seconds; nodes range from microseconds (transforms) to minutes (HTTP calls, child runs). */
const NODE_BUCKETS = [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30, 120];
const HTTP_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10, 30];
const LAG_BUCKETS = [0.01, 0.05, 0.1, 0.5, 1, 2, 5, 15, 60, 300];

/** `labels(...)` children kept per label value: the hot path looks them up instead of hashing labels. */
function childCache<C>(make: (key: string) => C) {
  const children = new Map<string, C>();
  return (key: string): C => {
    let child = children.get(key);
    if (child === undefined) {
      child = make(key);
      children.set(key, child);
    }
    return child;
  };
}

export function createMetrics(deps: { store: Pick<Store, 'readyQueue'>; clock: Clock }): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const started = new Counter({
    name: 'stratoflow_runs_started_total',
    help: 'Runs created by this process (API, webhooks, schedules, child runs), by workflow',
    labelNames: ['workflow_id'],
    registers: [registry],
  });
  const completed = new Counter({
    name: 'stratoflow_runs_completed_total',
    help: 'Runs this process executed to completion, by workflow',
    labelNames: ['workflow_id'],
    registers: [registry],
  });
  const failed = new Counter({
    name: 'stratoflow_runs_failed_total',
    help: 'Runs this process executed that failed, by workflow',
    labelNames: ['workflow_id'],
    registers: [registry],
  });
  const nodeDuration = new Histogram({
    name: 'stratoflow_node_duration_seconds',
    help: 'Duration of node attempts executed by this process, by component and outcome',
    labelNames: ['component', 'status'],
    buckets: NODE_BUCKETS,
    registers: [registry],
  });
  const takeovers = new Counter({
    name: 'stratoflow_lease_takeovers_total',
    help: "Runs this process's worker claimed after another owner's lease expired",
    registers: [registry],
  });
  const scheduleLag = new Histogram({
    name: 'stratoflow_schedule_lag_seconds',
    help: 'How late schedules fired by this process fired, after their due time',
    buckets: LAG_BUCKETS,
    registers: [registry],
  });
  const httpDuration = new Histogram({
    name: 'stratoflow_http_request_duration_seconds',
    help: 'HTTP requests answered, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'],
    buckets: HTTP_BUCKETS,
    registers: [registry],
  });

  // Queue gauges cost a query, so they are read when scraped, once per scrape for both gauges.
  let queueRead: Promise<{ depth: number; oldestReadyAt: number | null }> | null = null;
  const readQueue = () => {
    queueRead ??= deps.store.readyQueue(deps.clock.now()).finally(() => {
      queueRead = null;
    });
    return queueRead;
  };
  new Gauge({
    name: 'stratoflow_queue_depth',
    help: 'Runs ready to be claimed now (shared by every process on one database)',
    registers: [registry],
    async collect() {
      this.set((await readQueue()).depth);
    },
  });
  new Gauge({
    name: 'stratoflow_queue_oldest_ready_age_seconds',
    help: 'How long the oldest run ready to be claimed has waited (0 when none)',
    registers: [registry],
    async collect() {
      const { oldestReadyAt } = await readQueue();
      this.set(oldestReadyAt === null ? 0 : Math.max(0, deps.clock.now() - oldestReadyAt) / 1000);
    },
  });

  const startedBy = childCache((id) => started.labels(id));
  const completedBy = childCache((id) => completed.labels(id));
  const failedBy = childCache((id) => failed.labels(id));
  const nodeOk = childCache((component) => nodeDuration.labels(component, 'success'));
  const nodeError = childCache((component) => nodeDuration.labels(component, 'error'));
  // route → method → status: three lookups, no key built per request.
  const routes = new Map<string, Map<string, Map<number, ReturnType<typeof httpDuration.labels>>>>();

  function httpChild(method: string, route: string, statusCode: number) {
    let methods = routes.get(route);
    if (!methods) {
      methods = new Map();
      routes.set(route, methods);
    }
    let statuses = methods.get(method);
    if (!statuses) {
      statuses = new Map();
      methods.set(method, statuses);
    }
    let child = statuses.get(statusCode);
    if (!child) {
      child = httpDuration.labels(method, route || 'unmatched', String(statusCode));
      statuses.set(statusCode, child);
    }
    return child;
  }

  return {
    telemetry: {
      runCreated: (run) => startedBy(run.workflowId).inc(),
      runEnded: (run, end) => (end === 'completed' ? completedBy : failedBy)(run.workflowId).inc(),
      nodeFinished: (component, ok, durationMs) =>
        (ok ? nodeOk : nodeError)(component).observe(durationMs / 1000),
      leaseTakenOver: () => takeovers.inc(),
      scheduleFired: (lagMs) => scheduleLag.observe(lagMs / 1000),
    },
    observeRequest(method, route, statusCode, seconds) {
      httpChild(method, route, statusCode).observe(seconds);
    },
    scrape: () => registry.metrics(),
    contentType: registry.contentType,
  };
}

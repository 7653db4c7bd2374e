import type { Clock } from '../domain/time.js';
import { combineTelemetry, type EngineTelemetry } from '../engine/telemetry.js';
import type { Store } from '../store/store.js';
import { startMetricsServer } from './metrics-server.js';
import type { Metrics } from './prometheus.js';
import type { ObservabilitySettings } from './settings.js';

/** A process's metrics and trace export, as configured; everything off costs nothing. */
export interface Observability {
  /** What the engine reports to (a no-op when nothing is configured). */
  telemetry: EngineTelemetry;
  /** The Prometheus metrics (null: neither a metrics token nor a metrics port is set). */
  metrics: Metrics | null;
  /** The separate metrics listener's URL (null: none). */
  metricsUrl: string | null;
  close(): Promise<void>;
}

type Logger = { info(obj: object, msg?: string): void; warn(obj: object, msg?: string): void };

export async function setupObservability(
  settings: ObservabilitySettings,
  deps: { store: Store; clock: Clock; logger: Logger; version: string },
): Promise<Observability> {
  const wantMetrics = settings.metricsToken !== null || settings.metricsPort !== null;
  // prom-client (and the OpenTelemetry API it loads) is imported only when metrics are wanted.
  const metrics = wantMetrics ? (await import('./prometheus.js')).createMetrics(deps) : null;
  // The OpenTelemetry SDK is imported only when an endpoint is configured.
  const otlp = settings.otlpTracesUrl
    ? (await import('./otlp-export.js')).createOtlpExport(deps, {
        url: settings.otlpTracesUrl,
        serviceName: settings.serviceName,
        serviceVersion: deps.version,
      })
    : null;
  if (otlp) deps.logger.info({ url: settings.otlpTracesUrl }, 'exporting run and node spans over OTLP');
  let server: Awaited<ReturnType<typeof startMetricsServer>> | null = null;
  try {
    if (metrics && settings.metricsPort !== null) {
      server = await startMetricsServer(metrics, {
        host: settings.metricsHost,
        port: settings.metricsPort,
        token: settings.metricsToken,
      });
      deps.logger.info({ url: `${server.url}/metrics` }, 'serving metrics');
    }
  } catch (error) {
    await otlp?.shutdown();
    throw error;
  }
  const sinks = [metrics?.telemetry, otlp?.telemetry].filter((s): s is EngineTelemetry => s !== undefined);
  return {
    telemetry: combineTelemetry(sinks),
    metrics,
    metricsUrl: server?.url ?? null,
    async close() {
      await server?.close();
      await otlp?.shutdown();
    },
  };
}

import { type HrTime, SpanKind, SpanStatusCode, TraceFlags } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, type ReadableSpan, type SpanExporter } from '@opentelemetry/sdk-trace-node';
import { nodeSpanId, runSpanId } from '../domain/trace-context.js';
import type { LogRecord, RunRecord } from '../domain/types.js';
import type { EngineTelemetry } from '../engine/telemetry.js';
import { noTelemetry } from '../engine/telemetry.js';
import type { Store } from '../store/store.js';

/**
 * OpenTelemetry export of run and node spans over OTLP/HTTP. This module (and the SDK it imports) is
 * loaded only when an OTLP endpoint is configured. Runs are durable and may be resumed by another
 * process, so no span lives in memory while a run executes: when a run ends, its spans are built from
 * the run record and its node logs (start and end times are known then) and queued for export.
 */
export interface OtlpExport {
  telemetry: EngineTelemetry;
  /** Exports what is queued and stops. */
  shutdown(): Promise<void>;
}

export interface OtlpSettings {
  /** The traces URL (`…/v1/traces`). */
  url: string;
  serviceName: string;
  serviceVersion: string;
}

type Logger = { warn(obj: object, msg?: string): void };

/** The exporter for `url`; tests may hand another SpanExporter to `createOtlpExport`. */
export function otlpHttpExporter(url: string): SpanExporter {
  return new OTLPTraceExporter({ url });
}

export function createOtlpExport(
  deps: { store: Pick<Store, 'getRun' | 'listRunLogs'>; logger: Logger },
  settings: OtlpSettings,
  exporter: SpanExporter = otlpHttpExporter(settings.url),
): OtlpExport {
  const resource = resourceFromAttributes({
    'service.name': settings.serviceName,
    'service.version': settings.serviceVersion,
  });
  const scope = { name: 'stratoflow', version: settings.serviceVersion };
  const processor = new BatchSpanProcessor(exporter);
  const pending = new Set<Promise<void>>();

  function span(fields: {
    name: string;
    traceId: string;
    spanId: string;
    parentSpanId: string | null;
    startMs: number;
    endMs: number;
    error: string | null;
    attributes: Record<string, string | number>;
  }): ReadableSpan {
    const context = { traceId: fields.traceId, spanId: fields.spanId, traceFlags: TraceFlags.SAMPLED };
    const endMs = Math.max(fields.startMs, fields.endMs);
    return {
      name: fields.name,
      kind: SpanKind.INTERNAL,
      spanContext: () => context,
      ...(fields.parentSpanId
        ? {
            parentSpanContext: {
              traceId: fields.traceId,
              spanId: fields.parentSpanId,
              traceFlags: TraceFlags.SAMPLED,
              isRemote: true,
            },
          }
        : {}),
      startTime: hrTime(fields.startMs),
      endTime: hrTime(endMs),
      duration: hrTime(endMs - fields.startMs),
      status:
        fields.error === null
          ? { code: SpanStatusCode.OK }
          : { code: SpanStatusCode.ERROR, message: fields.error },
      attributes: fields.attributes,
      links: [],
      events: [],
      ended: true,
      resource,
      instrumentationScope: scope,
      droppedAttributesCount: 0,
      droppedEventsCount: 0,
      droppedLinksCount: 0,
    };
  }

  function nodeSpan(run: RunRecord, traceId: string, log: LogRecord): ReadableSpan {
    const error =
      log.status === 'error' ? String((log.output as { error?: unknown })?.error ?? 'error') : null;
    return span({
      name: `node ${log.nodeId}`,
      traceId,
      spanId: nodeSpanId(run.id, log.nodeId, log.attempt),
      parentSpanId: runSpanId(run.id),
      startMs: log.createdAt - log.durationMs,
      endMs: log.createdAt,
      error,
      attributes: {
        'stratoflow.run_id': run.id,
        'stratoflow.node_id': log.nodeId,
        'stratoflow.component': log.componentId ?? 'unknown',
        'stratoflow.attempt': log.attempt,
        'stratoflow.node_status': log.status,
      },
    });
  }

  async function exportRun(claimed: RunRecord) {
    const run = await deps.store.getRun(claimed.orgId, claimed.id);
    const trace = run?.trace;
    if (!run || !trace) return;
    const logs = await deps.store.listRunLogs(run.id);
    processor.onEnd(
      span({
        name: `run ${run.workflowId}`,
        traceId: trace.traceId,
        spanId: runSpanId(run.id),
        parentSpanId: trace.parentSpanId,
        startMs: run.startedAt ?? run.createdAt,
        endMs: run.completedAt ?? run.startedAt ?? run.createdAt,
        error: run.status === 'failed' ? (run.errorMessage ?? 'failed') : null,
        attributes: {
          'stratoflow.run_id': run.id,
          'stratoflow.workflow_id': run.workflowId,
          'stratoflow.org_id': run.orgId,
          'stratoflow.origin': run.origin,
          'stratoflow.status': run.status,
        },
      }),
    );
    for (const log of logs) processor.onEnd(nodeSpan(run, trace.traceId, log));
  }

  return {
    telemetry: {
      ...noTelemetry,
      runEnded(run) {
        const work = exportRun(run)
          .catch((error: unknown) =>
            deps.logger.warn({ err: error, runId: run.id }, 'building run spans failed'),
          )
          .finally(() => pending.delete(work));
        pending.add(work);
      },
    },
    async shutdown() {
      await Promise.all(pending);
      await processor.shutdown();
    },
  };
}

function hrTime(ms: number): HrTime {
  const seconds = Math.floor(ms / 1000);
  return [seconds, Math.min(999_999_999, Math.round((ms - seconds * 1000) * 1e6))];
}

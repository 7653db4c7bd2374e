import { hash } from 'node:crypto';
import { randomString } from './random-pool.js';

/**
 * W3C Trace Context (https://www.w3.org/TR/trace-context/): what a run records of the caller's trace
 * and what it passes on. `parentSpanId` is the caller's span (null when the run started the trace).
 */
export interface TraceContext {
  traceId: string;
  parentSpanId: string | null;
  /** The caller's `tracestate`, passed on unchanged (null: none). */
  traceState: string | null;
}

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;
const ZERO_TRACE = '0'.repeat(32);
const ZERO_SPAN = '0'.repeat(16);
/** Longest tracestate kept (the spec allows 32 members of up to 256 characters; 512 is its advice). */
const MAX_TRACESTATE = 512;

/** A new random trace id (16 bytes, lowercase hex). */
export function newTraceId(): string {
  return randomString(16, 'hex');
}

/**
 * The trace context of an incoming request, or null when `traceparent` is absent or invalid (the spec
 * says to start a new trace then, ignoring `tracestate`). Version `ff` and all-zero ids are invalid;
 * unknown future versions are read by their first four fields.
 */
export function parseTraceparent(
  traceparent: string | string[] | undefined,
  tracestate?: string | string[] | undefined,
): TraceContext | null {
  if (typeof traceparent !== 'string') return null;
  const match = TRACEPARENT.exec(traceparent.trim());
  if (!match) return null;
  const [, version, traceId, spanId, , rest] = match as unknown as string[];
  if (version === 'ff' || (version === '00' && rest !== undefined)) return null;
  if (traceId === ZERO_TRACE || spanId === ZERO_SPAN) return null;
  const state = Array.isArray(tracestate) ? tracestate.join(',') : tracestate;
  const kept = state && state.length <= MAX_TRACESTATE ? state.trim() : '';
  return { traceId: traceId as string, parentSpanId: spanId as string, traceState: kept || null };
}

/** `traceparent` naming `spanId` as the parent, sampled. */
export function formatTraceparent(traceId: string, spanId: string): string {
  return `00-${traceId}-${spanId}-01`;
}

/** A span id derived from `parts`: any process computes the same id for a run or a node attempt. */
export function derivedSpanId(...parts: string[]): string {
  return hash('sha256', parts.join('\u0000'), 'hex').slice(0, 16);
}

/** The span of a run. */
export function runSpanId(runId: string): string {
  return derivedSpanId(runId);
}

/** The span of one attempt of one node of a run (outbound calls name it as their parent). */
export function nodeSpanId(runId: string, nodeId: string, attempt: number): string {
  return derivedSpanId(runId, nodeId, String(attempt));
}

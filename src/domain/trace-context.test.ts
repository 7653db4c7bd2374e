import { expect, it } from 'vitest';
import { formatTraceparent, newTraceId, nodeSpanId, parseTraceparent, runSpanId } from './trace-context.js';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN = '00f067aa0ba902b7';

it('reads a valid traceparent with its tracestate', () => {
  expect(parseTraceparent(`00-${TRACE}-${SPAN}-01`, 'a=1,b=2')).toEqual({
    traceId: TRACE,
    parentSpanId: SPAN,
    traceState: 'a=1,b=2',
  });
  expect(parseTraceparent(`00-${TRACE}-${SPAN}-00`)?.traceState).toBeNull();
  // A future version may carry more fields; its first four are read.
  expect(parseTraceparent(`01-${TRACE}-${SPAN}-01-extra`)?.traceId).toBe(TRACE);
});

it('rejects what the W3C spec calls invalid, so that the run starts a new trace', () => {
  for (const bad of [
    undefined,
    '',
    'junk',
    `ff-${TRACE}-${SPAN}-01`,
    `00-${'0'.repeat(32)}-${SPAN}-01`,
    `00-${TRACE}-${'0'.repeat(16)}-01`,
    `00-${TRACE.toUpperCase()}-${SPAN}-01`,
    `00-${TRACE}-${SPAN}-01-extra`,
    `00-${TRACE.slice(1)}-${SPAN}-01`,
  ]) {
    expect(parseTraceparent(bad, 'a=1'), String(bad)).toBeNull();
  }
});

it('drops an oversized tracestate but keeps the trace', () => {
  expect(parseTraceparent(`00-${TRACE}-${SPAN}-01`, `a=${'x'.repeat(600)}`)?.traceState).toBeNull();
});

it('derives stable, distinct span ids for runs and node attempts', () => {
  expect(runSpanId('fl_run_1')).toMatch(/^[0-9a-f]{16}$/);
  expect(runSpanId('fl_run_1')).toBe(runSpanId('fl_run_1'));
  expect(nodeSpanId('fl_run_1', 'n', 1)).not.toBe(nodeSpanId('fl_run_1', 'n', 2));
  expect(nodeSpanId('fl_run_1', 'n', 1)).not.toBe(runSpanId('fl_run_1'));
  expect(formatTraceparent(TRACE, SPAN)).toBe(`00-${TRACE}-${SPAN}-01`);
});

it('makes distinct trace ids, also across refills of its random pool', () => {
  const ids = Array.from({ length: 1000 }, () => newTraceId());
  expect(new Set(ids).size).toBe(1000);
  for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
});

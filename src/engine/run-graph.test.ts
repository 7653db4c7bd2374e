import { describe, expect, it } from 'vitest';
import { runRecord, workflowRecord } from '../../test/helpers/records.js';
import type { LogRecord, RunRecord, WorkflowDefinition } from '../domain/types.js';
import { builtinNodes, createNodeRegistry } from '../nodes/registry.js';
import { runNodeStates } from './run-graph.js';

const registry = createNodeRegistry(builtinNodes());
const T0 = 1_700_000_000_000;

const node = (id: string, componentId: string) => ({
  id,
  type: componentId,
  position: { x: 0, y: 0 },
  data: { componentId },
});

/** trigger → cond → (true: yes → after, false: no); `wait` after trigger on its own branch. */
const definition: WorkflowDefinition = {
  nodes: [
    node('t', 'manual_trigger'),
    node('cond', 'boolean_condition'),
    node('yes', 'text_transform'),
    node('no', 'text_transform'),
    node('after', 'text_transform'),
  ],
  edges: [
    { id: 'e1', source: 't', target: 'cond' },
    { id: 'e2', source: 'cond', target: 'yes', sourceHandle: 'true' },
    { id: 'e3', source: 'cond', target: 'no', sourceHandle: 'false' },
    { id: 'e4', source: 'yes', target: 'after' },
  ],
};

const workflow = workflowRecord(T0);
let seq = 0;
function log(nodeId: string, overrides: Partial<LogRecord> = {}): LogRecord {
  return {
    id: `log_${seq}`,
    orgId: workflow.orgId,
    runId: 'run',
    workflowId: workflow.id,
    seq: seq++,
    nodeId,
    componentId: null,
    status: 'success',
    input: null,
    output: {},
    handle: null,
    attempt: 1,
    durationMs: 5,
    createdAt: T0,
    ...overrides,
  };
}
const run = (overrides: Partial<RunRecord>) => runRecord(workflow, T0, overrides);
const statuses = (states: ReturnType<typeof runNodeStates>) =>
  Object.fromEntries(Object.entries(states).map(([id, s]) => [id, s.status]));

describe('runNodeStates', () => {
  it('marks the dead branch skipped in a completed run', () => {
    const logs = [log('t'), log('cond', { handle: 'true' }), log('yes', { durationMs: 12 }), log('after')];
    const states = runNodeStates(definition, run({ status: 'completed' }), logs, registry);
    expect(statuses(states)).toEqual({
      t: 'success',
      cond: 'success',
      yes: 'success',
      no: 'skipped',
      after: 'success',
    });
    expect(states.yes).toMatchObject({ durationMs: 12, attempts: 1, inherited: false });
    expect(states.no).toMatchObject({ durationMs: null, attempts: 0 });
  });

  it('shows the failing node as error and what came after as not reached', () => {
    const logs = [
      log('t'),
      log('cond', { handle: 'true' }),
      log('yes', { status: 'error', attempt: 1 }),
      log('yes', { status: 'error', attempt: 2, durationMs: 40 }),
    ];
    const states = runNodeStates(definition, run({ status: 'failed', failedNodeId: 'yes' }), logs, registry);
    expect(statuses(states)).toMatchObject({ yes: 'error', no: 'skipped', after: 'not_reached' });
    expect(states.yes).toMatchObject({ attempts: 2, durationMs: 40 });
  });

  it('shows the next nodes running and a sleeping node waiting while the run is active', () => {
    const running = runNodeStates(definition, run({ status: 'running' }), [log('t')], registry);
    expect(statuses(running)).toMatchObject({ t: 'success', cond: 'running', yes: 'not_reached' });

    const state = { waits: { cond: T0 + 5000 }, retries: {}, attempts: {}, memos: {} };
    const waiting = runNodeStates(definition, run({ status: 'running', state }), [log('t')], registry);
    expect(waiting.cond).toMatchObject({ status: 'waiting', waitingUntil: T0 + 5000 });
  });

  it('marks results copied from the original run as inherited successes', () => {
    const inherited = { t: { output: {}, handle: null }, cond: { output: {}, handle: 'true' } };
    const states = runNodeStates(
      definition,
      run({ status: 'completed', inherited, resumedFromNodeId: 'cond' }),
      [log('yes'), log('after')],
      registry,
    );
    expect(states.cond).toMatchObject({ status: 'success', inherited: true, attempts: 0 });
    expect(statuses(states)).toMatchObject({ no: 'skipped', after: 'success' });
  });
});

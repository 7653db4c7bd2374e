import { newId } from '../../src/domain/ids.js';
import { emptyRunState, type RunRecord, type WorkflowRecord } from '../../src/domain/types.js';

/** Store records for the store and scheduler suites: sensible defaults at time `at`, any field overridable. */
export function workflowRecord(at: number, overrides: Partial<WorkflowRecord> = {}): WorkflowRecord {
  return {
    id: newId('workflow'),
    orgId: 'org_a',
    name: 'Nightly sync',
    description: null,
    isActive: true,
    authorizationId: null,
    scheduleType: null,
    scheduleValue: null,
    scheduleTimezone: null,
    nextRunAt: null,
    webhookTokenHash: null,
    webhookTokenHint: null,
    triggerComponent: 'manual_trigger',
    versionId: newId('version'),
    definition: { nodes: [], edges: [] },
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

export function runRecord(w: WorkflowRecord, at: number, overrides: Partial<RunRecord> = {}): RunRecord {
  return {
    id: newId('run'),
    orgId: w.orgId,
    workflowId: w.id,
    versionId: w.versionId,
    status: 'pending',
    origin: 'manual',
    triggerPayload: {},
    errorMessage: null,
    failedNodeId: null,
    originalRunId: null,
    resumedFromNodeId: null,
    inherited: {},
    state: emptyRunState(),
    parentRunId: null,
    depth: 0,
    readyAt: at,
    leaseOwner: null,
    leaseExpiresAt: null,
    createdAt: at,
    startedAt: null,
    completedAt: null,
    ...overrides,
  };
}

/** A workflow on a one-minute interval, first due one minute after `at`. */
export function everyMinuteRecord(at: number, overrides: Partial<WorkflowRecord> = {}): WorkflowRecord {
  return workflowRecord(at, {
    name: 'Every minute',
    scheduleType: 'interval',
    scheduleValue: '1 minute',
    nextRunAt: at + 60_000,
    triggerComponent: 'scheduled_trigger',
    ...overrides,
  });
}

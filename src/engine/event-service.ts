import { StratoflowError } from '../domain/errors.js';
import { PLATFORM_EVENT_TYPES, platformEvent } from '../domain/platform-events.js';
import type { TriggerInput } from '../nodes/contract.js';
import type { Store } from '../store/store.js';
import type { RunService } from './run-service.js';

export interface EventServiceDeps {
  store: Store;
  runs: Pick<RunService, 'start'>;
}

export interface PlatformEventInput {
  type: string;
  data: Record<string, unknown>;
  /** Makes a retried delivery return the runs of the first one instead of starting new ones. */
  idempotencyKey?: string;
}

/**
 * Platform events (`POST /workflows/events`): an event starts every active workflow of the org whose
 * trigger is the event's component, with the event as the trigger's output.
 */
export function createEventService(deps: EventServiceDeps) {
  return {
    async publish(orgId: string, event: PlatformEventInput): Promise<string[]> {
      const known = platformEvent(event.type);
      if (!known) {
        throw new StratoflowError(
          'event_type_unknown',
          `Unknown event type '${event.type}'. Known types: ${PLATFORM_EVENT_TYPES.join(', ')}.`,
          'type',
        );
      }
      const workflows = await deps.store.activeWorkflowsWithTrigger(orgId, known.componentId);
      const trigger: TriggerInput = {
        origin: 'event',
        payload: { event_type: known.type, data: event.data },
      };
      const runIds: string[] = [];
      for (const workflow of workflows) {
        // One key per workflow: a retried delivery finds each run it already started.
        const key = event.idempotencyKey ? `${event.idempotencyKey}:${workflow.id}` : undefined;
        const { run } = await deps.runs.start({
          workflow,
          origin: 'event',
          trigger,
          ...(key ? { idempotencyKey: key } : {}),
        });
        runIds.push(run.id);
      }
      return runIds;
    },
  };
}

export type EventService = ReturnType<typeof createEventService>;

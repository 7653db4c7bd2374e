import { z } from 'zod';
import { PLATFORM_EVENTS, type PlatformEvent } from '../../domain/platform-events.js';
import { type AnyNodeDefinition, defineNode } from '../contract.js';
import { triggerExample, triggerOutput, triggerOutputSchema } from './trigger-output.js';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * One trigger per platform event. Started by `POST /workflows/events` the output is
 * `{trigger_type: 'event', run_id, workflow_id, event_type, data, ...data}`; started any other way
 * (execute, test) the given context stands in for the event's `data`.
 */
function eventTrigger(event: PlatformEvent) {
  return defineNode({
    componentId: event.componentId,
    kind: 'trigger',
    title: event.title,
    description: `Starts a run when ${event.when} (platform event \`${event.type}\`).`,
    config: z.object({}),
    output: triggerOutputSchema(
      'event',
      {
        event_type: z.string().describe('The platform event type'),
        data: z.record(z.string(), z.unknown()).describe("The event's data"),
      },
      "the event's data",
    ),
    outputExample: triggerExample('event', {
      site_id: 'st_7f3a',
      event_type: event.type,
      data: { site_id: 'st_7f3a' },
    }),
    handles: [],
    run(ctx) {
      const { payload } = ctx.trigger;
      const fromEvent = ctx.trigger.origin === 'event';
      const data = fromEvent ? payload.data : payload;
      const eventType = fromEvent && typeof payload.event_type === 'string' ? payload.event_type : event.type;
      const extra = { event_type: eventType, data: isPlainObject(data) ? data : {} };
      return { output: triggerOutput(ctx, 'event', extra, data) };
    },
  });
}

export const eventTriggerNodes: AnyNodeDefinition[] = PLATFORM_EVENTS.map(eventTrigger);

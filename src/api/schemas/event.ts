import { z } from 'zod';
import { PLATFORM_EVENT_TYPES } from '../../domain/platform-events.js';

export const eventBody = z.object({
  type: z
    .string()
    .min(1)
    .max(100)
    .describe(`The platform event: ${PLATFORM_EVENT_TYPES.map((t) => `\`${t}\``).join(', ')}`),
  data: z
    .record(z.string(), z.unknown())
    .default({})
    .describe('Event details (site id, interface...); its top-level fields appear in the trigger output'),
});

export const eventAccepted = z.object({
  run_ids: z.array(z.string()).describe('The runs started, one per matching active workflow (may be empty)'),
});

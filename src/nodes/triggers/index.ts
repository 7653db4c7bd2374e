import type { AnyNodeDefinition } from '../contract.js';
import { eventTriggerNodes } from './event-triggers.js';
import { manualTrigger } from './manual-trigger.js';
import { scheduledTrigger } from './scheduled-trigger.js';
import { subflowTrigger } from './subflow-trigger.js';
import { syncRequestTrigger } from './sync-request-trigger.js';
import { webhookTrigger } from './webhook-trigger.js';
import { workflowTrigger } from './workflow-trigger.js';

export const triggerNodes: AnyNodeDefinition[] = [
  manualTrigger,
  webhookTrigger,
  syncRequestTrigger,
  scheduledTrigger,
  workflowTrigger,
  subflowTrigger,
  ...eventTriggerNodes,
];

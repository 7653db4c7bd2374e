import type { AnyNodeDefinition } from '../contract.js';
import { iterator } from './iterator.js';
import { triggerWorkflow } from './trigger-workflow.js';

/** Flow-control components that start other workflows' runs. */
export const flowNodes: AnyNodeDefinition[] = [triggerWorkflow, iterator];

/** Components that call other workflows by `workflow_id` (deleting a called workflow is refused). */
export const CALLING_COMPONENTS = new Set(['trigger_workflow', 'iterator']);

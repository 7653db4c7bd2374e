import type { AnyNodeDefinition } from '../contract.js';
import { form } from './form/form.js';
import { iterator } from './iterator.js';
import { triggerWorkflow } from './trigger-workflow.js';

/** Flow-control components: starting other workflows' runs, and waiting for people. */
export const flowNodes: AnyNodeDefinition[] = [triggerWorkflow, iterator, form];

/** Components that call other workflows by `workflow_id` (deleting a called workflow is refused). */
export const CALLING_COMPONENTS = new Set(['trigger_workflow', 'iterator']);

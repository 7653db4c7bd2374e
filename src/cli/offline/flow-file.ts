import { createWorkflowBody } from '../../api/schemas/workflow.js';
import { usageError } from '../exit-codes.js';
import { readJsonFile } from '../json-input.js';
import type { FlowFile } from './engine.js';

/** Reads a workflow file (the body `POST /workflows` takes; an `id` is ignored) or fails as a usage error. */
export function readFlowFile(path: string): FlowFile {
  const raw = readJsonFile(path, 'workflow file');
  const parsed = createWorkflowBody.safeParse(
    typeof raw === 'object' && raw !== null ? { name: 'offline', ...raw } : raw,
  );
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw usageError(`${path}: ${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data as unknown as FlowFile;
}

import { type CreateWorkflowBody, createWorkflowBody } from '../api/schemas/workflow.js';
import { usageError } from './exit-codes.js';
import { readJsonFile } from './json-input.js';
import type { FlowFile } from './offline/engine.js';

/**
 * A workflow file: the body `POST /workflows` takes (checked and normalised with the API's own schema,
 * so defaults and unknown keys come out as the server stores them), plus an optional `id`.
 */
export function readWorkflowFile(path: string, defaults: Partial<CreateWorkflowBody> = {}) {
  const raw = readJsonFile(path, 'workflow file');
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw usageError(`Workflow file ${path} must hold a JSON object.`);
  const parsed = createWorkflowBody.safeParse({ ...defaults, ...raw });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw usageError(`${path}: ${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
  }
  const id = (raw as { id?: unknown }).id;
  return { body: parsed.data, id: typeof id === 'string' ? id : undefined };
}

/** A workflow file for an offline run (the name may be left out there). */
export function readFlowFile(path: string): FlowFile {
  return readWorkflowFile(path, { name: 'offline' }).body as unknown as FlowFile;
}

import { StratoflowError } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import { nullCopy } from '../domain/records.js';
import { formatNullableTimestamp, formatTimestamp } from '../domain/time.js';
import type { WorkflowNode } from '../domain/types.js';
import type { RunFilesPort, ShortLinksPort, SubRunPort } from '../nodes/contract.js';
import type { NodeRegistry } from '../nodes/registry.js';
import { Cancellation } from './cancellation.js';
import { delegationFor } from './delegation.js';
import type { ExecutorDeps } from './executor.js';
import { runNode } from './node-runner.js';
import { checkFileSize, newLinkCode, shortUrl } from './run-artifacts.js';
import { findSecretReferences, noVaultSecrets } from './secrets.js';

const NO_SUB_RUNS: SubRunPort = {
  start: () =>
    Promise.reject(new StratoflowError('node_failed', 'Other workflows cannot be started from a node test.')),
  find: async () => null,
  get: async () => null,
};

/** A test stores nothing: files are made and measured, then dropped; links are made up but not served. */
function previewFiles(maxBytes: number): RunFilesPort {
  return {
    async save({ name, contentType, content }) {
      checkFileSize(content.length, maxBytes);
      return { id: newId('runFile'), runId: 'fl_run_test', name, contentType, size: content.length };
    },
    read: async () => null,
  };
}

function previewLinks(publicUrl: string): ShortLinksPort {
  return {
    async create({ url, expiresAt }) {
      const code = newLinkCode();
      return { id: newId('shortLink'), code, shortUrl: shortUrl(publicUrl, code), url, expiresAt };
    },
  };
}

/**
 * `POST /workflows/test-node`: runs one node in isolation against a caller-supplied context (outputs by
 * node id, as a run would have them). Nothing is stored (files and short links are previews); vault values
 * are used and redacted as in a run; with `authorizationId`, nodes act as that authorization's user.
 */
export function createNodeTester(deps: { executor: ExecutorDeps; registry: NodeRegistry }) {
  const { executor, registry } = deps;
  async function test(
    orgId: string,
    node: WorkflowNode,
    context: Record<string, unknown>,
    authorizationId: string | null,
  ) {
    const component = registry.get(node.data.componentId);
    if (!component) {
      throw new StratoflowError(
        'parameter_invalid',
        `Unknown component '${node.data.componentId}'.`,
        'node.data.componentId',
      );
    }
    const refs = findSecretReferences([node.data]);
    const secrets = executor.secrets ? await executor.secrets.load(orgId, refs) : noVaultSecrets();
    const outcome = await runNode(
      executor,
      {
        runId: 'fl_run_test',
        workflowId: 'fl_test',
        orgId,
        depth: 0,
        trigger: { origin: 'test', payload: context },
        cancellation: new Cancellation(),
        scope: Object.assign(nullCopy(context), { vault: secrets.scope }),
        secrets,
        runs: NO_SUB_RUNS,
        delegation: delegationFor(executor.delegatedAccess, secrets, (port) => {
          if (authorizationId) return port.forAuthorization(orgId, authorizationId);
          throw new StratoflowError(
            'authorization_unavailable',
            'A node test acts as a user only when the request names an authorization_id.',
          );
        }),
        files: () => previewFiles(executor.artifacts.maxFileBytes),
        links: previewLinks(executor.artifacts.publicUrl),
        logger: executor.logger,
      },
      { node, component, attempt: 1, waitedUntil: null, memo: null },
    );
    if (outcome.kind === 'error') {
      throw new StratoflowError('node_test_failed', secrets.redact(outcome.message));
    }
    if (outcome.kind === 'wait' && outcome.interaction) {
      const { form, assignee, expiresAt } = outcome.interaction;
      const waiting = {
        waiting_for: 'interaction',
        form,
        assignee,
        expires_at: formatNullableTimestamp(expiresAt),
      };
      return { status: 'success' as const, output: secrets.redact(waiting) };
    }
    if (outcome.kind === 'wait') {
      return { status: 'success' as const, output: { waiting_until: formatTimestamp(outcome.until) } };
    }
    return { status: 'success' as const, output: secrets.redact(outcome.output), handle: outcome.handle };
  }

  return {
    /** Never a 5xx: whatever goes wrong with the node or its inputs is the caller's 422. */
    async test(
      orgId: string,
      node: WorkflowNode,
      context: Record<string, unknown>,
      authorizationId: string | null = null,
    ) {
      try {
        return await test(orgId, node, context, authorizationId);
      } catch (error) {
        if (error instanceof StratoflowError && error.status < 500) throw error;
        const message = error instanceof StratoflowError ? error.message : 'The node could not be tested.';
        throw new StratoflowError('node_test_failed', message);
      }
    },
  };
}

export type NodeTester = ReturnType<typeof createNodeTester>;

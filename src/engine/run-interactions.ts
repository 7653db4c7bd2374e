import { newId } from '../domain/ids.js';
import { type InteractionRecord, type InteractionRequest, NEVER } from '../domain/interactions.js';
import type { RunRecord, RunState } from '../domain/types.js';
import type { InteractionOutcome } from '../nodes/contract.js';
import type { Store } from '../store/store.js';
import type { CompiledDefinition } from './compiled-definition.js';
import { linkHash, linkToken, linkUrl, newLinkKey } from './interaction-links.js';
import type { RunSecrets } from './secrets.js';

export interface RunInteractionDeps {
  store: Store;
  clock: { now(): number };
  publicUrl: string;
}

/**
 * The executor's side of interactions (forms) for one run: which waiting nodes wait for people, how
 * their interactions ended, recording new ones, and the run's one-time links. For a workflow without
 * interactive nodes everything here is a no-op and costs no query.
 */
export function createRunInteractions(
  deps: RunInteractionDeps,
  run: RunRecord,
  compiled: CompiledDefinition,
  state: RunState,
  secrets: RunSecrets,
) {
  const { store, clock } = deps;
  /** Node id → its interaction, for nodes of this run that asked. */
  const asked = new Map<string, InteractionRecord>();
  if (compiled.linkNodes.length > 0 && state.linkKey === undefined) state.linkKey = newLinkKey();

  function tokenOf(nodeId: string): string | null {
    return state.linkKey !== undefined && compiled.linkNodes.includes(nodeId)
      ? linkToken(state.linkKey, nodeId)
      : null;
  }

  function urlOf(nodeId: string): string | null {
    const token = tokenOf(nodeId);
    return token === null ? null : linkUrl(deps.publicUrl, token);
  }

  async function reload(nodeId: string): Promise<InteractionRecord | undefined> {
    const fresh = (await store.listRunInteractions(run.id)).find((i) => i.nodeId === nodeId);
    if (fresh) asked.set(nodeId, fresh);
    return fresh;
  }

  return {
    /** Reads the run's interactions (only for interactive workflows that already started). */
    async load() {
      if (!compiled.interactive || run.status === 'pending') return;
      for (const interaction of await store.listRunInteractions(run.id))
        asked.set(interaction.nodeId, interaction);
    },

    /** `{ url }` for every link node without a result yet, so `{{ node_id.url }}` works from the start. */
    pendingScope(hasResult: (nodeId: string) => boolean): Record<string, { url: string }> {
      const scope: Record<string, { url: string }> = {};
      for (const id of compiled.linkNodes) {
        const url = urlOf(id);
        if (url !== null && !hasResult(id)) scope[id] = { url };
      }
      return scope;
    },

    linkUrl: urlOf,

    /** Whether a waiting node's interaction is answered, so it should run again now. */
    answered(nodeId: string): boolean {
      return asked.get(nodeId)?.status === 'answered';
    },

    /** How the node's interaction ended, if it did; an overdue pending one is expired first (exactly once). */
    async outcome(nodeId: string): Promise<InteractionOutcome | null> {
      let interaction = asked.get(nodeId);
      if (!interaction) return null;
      const now = clock.now();
      if (
        interaction.status === 'pending' &&
        interaction.expiresAt !== null &&
        interaction.expiresAt <= now
      ) {
        if (await store.expireInteraction(interaction.id, now)) {
          asked.set(nodeId, { ...interaction, status: 'expired' });
          return { status: 'expired' };
        }
        interaction = (await reload(nodeId)) ?? interaction;
      }
      if (interaction.status === 'answered' && interaction.answer) {
        const { answer, answeredBy } = interaction;
        return { status: 'answered', answer, answeredBy, answeredAt: interaction.answeredAt ?? now };
      }
      return interaction.status === 'expired' ? { status: 'expired' } : null;
    },

    /** Records what a node asks; returns when its wait ends (its timeout, or never). */
    async ask(nodeId: string, request: InteractionRequest): Promise<number> {
      const token = tokenOf(nodeId);
      const interaction = await store.createInteraction({
        id: newId('interaction'),
        orgId: run.orgId,
        runId: run.id,
        workflowId: run.workflowId,
        nodeId,
        status: 'pending',
        form: secrets.redact(request.form) as Record<string, unknown>,
        assignee: request.assignee,
        linkHash: token === null ? null : linkHash(token),
        url: urlOf(nodeId),
        createdAt: clock.now(),
        expiresAt: request.expiresAt,
        answer: null,
        answeredBy: null,
        answeredAt: null,
      });
      asked.set(nodeId, interaction);
      return interaction.expiresAt ?? NEVER;
    },

    /** Whether any of the waiting nodes waits for a person (the run is then `awaiting_ui_interaction`). */
    awaiting(waiting: Iterable<string>): boolean {
      for (const id of waiting) if (asked.get(id)?.status === 'pending') return true;
      return false;
    },

    /**
     * After parking: an answer that arrived while this worker held the run could not wake it, so look
     * once more; true when one did (the caller wakes the run).
     */
    async answeredWhileHeld(waiting: ReadonlySet<string>): Promise<boolean> {
      const current = await store.listRunInteractions(run.id);
      return current.some((i) => i.status === 'answered' && waiting.has(i.nodeId));
    },

    /** A finished run's pending interactions are closed (the inbox hides them either way). */
    async close() {
      if (compiled.interactive) await store.cancelInteractions(run.id);
    },
  };
}

export type RunInteractions = ReturnType<typeof createRunInteractions>;

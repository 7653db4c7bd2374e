import { notFound, StratoflowError } from '../domain/errors.js';
import type { InteractionRecord, InteractionStatus } from '../domain/interactions.js';
import type { Clock } from '../domain/time.js';
import type { RunStatus } from '../domain/types.js';
import { type AnswerProblem, validateAnswer } from '../nodes/flow/form/answer.js';
import { type FormConfig, formConfig } from '../nodes/flow/form/schema.js';
import type { PageRequest, Store } from '../store/store.js';
import { linkHash } from './interaction-links.js';

export interface InteractionServiceDeps {
  store: Store;
  clock: Clock;
  /** An answered interaction made its run ready (wakes the local worker). */
  onRunReady(): void;
}

/** An interaction as people see it: its status as of now, with its form parsed. */
export interface InteractionView extends InteractionRecord {
  formConfig: FormConfig;
}

const ENDED: ReadonlySet<RunStatus> = new Set(['completed', 'failed']);

/** A pending row whose timeout passed or whose run ended is, for anyone looking, closed. */
function effectiveStatus(i: InteractionRecord, runStatus: RunStatus | null, now: number): InteractionStatus {
  if (i.status !== 'pending') return i.status;
  if (runStatus !== null && ENDED.has(runStatus)) return 'cancelled';
  if (i.expiresAt !== null && i.expiresAt <= now) return 'expired';
  return 'pending';
}

const CLOSED_BECAUSE: Record<Exclude<InteractionStatus, 'pending'>, string> = {
  answered: 'it was already answered',
  expired: 'it timed out',
  cancelled: 'the run has ended',
};

/** The 422 for a submission: the first problem names `param`; `errors` lists them all. */
export function answerError(problems: readonly AnswerProblem[]): StratoflowError {
  const [first] = problems as [AnswerProblem, ...AnswerProblem[]];
  const code = first.kind === 'missing' ? 'parameter_missing' : 'parameter_invalid';
  const error = new StratoflowError(code, first.message, first.param);
  return Object.assign(error, { details: problems.map(({ param, message }) => ({ param, message })) });
}

/**
 * People's side of interactions (forms): what a run waits for, the organization's inbox, and answers
 * through the API or a one-time link. Every answer is validated against the form and recorded by the
 * store's compare-and-set, so exactly one wins; the run then continues down the chosen button.
 */
export function createInteractionService(deps: InteractionServiceDeps) {
  const { store, clock } = deps;

  function view(i: InteractionRecord, runStatus: RunStatus | null): InteractionView {
    const parsed = formConfig.safeParse(i.form);
    if (!parsed.success)
      throw new StratoflowError('internal_error', `Interaction ${i.id} holds an unreadable form.`);
    return { ...i, status: effectiveStatus(i, runStatus, clock.now()), formConfig: parsed.data };
  }

  function closed(i: InteractionView): StratoflowError {
    const reason = i.status === 'pending' ? 'it is not open' : CLOSED_BECAUSE[i.status];
    return new StratoflowError(
      'interaction_closed',
      `Run ${i.runId} no longer waits for node '${i.nodeId}': ${reason}.`,
    );
  }

  async function submit(
    i: InteractionView,
    button: unknown,
    values: unknown,
    answeredBy: string | null,
  ): Promise<InteractionView> {
    if (i.status !== 'pending') throw closed(i);
    const result = validateAnswer(i.formConfig, button, values);
    if (!result.ok) throw answerError(result.problems);
    const now = clock.now();
    if (!(await store.answerInteraction(i.id, result.answer, answeredBy, now))) {
      const [current] = (await store.listRunInteractions(i.runId)).filter((x) => x.id === i.id);
      const run = await store.getRun(i.orgId, i.runId);
      throw closed(view(current ?? i, run?.status ?? null));
    }
    deps.onRunReady();
    return { ...i, status: 'answered', answer: result.answer, answeredBy, answeredAt: now };
  }

  /** The interaction behind a one-time link token, in any status (404 when unknown). */
  async function byToken(token: string): Promise<InteractionView> {
    const found = await store.findInteractionByLink(linkHash(token));
    if (!found) throw new StratoflowError('form_link_invalid');
    const run = await store.getRun(found.orgId, found.runId);
    return view(found, run?.status ?? null);
  }

  /** Everything a run of the org asked, oldest first, with its status now. */
  async function listForRun(orgId: string, runId: string): Promise<InteractionView[]> {
    const run = await store.getRun(orgId, runId);
    if (!run) throw notFound('Run');
    return (await store.listRunInteractions(run.id)).map((i) => view(i, run.status));
  }

  return {
    listForRun,

    /** The org's open interactions, newest first. */
    async inbox(orgId: string, filter: { assignee?: string }, page: PageRequest) {
      const { rows, total } = await store.listPendingInteractions(
        orgId,
        { ...filter, now: clock.now() },
        page,
      );
      return { rows: rows.map((i) => view(i, null)), total };
    },

    /** Answers the interaction of `nodeId` in the run as `sub` (a bearer token's user). */
    async answer(
      orgId: string,
      sub: string | null,
      runId: string,
      nodeId: string,
      button: unknown,
      values: unknown,
    ) {
      const [interaction] = (await listForRun(orgId, runId)).filter((i) => i.nodeId === nodeId);
      if (!interaction) throw notFound(`Interaction of node '${nodeId}'`);
      return submit(interaction, button, values, sub);
    },

    /** The form behind a one-time link; closed ones are returned too, so the page can say why. */
    openLink: byToken,

    /** Answers through a one-time link (no account: `answered_by` stays null). */
    async answerLink(token: string, button: unknown, values: unknown) {
      return submit(await byToken(token), button, values, null);
    },
  };
}

export type InteractionService = ReturnType<typeof createInteractionService>;

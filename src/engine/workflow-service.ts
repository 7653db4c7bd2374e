import { notFound, StratoflowError } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import type { Clock } from '../domain/time.js';
import type { WorkflowDefinition, WorkflowEdge, WorkflowNode, WorkflowRecord } from '../domain/types.js';
import { issueWebhookToken } from '../domain/webhook-token.js';
import type { NodeLimits } from '../nodes/contract.js';
import { CALLING_COMPONENTS } from '../nodes/flow/index.js';
import type { NodeRegistry } from '../nodes/registry.js';
import type { Store } from '../store/store.js';
import { checkWorkflowQuotas, NO_QUOTAS, type OrgQuotas } from './quotas.js';
import { effectiveSchedule, planSchedule, type ScheduleFields } from './schedule-fields.js';
import { type FieldNote, templateWarnings } from './template-checks.js';
import type { TemplateEngine } from './templates/index.js';
import { type DefinitionIssue, validateDefinition } from './validate.js';

/** What a client sends to create or (partially) update a workflow. */
export interface WorkflowInput {
  name?: string;
  description?: string | null;
  is_active?: boolean;
  authorization_id?: string | null;
  schedule_type?: WorkflowRecord['scheduleType'];
  schedule_value?: string | null;
  schedule_timezone?: string | null;
  nodes?: Array<Omit<WorkflowNode, 'type'> & { type?: string }>;
  edges?: WorkflowEdge[];
  /** Fail a node whose template reads an undefined variable (instead of a warning in its log). */
  strict_variables?: boolean;
}

/** A saved workflow with the save-time warnings about its templates. */
export type SavedWorkflow = WorkflowRecord & { warnings: FieldNote[] };

export interface WorkflowServiceDeps {
  store: Store;
  registry: NodeRegistry;
  clock: Clock;
  /** The limits node configs are checked against on save (e.g. the longest Delay). */
  limits: NodeLimits;
  /** Whether an authorization id names one of the org's authorizations. */
  authorizationExists(orgId: string, authorizationId: string): Promise<boolean>;
  /** The engine's template engine: definitions are parsed with the very setup runs render with. */
  templates: Pick<TemplateEngine, 'check'>;
  /** The names of the organization's vault items (templates' `vault.<name>` are checked against them). */
  vaultNames?(orgId: string): Promise<ReadonlySet<string>>;
  quotas?: OrgQuotas;
}

function normalizeDefinition(
  nodes: NonNullable<WorkflowInput['nodes']>,
  edges: WorkflowEdge[],
  strictVariables = false,
): WorkflowDefinition {
  return {
    nodes: nodes.map((n) => ({ ...n, type: n.type ?? n.data.componentId })),
    edges,
    // Stored only when on, so definitions saved before the setting existed compare equal.
    ...(strictVariables ? { settings: { strict_variables: true } } : {}),
  };
}

function invalid(issues: DefinitionIssue[]): StratoflowError {
  const first = issues[0] as DefinitionIssue;
  const error = new StratoflowError('workflow_invalid', first.message, first.param);
  return Object.assign(error, { details: issues.map((i) => ({ message: i.message, param: i.param })) });
}

export function createWorkflowService(deps: WorkflowServiceDeps) {
  const { store, registry, clock } = deps;

  /** Validates a definition plus its schedule; returns the problems as sentences. */
  function check(definition: WorkflowDefinition, schedule: ScheduleFields) {
    const graph = validateDefinition(definition, registry, deps.limits, deps.templates);
    const issues = graph.ok ? [] : [...graph.issues];
    const trigger = graph.ok ? graph.trigger : undefined;
    const plan = planSchedule(effectiveSchedule(schedule, trigger), clock.now());
    if (!plan.ok) issues.push(plan.issue);
    return { graph, plan, issues };
  }

  async function assertAuthorization(orgId: string, authorizationId: string | null | undefined) {
    if (!authorizationId) return;
    if (!(await deps.authorizationExists(orgId, authorizationId))) {
      throw new StratoflowError(
        'parameter_invalid',
        `Authorization '${authorizationId}' does not exist in your organization.`,
        'authorization_id',
      );
    }
  }

  /** Builds the stored record from a full definition and schedule, or throws the definition's issues. */
  function build(
    base: WorkflowRecord,
    definition: WorkflowDefinition,
    schedule: ScheduleFields,
  ): WorkflowRecord {
    const { graph, plan, issues } = check(definition, schedule);
    if (!graph.ok || !plan.ok || issues.length > 0) throw invalid(issues);
    const isWebhook = graph.triggerComponent.componentId === 'webhook_trigger';
    const { revealedWebhookToken: _, ...stored } = base;
    const record: WorkflowRecord = {
      ...stored,
      ...plan.fields,
      scheduleType: plan.fields.scheduleType ?? 'manual',
      nextRunAt: plan.nextRunAt,
      triggerComponent: graph.triggerComponent.componentId,
      webhookTokenHash: isWebhook ? base.webhookTokenHash : null,
      webhookTokenHint: isWebhook ? base.webhookTokenHint : null,
      definition,
    };
    // A workflow that just became a webhook workflow gets its token; the URL is shown this once.
    return isWebhook && record.webhookTokenHash === null ? withNewWebhookToken(record) : record;
  }

  /** What will not resolve when the workflow runs (see templateWarnings). */
  async function warningsFor(orgId: string, definition: WorkflowDefinition): Promise<FieldNote[]> {
    const vaultNames = deps.vaultNames ? await deps.vaultNames(orgId) : null;
    return templateWarnings(definition, registry, deps.templates, vaultNames);
  }

  async function get(orgId: string, id: string): Promise<WorkflowRecord> {
    const workflow = await store.getWorkflow(orgId, id);
    if (!workflow) throw notFound('Workflow');
    return workflow;
  }

  return {
    get,
    list: (orgId: string) => store.listWorkflows(orgId),

    /** Every problem of a definition (nothing is stored), and the warnings about its templates. */
    async validate(
      orgId: string,
      input: { nodes: NonNullable<WorkflowInput['nodes']>; edges: WorkflowEdge[] } & WorkflowInput,
    ): Promise<{ issues: FieldNote[]; warnings: FieldNote[] }> {
      const definition = normalizeDefinition(input.nodes, input.edges, input.strict_variables);
      const { issues } = check(definition, {
        scheduleType: input.schedule_type ?? null,
        scheduleValue: input.schedule_value ?? null,
        scheduleTimezone: input.schedule_timezone ?? null,
      });
      return { issues, warnings: await warningsFor(orgId, definition) };
    },

    async create(
      orgId: string,
      input: Required<Pick<WorkflowInput, 'name' | 'nodes' | 'edges'>> & WorkflowInput,
    ) {
      await assertAuthorization(orgId, input.authorization_id);
      const now = clock.now();
      const base: WorkflowRecord = {
        id: newId('workflow'),
        orgId,
        name: input.name,
        description: input.description ?? null,
        isActive: input.is_active ?? true,
        authorizationId: input.authorization_id ?? null,
        scheduleType: null,
        scheduleValue: null,
        scheduleTimezone: null,
        nextRunAt: null,
        webhookTokenHash: null,
        webhookTokenHint: null,
        triggerComponent: '',
        versionId: newId('version'),
        definition: { nodes: [], edges: [] },
        createdAt: now,
        updatedAt: now,
      };
      const record = build(base, normalizeDefinition(input.nodes, input.edges, input.strict_variables), {
        scheduleType: input.schedule_type ?? null,
        scheduleValue: input.schedule_value ?? null,
        scheduleTimezone: input.schedule_timezone ?? null,
      });
      await checkWorkflowQuotas(store, deps.quotas ?? NO_QUOTAS, record, true, now);
      await store.createWorkflow(record);
      return { ...record, warnings: await warningsFor(orgId, record.definition) };
    },

    /** Partial update: only the fields present change. A changed definition becomes a new version. */
    async update(orgId: string, id: string, input: WorkflowInput): Promise<SavedWorkflow> {
      const current = await get(orgId, id);
      if (input.authorization_id !== undefined) await assertAuthorization(orgId, input.authorization_id);
      const strict = input.strict_variables ?? current.definition.settings?.strict_variables ?? false;
      const definition =
        input.nodes || input.edges || strict !== (current.definition.settings?.strict_variables ?? false)
          ? normalizeDefinition(
              input.nodes ?? current.definition.nodes,
              input.edges ?? current.definition.edges,
              strict,
            )
          : current.definition;
      const changedDefinition = JSON.stringify(definition) !== JSON.stringify(current.definition);
      const scheduleFields: ScheduleFields = {
        scheduleType: input.schedule_type !== undefined ? input.schedule_type : current.scheduleType,
        scheduleValue: input.schedule_value !== undefined ? input.schedule_value : current.scheduleValue,
        scheduleTimezone:
          input.schedule_timezone !== undefined ? input.schedule_timezone : current.scheduleTimezone,
      };
      const base: WorkflowRecord = {
        ...current,
        name: input.name ?? current.name,
        description: input.description !== undefined ? input.description : current.description,
        isActive: input.is_active ?? current.isActive,
        authorizationId:
          input.authorization_id !== undefined ? input.authorization_id : current.authorizationId,
        versionId: changedDefinition ? newId('version') : current.versionId,
        updatedAt: clock.now(),
      };
      const record = build(base, definition, scheduleFields);
      // An unchanged schedule keeps its due time, so an edit never skips or repeats a fire.
      const sameSchedule =
        record.scheduleType === current.scheduleType &&
        record.scheduleValue === current.scheduleValue &&
        record.scheduleTimezone === current.scheduleTimezone;
      // ...except that re-activating starts afresh: no catch-up run for time spent inactive.
      const reactivated = record.isActive && !current.isActive;
      const overdue = current.nextRunAt !== null && current.nextRunAt <= clock.now();
      if (sameSchedule && !(reactivated && overdue)) record.nextRunAt = current.nextRunAt;
      await checkWorkflowQuotas(store, deps.quotas ?? NO_QUOTAS, record, false, clock.now());
      await store.updateWorkflow(record, changedDefinition);
      return { ...record, warnings: await warningsFor(orgId, record.definition) };
    },

    /**
     * Replaces a webhook workflow's token: the old URL stops working at once and the new one is shown
     * in the answer, once (tokens are stored hashed, so this is how a lost URL is recovered).
     */
    async rotateWebhookToken(orgId: string, id: string) {
      const current = await get(orgId, id);
      if (current.webhookTokenHash === null) {
        throw new StratoflowError(
          'parameter_invalid',
          'This workflow has no webhook URL: its trigger is not a webhook_trigger.',
        );
      }
      const record = withNewWebhookToken({ ...current, updatedAt: clock.now() });
      await store.updateWorkflow(record, false);
      return record;
    },

    /** Deletes a workflow with its runs and logs; refused (409) while another workflow calls it. */
    async remove(orgId: string, id: string) {
      await get(orgId, id);
      const callers = (await store.listWorkflows(orgId)).filter(
        (w) =>
          w.id !== id &&
          w.definition.nodes.some(
            (n) => CALLING_COMPONENTS.has(n.data.componentId) && n.data.workflow_id === id,
          ),
      );
      if (callers.length > 0) {
        const names = callers.map((w) => `'${w.name}' (${w.id})`).join(', ');
        throw new StratoflowError(
          'workflow_in_use',
          `Workflow ${id} is called by ${names}; remove those calls first.`,
        );
      }
      if (!(await store.deleteWorkflow(orgId, id))) throw notFound('Workflow');
    },
  };
}

function withNewWebhookToken(record: WorkflowRecord): WorkflowRecord {
  const issued = issueWebhookToken();
  return {
    ...record,
    webhookTokenHash: issued.hash,
    webhookTokenHint: issued.hint,
    revealedWebhookToken: issued.token,
  };
}

export type WorkflowService = ReturnType<typeof createWorkflowService>;

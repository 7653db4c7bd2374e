import type { WorkflowDefinition, WorkflowNode } from '../domain/types.js';
import type { AnyNodeDefinition, NodeLimits } from '../nodes/contract.js';
import type { NodeRegistry } from '../nodes/registry.js';
import { buildGraph, edgeHandle, findCycle } from './graph.js';
import { checkConfigAtSave, componentConfig, describeConfigIssue, knownConfigKeys } from './node-config.js';
import { templateProblems } from './template-checks.js';
import type { TemplateEngine } from './templates/index.js';
import { checkSyncWorkflow } from './validate-sync.js';

/** One problem with a definition: a sentence and the path of the offending field. */
export interface DefinitionIssue {
  message: string;
  param: string;
}

export type DefinitionCheck =
  | { ok: true; trigger: WorkflowNode; triggerComponent: AnyNodeDefinition }
  | { ok: false; issues: DefinitionIssue[] };

/** Every handle a node may fire: its component's handles, config-derived ones, and `error` if enabled. */
export function handlesOf(node: WorkflowNode, component: AnyNodeDefinition): Set<string> {
  const handles = new Set(component.handles);
  if (component.dynamicHandles) {
    const parsed = component.config.safeParse(componentConfig(node, component));
    if (parsed.success) for (const h of component.dynamicHandles(parsed.data)) handles.add(h);
  }
  if (node.data.continue_on_error === true) handles.add('error');
  return handles;
}

function checkNodes(
  def: WorkflowDefinition,
  registry: NodeRegistry,
  limits: NodeLimits,
  issues: DefinitionIssue[],
) {
  const seen = new Set<string>();
  const triggers: WorkflowNode[] = [];
  def.nodes.forEach((node, i) => {
    const param = `nodes[${i}]`;
    if (seen.has(node.id))
      issues.push({ message: `Node id '${node.id}' is used more than once.`, param: `${param}.id` });
    seen.add(node.id);
    const component = registry.get(node.data.componentId);
    if (!component) {
      issues.push({
        message: `Node '${node.id}' uses unknown component '${node.data.componentId}'.`,
        param: `${param}.data.componentId`,
      });
      return;
    }
    if (component.kind === 'trigger') triggers.push(node);
    const config = componentConfig(node, component);
    const known = knownConfigKeys(component.config);
    for (const key of known ? Object.keys(config) : []) {
      // `operation` is config for the components that define one and ignored by the rest (spec §1.2).
      if (known?.has(key) || key === 'operation') continue;
      const accepted = [...(known ?? [])].join(', ') || 'none besides the metadata keys';
      issues.push({
        message: `Node '${node.id}' (${component.componentId}): unknown field '${key}'; accepted fields: ${accepted}.`,
        param: `${param}.data.${key}`,
      });
    }
    for (const issue of checkConfigAtSave(component.config, config)) {
      const path = issue.path
        .map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`))
        .join('');
      issues.push({
        message: `Node '${node.id}' (${component.componentId}): ${describeConfigIssue(issue, config)}`,
        param: `${param}.data${path}`,
      });
    }
    const parsed = component.config.safeParse(config);
    if (component.check && parsed.success) {
      for (const message of component.check(parsed.data, limits)) {
        issues.push({
          message: `Node '${node.id}' (${component.componentId}): ${message}`,
          param: `${param}.data`,
        });
      }
    }
  });
  if (triggers.length !== 1) {
    issues.push({
      message: `A workflow needs exactly one trigger node; this one has ${triggers.length}.`,
      param: 'nodes',
    });
  }
  return triggers;
}

function checkEdges(def: WorkflowDefinition, registry: NodeRegistry, issues: DefinitionIssue[]) {
  const nodes = new Map(def.nodes.map((n) => [n.id, n]));
  const edgeIds = new Set<string>();
  def.edges.forEach((edge, i) => {
    const param = `edges[${i}]`;
    if (edgeIds.has(edge.id))
      issues.push({ message: `Edge id '${edge.id}' is used more than once.`, param: `${param}.id` });
    edgeIds.add(edge.id);
    const source = nodes.get(edge.source);
    const target = nodes.get(edge.target);
    if (!source)
      issues.push({
        message: `Edge '${edge.id}' starts at unknown node '${edge.source}'.`,
        param: `${param}.source`,
      });
    if (!target)
      issues.push({
        message: `Edge '${edge.id}' ends at unknown node '${edge.target}'.`,
        param: `${param}.target`,
      });
    if (!source || !target) return;
    if (registry.get(target.data.componentId)?.kind === 'trigger') {
      issues.push({
        message: `Edge '${edge.id}' ends at trigger node '${target.id}'; triggers have no inputs.`,
        param: `${param}.target`,
      });
    }
    const component = registry.get(source.data.componentId);
    if (!component) return;
    const handle = edgeHandle(edge);
    const handles = handlesOf(source, component);
    if (handle === null && component.kind === 'condition') {
      issues.push({
        message: `Edge '${edge.id}' leaves condition node '${source.id}' without a sourceHandle; use one of: ${[...handles].join(', ')}.`,
        param: `${param}.sourceHandle`,
      });
    } else if (handle !== null && !handles.has(handle)) {
      const known = handles.size > 0 ? `one of: ${[...handles].join(', ')}` : 'no sourceHandle';
      issues.push({
        message: `Edge '${edge.id}' leaves node '${source.id}' by unknown handle '${handle}'; use ${known}.`,
        param: `${param}.sourceHandle`,
      });
    }
  });
}

/**
 * Checks a definition against the graph rules, every component's schema and, parsed with the engine's
 * own Liquid setup, every template a run would render.
 */
export function validateDefinition(
  def: WorkflowDefinition,
  registry: NodeRegistry,
  limits: NodeLimits,
  templates: Pick<TemplateEngine, 'check'>,
): DefinitionCheck {
  const issues: DefinitionIssue[] = [];
  if (def.nodes.length === 0)
    issues.push({ message: 'A workflow needs at least one node (its trigger).', param: 'nodes' });
  const triggers = checkNodes(def, registry, limits, issues);
  issues.push(...templateProblems(def, registry, templates));
  checkEdges(def, registry, issues);
  const cycle = issues.length === 0 ? findCycle(buildGraph(def)) : null;
  if (cycle) {
    const loop = [...cycle, cycle[0]].map((id) => `'${id}'`).join(' → ');
    issues.push({
      message: `The workflow graph has a cycle (${loop}); workflows must be acyclic: remove one of these edges.`,
      param: 'edges',
    });
  }
  const trigger = triggers[0];
  if (trigger?.data.componentId === 'sync_request_trigger') issues.push(...checkSyncWorkflow(def));
  if (issues.length > 0 || !trigger) return { ok: false, issues };
  return { ok: true, trigger, triggerComponent: registry.get(trigger.data.componentId) as AnyNodeDefinition };
}

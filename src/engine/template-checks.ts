import type { WorkflowDefinition, WorkflowNode } from '../domain/types.js';
import type { AnyNodeDefinition } from '../nodes/contract.js';
import type { NodeRegistry } from '../nodes/registry.js';
import { ancestorsOf, buildGraph } from './graph.js';
import { componentConfig, hasTemplate } from './node-config.js';
import type { TemplateEngine } from './templates/index.js';

/** A problem or a warning about one field of a definition: a sentence and the field's path. */
export interface FieldNote {
  message: string;
  param: string;
}

/** Names every run's template scope has besides node ids (see run-progress.ts buildScope). */
const RUN_GLOBALS = new Set(['trigger', 'payload', 'webhook_payload', 'vault']);

interface TemplateField {
  node: WorkflowNode;
  component: AnyNodeDefinition;
  /** `nodes[1].data.headers[0].value` */
  param: string;
  text: string;
}

/**
 * Every string the engine renders or evaluates before running a node (see node-runner.ts
 * renderConfig): the component's config without its `rawFields`, at any depth, when it holds markup.
 */
function* templateFields(def: WorkflowDefinition, registry: NodeRegistry): Generator<TemplateField> {
  for (const [index, node] of def.nodes.entries()) {
    const component = registry.get(node.data.componentId);
    if (!component) continue;
    const raw = new Set(component.rawFields ?? []);
    const stack: [string, unknown][] = [];
    for (const [key, value] of Object.entries(componentConfig(node, component)).reverse()) {
      if (!raw.has(key)) stack.push([`nodes[${index}].data.${key}`, value]);
    }
    while (stack.length > 0) {
      const [param, value] = stack.pop() as [string, unknown];
      if (hasTemplate(value)) yield { node, component, param, text: value as string };
      else if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) stack.push([`${param}[${i}]`, value[i]]);
      } else if (value !== null && typeof value === 'object') {
        for (const [key, item] of Object.entries(value).reverse()) stack.push([`${param}.${key}`, item]);
      }
    }
  }
}

/** Templates that would fail every run: unclosed tags, unknown tags or filters, bad syntax, too long. */
export function templateProblems(
  def: WorkflowDefinition,
  registry: NodeRegistry,
  templates: Pick<TemplateEngine, 'check'>,
): FieldNote[] {
  const problems: FieldNote[] = [];
  for (const field of templateFields(def, registry)) {
    const checked = templates.check(field.text);
    if (checked.ok) continue;
    const where = field.param.replace(/^nodes\[\d+\]\.data\./, '');
    problems.push({
      message: `Node '${field.node.id}' (${field.component.componentId}): the template in '${where}' is invalid: ${checked.message}.`,
      param: field.param,
    });
  }
  return problems;
}

/**
 * References that will not resolve when the node runs: a node that does not run before it (or is not
 * in the workflow), a name that is not in the template scope, a vault item the organization does not
 * have (`vaultNames`; null skips that check). They render empty, so they are warnings, not errors.
 * Nodes with a one-time link are readable from the run's start, wherever they are.
 */
export function templateWarnings(
  def: WorkflowDefinition,
  registry: NodeRegistry,
  templates: Pick<TemplateEngine, 'check'>,
  vaultNames: ReadonlySet<string> | null,
): FieldNote[] {
  const graph = buildGraph(def);
  const linkNodes = new Set(
    def.nodes.filter((n) => registry.get(n.data.componentId)?.interactive?.link(n.data)).map((n) => n.id),
  );
  const ancestors = new Map<string, Set<string>>();
  const upstreamOf = (id: string) => {
    const cached = ancestors.get(id);
    if (cached) return cached;
    const found = ancestorsOf(graph, id);
    ancestors.set(id, found);
    return found;
  };
  const warnings: FieldNote[] = [];
  for (const field of templateFields(def, registry)) {
    const checked = templates.check(field.text);
    if (!checked.ok) continue;
    const seen = new Set<string>();
    for (const [root, name] of checked.references) {
      const key = root === 'vault' ? `vault.${name}` : (root as string);
      if (seen.has(key)) continue;
      seen.add(key);
      const message = referenceProblem(field.node.id, root as string, name, {
        isNode: graph.nodes.has(root as string),
        upstream: upstreamOf(field.node.id).has(root as string) || linkNodes.has(root as string),
        vaultNames,
      });
      if (message) warnings.push({ message: `Node '${field.node.id}': ${message}`, param: field.param });
    }
  }
  return warnings;
}

function referenceProblem(
  nodeId: string,
  root: string,
  name: string | undefined,
  facts: { isNode: boolean; upstream: boolean; vaultNames: ReadonlySet<string> | null },
): string | null {
  if (facts.isNode) {
    if (facts.upstream) return null;
    return root === nodeId
      ? `'${root}' is this node itself; its output does not exist while it runs, so this renders empty.`
      : `'${root}' is not upstream of this node (no path of edges leads from it here), so its output may not exist when this node runs and renders empty.`;
  }
  if (root === 'vault') {
    if (name === undefined || !facts.vaultNames || facts.vaultNames.has(name)) return null;
    return `vault item '${name}' does not exist in your organization; create it before the workflow runs.`;
  }
  if (RUN_GLOBALS.has(root)) return null;
  return `'${root}' is neither a node of this workflow nor one of ${[...RUN_GLOBALS].join(', ')}, so it renders empty.`;
}

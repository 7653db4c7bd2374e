import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/server.js';
import { createWorkflow, executeAndWait, node } from './helpers/workflows.js';

/**
 * Random DAGs of text_transform and boolean_condition nodes, checked against an independent oracle of
 * dead-path elimination: a node runs exactly when at least one incoming edge is live (its source ran and
 * fired that edge's handle); everything else is skipped. Seeded, so a failure is reproducible.
 */
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => t.close());

function prng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

interface Spec {
  kind: 'text' | 'condition';
  /** For conditions: the context flag they read. */
  flag?: string;
}

function randomWorkflow(random: () => number) {
  const count = 3 + Math.floor(random() * 10);
  const specs: Spec[] = [{ kind: 'text' }];
  const nodes = [node('n0', 'manual_trigger')];
  for (let i = 1; i < count; i++) {
    const isCondition = random() < 0.4;
    const flag = `f${i}`;
    specs.push(isCondition ? { kind: 'condition', flag } : { kind: 'text' });
    nodes.push(
      isCondition
        ? node(`n${i}`, 'boolean_condition', { value: `{{ n0.${flag} }}`, operator: 'is_true' })
        : node(`n${i}`, 'text_transform', { template: `node ${i}` }),
    );
  }
  const edges: { id: string; source: string; target: string; sourceHandle?: string }[] = [];
  for (let target = 1; target < count; target++) {
    const incoming = 1 + Math.floor(random() * 2);
    const sources = new Set<number>();
    for (let k = 0; k < incoming; k++) sources.add(Math.floor(random() * target));
    for (const source of sources) {
      const handle = specs[source]?.kind === 'condition' ? (random() < 0.5 ? 'true' : 'false') : undefined;
      edges.push({
        id: `e${source}-${target}-${handle ?? 'next'}`,
        source: `n${source}`,
        target: `n${target}`,
        ...(handle ? { sourceHandle: handle } : {}),
      });
    }
  }
  const context: Record<string, boolean> = {};
  for (const spec of specs) if (spec.flag) context[spec.flag] = random() < 0.5;
  return { specs, nodes, edges, context };
}

/** The oracle: which nodes run, walking the DAG in index order (edges only point forward). */
function expectedToRun(w: ReturnType<typeof randomWorkflow>): string[] {
  const ran = new Map<string, string | null>(); // node id → handle it fired
  ran.set('n0', null);
  for (let i = 1; i < w.specs.length; i++) {
    const id = `n${i}`;
    const live = w.edges.some(
      (e) => e.target === id && ran.has(e.source) && ran.get(e.source) === (e.sourceHandle ?? null),
    );
    if (!live) continue;
    const spec = w.specs[i] as Spec;
    ran.set(id, spec.kind === 'condition' ? String(w.context[spec.flag as string]) : null);
  }
  return [...ran.keys()].sort();
}

it('runs exactly the nodes with a live input, each once, on 40 random graphs', async () => {
  const random = prng(20251128);
  for (let round = 0; round < 40; round++) {
    const w = randomWorkflow(random);
    const created = await createWorkflow(t, { name: `fuzz ${round}`, nodes: w.nodes, edges: w.edges });
    const run = await executeAndWait(t, created.id, w.context);
    expect(run.status, `round ${round}: ${run.error_message}`).toBe('completed');
    const logged = run.logs.map((l: { node_id: string }) => l.node_id);
    expect(new Set(logged).size, `round ${round}: a node ran twice`).toBe(logged.length);
    expect([...logged].sort(), `round ${round}`).toEqual(expectedToRun(w));
  }
});

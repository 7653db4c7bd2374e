import { z } from 'zod';
import { StratoflowError } from '../../domain/errors.js';
import { defineNode, type NodeContext } from '../contract.js';
import { checkChild, childKey, waitForChild } from './child-run.js';

export const MAX_ITERATOR_ITEMS = 1000;

/**
 * What the iterator remembers between wakes. It stays the same small size whatever the number of items:
 * the run's state (and so this memo) is rewritten on every wake, so holding the results here would make
 * the writes grow with the square of the items. The results are read back from the children at the end.
 */
interface Memo {
  polls?: number;
  /** Items done so far and in all: read back as the run's `progress` while it waits. */
  index: number;
  total?: number;
  runId: string | null;
}

const config = z.object({
  /** Evaluated to its raw value: `{{ n1.rows }}` gives the array itself. A JSON array string also works. */
  items: z.unknown(),
  workflow_id: z.string().min(1),
});

function toItems(value: unknown): unknown[] {
  let items = value;
  if (typeof items === 'string') {
    try {
      items = JSON.parse(items);
    } catch {
      throw new StratoflowError('node_failed', 'Iterator items must resolve to an array.');
    }
  }
  if (!Array.isArray(items))
    throw new StratoflowError('node_failed', 'Iterator items must resolve to an array.');
  if (items.length > MAX_ITERATOR_ITEMS) {
    throw new StratoflowError(
      'node_failed',
      `Iterator received ${items.length} items; the limit is ${MAX_ITERATOR_ITEMS} per run.`,
    );
  }
  return items;
}

/**
 * Runs a sub-workflow once per item, one after another; the output is the per-item results in order.
 * Each child gets `{item, index}` as its trigger payload.
 */
export const iterator = defineNode({
  componentId: 'iterator',
  kind: 'action',
  network: false,
  title: 'Iterator',
  description: 'Runs a sub-workflow for each item of an array, sequentially, and collects the results.',
  config,
  output: z.object({
    results: z.array(z.unknown()).describe("Each item's child run final output, in item order"),
    count: z.number().int(),
  }),
  outputExample: { results: [{ text: 'HQ ok' }, { text: 'Branch ok' }], count: 2 },
  handles: [],
  valueFields: ['items'],
  async run(ctx, cfg) {
    const items = toItems(cfg.items);
    const memo: Memo = (ctx.memo as Memo | null) ?? { index: 0, runId: null };
    memo.total = items.length;
    while (memo.index < items.length) {
      if (memo.runId === null) {
        const input = { item: items[memo.index], index: memo.index };
        memo.runId = (await ctx.runs.start(cfg.workflow_id, input, childKey(ctx, `.${memo.index}`))).runId;
      }
      const state = await checkChild(ctx, memo.runId);
      if (!state.done) return waitForChild(ctx, memo);
      memo.index += 1;
      memo.runId = null;
      memo.polls = 0;
    }
    const results = await collectResults(ctx, items.length);
    return { output: { results, count: results.length } };
  },
});

/** The outputs of this attempt's children, in item order (each found by the key it was started with). */
async function collectResults(ctx: NodeContext, count: number): Promise<unknown[]> {
  const results: unknown[] = [];
  for (let index = 0; index < count; index++) {
    const child = await ctx.runs.find(childKey(ctx, `.${index}`));
    if (!child) throw new StratoflowError('node_failed', `The child run of item ${index} no longer exists.`);
    const state = await checkChild(ctx, child.runId);
    if (!state.done)
      throw new StratoflowError('node_failed', `The child run of item ${index} is not finished.`);
    results.push(state.output);
  }
  return results;
}

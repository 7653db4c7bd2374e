import type { RenderBudget } from './engine.js';
import { liquidjs } from './liquidjs.js';

/** The messages liquidjs's own limiters use, so one error mapping covers both. */
export const TIME_MESSAGE = 'template render limit exceeded';
export const MEMORY_MESSAGE = 'memory alloc limit exceeded';

class BudgetExceeded extends Error {}

/** A render budget of `timeMs` from now and `memory` characters/items, charged to `parent` as well. */
export function createBudget(timeMs: number, memory: number, parent?: RenderBudget): RenderBudget {
  const deadline = performance.now() + timeMs;
  let used = 0;
  return {
    time: {
      check(now) {
        if (+now > deadline) throw new BudgetExceeded(TIME_MESSAGE);
        parent?.time.check(now);
      },
      use: () => undefined,
    },
    memory: {
      check(count) {
        if (+count > memory) throw new BudgetExceeded(MEMORY_MESSAGE);
      },
      use(count) {
        if (!(+count > 0)) return;
        if (used + +count > memory) throw new BudgetExceeded(MEMORY_MESSAGE);
        parent?.memory.use(count);
        used += +count;
      },
    },
  };
}

function stringify(value: unknown): string {
  const v = liquidjs().toValue(value);
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(stringify).join('');
  return String(v);
}

/** liquidjs's output emitter, charging every written character to the budget. */
export class MeteredEmitter {
  buffer = '';
  constructor(private readonly memory: RenderBudget['memory']) {}
  write(html: unknown) {
    const text = stringify(html);
    this.memory.use(text.length);
    this.buffer += text;
  }
}

import type { Context, Emitter, Liquid, TagToken, TopLevelToken } from 'liquidjs';
import { liquidjs } from './liquidjs.js';

/**
 * `{% increment x %}` and `{% decrement x %}` as liquidjs defines them, except that the counter lives in
 * the render's own scope (where `assign` writes). The stock tags write into the scope object the caller
 * passed in, so a template could change the run context that later nodes read.
 */
function counterTag(step: 1 | -1) {
  return class CounterTag extends liquidjs().Tag {
    readonly #variable: string;

    constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid) {
      super(token, remainTokens, liquid);
      this.#variable = this.tokenizer.readIdentifier().content;
    }

    render(ctx: Context, emitter: Emitter): void {
      const scope = ctx.bottom() as Record<string, unknown>;
      const current = typeof scope[this.#variable] === 'number' ? (scope[this.#variable] as number) : 0;
      scope[this.#variable] = current + step;
      // increment prints the value before the step, decrement the value after it.
      emitter.write(String(step === 1 ? current : current + step));
    }
  };
}

export function registerCounterTags(liquid: Liquid): void {
  liquid.registerTag('increment', counterTag(1));
  liquid.registerTag('decrement', counterTag(-1));
}

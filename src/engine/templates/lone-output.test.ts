import { Context, Liquid, Output, toValueSync } from 'liquidjs';
import { describe, expect, it } from 'vitest';
import { registerFilters } from './filters.js';
import { loneOutput } from './lone-output.js';

/**
 * The direct evaluation must be indistinguishable from liquidjs's own: same value, same error class and
 * message, in lenient, strict and `default`-first contexts. liquidjs is the oracle.
 */
const liquid = new Liquid({ strictFilters: true, lenientIf: true, ownPropertyOnly: true, timezoneOffset: 0 });
registerFilters(liquid, () => Date.UTC(2026, 0, 1));

class Secret {
  toString() {
    return 'hidden';
  }
}
const scope = {
  n1: {
    text: '41',
    items: [1, 2, { id: 'x' }],
    nested: { deep: { value: null } },
    empty: '',
    secret: new Secret(),
  },
  payload: { n: 1, 'odd key': 'yes', list: ['a', 'b'] },
  count: 3,
  get failing(): unknown {
    throw new Error('the vault item expired');
  },
};

const templates = [
  '{{ n1.text }}',
  '{{ n1.text | plus: 1 }}',
  '{{ n1.text | plus: 1 | times: 2 | json }}',
  '{{ payload.n | json }}',
  '{{ payload["odd key"] | upcase }}',
  '{{ payload.list[1] }}',
  '{{ payload.list.last }}',
  '{{ n1.items.size }}',
  '{{ n1.items[-1].id }}',
  '{{ n1.items | first }}',
  '{{ n1.items | map: "id" | compact | join: "," }}',
  '{{ n1.nested.deep.value | default: "fallback" }}',
  '{{ n1.missing | default: "fallback" }}',
  '{{ missing.path | default: 7 | plus: 1 }}',
  '{{ missing.path }}',
  '{{ n1.missing.deeper | json }}',
  '{{ n1.empty | default: "x", allow_false: true }}',
  '{{ n1.secret }}',
  '{{ n1.text | divided_by: 0 }}',
  '{{ n1.text | slice: 1 }}',
  '{{ failing.value }}',
  '{{ "literal" | upcase | append: "!" }}',
  '{{ 12 | minus: 2 }}',
  '{{ nil | default: true }}',
  '{{ (1..3) | join: "-" }}',
  '{{ count > 2 }}',
  '{{ n1[payload.list[0]] }}',
  '{{ constructor }}',
  '{{ n1.text.size }}',
];

type Outcome = { value: unknown } | { error: string; message: string };

function outcome(run: () => unknown): Outcome {
  try {
    return { value: run() };
  } catch (error) {
    const e = error as Error;
    return { error: e.constructor.name, message: e.message };
  }
}

describe('loneOutput', () => {
  const modes = [
    { name: 'lenient', strictVariables: false },
    { name: 'strict', strictVariables: true },
  ];
  for (const mode of modes) {
    for (const template of templates) {
      it(`evaluates ${template} as liquidjs does (${mode.name})`, () => {
        const [output] = liquid.parse(template);
        expect(output).toBeInstanceOf(Output);
        const context = () =>
          new Context(scope, liquid.options, { sync: true, strictVariables: mode.strictVariables });
        const expected = outcome(() => toValueSync((output as Output).value.value(context(), false)));
        const actual = outcome(() => loneOutput(output as Output).evaluate(context()));
        expect(actual).toEqual(expected);
      });
    }
  }

  it('reads a missing segment through the context, so a strict or watched context decides', () => {
    class Noting extends Context {
      readonly missing: string[] = [];
      override *_getFromScope(...args: Parameters<Context['_getFromScope']>): IterableIterator<unknown> {
        const value = yield* super._getFromScope(...args);
        if (value === undefined) this.missing.push(String(args[1]));
        return value;
      }
    }
    const [output] = liquid.parse('{{ payload.absent | default: 2 | plus: 1 }}');
    const ctx = new Noting(scope, liquid.options, { sync: true });
    expect(loneOutput(output as Output).evaluate(ctx)).toBe(3);
    expect(ctx.missing).toEqual(['payload,absent']);
  });
});

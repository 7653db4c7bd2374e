import { Liquid } from 'liquidjs';
import { describe, expect, it, vi } from 'vitest';
import { StratoflowError } from '../../domain/errors.js';
import { registerFilters } from './filters.js';
import { createTemplateEngine, MAX_UNDEFINED_REPORTED, TemplateError } from './index.js';

const engine = createTemplateEngine();
const scope = {
  n1: {
    name: 'Ada',
    user: { name: 'Ada Lovelace', tags: ['math', 'code'] },
    products: [{ sku: 'a1' }, { sku: 'b2' }],
  },
  node_1: { user_id: 42 },
  trigger: { run_id: 'run_1', payload: { email: 'ada@example.com' } },
  empty: [] as unknown[],
};

function templateError(fn: () => unknown): TemplateError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(TemplateError);
    return error as TemplateError;
  }
  throw new Error('expected a TemplateError');
}

describe('variables', () => {
  it('reads node outputs by id, nested paths and array indexes', () => {
    expect(engine.render('hello {{ n1.name }}', scope)).toBe('hello Ada');
    expect(engine.render('{{ n1.user.name }}/{{ node_1.user_id }}', scope)).toBe('Ada Lovelace/42');
    expect(
      engine.render('{{ n1.products[1].sku }} {{ n1.user.tags[0] }} {{ n1.user.tags.last }}', scope),
    ).toBe('b2 math code');
    expect(engine.render('{{ n1["name"] }}', scope)).toBe('Ada');
  });

  it('renders missing variables empty and never throws', () => {
    expect(engine.render('[{{ nope }}][{{ n1.nope.deeper }}][{{ n1.products[9].sku }}]', scope)).toBe(
      '[][][]',
    );
    expect(engine.render('{% if nope.x == 1 %}yes{% else %}no{% endif %}', scope)).toBe('no');
  });

  it('treats `trigger` as ordinary scope', () => {
    expect(engine.render('{{ trigger.run_id }} {{ trigger.payload.email }}', scope)).toBe(
      'run_1 ada@example.com',
    );
  });

  it('reaches own properties only', () => {
    expect(
      engine.render('[{{ n1.constructor }}][{{ n1.__proto__ }}][{{ n1.name.constructor }}]', scope),
    ).toBe('[][][]');
    expect(engine.render('[{{ n1.hasOwnProperty }}][{{ n1.toString }}]', scope)).toBe('[][]');
  });

  it('returns strings without markup unchanged', () => {
    expect(engine.render('plain {text} with % and }}', scope)).toBe('plain {text} with % and }}');
  });

  it('works on null-byte and special characters', () => {
    expect(engine.render('{{ s }}', { s: 'a\u0000b"\n\\' })).toBe('a\u0000b"\n\\');
  });
});

describe('tags', () => {
  it('if / elsif / else', () => {
    const t = '{% if n > 10 %}big{% elsif n > 5 %}medium{% else %}small{% endif %}';
    expect([12, 7, 1].map((n) => engine.render(t, { n }))).toEqual(['big', 'medium', 'small']);
    expect(engine.render('{% if a and b or c %}y{% endif %}', { a: true, b: false, c: true })).toBe('y');
    expect(
      engine.render('{% if s contains "ell" and l contains 2 %}y{% endif %}', { s: 'hello', l: [1, 2] }),
    ).toBe('y');
  });

  it('unless', () => {
    expect(engine.render('{% unless n1.name == "Bob" %}not bob{% endunless %}', scope)).toBe('not bob');
  });

  it('case / when / else', () => {
    const t = '{% case s %}{% when "a", "b" %}ab{% when "c" %}c{% else %}other{% endcase %}';
    expect(['a', 'b', 'c', 'z'].map((s) => engine.render(t, { s }))).toEqual(['ab', 'ab', 'c', 'other']);
  });

  it('for with forloop variables and else', () => {
    const t =
      '{% for p in list %}{{ forloop.index }}/{{ forloop.length }}:{{ p.sku }}{% if forloop.first %}^{% endif %}{% if forloop.last %}.{% else %},{% endif %}{% else %}none{% endfor %}';
    expect(engine.render(t, { list: scope.n1.products })).toBe('1/2:a1^,2/2:b2.');
    expect(engine.render(t, { list: [] })).toBe('none');
    expect(engine.render(t, {})).toBe('none');
  });

  it('assign and capture', () => {
    expect(
      engine.render('{% assign x = n1.name | upcase %}{% capture y %}{{ x }}!{% endcapture %}{{ y }}', scope),
    ).toBe('ADA!');
  });

  it('has no tags that read files', () => {
    for (const t of ["{% include '/etc/passwd' %}", "{% render 'x' %}", "{% layout 'x' %}"]) {
      expect(templateError(() => engine.render(t, {})).message).toMatch(/not found/);
    }
  });
});

describe('standard filters', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['{{ "Hello world" | truncate: 8 }}', {}, 'Hello...'],
    ['{{ n1.name | upcase }} {{ n1.name | downcase }} {{ "ada" | capitalize }}', scope, 'ADA ada Ada'],
    ['{{ "a,b,c" | split: "," | join: "-" }}', {}, 'a-b-c'],
    ['{{ nope | default: "fallback" }} {{ "" | default: "e" }}', {}, 'fallback e'],
    ['{{ n1.products | size }} {{ n1.name | size }}', scope, '2 3'],
    [
      '{{ 2 | plus: 3 }} {{ 10 | minus: 4 }} {{ 3 | times: 4 }} {{ 10 | divided_by: 4 }} {{ 3.14159 | round: 2 }}',
      {},
      '5 6 12 2.5 3.14',
    ],
    [
      '{{ "x" | append: "y" | prepend: "w" }} {{ "aXbX" | remove: "X" }} {{ "aab" | replace: "a", "c" }}',
      {},
      'wxy ab ccb',
    ],
    ['{{ "<b>" | escape }}', {}, '&lt;b&gt;'],
    [
      '{{ n1.products | map: "sku" | join: "," }} {{ l | sort | uniq | reverse | join }}',
      { ...scope, l: [3, 1, 3, 2] },
      'a1,b2 3 2 1',
    ],
    [
      '{{ l | first }} {{ l | last }} {{ l | compact | size }} {{ l | concat: l | size }}',
      { l: [1, null, 3] },
      '1 3 2 6',
    ],
    ['{{ n1.products | where: "sku", "b2" | map: "sku" | first }}', scope, 'b2'],
    ['{{ -3 | abs }} {{ 1.2 | ceil }} {{ 1.8 | floor }} {{ 7 | modulo: 3 }}', {}, '3 2 1 1'],
    ['{{ "2025-10-31T12:34:00Z" | date: "%Y-%m-%d %H:%M" }}', {}, '2025-10-31 12:34'],
  ];
  it.each(cases)('%s', (template, s, expected) => {
    expect(engine.render(template, s)).toBe(expected);
  });
});

describe('failures', () => {
  it('an unknown filter is a TemplateError naming it', () => {
    const error = templateError(() => engine.render('{{ x | no_such_filter }}', { x: 'secret-value' }));
    expect(error.code).toBe('template_error');
    expect(error.message).toContain('no_such_filter');
    expect(error.message).not.toContain('secret-value');
  });

  it('a syntax error is a TemplateError', () => {
    expect(templateError(() => engine.render('{% if x %}never closed', {})).message).toMatch(/not closed/);
    expect(templateError(() => engine.render('{% nosuchtag %}', {})).message).toMatch(/nosuchtag/);
    expect(templateError(() => engine.render('{{ x ', {})).message).toMatch(/not closed/);
  });

  it('stops a runaway render quickly', () => {
    const fast = createTemplateEngine({ renderLimit: 50 });
    const big = Array.from({ length: 1000 }, (_, i) => i);
    const started = performance.now();
    const error = templateError(() =>
      fast.render(
        '{% for a in l %}{% for b in l %}{% for c in l %}{{ c }}{% endfor %}{% endfor %}{% endfor %}',
        { l: big },
      ),
    );
    expect(error.message).toContain('longer than 50 ms');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('stops a render that allocates too much', () => {
    const small = createTemplateEngine({ memoryLimit: 1000 });
    expect(templateError(() => small.render('{{ (1..5000) | join }}', {})).message).toContain(
      'more than 1000',
    );
  });

  it('refuses templates longer than the parse limit', () => {
    const small = createTemplateEngine({ parseLimit: 20 });
    expect(small.render('{{ x }}', { x: 1 })).toBe('1');
    expect(templateError(() => small.render(`{{ x }}${'a'.repeat(30)}`, {})).message).toContain(
      'the limit is 20',
    );
    // Strings without markup are never parsed, so they are not limited.
    expect(small.render('a'.repeat(30), {})).toBe('a'.repeat(30));
  });
});

describe("text and outputs (rendered without liquidjs's renderer)", () => {
  // liquidjs is the oracle: configured as the engine configures it, it must print the same text or fail
  // with the same message.
  const reference = new Liquid({ strictFilters: true, ownPropertyOnly: true, timezoneOffset: 0 });
  registerFilters(reference, Date.now);
  const withGetter = {
    ...scope,
    get expired(): unknown {
      throw new Error('the vault item expired');
    },
  };
  const templates = [
    'Hello {{ n1.name }}!',
    '{"n": {{ n1.user.tags | size | plus: 1 }}}',
    '{{ n1.name }} and {{ n1.user.tags | join: ", " }}',
    '  {{- n1.name -}}  , {{ n1.missing }}.',
    '{{ n1.products | map: "sku" | json }} / {{ node_1.user_id | times: 2 }}',
    'user: {{ n1.user }}; tags: {{ n1.user.tags }}; none: {{ nil }}; flag: {{ true }}',
    'a {{ node_1.user_id | divided_by: 0 }} b',
    '{{ n1.name | upcase }}{{ n1.name | downcase }}',
    'before {{ expired.value }} after',
    '{{ n1.products[-1].sku | append: "!" }} {{ (1..3) | join: "-" }} {{ n1[n1.name] }}',
    'on {{ "2026-01-01" | carbon_condition: "isSoon" }} line',
  ];
  const outcome = (run: () => unknown) => {
    try {
      return { text: run() };
    } catch (error) {
      return { error: (error as Error).message.replace(/^Template error: /, '') };
    }
  };
  for (const template of templates) {
    it(`renders ${JSON.stringify(template)} as liquidjs does`, () => {
      const expected = outcome(() => reference.parseAndRenderSync(template, withGetter));
      expect(outcome(() => engine.render(template, withGetter))).toEqual(expected);
    });
  }
});

describe('renderDeep', () => {
  it('renders every string at any depth and keeps other values', () => {
    const config = {
      url: 'https://x.test/users/{{ node_1.user_id }}',
      headers: [{ name: 'X-Run', value: '{{ trigger.run_id }}' }],
      nested: { deeper: { list: ['{{ n1.name }}', 3, true, null] } },
      count: 5,
      body: '{"run": "{{ trigger.run_id }}"}',
    };
    const out = engine.renderDeep(config, scope, ['body']);
    expect(out).toEqual({
      url: 'https://x.test/users/42',
      headers: [{ name: 'X-Run', value: 'run_1' }],
      nested: { deeper: { list: ['Ada', 3, true, null] } },
      count: 5,
      body: '{"run": "{{ trigger.run_id }}"}',
    });
    expect(config.url).toContain('{{'); // the input is not modified
  });

  it('skips only top-level keys', () => {
    expect(engine.renderDeep({ a: { body: '{{ n1.name }}' } }, scope, ['body'])).toEqual({
      a: { body: 'Ada' },
    });
  });

  it('handles strings, arrays and scalars at the top', () => {
    expect(engine.renderDeep('{{ n1.name }}', scope)).toBe('Ada');
    expect(engine.renderDeep(['{{ n1.name }}'], scope, ['0'])).toEqual(['Ada']);
    expect(engine.renderDeep(7, scope)).toBe(7);
  });

  it('keeps a `__proto__` key as data', () => {
    const input = JSON.parse('{"__proto__": {"polluted": "{{ n1.name }}"}}');
    const out = engine.renderDeep(input, scope) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toEqual({ polluted: 'Ada' });
  });
});

describe('evaluate', () => {
  it('returns the raw value of a single output tag', () => {
    expect(engine.evaluate('{{ n1.products }}', scope)).toBe(scope.n1.products);
    expect(engine.evaluate('{{ n1.user }}', scope)).toBe(scope.n1.user);
    expect(engine.evaluate('{{ node_1.user_id }}', scope)).toBe(42);
    expect(engine.evaluate('  {{ n1.user.tags | reverse }}\n', scope)).toEqual(['code', 'math']);
    expect(engine.evaluate('{{ n1.products | map: "sku" }}', scope)).toEqual(['a1', 'b2']);
    expect(engine.evaluate('{{ nope }}', scope)).toBeUndefined();
  });

  it('renders anything else to a string', () => {
    expect(engine.evaluate('id {{ node_1.user_id }}', scope)).toBe('id 42');
    expect(engine.evaluate('{{ node_1.user_id }}{{ node_1.user_id }}', scope)).toBe('4242');
    expect(engine.evaluate('{% if true %}{{ node_1.user_id }}{% endif %}', scope)).toBe('42');
    expect(engine.evaluate('plain', scope)).toBe('plain');
  });

  it('reports failures as TemplateError', () => {
    templateError(() => engine.evaluate('{{ x | nope }}', {}));
    const small = createTemplateEngine({ memoryLimit: 100 });
    templateError(() => small.evaluate('{{ (1..5000) | join }}', {}));
  });
});

describe('cache', () => {
  it('renders the same template with different scopes from one parse', () => {
    const parse = vi.spyOn(Liquid.prototype, 'parse');
    try {
      const cached = createTemplateEngine({ cacheSize: 2 });
      expect(cached.render('hi {{ n }}', { n: 1 })).toBe('hi 1');
      expect(cached.render('hi {{ n }}', { n: 1 })).toBe('hi 1');
      expect(cached.render('hi {{ n }}', { n: 2 })).toBe('hi 2');
      expect(cached.evaluate('hi {{ n }}', { n: 2 })).toBe('hi 2');
      expect(parse).toHaveBeenCalledTimes(1);
      // Evict it, then use it again.
      cached.render('{{ a }}', {});
      cached.render('{{ b }}', {});
      expect(cached.render('hi {{ n }}', { n: 3 })).toBe('hi 3');
      expect(parse).toHaveBeenCalledTimes(4);
    } finally {
      parse.mockRestore();
    }
  });

  it('does not keep state between renders nor write into the scope', () => {
    const t =
      '{% increment c %}{% increment c %}{% decrement d %}{{ c }}{% assign x = x | append: "a" %}{{ x }}';
    const shared: Record<string, unknown> = { x: 'b' };
    expect(engine.render(t, shared)).toBe('01-12ba');
    expect(engine.render(t, shared)).toBe('01-12ba');
    expect(shared).toEqual({ x: 'b' });
  });

  it('works with caching disabled', () => {
    const uncached = createTemplateEngine({ cacheSize: 0 });
    expect(uncached.render('{{ n }}', { n: 1 })).toBe('1');
    expect(uncached.render('{{ n }}', { n: 2 })).toBe('2');
  });
});

describe('values that refuse to be read', () => {
  const vault: Record<string, unknown> = {};
  Object.defineProperty(vault, 'old_key', {
    get() {
      throw new StratoflowError(
        'vault_item_expired',
        "Vault item 'old_key' expired at 2026-01-01T00:00:00.000000Z.",
      );
    },
  });

  it.each([
    ['output', 'Bearer {{ vault.old_key }}'],
    ['tag', '{% if vault.old_key %}x{% endif %}'],
    ['filter argument', '{{ "a" | append: vault.old_key }}'],
  ])('keep their own code and sentence (%s)', (_label, template) => {
    try {
      engine.render(template, { vault });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(StratoflowError);
      expect(error).not.toBeInstanceOf(TemplateError);
      expect((error as StratoflowError).code).toBe('vault_item_expired');
      expect((error as Error).message).toBe("Vault item 'old_key' expired at 2026-01-01T00:00:00.000000Z.");
    }
  });

  it('in evaluate too', () => {
    expect(() => engine.evaluate('{{ vault.old_key }}', { vault })).toThrow(
      "Vault item 'old_key' expired at 2026-01-01T00:00:00.000000Z.",
    );
  });
});

describe('undefined variables (watched renders)', () => {
  const watch = (strict = false) => ({ strict, found: [] as string[] });

  it('notes each missing path once, renders it empty, and keeps rendering', () => {
    const w = watch();
    const t =
      '{{ n1.name }}[{{ n1.body }}][{{ n1.body.deeper }}][{{ nope | upcase }}]{% for p in n1.products %}{{ p.sku }}{{ p.price }}{% endfor %}';
    expect(engine.render(t, scope, undefined, w)).toBe('Ada[][][]a1b2');
    expect(w.found).toEqual(['n1.body', 'nope', 'p.price']);
    expect(engine.evaluate('{{ n1.products }}', scope, undefined, w)).toBe(scope.n1.products);
    expect(engine.evaluate('{{ n1.gone }}', scope, undefined, w)).toBeUndefined();
    expect(w.found).toContain('n1.gone');
  });

  it('does not note reads that expect a missing value', () => {
    const w = watch();
    const t =
      '{% if n1.maybe %}x{% endif %}{% unless n1.maybe %}u{% endunless %}{{ n1.nick | default: "d" }}{% assign y = n1.none %}{{ n1.products | map: "none" | size }}';
    expect(engine.render(t, scope, undefined, w)).toBe('ud2');
    expect(w.found).toEqual([]);
  });

  it('stops at the first missing read in strict mode', () => {
    const error = templateError(() =>
      engine.render('{{ n1.name }}{{ n1.body }}', scope, undefined, watch(true)),
    );
    expect(error.message).toBe(
      "Template reads 'n1.body', which is undefined (the workflow has strict_variables on).",
    );
    expect(engine.render('{{ n1.name }}{{ n1.nick | default: "-" }}', scope, undefined, watch(true))).toBe(
      'Ada-',
    );
  });

  it('reports at most MAX_UNDEFINED_REPORTED paths and renders the rest unwatched', () => {
    const w = watch();
    const t = Array.from({ length: 30 }, (_, i) => `{{ m${i} }}`).join('');
    expect(engine.render(`${t}{{ n1.name }}`, scope, undefined, w)).toBe('Ada');
    expect(w.found).toHaveLength(MAX_UNDEFINED_REPORTED);
  });
});

describe('check', () => {
  it('lists the global variables a template reads, without locals', () => {
    expect(
      engine.check(
        '{{ n1.a.b }}{% for p in n2.list %}{{ p.x }}{% endfor %}{% assign q = 1 %}{{ q }}{{ vault["k-1"] }}{{ n3[n4.k] }}',
      ),
    ).toEqual({
      ok: true,
      references: [['n1', 'a', 'b'], ['n2', 'list'], ['vault', 'k-1'], ['n3'], ['n4', 'k']],
    });
    expect(engine.check('no markup')).toEqual({ ok: true, references: [] });
  });

  it('gives the parse problem without rendering', () => {
    expect(engine.check('{% if x %}')).toEqual({
      ok: false,
      message: 'tag {% if x %} not closed, line:1, col:1',
    });
    expect(engine.check('{{ x | nope }}')).toEqual({
      ok: false,
      message: 'undefined filter: nope, line:1, col:1',
    });
  });
});

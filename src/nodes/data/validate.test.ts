import { describe, expect, it } from 'vitest';
import { runNodeOutput } from '../test-context.js';
import { validate } from './validate.js';

// TEST_NOW is 2024-06-15T12:00:00Z.
const run = async (data: unknown, rules: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
  const { output, handle } = await runNodeOutput(validate, { data, rules, ...extra });
  return { ...(output as { valid: boolean; errors: Record<string, string[]>; error_count: number }), handle };
};
const passes = async (rule: string, value: unknown) => (await run({ field: value }, { field: rule })).valid;

/** Rule, value, passes? — from Laravel's documentation of each rule (laravel.com/docs/validation). */
const LARAVEL: [string, unknown, boolean][] = [
  ['required', 'x', true],
  ['required', 0, true],
  ['required', false, true],
  ['required', '', false],
  ['required', '   ', false],
  ['required', null, false],
  ['required', [], false],
  ['string', 'a', true],
  ['string', 1, false],
  ['integer', 5, true],
  ['integer', '5', true],
  ['integer', '-3', true],
  ['integer', '5.0', false],
  ['integer', 5.5, false],
  ['integer', 'abc', false],
  ['numeric', '1e3', true],
  ['numeric', '-1.5', true],
  ['numeric', 12, true],
  ['numeric', 'abc', false],
  ['numeric', '0x1A', false],
  ['boolean', true, true],
  ['boolean', false, true],
  ['boolean', 1, true],
  ['boolean', '0', true],
  ['boolean', 'true', false],
  ['boolean', 'yes', false],
  ['array', [1, 2], true],
  ['array', { a: 1 }, true],
  ['array', 'a', false],
  ['array:a,b', { a: 1, c: 2 }, false],
  ['email', 'ada@example.com', true],
  ['email', 'user@localhost', true],
  ['email', 'no-at-sign', false],
  ['email', 'a@@b.com', false],
  ['url', 'https://example.com/path?q=1', true],
  ['url', 'ftp://files.example.com', true],
  ['url', 'example.com', false],
  ['url', 'http://', false],
  ['uuid', '123e4567-e89b-12d3-a456-426614174000', true],
  ['uuid', '123e4567e89b12d3a456426614174000', false],
  ['ip', '192.168.0.1', true],
  ['ip', '2001:db8::1', true],
  ['ip', '256.1.1.1', false],
  ['ipv4', '10.0.0.1', true],
  ['ipv4', '::1', false],
  ['ipv6', '::1', true],
  ['ipv6', '10.0.0.1', false],
  ['min:3', 'abc', true],
  ['min:3', 'ab', false],
  ['min:3', 'ééé', true],
  ['numeric|min:3', 3, true],
  ['numeric|min:3', '2', false],
  ['min:3', 25, false], // without numeric/integer a number is measured as text: "25" has 2 characters
  ['array|min:2', [1], false],
  ['max:5', 'abcde', true],
  ['max:5', 'abcdef', false],
  ['integer|max:10', '10', true],
  ['integer|max:10', 11, false],
  ['between:2,4', 'abc', true],
  ['between:2,4', 'abcde', false],
  ['numeric|between:1,10', 10, true],
  ['numeric|between:1,10', 10.5, false],
  ['size:3', 'abc', true],
  ['integer|size:10', '10', true],
  ['array|size:2', [1, 2], true],
  ['array|size:2', [1], false],
  ['in:a,b', 'a', true],
  ['in:a,b', 'c', false],
  ['in:1,2', 1, true],
  ['array|in:a,b', ['a', 'b'], true],
  ['array|in:a,b', ['a', 'c'], false],
  ['not_in:a,b', 'c', true],
  ['not_in:a,b', 'a', false],
  ['regex:/^[a-z]+$/', 'abc', true],
  ['regex:/^[a-z]+$/', 'ab1', false],
  ['regex:/^[A-Z]+$/i', 'abc', true],
  ['regex:/^(cat|dog)$/|string', 'dog', true],
  ['regex:/^(cat|dog)$/|string', 'cow', false],
  ['regex:#^\\d{3}$#', '123', true],
  ['not_regex:/\\d/', 'abc', true],
  ['not_regex:/\\d/', 'a1', false],
  ['date', '2024-02-29', true],
  ['date', '2023-02-29', false],
  ['date', 'March 5, 2024', true],
  ['date', 'tomorrow', false], // "a valid, non-relative date"
  ['date', 'garbage', false],
  ['before:2024-01-01', '2023-12-31', true],
  ['before:2024-01-01', '2024-01-01', false],
  ['after:tomorrow', '2024-06-17', true],
  ['after:tomorrow', '2024-06-15', false],
  ['alpha', 'Héllo', true],
  ['alpha', 'abc1', false],
  ['alpha_num', 'abc123', true],
  ['alpha_num', 'abc-1', false],
  ['alpha_dash', 'a-b_c1', true],
  ['alpha_dash', 'a b', false],
  ['starts_with:foo,bar', 'barn', true],
  ['starts_with:foo,bar', 'baz', false],
  ['ends_with:.com,.org', 'x.org', true],
  ['ends_with:.com,.org', 'x.net', false],
  ['digits:4', '1234', true],
  ['digits:4', 1234, true],
  ['digits:4', '123', false],
  ['digits:4', '12a4', false],
  ['digits_between:2,4', '123', true],
  ['digits_between:2,4', '12345', false],
  ['nullable|string', null, true],
  ['string', null, false], // present and null: only nullable lets it through
  ['email', '', true], // blank: only required* rules run
  ['nullable|email|max:255', 'x@y.z', true],
];

describe('validate: Laravel rule semantics', () => {
  it.each(LARAVEL)('%s with %j passes: %s', async (rule, value, expected) => {
    expect(await passes(rule, value)).toBe(expected);
  });

  it('skips every rule but required* when the field is missing, unless sometimes/required say otherwise', async () => {
    expect((await run({}, { email: 'email|max:3' })).valid).toBe(true);
    expect((await run({}, { email: 'sometimes|required' })).valid).toBe(true);
    expect((await run({ email: '' }, { email: 'sometimes|required' })).valid).toBe(false);
    expect((await run({}, { email: 'required|email' })).errors).toEqual({
      email: ['The email field is required.'],
    });
  });

  it('checks rules that name other fields', async () => {
    const cases: [unknown, Record<string, string>, boolean][] = [
      [{ password: 'secret1', password_confirmation: 'secret1' }, { password: 'confirmed' }, true],
      [{ password: 'secret1', password_confirmation: 'secret2' }, { password: 'confirmed' }, false],
      [{ password: 'secret1' }, { password: 'confirmed' }, false],
      [{ a: 'x', b: 'x' }, { a: 'same:b' }, true],
      [{ a: 'x', b: 'y' }, { a: 'same:b' }, false],
      [{ a: 'x', b: 'y' }, { a: 'different:b' }, true],
      [{ a: 'x', b: 'x' }, { a: 'different:b' }, false],
      [{ role: 'admin' }, { badge: 'required_if:role,admin,owner' }, false],
      [{ role: 'user' }, { badge: 'required_if:role,admin,owner' }, true],
      [{ active: true }, { badge: 'required_if:active,true' }, false],
      [{ phone: '555' }, { country: 'required_with:phone' }, false],
      [{ phone: '' }, { country: 'required_with:phone' }, true],
      [{ start: '2024-01-01', end: '2024-02-01' }, { end: 'after:start' }, true],
      [{ start: '2024-03-01', end: '2024-02-01' }, { end: 'after:start' }, false],
    ];
    for (const [data, rules, expected] of cases)
      expect([data, (await run(data, rules)).valid]).toEqual([data, expected]);
  });

  it("reports Laravel's default English messages keyed by field, in rule order", async () => {
    const result = await run(
      {
        first_name: '',
        email: 'nope',
        age: '17',
        code: 'x',
        tags: ['a'],
        role: 'admin',
        start: '2024-05-01',
      },
      {
        first_name: 'required|string',
        email: 'email|max:3',
        age: 'integer|min:18',
        code: 'size:3|in:abc,def',
        tags: 'array|min:2',
        badge: 'required_if:role,admin',
        phone: 'required_with:role,email',
        start: 'after:2024-06-01',
        lastName: 'required',
      },
    );
    expect(result.errors).toEqual({
      first_name: ['The first name field is required.'],
      email: [
        'The email field must be a valid email address.',
        'The email field must not be greater than 3 characters.',
      ],
      age: ['The age field must be at least 18.'],
      code: ['The code field must be 3 characters.', 'The selected code is invalid.'],
      tags: ['The tags field must have at least 2 items.'],
      badge: ['The badge field is required when role is admin.'],
      phone: ['The phone field is required when role / email is present.'],
      start: ['The start field must be a date after 2024-06-01.'],
      lastName: ['The last name field is required.'],
    });
    expect(result).toMatchObject({ valid: false, error_count: 11, handle: 'invalid' });
  });

  it('stops an attribute at its first failure with bail, and always after a failed required', async () => {
    expect((await run({ a: 'x' }, { a: 'bail|integer|min:5' })).errors).toEqual({
      a: ['The a field must be an integer.'],
    });
    expect((await run({ a: 'x' }, { a: 'integer|min:5' })).errors.a).toHaveLength(2);
  });

  it('validates each item of an array on its own, keying errors by index', async () => {
    const items = [{ email: 'a@x.io' }, { email: 'bad' }, {}];
    const result = await run(items, { email: 'required|email' });
    expect(result).toMatchObject({
      valid: false,
      handle: 'invalid',
      errors: {
        '1.email': ['The email field must be a valid email address.'],
        '2.email': ['The email field is required.'],
      },
      valid_items: [items[0]],
      invalid_items: [items[1], items[2]],
    });
  });

  it('expands * over nested arrays and reads JSON text', async () => {
    const data = JSON.stringify({
      order: {
        lines: [
          { sku: 'A1', qty: 2 },
          { sku: '', qty: 0 },
        ],
      },
    });
    const result = await run(data, { 'order.lines.*.sku': 'required', 'order.lines.*.qty': 'integer|min:1' });
    expect(result.errors).toEqual({
      'order.lines.1.sku': ['The order.lines.1.sku field is required.'],
      'order.lines.1.qty': ['The order.lines.1.qty field must be at least 1.'],
    });
  });

  it('continues down valid when everything passes', async () => {
    expect(await run({ email: 'ada@example.com' }, { email: ['required', 'email'] })).toMatchObject({
      valid: true,
      errors: {},
      error_count: 0,
      handle: 'valid',
    });
  });

  it('refuses unknown rules, wrong parameters and bad patterns when the workflow is saved', () => {
    const problems = (rules: Record<string, string>) =>
      validate.config
        .safeParse({ data: {}, rules })
        .error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(problems({ a: 'required|frobnicate' })).toEqual(['rules.a: unknown rule "frobnicate"']);
    expect(problems({ a: 'min' })).toEqual(['rules.a: "min" takes 1 parameter']);
    expect(problems({ a: 'between:1' })).toEqual(['rules.a: "between" takes 2 parameters']);
    expect(problems({ a: 'max:ten' })).toEqual(['rules.a: "max" expects numbers, got "ten"']);
    expect(problems({ a: 'regex:/(unclosed/' })?.[0]).toContain(
      'rules.a: "regex" Invalid regular expression',
    );
    expect(problems({ a: 'regex:/x/e' })).toEqual([
      'rules.a: "regex" the regex modifier "e" is not supported (use i, m, s, u)',
    ]);
    expect(problems({ a: 'required|email|max:255|in:a,b|regex:/^[ab]$/' })).toBeUndefined();
  });
});

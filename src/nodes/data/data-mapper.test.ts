import { describe, expect, it } from 'vitest';
import { runNode, runNodeOutput } from '../test-context.js';
import { dataMapper } from './data-mapper.js';

const map = async (raw: Record<string, unknown>) => (await runNodeOutput(dataMapper, raw)).output;

const SOURCE = {
  user: { first: 'Ada', age: '36', admin: 'yes', tags: 'a', joined: '2024-03-10 10:00' },
  rows: [{ id: 1 }, { id: 2 }],
};

describe('data_mapper', () => {
  it('builds the target shape from source paths, rendered templates and constants', async () => {
    expect(
      await map({
        source: SOURCE,
        mapping: {
          name: '$.user.first',
          greeting: 'Hello Ada',
          first_row: '$.rows[0].id',
          second_row: '$.rows.1.id',
          everything: '$',
          nested: { list: ['$.user.first', 42, null, true] },
          missing: '$.user.nope',
          price: '$.50 is not a path',
        },
      }),
    ).toEqual({
      name: 'Ada',
      greeting: 'Hello Ada',
      first_row: 1,
      second_row: 2,
      everything: SOURCE,
      nested: { list: ['Ada', 42, null, true] },
      missing: null,
      price: '$.50 is not a path',
    });
  });

  it('fills defaults for missing values and casts types', async () => {
    expect(
      await map({
        source: JSON.stringify(SOURCE),
        mapping: {
          age: { $path: 'user.age', $type: 'integer' },
          admin: { $path: '$.user.admin', $type: 'boolean' },
          tags: { $path: 'user.tags', $type: 'array' },
          joined: { $path: 'user.joined', $type: 'date' },
          country: { $path: 'user.country', $default: 'IT' },
          blank: { $value: '', $default: 'n/a' },
          count: { $value: '7.9', $type: 'number' },
          label: { $value: 12, $type: 'string' },
          parsed: { $value: '{"a":1}', $type: 'json' },
          none: { $path: 'user.country' },
        },
      }),
    ).toEqual({
      age: 36,
      admin: true,
      tags: ['a'],
      joined: '2024-03-10T10:00:00.000Z',
      country: 'IT',
      blank: 'n/a',
      count: 7.9,
      label: '12',
      parsed: { a: 1 },
      none: null,
    });
  });

  it('maps every item of an array with for_each', async () => {
    expect(
      await map({
        source: [{ id: 1, n: 'a' }, { id: 2 }],
        for_each: true,
        mapping: { key: { $path: 'id', $type: 'string' }, name: { $path: 'n', $default: '?' } },
      }),
    ).toEqual([
      { key: '1', name: 'a' },
      { key: '2', name: '?' },
    ]);
    await expect(runNode(dataMapper, { source: { a: 1 }, for_each: true, mapping: {} })).rejects.toThrow(
      'Data mapper: with for_each, `source` must be an array.',
    );
  });

  it('fails naming the field when a cast is impossible', async () => {
    await expect(
      runNode(dataMapper, {
        source: SOURCE,
        mapping: { user: { age: { $path: 'user.first', $type: 'number' } } },
      }),
    ).rejects.toThrow('mapping.user.age: cannot convert "Ada" to number.');
  });

  it('checks leaves when the workflow is saved', () => {
    const issues = dataMapper.config.safeParse({
      mapping: {
        a: { $path: 'x', $type: 'float' },
        b: [{ $path: 'y', $value: 'z' }],
        c: { $path: 'a..b' },
        d: { $path: 'x', $typo: 1 },
      },
    }).error?.issues;
    expect(issues?.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['mapping.a.$type', 'Expected one of string, number, integer, boolean, json, array, date.'],
      ['mapping.b.0', 'A leaf has either $path or $value, not both.'],
      ['mapping.c.$path', 'Expected a path such as "user.name" or "rows[0].id".'],
      ['mapping.d.$typo', 'Unknown leaf key; use $path, $value, $default, $type.'],
    ]);
    expect(dataMapper.config.safeParse({ mapping: 'x' }).success).toBe(false);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { installPlainValidationMessages } from './validation-messages.js';

beforeAll(() => installPlainValidationMessages());

const messageOf = (schema: z.ZodType, value: unknown) => schema.safeParse(value).error?.issues[0]?.message;

describe('plain validation messages', () => {
  it.each([
    ['a string for a number', z.number(), 'x', 'must be a number, not a string ("x")'],
    ['null for an object', z.object({}), null, 'must be an object, not null'],
    ['an array for a string', z.string(), [1], 'must be a string, not an array'],
    ['a long string is not quoted', z.number(), 'y'.repeat(41), 'must be a number, not a string'],
    ['a fraction for an int', z.number().int(), 2.5, 'must be a whole number, not 2.5'],
    ['one literal', z.literal('on'), 'off', 'must be "on", not "off"'],
    ['two options', z.enum(['a', 'b']), 'c', 'must be one of "a" or "b", not "c"'],
    ['below an exclusive minimum', z.number().gt(0), 0, 'must be greater than 0'],
    ['above an exclusive maximum', z.number().lt(10), 10, 'must be less than 10'],
    ['a string too long', z.string().max(3), 'abcd', 'must be at most 3 characters long'],
    ['a string too short', z.string().min(2), 'a', 'must be at least 2 characters long'],
    ['an exact length', z.string().length(2), 'abc', 'must be exactly 2 characters long'],
    ['too few items', z.array(z.number()).min(1), [], 'must have at least 1 item'],
    ['too many items', z.array(z.number()).max(2), [1, 2, 3], 'must have at most 2 items'],
    ['an email', z.email(), 'no', 'must be an email address'],
    ['a date-time', z.iso.datetime(), 'soon', 'must be an ISO 8601 date-time, e.g. 2026-12-03T10:00:00Z'],
    ['a pattern', z.string().regex(/^\d+$/), 'x', 'must match the pattern /^\\d+$/'],
    ['a prefix', z.string().startsWith('fl_'), 'x', 'must start with "fl_"'],
    ['a multiple', z.number().multipleOf(5), 7, 'must be a multiple of 5'],
  ])('%s', (_, schema, value, message) => {
    expect(messageOf(schema, value)).toBe(message);
  });

  it("keeps zod's message for a missing value (the API's `parameter_missing` relies on it)", () => {
    expect(messageOf(z.object({ a: z.string() }), {})).toBe(
      'Invalid input: expected string, received undefined',
    );
  });

  it("keeps a schema's own message", () => {
    expect(messageOf(z.string().min(3, 'must be 3 to 50 characters long'), 'a')).toBe(
      'must be 3 to 50 characters long',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { parseDate } from '../src/domain/dates.js';
import { createTemplateEngine } from '../src/engine/templates/index.js';
import { dateCondition } from '../src/nodes/conditions/date-condition.js';
import { arrayFilter } from '../src/nodes/data/array-filter.js';
import { dateTransform } from '../src/nodes/data/date-transform.js';
import { createTestContext, runNode, runNodeOutput } from '../src/nodes/test-context.js';

/**
 * "Dates, once": every consumer of dates reads the same input as the same instant. Each row is an input
 * and the instant (UTC) it stands for with the clock at NOW; every consumer must agree, and every
 * unreadable input must be refused by every consumer.
 */
const NOW = Date.parse('2025-10-31T12:00:00.000Z'); // a Friday
const ctx = () => createTestContext({ clock: { now: () => NOW } });
const templates = createTemplateEngine({ now: () => NOW });

const ROWS: [string | number, string][] = [
  ['2025-10-31', '2025-10-31T00:00:00.000Z'],
  ['2025-10-31T14:30:00+02:00', '2025-10-31T12:30:00.000Z'],
  ['2025-10-31T12:00:00.123456Z', '2025-10-31T12:00:00.123Z'],
  ['2025-10-31 08:15:00', '2025-10-31T08:15:00.000Z'],
  ['Fri, 31 Oct 2025 14:00:00 +0200', '2025-10-31T12:00:00.000Z'],
  ['Fri, 31 Oct 2025 12:00:00 GMT', '2025-10-31T12:00:00.000Z'],
  [1761912000, '2025-10-31T12:00:00.000Z'],
  ['1761912000', '2025-10-31T12:00:00.000Z'],
  [1761912000123, '2025-10-31T12:00:00.123Z'],
  ['1761912000123', '2025-10-31T12:00:00.123Z'],
  ['20251031', '2025-10-31T00:00:00.000Z'],
  ['10/31/2025 2:30 pm', '2025-10-31T14:30:00.000Z'],
  ['31.10.2025', '2025-10-31T00:00:00.000Z'],
  ['October 31, 2025', '2025-10-31T00:00:00.000Z'],
  ['now', '2025-10-31T12:00:00.000Z'],
  ['today', '2025-10-31T00:00:00.000Z'],
  ['tomorrow', '2025-11-01T00:00:00.000Z'],
  ['yesterday', '2025-10-30T00:00:00.000Z'],
  ['+3 days', '2025-11-03T12:00:00.000Z'],
  ['-2 hours', '2025-10-31T10:00:00.000Z'],
  ['2 weeks ago', '2025-10-17T12:00:00.000Z'],
];
const UNREADABLE = ['someday', '2025-02-30', '31/10/2025', 'abc 12'];

/** What each consumer makes of an input, as a UTC ISO instant (null: refused). */
const CONSUMERS: Record<string, (input: string | number) => Promise<string | null>> = {
  'domain parseDate': async (input) => parseDate(input, { now: NOW })?.toUTC().toISO() ?? null,
  carbon_date: async (input) => {
    // Epoch seconds with milliseconds: a lossless round trip through the filter.
    const text = templates.render('{{ d | carbon_date: "U.v" }}', { d: input });
    return text === '' ? null : (parseDate(text)?.toUTC().toISO() ?? null);
  },
  date_condition: async (input) => {
    try {
      const outcome = await runNode(
        dateCondition,
        { value: input, operator: 'is_after', compare_to: 0 },
        ctx(),
      );
      const value = 'output' in outcome ? (outcome.output as { value: string }).value : null;
      return value === null ? null : (parseDate(value)?.toUTC().toISO() ?? null);
    } catch {
      return null;
    }
  },
  date_transform: async (input) => {
    try {
      return (await runNodeOutput(dateTransform, { date: input }, ctx())).output.iso;
    } catch {
      return null;
    }
  },
};

describe('every date consumer reads an input as the same instant', () => {
  for (const [name, read] of Object.entries(CONSUMERS)) {
    it.each(ROWS)(`${name}: %j`, async (input, expected) => {
      expect(await read(input)).toBe(expected);
    });
    it.each(UNREADABLE)(`${name} refuses %j`, async (input) => {
      expect(await read(input)).toBeNull();
    });
  }

  it('carbon_condition and array_filter date rules judge the same instants', async () => {
    for (const [input, expected] of ROWS) {
      const past = Date.parse(expected) < NOW;
      expect([input, templates.render('{{ d | carbon_condition: "is_past" }}', { d: input })]).toEqual([
        input,
        String(past),
      ]);
      const rules = {
        operator: 'and',
        conditions: [{ field: 'at', type: 'date', operator: 'is_before', compare_to: NOW }],
      };
      const kept = await runNodeOutput(arrayFilter, { items: [{ at: input }], rules }, ctx());
      expect([input, kept.output.count]).toEqual([input, past ? 1 : 0]);
    }
  });
});

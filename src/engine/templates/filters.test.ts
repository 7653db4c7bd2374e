import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { createTemplateEngine, TemplateError } from './index.js';

// Friday 31 October 2025, 12:00:00.123 UTC.
const NOW = Date.UTC(2025, 9, 31, 12, 0, 0, 123);
const engine = createTemplateEngine({ now: () => NOW });
const render = (template: string, scope: Record<string, unknown> = {}) => engine.render(template, scope);

describe('json', () => {
  it('produces JSON that survives embedding in a JSON body', () => {
    const x = 'He said "hi"\nthen \\left\u0000 </script>';
    const body = render('{"a": {{ x | json }}, "b": {{ o | json }}, "c": {{ missing | json }}}', {
      x,
      o: { n: 1, list: [true, null, 'q"'] },
    });
    expect(JSON.parse(body)).toEqual({ a: x, b: { n: 1, list: [true, null, 'q"'] }, c: null });
  });

  it('renders numbers, booleans and indentation', () => {
    expect(render('{{ 3 | json }} {{ true | json }}')).toBe('3 true');
    expect(render('{{ o | json: 2 }}', { o: { a: 1 } })).toBe('{\n  "a": 1\n}');
  });
});

describe('carbon_date', () => {
  const at = '2025-03-09T14:05:07.250Z'; // Sunday, day 68 of the year, ISO week 10
  const cases: [string, string][] = [
    ['Y-m-d H:i:s', '2025-03-09 14:05:07'],
    ['d D j l N S w z', '09 Sun 9 Sunday 7 th 0 67'],
    ['W o', '10 2025'],
    ['F M m n t L', 'March Mar 03 3 31 0'],
    ['y', '25'],
    ['a A g G h H i s', 'pm PM 2 14 02 14 05 07'],
    ['u v', '250000 250'],
    ['e T P O p Z I', 'UTC UTC +00:00 +0000 Z 0 0'],
    ['c', '2025-03-09T14:05:07+00:00'],
    ['r', 'Sun, 09 Mar 2025 14:05:07 +0000'],
    ['U', '1741529107'],
    ['B', '628'],
    ['\\Y\\-\\m: Y', 'Y-m: 2025'],
    ['jS F', '9th March'],
  ];
  it.each(cases)('formats %s', (format, expected) => {
    expect(render('{{ d | carbon_date: f }}', { d: at, f: format })).toBe(expected);
  });

  it('defaults to Y-m-d H:i:s', () => {
    expect(render('{{ d | carbon_date }}', { d: at })).toBe('2025-03-09 14:05:07');
  });

  it('formats in a time zone', () => {
    const t = '{{ d | carbon_date: "Y-m-d H:i T P e I", z }}';
    expect(render(t, { d: '2025-07-01T12:00:00Z', z: 'Europe/Paris' })).toBe(
      '2025-07-01 14:00 CEST +02:00 Europe/Paris 1',
    );
    expect(render(t, { d: '2025-01-01T12:00:00Z', z: 'America/New_York' })).toBe(
      '2025-01-01 07:00 EST -05:00 America/New_York 0',
    );
    expect(render(t, { d: '2025-01-01T12:00:00Z', z: 'Asia/Kolkata' })).toBe(
      '2025-01-01 17:30 +0530 +05:30 Asia/Kolkata 0',
    );
    expect(render('{{ d | carbon_date: "Y-m-d", "Pacific/Auckland" }}', { d: '2025-12-31 20:00:00' })).toBe(
      '2026-01-01',
    );
  });

  it('reads offset-less input as UTC and keeps explicit offsets', () => {
    expect(render('{{ "2025-10-31 12:00:00" | carbon_date: "c" }}')).toBe('2025-10-31T12:00:00+00:00');
    expect(render('{{ "2025-10-31T12:00:00+02:00" | carbon_date: "H:i" }}')).toBe('10:00');
  });

  it('parses many input shapes', () => {
    const inputs = [
      '2025-10-31T12:00:00.000000Z',
      '2025-10-31 12:00:00',
      'Fri, 31 Oct 2025 12:00:00 +0000',
      1761912000,
      1761912000000,
      '1761912000',
      '2025/10/31 12:00',
      '10/31/2025 12:00',
      '31-10-2025 12:00:00',
      '31.10.2025 12:00',
      'October 31, 2025 12:00 pm',
      '31 Oct 2025 12:00',
      'now',
    ];
    for (const d of inputs)
      expect([d, render('{{ d | carbon_date: "Y-m-d H:i" }}', { d })]).toEqual([d, '2025-10-31 12:00']);
  });

  it('renders empty for what is not a date', () => {
    for (const d of ['not a date', '', null, undefined, true, { a: 1 }, '2025-13-45']) {
      expect(render('[{{ d | carbon_date: "Y" }}]', { d })).toBe('[]');
    }
  });

  it('rejects an invalid time zone', () => {
    expect(() => render('{{ "now" | carbon_date: "Y", "Mars/Olympus" }}')).toThrow(TemplateError);
    expect(() => render('{{ "now" | carbon_date: "Y", "Mars/Olympus" }}')).toThrow(/time zone/);
  });
});

describe('carbon_condition', () => {
  const check = (d: unknown, condition: string, zone?: string) =>
    render(`{{ d | carbon_condition: c${zone ? ', z' : ''} }}`, { d, c: condition, z: zone });
  const ago = (days: number) => DateTime.fromMillis(NOW, { zone: 'UTC' }).minus({ days }).toISO();

  it('answers calendar questions against the engine clock', () => {
    expect(check('2025-10-31 00:00:01', 'is_today')).toBe('true');
    expect(check('2025-10-30 23:59:59', 'is_today')).toBe('false');
    expect(check('2025-10-30 23:59:59', 'is_yesterday')).toBe('true');
    expect(check('2025-11-01', 'is_tomorrow')).toBe('true');
    expect(check('2025-10-31 11:59:59', 'is_past')).toBe('true');
    expect(check('2025-10-31 11:59:59', 'is_future')).toBe('false');
    expect(check('2025-10-31 12:00:01', 'is_future')).toBe('true');
    expect(check('2025-11-01', 'is_weekend')).toBe('true'); // Saturday
    expect(check('2025-11-01', 'is_weekday')).toBe('false');
    expect(check('now', 'is_weekday')).toBe('true'); // Friday
  });

  it('uses the given time zone for day boundaries', () => {
    // 23:30 UTC on the 30th is already the 31st in Paris.
    expect(check('2025-10-30T23:30:00Z', 'is_today')).toBe('false');
    expect(check('2025-10-30T23:30:00Z', 'is_today', 'Europe/Paris')).toBe('true');
  });

  it('answers ranges in days', () => {
    expect(check(ago(6), 'within_7_days')).toBe('true');
    expect(check(ago(-6), 'within_7_days')).toBe('true');
    expect(check(ago(8), 'within_7_days')).toBe('false');
    expect(check(ago(3), 'within_last_7_days')).toBe('true');
    expect(check(ago(-3), 'within_last_7_days')).toBe('false');
    expect(check(ago(-3), 'within_next_7_days')).toBe('true');
    expect(check(ago(3), 'within_next_7_days')).toBe('false');
    expect(check(ago(31), 'older_than_30_days')).toBe('true');
    expect(check(ago(29), 'older_than_30_days')).toBe('false');
    expect(check(ago(0.5), 'within_1_day')).toBe('true');
  });

  it('is false for what is not a date', () => {
    expect(check('garbage', 'is_past')).toBe('false');
    expect(check(null, 'within_7_days')).toBe('false');
  });

  it('works inside if through assign', () => {
    expect(
      render('{% assign t = d | carbon_condition: "is_today" %}{% if t %}today{% else %}no{% endif %}', {
        d: 'now',
      }),
    ).toBe('today');
  });

  it('rejects an unknown condition, even for a non-date', () => {
    for (const d of ['now', 'garbage']) {
      const error = (() => {
        try {
          check(d, 'is_someday');
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(TemplateError);
      expect((error as Error).message).toContain('unknown condition');
    }
  });
});

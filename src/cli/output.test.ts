import { afterEach, expect, it } from 'vitest';
import { colourEnabled, formatDuration, paint, preview, relativeTime } from './output.js';

const saved = process.env.NO_COLOR;
afterEach(() => {
  if (saved === undefined) delete process.env.NO_COLOR;
  else process.env.NO_COLOR = saved;
});

const tty = { isTTY: true } as NodeJS.WriteStream;
const pipe = { isTTY: false } as NodeJS.WriteStream;

it('colours only a TTY, and never with NO_COLOR set', () => {
  delete process.env.NO_COLOR;
  expect(colourEnabled(tty)).toBe(true);
  expect(paint('red', 'x', tty)).toBe('\u001b[31mx\u001b[39m');
  expect(colourEnabled(pipe)).toBe(false);
  expect(paint('red', 'x', pipe)).toBe('x');
  process.env.NO_COLOR = '1';
  expect(colourEnabled(tty)).toBe(false);
  expect(paint('red', 'x', tty)).toBe('x');
});

it('says times relative to now, in the past and the future', () => {
  const now = Date.parse('2026-01-01T12:00:00Z');
  expect(relativeTime('2026-01-01T12:00:00.400000Z', now)).toBe('just now');
  expect(relativeTime('2026-01-01T11:59:15Z', now)).toBe('45s ago');
  expect(relativeTime('2026-01-01T11:00:00Z', now)).toBe('1h ago');
  expect(relativeTime('2025-12-29T12:00:00Z', now)).toBe('3d ago');
  expect(relativeTime('2026-01-01T12:05:00Z', now)).toBe('in 5m');
  expect(relativeTime(null, now)).toBe('-');
});

it('squeezes outputs onto one short line and formats durations', () => {
  expect(preview({ text: 'a\n  b' })).toBe('{"text":"a\\n b"}');
  expect(preview('x'.repeat(100), 10)).toBe(`${'x'.repeat(9)}…`);
  expect(preview(null)).toBe('');
  expect(formatDuration(12.4)).toBe('12 ms');
  expect(formatDuration(1530)).toBe('1.53 s');
  expect(formatDuration(61_000)).toBe('61.0 s');
});

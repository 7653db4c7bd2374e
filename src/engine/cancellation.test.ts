import { expect, it } from 'vitest';
import { Cancellation } from './cancellation.js';

it('aborts its followers with its reason, and a follower alone leaves it running', () => {
  const run = new Cancellation();
  const early = run.follower();
  const earlySignal = early.signal;
  const node = run.follower();
  node.abort('node timed out');
  expect(node.aborted).toBe(true);
  expect(run.aborted).toBe(false);

  run.abort('lease lost');
  run.abort('again'); // the first reason stays
  expect(early.aborted).toBe(true);
  expect(earlySignal.aborted).toBe(true);
  expect(earlySignal.reason).toBe('lease lost');
  expect(run.signal.reason).toBe('lease lost'); // made after the abort: aborted already
  expect(node.signal.reason).toBe('node timed out');
  const late = run.follower();
  expect(late.aborted).toBe(true);
  expect(late.signal.reason).toBe('lease lost');
});

it('gives an AbortSignal that fires its listeners when aborted', () => {
  const c = new Cancellation();
  const seen: unknown[] = [];
  c.signal.addEventListener('abort', () => seen.push(c.signal.reason));
  expect(c.signal).toBe(c.signal);
  c.abort();
  expect(seen).toHaveLength(1);
  expect((seen[0] as Error).name).toBe('AbortError');
});

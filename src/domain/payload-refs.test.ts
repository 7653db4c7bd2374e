import { describe, expect, it } from 'vitest';
import {
  inputReferringToOutput,
  isAtLeast,
  REF_KEY,
  referTo,
  refTargets,
  resolveRefs,
} from './payload-refs.js';

const big = () => ({
  items: Array.from({ length: 500 }, (_, i) => ({ id: `item_${i}`, note: 'x'.repeat(20) })),
});

describe('payload references', () => {
  it('measures only up to the limit', () => {
    expect(isAtLeast({ a: 'b' }, 100)).toBe(false);
    expect(isAtLeast('x'.repeat(100), 100)).toBe(true);
    expect(isAtLeast(big(), 10_000)).toBe(true);
  });

  it('refers to large trigger-payload objects by identity and resolves them back', () => {
    const body = big();
    const trigger = { payload: body };
    const targets = refTargets(trigger, 1000);
    const output = { trigger_type: 'sync', payload: body, items: body.items, small: { a: 1 } };
    const stored = referTo(output, targets) as Record<string, unknown>;
    expect(stored.payload).toMatchObject({ [REF_KEY]: 'trigger_payload', path: ['payload'] });
    expect(stored.items).toMatchObject({ [REF_KEY]: 'trigger_payload', path: ['payload', 'items'] });
    expect(stored.small).toBe(output.small);
    expect(output.payload).toBe(body); // the original is never changed
    const restored = resolveRefs(JSON.parse(JSON.stringify(stored)), trigger) as Record<string, unknown>;
    expect(restored).toEqual(output);
  });

  it('leaves equal copies, small values and unknown markers alone', () => {
    const body = big();
    const targets = refTargets({ payload: body }, 1000);
    expect(referTo({ copy: structuredClone(body) }, targets)).toEqual({ copy: body });
    expect(refTargets({ payload: { a: 1 } }, 1000).size).toBe(0);
    const stray = { x: { [REF_KEY]: 'trigger_payload', path: ['nowhere'] } };
    expect(resolveRefs(stray, { payload: body })).toEqual(stray);
  });

  it("points a large input string at the same value in the log's output", () => {
    const text = 'y'.repeat(2000);
    const input = inputReferringToOutput({ template: text, other: 'a' }, { text }, 1000);
    expect(input).toEqual({
      template: expect.objectContaining({ [REF_KEY]: 'output', path: ['text'] }),
      other: 'a',
    });
    expect(inputReferringToOutput({ template: 'short' }, { text: 'short' }, 1000)).toEqual({
      template: 'short',
    });
  });
});

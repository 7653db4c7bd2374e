import { describe, expect, it } from 'vitest';
import { jsonText, rememberJsonText } from './json-text.js';

describe('jsonText', () => {
  it('serialises like JSON.stringify, reusing the text a value was parsed from', () => {
    const text = '{ "items": [1, 2] }';
    const body = JSON.parse(text);
    rememberJsonText(body, text);
    const wrapper = { origin: 'sync', payload: { payload: body }, skipped: undefined };
    expect(jsonText(wrapper)).toBe(`{"origin":"sync","payload":{"payload":${text}}}`);
    expect(JSON.parse(jsonText(wrapper))).toEqual(JSON.parse(JSON.stringify(wrapper)));
  });

  it('equals JSON.stringify for values nothing was remembered of', () => {
    for (const value of [
      null,
      undefined,
      1,
      'a"b',
      [1, { a: null }],
      { a: { b: { c: { d: [1] } } } },
      { d: new Date(0) },
    ]) {
      expect(jsonText(value)).toBe(JSON.stringify(value ?? null));
    }
  });
});

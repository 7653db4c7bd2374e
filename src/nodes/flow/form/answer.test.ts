import { describe, expect, it } from 'vitest';
import { validateAnswer } from './answer.js';
import { formConfig } from './schema.js';

const form = formConfig.parse({
  title: 'Access request',
  fields: [
    { name: 'email', type: 'email', required: true, label: 'Email' },
    { name: 'kind', type: 'select', required: true, options: ['vpn', 'other'] },
    { name: 'details', type: 'textarea', required: true, visible_when: { field: 'kind', equals: 'other' } },
    { name: 'urgent', type: 'checkbox' },
    { name: 'why', type: 'text', required: true, visible_when: { field: 'urgent' } },
    { name: 'days', type: 'number', visible_when: { field: 'kind', in: ['vpn'] } },
    { name: 'from', type: 'date' },
    { name: 'agree', type: 'checkbox', required: true, visible_when: { field: 'kind', not_equals: 'vpn' } },
  ],
  buttons: [
    { id: 'submit', label: 'Submit' },
    { id: 'cancel', label: 'Cancel' },
  ],
});

const ok = (values: Record<string, unknown>, button = 'submit') => {
  const result = validateAnswer(form, button, values);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.answer;
};
const problems = (values: unknown, button: unknown = 'submit') => {
  const result = validateAnswer(form, button, values);
  return result.ok ? [] : result.problems.map((p) => `${p.kind} ${p.param}: ${p.message}`);
};

describe('validateAnswer', () => {
  it('keeps visible fields, typed, and drops hidden ones', () => {
    expect(ok({ email: 'a@b.co', kind: 'vpn', days: '3', details: 'hidden', from: '2026-02-28' })).toEqual({
      button: 'submit',
      values: { email: 'a@b.co', kind: 'vpn', urgent: false, days: 3, from: '2026-02-28' },
    });
  });

  it('requires a field only while visible_when holds (equals, truthy, not_equals)', () => {
    expect(problems({ email: 'a@b.co', kind: 'other' })).toEqual([
      'missing values.details: "details" is required.',
      'missing values.agree: "agree" must be checked.',
    ]);
    expect(problems({ email: 'a@b.co', kind: 'vpn', urgent: 'on' })).toEqual([
      'missing values.why: "why" is required.',
    ]);
    expect(ok({ email: 'a@b.co', kind: 'other', details: ' x ', agree: true }).values).toMatchObject({
      details: ' x ', // a textarea keeps its whitespace
      agree: true,
    });
  });

  it('accepts browser spellings of checkboxes and numbers, and refuses wrong types per field', () => {
    expect(ok({ email: 'a@b.co', kind: 'vpn', urgent: 'on', why: 'now', days: '2.5' }).values).toMatchObject({
      urgent: true,
      days: 2.5,
    });
    expect(problems({ email: 'a@', kind: 'ssh', urgent: 'maybe', from: '2026-02-30' }).sort()).toEqual([
      'invalid values.email: "Email" must be an email address.',
      'invalid values.from: "from" must be a date (YYYY-MM-DD).',
      'invalid values.kind: "kind" must be one of: vpn, other.',
      'invalid values.urgent: "urgent" must be true or false.',
    ]);
    expect(problems({ email: 42, kind: 'vpn', days: 'many' })).toEqual([
      'invalid values.email: "Email" must be a string.',
      'invalid values.days: "days" must be a number.',
    ]);
  });

  it('checks the button, unknown fields and the shape of values', () => {
    expect(problems({ email: 'a@b.co', kind: 'vpn' }, null)).toEqual([
      'missing button: Choose one of the form’s buttons.',
    ]);
    expect(problems({ email: 'a@b.co', kind: 'vpn' }, 'approve')).toEqual([
      'invalid button: The button must be one of: submit, cancel.',
    ]);
    expect(problems({ email: 'a@b.co', kind: 'vpn', mail: 'x' })).toEqual([
      'invalid values.mail: The form has no field "mail".',
    ]);
    expect(problems(['a'])).toEqual(['invalid values: The values must be an object.']);
    expect(problems({})).toEqual([
      'missing values.email: "Email" is required.',
      'missing values.kind: "kind" is required.',
      'missing values.agree: "agree" must be checked.', // kind is not "vpn" while empty
    ]);
  });
});

import type { InteractionAnswer } from '../../../domain/interactions.js';
import type { FormConfig, FormField, VisibleWhen } from './schema.js';

/** One problem with a submission, named the way the API's `param` names it (`button`, `values.email`). */
export interface AnswerProblem {
  param: string;
  /** `missing`: a required value is absent; `invalid`: present but wrong. */
  kind: 'missing' | 'invalid';
  message: string;
}

export type AnswerResult = { ok: true; answer: InteractionAnswer } | { ok: false; problems: AnswerProblem[] };

const MAX_TEXT = 10_000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const scalar = (v: unknown) => ['string', 'number', 'boolean'].includes(typeof v);
  return scalar(a) && scalar(b) && String(a) === String(b);
}

function truthy(value: unknown): boolean {
  return !(value === null || value === false || value === 0 || value === '' || value === undefined);
}

/** Whether a field is shown, given the values of the fields before it (a hidden field's value is absent). */
export function isVisible(rule: VisibleWhen | undefined, values: Record<string, unknown>): boolean {
  if (!rule) return true;
  if (!(rule.field in values)) return false;
  const value = values[rule.field];
  if (rule.in !== undefined) return rule.in.some((candidate) => sameValue(value, candidate));
  if (rule.equals !== undefined) return sameValue(value, rule.equals);
  if (rule.not_equals !== undefined) return !sameValue(value, rule.not_equals);
  return truthy(value);
}

function validDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === text;
}

/** A present value of `field` converted to its type, or the sentence saying why it is not one. */
function convert(field: FormField, raw: unknown): { value: unknown } | { error: string } {
  switch (field.type) {
    case 'number': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw.trim()) : Number.NaN;
      return Number.isFinite(n) ? { value: n } : { error: 'must be a number' };
    }
    case 'checkbox': {
      if (typeof raw === 'boolean') return { value: raw };
      const text = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
      if (['on', 'true', '1', 'yes'].includes(text)) return { value: true };
      if (['off', 'false', '0', 'no'].includes(text)) return { value: false };
      return { error: 'must be true or false' };
    }
    default: {
      if (typeof raw !== 'string') return { error: 'must be a string' };
      const text = field.type === 'textarea' ? raw : raw.trim();
      if (text.length > MAX_TEXT) return { error: `must be at most ${MAX_TEXT} characters` };
      if (field.type === 'email' && !EMAIL.test(text)) return { error: 'must be an email address' };
      if (field.type === 'date' && !validDate(text)) return { error: 'must be a date (YYYY-MM-DD)' };
      if (field.type === 'select' && !field.options?.some((o) => o.value === text))
        return { error: `must be one of: ${field.options?.map((o) => o.value).join(', ')}` };
      return { value: text };
    }
  }
}

/**
 * Checks a submission against the form: the button must be one of the form's, every visible required
 * field present, every present value of its field's type. Hidden fields (`visible_when` not met) are
 * neither required nor kept. Absent optional fields become null, an absent checkbox false. Values arrive
 * typed (JSON) or as strings (an HTML form post); both are converted the same way.
 */
export function validateAnswer(form: FormConfig, button: unknown, rawValues: unknown): AnswerResult {
  const problems: AnswerProblem[] = [];
  if (isBlank(button)) {
    problems.push({ param: 'button', kind: 'missing', message: 'Choose one of the form’s buttons.' });
  } else if (!form.buttons.some((b) => b.id === button)) {
    const ids = form.buttons.map((b) => b.id).join(', ');
    problems.push({ param: 'button', kind: 'invalid', message: `The button must be one of: ${ids}.` });
  }
  const given = rawValues ?? {};
  if (typeof given !== 'object' || Array.isArray(given)) {
    problems.push({ param: 'values', kind: 'invalid', message: 'The values must be an object.' });
    return { ok: false, problems };
  }
  const input = given as Record<string, unknown>;
  const known = new Set(form.fields.map((f) => f.name));
  for (const key of Object.keys(input)) {
    if (!known.has(key))
      problems.push({ param: `values.${key}`, kind: 'invalid', message: `The form has no field "${key}".` });
  }
  const values: Record<string, unknown> = {};
  for (const field of form.fields) {
    if (!isVisible(field.visible_when, values)) continue;
    const param = `values.${field.name}`;
    const label = field.label ?? field.name;
    const raw = input[field.name];
    if (isBlank(raw)) {
      if (field.type === 'checkbox' && field.required) {
        problems.push({ param, kind: 'missing', message: `"${label}" must be checked.` });
      } else if (field.required) {
        problems.push({ param, kind: 'missing', message: `"${label}" is required.` });
      }
      values[field.name] = field.type === 'checkbox' ? false : null;
      continue;
    }
    const converted = convert(field, raw);
    if ('error' in converted) {
      problems.push({ param, kind: 'invalid', message: `"${label}" ${converted.error}.` });
      continue;
    }
    if (field.type === 'checkbox' && field.required && converted.value !== true)
      problems.push({ param, kind: 'missing', message: `"${label}" must be checked.` });
    values[field.name] = converted.value;
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, answer: { button: button as string, values } };
}

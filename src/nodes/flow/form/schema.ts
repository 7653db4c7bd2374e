import { z } from 'zod';
import { DELAY_UNIT_MS } from '../../actions/delay.js';
import { booleanFlag } from '../../conditions/coercions.js';

/** Field types a form offers; each renders as the matching HTML input on the one-time link page. */
export const FIELD_TYPES = ['text', 'textarea', 'number', 'email', 'select', 'checkbox', 'date'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** Longest wait for an answer. */
export const MAX_FORM_TIMEOUT_MS = 30 * DELAY_UNIT_MS.days;
/** Handle fired when nobody answered in time. Buttons may not use it. */
export const TIMEOUT_HANDLE = 'timeout';
const RESERVED_HANDLES = new Set([TIMEOUT_HANDLE, 'error']);

const name = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]{0,63}$/,
    'Expected a name of letters, digits and underscores (not starting with a digit, at most 64).',
  );

const option = z
  .union([z.string().min(1), z.object({ value: z.string().min(1), label: z.string().optional() })])
  .transform((o) =>
    typeof o === 'string' ? { value: o, label: o } : { value: o.value, label: o.label ?? o.value },
  );

/** Shows a field only while another (earlier) field has a value: equal to, not equal to, or in a list. */
const visibleWhen = z.object({
  field: name,
  equals: z.unknown().optional(),
  not_equals: z.unknown().optional(),
  in: z.array(z.unknown()).optional(),
});
export type VisibleWhen = z.output<typeof visibleWhen>;

const field = z.object({
  name,
  label: z.string().max(500).optional(),
  type: z.enum(FIELD_TYPES).default('text'),
  required: booleanFlag.default(false),
  /** Choices of a `select` field: strings, or `{value, label}`. */
  options: z.array(option).max(500).optional(),
  placeholder: z.string().max(500).optional(),
  help: z.string().max(2000).optional(),
  visible_when: visibleWhen.optional(),
});
export type FormField = z.output<typeof field>;

const button = z.object({
  /** The handle this button fires. */
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Expected letters, digits, "_" or "-" (at most 64).'),
  label: z.string().min(1).max(200),
});

const timeout = z.object({
  duration: z.coerce.number().int('Expected a whole number.').positive('Expected a duration above 0.'),
  unit: z.preprocess(
    (unit) => (typeof unit === 'string' ? unit.trim().toLowerCase() : unit),
    z.enum(['seconds', 'minutes', 'hours', 'days']),
  ),
});

const assignee = z
  .string()
  .trim()
  .refine(
    (value) => /^usr_[0-9A-Za-z]{1,64}$/.test(value) || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value),
    'Expected a user id (usr_...) or an email address.',
  );

export const formConfig = z
  .object({
    title: z.string().min(1).max(500),
    description: z.string().max(10_000).default(''),
    fields: z.array(field).max(100).default([]),
    buttons: z.array(button).min(1, 'A form needs at least one button.').max(20),
    timeout: timeout.optional(),
    assignee: assignee.optional(),
    /** `link`: also answerable without an account through a one-time URL (`{{ node_id.url }}`). */
    access: z.enum(['link']).optional(),
  })
  .superRefine((form, ctx) => {
    const seen = new Map<string, FormField>();
    form.fields.forEach((f, i) => {
      if (seen.has(f.name))
        ctx.addIssue({
          code: 'custom',
          path: ['fields', i, 'name'],
          message: `Field "${f.name}" is defined twice.`,
        });
      if (f.type === 'select' && (f.options?.length ?? 0) === 0)
        ctx.addIssue({
          code: 'custom',
          path: ['fields', i, 'options'],
          message: 'A select field needs options.',
        });
      const ref = f.visible_when?.field;
      if (ref !== undefined && !seen.has(ref))
        ctx.addIssue({
          code: 'custom',
          path: ['fields', i, 'visible_when', 'field'],
          message: `visible_when must refer to a field defined before "${f.name}"; "${ref}" is not.`,
        });
      seen.set(f.name, f);
    });
    const ids = new Set<string>();
    form.buttons.forEach((b, i) => {
      const problem = RESERVED_HANDLES.has(b.id)
        ? `is reserved for the ${b.id} handle`
        : ids.has(b.id)
          ? 'is used by an earlier button'
          : null;
      if (problem)
        ctx.addIssue({
          code: 'custom',
          path: ['buttons', i, 'id'],
          message: `The button id "${b.id}" ${problem}.`,
        });
      ids.add(b.id);
    });
    if (form.timeout && timeoutMs(form.timeout) > MAX_FORM_TIMEOUT_MS)
      ctx.addIssue({ code: 'custom', path: ['timeout'], message: 'A form may wait at most 30 days.' });
  });
export type FormConfig = z.output<typeof formConfig>;

export function timeoutMs(t: { duration: number; unit: keyof typeof DELAY_UNIT_MS }): number {
  return t.duration * DELAY_UNIT_MS[t.unit];
}

import type { InteractionView } from '../engine/interaction-service.js';
import type { FormField } from '../nodes/flow/form/schema.js';
import { escapeHtml } from './html.js';

/**
 * The page behind a form's one-time link (`/forms/<token>`): plain server-rendered HTML, no script. The
 * form posts back to its own URL, whose unguessable token is the only credential (so a cross-site page
 * cannot forge a submission). Served with a strict CSP, no referrer (the URL holds the token), no
 * caching and no framing. Every text is escaped.
 */
const STYLE = `body{font-family:system-ui,sans-serif;max-width:38rem;margin:3rem auto;padding:0 1rem;line-height:1.5}
label{display:block;margin-top:1rem;font-weight:600}input,select,textarea{width:100%;padding:.4rem;box-sizing:border-box}
input[type=checkbox]{width:auto}.help{color:#555;font-size:.9rem;margin:.2rem 0}.error{color:#b00020;margin:.2rem 0}
.buttons{margin-top:1.5rem;display:flex;gap:.6rem;flex-wrap:wrap}button{padding:.5rem 1.2rem}`;

export const FORM_PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
};

/** Input names: field values as `values.<name>`, the pressed button as `button`. */
export const VALUE_PREFIX = 'values.';

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<style>${STYLE}</style></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

const paragraphs = (text: string) =>
  text
    .split(/\n{2,}/)
    .filter((p) => p.trim() !== '')
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('');

function display(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

function input(field: FormField, id: string, value: unknown): string {
  const name = `name="${escapeHtml(VALUE_PREFIX + field.name)}" id="${id}"`;
  // `required` only on unconditional fields: a hidden field's input is still on this script-free page.
  const required = field.required && !field.visible_when ? ' required' : '';
  const placeholder = field.placeholder ? ` placeholder="${escapeHtml(field.placeholder)}"` : '';
  const text = escapeHtml(display(value));
  switch (field.type) {
    case 'textarea':
      return `<textarea ${name} rows="5"${required}${placeholder}>${text}</textarea>`;
    case 'select': {
      const options = (field.options ?? [])
        .map((o) => {
          const selected = display(value) === o.value ? ' selected' : '';
          return `<option value="${escapeHtml(o.value)}"${selected}>${escapeHtml(o.label)}</option>`;
        })
        .join('');
      return `<select ${name}${required}><option value="">Choose…</option>${options}</select>`;
    }
    case 'checkbox': {
      const checked = value === true || ['on', 'true', '1'].includes(display(value)) ? ' checked' : '';
      return `<input type="checkbox" ${name} value="on"${checked}${required}>`;
    }
    default: {
      const type = field.type === 'number' ? 'number" step="any' : field.type;
      return `<input type="${type}" ${name} value="${text}"${required}${placeholder}>`;
    }
  }
}

function condition(field: FormField, labels: ReadonlyMap<string, string>): string {
  const rule = field.visible_when;
  if (!rule) return '';
  const other = labels.get(rule.field) ?? rule.field;
  const list = (values: unknown[]) => values.map((v) => `“${display(v)}”`).join(' or ');
  const when =
    rule.in !== undefined
      ? `is ${list(rule.in)}`
      : rule.equals !== undefined
        ? `is ${list([rule.equals])}`
        : rule.not_equals !== undefined
          ? `is not ${list([rule.not_equals])}`
          : 'is filled in';
  return `<p class="help">Only when “${escapeHtml(other)}” ${escapeHtml(when)}.</p>`;
}

/** The form, filled with `values` and showing `errors` (by `values.<name>`/`button`) after a failed post. */
export function renderFormPage(
  i: InteractionView,
  values: Record<string, unknown> = {},
  errors: ReadonlyMap<string, string> = new Map(),
): string {
  const form = i.formConfig;
  const labels = new Map(form.fields.map((f) => [f.name, f.label ?? f.name]));
  const fields = form.fields
    .map((field, index) => {
      const id = `f${index}`;
      const mark = field.required ? ' *' : '';
      const error = errors.get(`values.${field.name}`);
      return [
        `<label for="${id}">${escapeHtml(field.label ?? field.name)}${mark}</label>`,
        condition(field, labels),
        field.help ? `<p class="help">${escapeHtml(field.help)}</p>` : '',
        input(field, id, values[field.name]),
        error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : '',
      ].join('');
    })
    .join('\n');
  const buttonError = errors.get('button') ?? errors.get('values');
  const buttons = form.buttons
    .map(
      (b) =>
        `<button type="submit" name="button" value="${escapeHtml(b.id)}">${escapeHtml(b.label)}</button>`,
    )
    .join('');
  const expires =
    i.expiresAt === null
      ? ''
      : `<p class="help">Open until ${escapeHtml(new Date(i.expiresAt).toUTCString())}.</p>`;
  return page(
    form.title,
    `${paragraphs(form.description)}${expires}<form method="post">${fields}
${buttonError ? `<p class="error" role="alert">${escapeHtml(buttonError)}</p>` : ''}<div class="buttons">${buttons}</div></form>`,
  );
}

export function renderAnsweredPage(title: string, buttonLabel: string): string {
  return page(
    title,
    `<p>Thank you. Your answer (<strong>${escapeHtml(buttonLabel)}</strong>) was recorded.</p>`,
  );
}

export function renderClosedPage(title: string, reason: string): string {
  return page(title, `<p>This form no longer takes answers: ${escapeHtml(reason)}</p>`);
}

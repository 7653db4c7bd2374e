/**
 * The component schemas from `GET /components` describe what the server accepts, which is wider than a
 * form can show (a field taking "string or number", a list or a map of headers, any JSON). This turns a
 * config schema into one a generated form renders well, and says which fields need the JSON editor.
 */
type Schema = Record<string, unknown>;

export interface FormSchemas {
  schema: Schema;
  uiSchema: Record<string, unknown>;
}

const ACRONYMS: Record<string, string> = { url: 'URL', id: 'ID', json: 'JSON', http: 'HTTP', api: 'API' };
const MULTILINE = new Set(['template', 'body', 'message', 'input', 'text', 'html', 'script', 'query']);

/** `compare_to` → "Compare to", `url` → "URL". */
export function humanize(key: string): string {
  const words = key.split('_').map((w) => ACRONYMS[w] ?? w);
  const first = words[0] ?? '';
  words[0] = first === first.toUpperCase() ? first : first.charAt(0).toUpperCase() + first.slice(1);
  return words.join(' ');
}

function isObject(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function scalarType(s: Schema): string | null {
  if (Array.isArray(s.enum)) return 'enum';
  if (typeof s.type === 'string' && ['string', 'number', 'integer', 'boolean', 'null'].includes(s.type))
    return s.type;
  if (Array.isArray(s.type)) return s.type.every((t) => t !== 'object' && t !== 'array') ? 'multi' : null;
  return null;
}

/** One property: a simpler schema and its uiSchema, or a JSON field when nothing simpler fits. */
function simplify(s: Schema, key: string): { schema: Schema; ui: Record<string, unknown> } {
  const { default: _default, ...rest } = s;
  const title = humanize(key);
  const json = { schema: { title }, ui: { 'ui:field': 'json' } };
  const union = (rest.anyOf ?? rest.oneOf) as Schema[] | undefined;
  if (Array.isArray(union)) {
    if (union.some((m) => m.type === 'boolean')) return { schema: { type: 'boolean', title }, ui: {} };
    const scalars = union.map(scalarType);
    if (scalars.every((t) => t !== null)) return textField(title, key);
    const list = union.find((m) => m.type === 'array' && isObject(m.items) && isObject(m.items.properties));
    if (list) return simplify({ ...list }, key);
    return json;
  }
  if (Array.isArray(rest.type)) {
    const types = rest.type as string[];
    if (types.includes('string')) return textField(title, key);
    const type = types.find((t) => t !== 'null') ?? 'string';
    return simplify({ ...rest, type }, key);
  }
  if (rest.type === 'string' && !Array.isArray(rest.enum)) return textField(title, key, rest);
  if (rest.type === 'object') {
    if (!isObject(rest.properties)) return json;
    const inner = simplifyObject(rest);
    return { schema: { ...inner.schema, title }, ui: inner.uiSchema };
  }
  if (rest.type === 'array') {
    if (!isObject(rest.items)) return json;
    const item = simplify(rest.items, 'item');
    const { title: _t, ...itemSchema } = item.schema;
    return { schema: { ...rest, title, items: itemSchema }, ui: { items: item.ui } };
  }
  if (rest.type === undefined && !Array.isArray(rest.enum)) return json;
  return { schema: { ...rest, title }, ui: {} };
}

function textField(title: string, key: string, base: Schema = {}) {
  const { default: _d, ...rest } = base;
  return {
    schema: { ...rest, type: 'string', title },
    ui: MULTILINE.has(key) ? { 'ui:widget': 'textarea' } : {},
  };
}

function simplifyObject(s: Schema): FormSchemas {
  const properties: Record<string, Schema> = {};
  const uiSchema: Record<string, unknown> = {};
  for (const [key, value] of Object.entries((s.properties ?? {}) as Record<string, Schema>)) {
    const simple = simplify(value, key);
    properties[key] = simple.schema;
    if (Object.keys(simple.ui).length > 0) uiSchema[key] = simple.ui;
  }
  const schema: Schema = { type: 'object', properties };
  if (Array.isArray(s.required)) schema.required = s.required;
  return { schema, uiSchema };
}

/** The form for a component's config; `$ref` at the root (recursive schemas) is followed once. */
export function formSchemas(configSchema: Schema): FormSchemas {
  let root = configSchema;
  const ref = typeof root.$ref === 'string' ? /^#\/\$defs\/(.+)$/.exec(root.$ref)?.[1] : undefined;
  if (ref && isObject(root.$defs) && isObject(root.$defs[ref])) root = root.$defs[ref] as Schema;
  return simplifyObject(root);
}

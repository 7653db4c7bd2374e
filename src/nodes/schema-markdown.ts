/**
 * JSON Schemas (as `GET /components` publishes them) rendered as markdown tables for docs/nodes.md. Nested
 * shapes are rendered too: an array of objects (`switch` cases) or an object gets its own table below,
 * named by its path (`cases[]`); a union (`logical_group` conditions) lists each of its shapes; a `$ref`
 * is followed, and a reference back to a shape already being rendered (a nested group) is named, not
 * repeated.
 */

export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  description?: string;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
}

interface Context {
  root: JsonSchema;
  /** Refs being rendered (outermost first), to name a recursive reference instead of looping. */
  open: string[];
  /** What to call the schema a ref points to when it is one being rendered. */
  rootName: string;
}

function resolve(schema: JsonSchema, ctx: Context): { schema: JsonSchema; ref: string | null } {
  if (schema.$ref === undefined) return { schema, ref: null };
  if (schema.$ref === '#') return { schema: ctx.root, ref: '#' };
  const name = /^#\/\$defs\/(.+)$/.exec(schema.$ref)?.[1];
  const found = name === undefined ? undefined : ctx.root.$defs?.[name];
  return { schema: found ?? {}, ref: schema.$ref };
}

function variantsOf(schema: JsonSchema): JsonSchema[] | null {
  return schema.oneOf ?? schema.anyOf ?? null;
}

function isObject(schema: JsonSchema): boolean {
  return schema.properties !== undefined || variantsOf(schema)?.every((v) => v.properties) === true;
}

/** A compact type: `string`, `` `a` \| `b` ``, `array of objects (cases[] below)`. */
function typeOf(raw: JsonSchema, ctx: Context, path: string): string {
  const { schema, ref } = resolve(raw, ctx);
  if (ref !== null && ctx.open.includes(ref)) return ctx.rootName;
  if (schema.const !== undefined) return `\`${JSON.stringify(schema.const)}\``;
  if (schema.enum) return schema.enum.map((v) => `\`${String(v)}\``).join(' \\| ');
  const variants = variantsOf(schema);
  if (variants && schema.properties === undefined) {
    if (variants.length > 1 && variants.some((v) => isObject(resolve(v, ctx).schema)))
      return `one of the shapes of \`${path}\` below`;
    return [...new Set(variants.map((v) => typeOf(v, ctx, path)))].join(' or ');
  }
  if (schema.type === 'array' || (schema.items !== undefined && schema.type === undefined)) {
    const items = schema.items ?? {};
    const item = resolve(items, ctx).schema;
    if (isObject(item) || variantsOf(item)) return `array of ${typeOf(items, ctx, `${path}[]`)}`;
    return schema.items && Object.keys(item).length > 0 ? `array of ${typeOf(items, ctx, path)}` : 'array';
  }
  if (schema.properties) return `object (\`${path}\` below)`;
  if (Array.isArray(schema.type)) return schema.type.join(' or ');
  if (schema.type === 'object' && typeof schema.additionalProperties === 'object') {
    const values = schema.additionalProperties;
    return Object.keys(values).length > 0 ? `object of ${typeOf(values, ctx, path)}` : 'object';
  }
  return schema.type ?? 'any';
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** Nested schemas worth a table of their own, with the path that names them. */
function nestedOf(raw: JsonSchema, ctx: Context, path: string): { path: string; schema: JsonSchema }[] {
  const { schema, ref } = resolve(raw, ctx);
  if (ref !== null && ctx.open.includes(ref)) return [];
  if (schema.type === 'array' && schema.items) return nestedOf(schema.items, ctx, `${path}[]`);
  const variants = variantsOf(schema);
  if (schema.properties || variants?.some((v) => isObject(resolve(v, ctx).schema)))
    return [{ path, schema: raw }];
  return [];
}

/** The field table of an object schema (`required` column optional) and the tables of what it nests. */
function objectTables(raw: JsonSchema, ctx: Context, path: string, withRequired: boolean): string[] {
  const { schema, ref } = resolve(raw, ctx);
  const inner: Context = ref === null ? ctx : { ...ctx, open: [...ctx.open, ref] };
  const properties = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  const lines = withRequired
    ? ['| field | type | required | description |', '| --- | --- | --- | --- |']
    : ['| field | type | description |', '| --- | --- | --- |'];
  const nested: { path: string; schema: JsonSchema }[] = [];
  for (const [name, property] of Object.entries(properties)) {
    const fieldPath = path === '' ? name : `${path}.${name}`;
    const type = typeOf(property, inner, fieldPath);
    const description = cell(resolve(property, inner).schema.description ?? property.description ?? '');
    lines.push(
      withRequired
        ? `| \`${name}\` | ${type} | ${required.has(name) ? 'yes' : 'no'} | ${description} |`
        : `| \`${name}\` | ${type}${required.has(name) ? '' : ' (optional)'} | ${description} |`,
    );
    nested.push(...nestedOf(property, inner, fieldPath));
  }
  const extra = schema.additionalProperties;
  if (typeof extra === 'object' && schema.properties !== undefined) {
    const row = `| *any other key* | ${typeOf(extra, inner, path)} | ${cell(extra.description ?? '')} |`;
    lines.push(withRequired ? row.replace(/ \| ([^|]*) \|$/, ' | no | $1 |') : row);
  }
  if (Object.keys(properties).length === 0 && typeof extra !== 'object') return [];
  const out = [lines.join('\n')];
  for (const child of nested) out.push(...shapeTables(child.schema, inner, child.path, withRequired));
  return out;
}

/** Tables for the shape at `path`: one object, or each shape of a union. */
function shapeTables(raw: JsonSchema, ctx: Context, path: string, withRequired: boolean): string[] {
  const { schema, ref } = resolve(raw, ctx);
  const inner: Context = ref === null ? ctx : { ...ctx, open: [...ctx.open, ref] };
  const variants = variantsOf(schema);
  if (schema.properties || !variants) {
    const tables = objectTables(raw, ctx, path, withRequired);
    return tables.length === 0 ? [] : [`\`${path}\`:`, ...tables];
  }
  const out = [`\`${path}\` is one of:`];
  for (const variant of flatVariants(variants, inner)) {
    const resolved = resolve(variant, inner);
    if (resolved.ref !== null && inner.open.includes(resolved.ref)) {
      out.push(`- ${inner.rootName}: the same fields as this node, nested.`);
      continue;
    }
    const label = variantLabel(resolved.schema);
    if (!resolved.schema.properties) {
      out.push(`- ${label ?? typeOf(variant, inner, path)}${describe(resolved.schema)}`);
      continue;
    }
    out.push(`${label ?? 'An object'}${describe(resolved.schema)}:`, '');
    out.push(...objectTables(variant, inner, path, withRequired), '');
  }
  return out;
}

function describe(schema: JsonSchema): string {
  return schema.description ? ` — ${schema.description}` : '';
}

/** Unions of unions (a leaf union next to a group) flattened into one list of shapes. */
function flatVariants(variants: JsonSchema[], ctx: Context): JsonSchema[] {
  return variants.flatMap((variant) => {
    const { schema, ref } = resolve(variant, ctx);
    const inner = variantsOf(schema);
    return ref === null && inner && !schema.properties ? flatVariants(inner, ctx) : [variant];
  });
}

/** `` `type: "string"` `` for a shape told apart by a constant field. */
function variantLabel(schema: JsonSchema): string | null {
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    if (property.const !== undefined) return `\`${name}: ${JSON.stringify(property.const)}\``;
  }
  return null;
}

/**
 * The markdown for one schema: its top-level fields, then a table per nested shape. `rootName` names a
 * reference back to the whole schema (a `logical_group` inside a `logical_group`).
 */
export function schemaMarkdown(
  schema: JsonSchema,
  options: { rootName: string; required: boolean; selfRef?: string | undefined },
): string[] {
  const self = options.selfRef === undefined ? ['#'] : ['#', options.selfRef];
  const ctx: Context = { root: schema, open: [], rootName: options.rootName };
  const { schema: top, ref } = resolve(schema, ctx);
  const inner: Context = { ...ctx, open: ref === null ? self : [...self, ref] };
  if (!top.properties) {
    // Not one object: a union of shapes, or any value.
    const variants = variantsOf(top);
    if (variants?.some((v) => isObject(resolve(v, inner).schema)))
      return shapeTables(top, inner, 'output', options.required);
    const type = typeOf(top, inner, 'output');
    return [
      `${type === 'any' ? 'Any JSON value' : `A value of type ${type}`}${describe(top).replace(' — ', ': ')}.`,
    ];
  }
  return objectTables(top, inner, '', options.required);
}

/** The schema with a top-level `$ref` replaced by what it points to (its `$defs` kept). */
export function dereferenced(schema: JsonSchema): JsonSchema {
  const ctx: Context = { root: schema, open: [], rootName: '' };
  const { schema: top } = resolve(schema, ctx);
  return top === schema ? schema : { ...top, $defs: schema.$defs ?? {} };
}

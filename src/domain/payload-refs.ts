/**
 * Large trigger payloads are stored once per run (the run's `trigger_payload`), not again in every node
 * log that carries them. When a node log's input or output holds (at its top level, or one level down)
 * the very object that is the run's trigger payload or one of its top-level values, and that object is
 * larger than LARGE_VALUE_CHARS, the log stores a reference marker in its place:
 *
 *   { "$stratoflow_ref": "trigger_payload", "path": ["payload", "items"], "note": "..." }
 *
 * `path` leads into the run's `trigger_payload` (as `GET /workflows/runs/{id}` shows it), where the full
 * value is. The engine resolves markers again when it replays a run's logs, so templates, resumes and
 * reruns see the full value. Matching is by identity, never by comparing contents: no payload is scanned.
 */

export const REF_KEY = '$stratoflow_ref';

/** Values at least this large (JSON characters, roughly) are stored by reference. */
export const LARGE_VALUE_CHARS = 64 * 1024;

export interface PayloadRef {
  [REF_KEY]: 'trigger_payload' | 'output';
  path: string[];
  note: string;
}

/** Objects of a trigger payload that logs refer to, and where each sits inside it. */
export type RefTargets = ReadonlyMap<object, readonly string[]>;

const NONE: RefTargets = new Map();

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return isObject(value) && !Array.isArray(value);
}

/** Whether `value` serialises to at least `chars` characters (approximately); stops as soon as it does. */
export function isAtLeast(value: unknown, chars: number): boolean {
  const stack: unknown[] = [value];
  let seen = 0;
  while (stack.length > 0) {
    const current = stack.pop();
    if (typeof current === 'string') seen += current.length + 2;
    else if (Array.isArray(current)) {
      seen += current.length + 2;
      for (let i = current.length - 1; i >= 0 && seen < chars; i--) stack.push(current[i]);
    } else if (isObject(current)) {
      for (const key in current) {
        if (!Object.hasOwn(current, key)) continue;
        seen += key.length + 4;
        stack.push((current as Record<string, unknown>)[key]);
      }
    } else seen += 5;
    if (seen >= chars) return true;
  }
  return false;
}

/**
 * The large objects of a run's trigger payload (the record the API shows as `trigger_payload`): its
 * top-level values and their top-level values. Cheap: each candidate is measured only up to the limit.
 */
export function refTargets(triggerPayload: unknown, minChars = LARGE_VALUE_CHARS): RefTargets {
  if (!isPlainRecord(triggerPayload)) return NONE;
  const targets = new Map<object, string[]>();
  for (const [key, value] of Object.entries(triggerPayload)) {
    if (!isObject(value) || !isAtLeast(value, minChars)) continue;
    targets.set(value, [key]);
    if (!isPlainRecord(value)) continue;
    for (const [inner, item] of Object.entries(value)) {
      if (isObject(item) && !targets.has(item) && isAtLeast(item, minChars)) targets.set(item, [key, inner]);
    }
  }
  return targets;
}

function marker(path: readonly string[]): PayloadRef {
  const where = ['trigger_payload', ...path].join('.');
  return {
    [REF_KEY]: 'trigger_payload',
    path: [...path],
    note: `Stored once with the run: the full value is ${where} of GET /workflows/runs/{run_id}.`,
  };
}

/**
 * A log's input with every large string that its output also holds at the same top-level key (a
 * text_transform's rendered template is its `text`) replaced by a marker pointing into the output.
 */
export function inputReferringToOutput(
  input: unknown,
  output: unknown,
  minChars = LARGE_VALUE_CHARS,
): unknown {
  if (!isPlainRecord(input) || !isPlainRecord(output)) return input;
  const large = new Map<string, string>();
  for (const [key, value] of Object.entries(output)) {
    if (typeof value === 'string' && value.length >= minChars) large.set(value, key);
  }
  if (large.size === 0) return input;
  let copy: Record<string, unknown> | null = null;
  for (const [key, value] of Object.entries(input)) {
    const target = typeof value === 'string' ? large.get(value) : undefined;
    if (target === undefined) continue;
    copy ??= { ...input };
    copy[key] = {
      [REF_KEY]: 'output',
      path: [target],
      note: `The same value as this log's output.${target}.`,
    } satisfies PayloadRef;
  }
  return copy ?? input;
}

/** `value` with every target it holds at its top level or one level down replaced by a marker. */
export function referTo(value: unknown, targets: RefTargets): unknown {
  if (targets.size === 0 || !isObject(value)) return value;
  const direct = targets.get(value);
  if (direct) return marker(direct);
  const swap = (item: unknown) => {
    const path = isObject(item) ? targets.get(item) : undefined;
    return path ? marker(path) : item;
  };
  if (Array.isArray(value)) {
    return value.some((item) => swap(item) !== item) ? value.map(swap) : value;
  }
  if (!isPlainRecord(value)) return value;
  let copy: Record<string, unknown> | null = null;
  for (const key of Object.keys(value)) {
    const item = value[key];
    const swapped = swap(item);
    if (swapped === item) continue;
    copy ??= Object.assign(Object.create(Object.getPrototypeOf(value)), value) as Record<string, unknown>;
    copy[key] = swapped;
  }
  return copy ?? value;
}

function isRef(value: unknown): value is PayloadRef {
  if (!isPlainRecord(value) || value[REF_KEY] !== 'trigger_payload') return false;
  const path = value.path;
  return Array.isArray(path) && path.length > 0 && path.every((p) => typeof p === 'string');
}

function lookup(triggerPayload: unknown, path: readonly string[]): unknown {
  let current = triggerPayload;
  for (const key of path) {
    if (!isPlainRecord(current) || !Object.hasOwn(current, key)) return undefined;
    current = current[key];
  }
  return current;
}

/** The inverse of `referTo`: markers (top level or one level down) replaced by the payload's values. */
export function resolveRefs(value: unknown, triggerPayload: unknown): unknown {
  if (!isObject(value)) return value;
  const resolve = (item: unknown) => {
    if (!isRef(item)) return item;
    const found = lookup(triggerPayload, item.path);
    return found === undefined ? item : found;
  };
  if (isRef(value)) return resolve(value);
  if (Array.isArray(value)) return value.some(isRef) ? value.map(resolve) : value;
  if (!isPlainRecord(value)) return value;
  let copy: Record<string, unknown> | null = null;
  for (const key of Object.keys(value)) {
    if (!isRef(value[key])) continue;
    copy ??= Object.assign(Object.create(Object.getPrototypeOf(value)), value) as Record<string, unknown>;
    copy[key] = resolve(value[key]);
  }
  return copy ?? value;
}

/**
 * The run's redactor: every secret resolved from the vault, and every value a node marks as secret (a
 * generated private key), is registered here, and everything the run writes (node logs, outputs,
 * `error_message`, process logs, API responses) passes through it first.
 *
 * A secret is matched as itself and in the encodings a value typically travels in: base64 / base64url,
 * URL-encoding (encodeURIComponent, form `+` for spaces, lowercase hex) and JSON string escaping (once
 * and twice, and with non-ASCII as \uXXXX).
 *
 * Limits. Redaction is substring matching, which works for encodings that map character by character
 * (URL, JSON). Base64 does not: it encodes 3-byte groups, so when the secret sits inside a longer value
 * (`Basic base64("user:" + secret)`, a JWT payload) its characters depend on the bytes around it and on
 * its offset modulo 3. We therefore also register, for each of the three offsets, the part of the
 * encoding that depends only on the secret; the 1-3 characters at each edge that mix in neighbouring
 * bytes stay visible (they reveal a few bits, never the secret). Other transformations (hex, hashing,
 * compression, base64 of base64, a value split across two strings, Buffers) are not detected.
 */

export const REDACTED = '[REDACTED]';
/** Shorter values are ignored: redacting "ab" or "1" would mangle every log line. */
export const MIN_SECRET_LENGTH = 4;

export interface Redactor {
  /** Registers a secret and its encodings. Values shorter than MIN_SECRET_LENGTH are ignored. */
  register(secret: string): void;
  /** `s` with every registered form replaced by REDACTED (longest form first). */
  redactString(s: string): string;
  /**
   * A copy of `value` with every string, object keys included, redacted. Meant for JSON-like data;
   * Dates, RegExps, Buffers/typed arrays and functions are returned as they are. Returns `value`
   * itself when nothing is registered.
   */
  redactDeep<T>(value: T): T;
  /** Number of distinct secrets registered. */
  readonly size: number;
}

export function createRedactor(): Redactor {
  const secrets = new Set<string>();
  const forms = new Set<string>();
  let pattern: RegExp | undefined;

  const redactString = (s: string): string => {
    if (forms.size === 0) return s;
    pattern ??= buildPattern(forms);
    return s.replace(pattern, REDACTED);
  };

  const redactValue = (value: unknown, copies: WeakMap<object, unknown>): unknown => {
    if (typeof value === 'string') return redactString(value);
    if (typeof value !== 'object' || value === null || isOpaque(value)) return value;
    const known = copies.get(value);
    if (known !== undefined) return known;
    if (Array.isArray(value)) {
      const copy: unknown[] = [];
      copies.set(value, copy);
      for (const item of value) copy.push(redactValue(item, copies));
      return copy;
    }
    if (value instanceof Map) {
      const copy = new Map<unknown, unknown>();
      copies.set(value, copy);
      for (const [key, item] of value) copy.set(redactValue(key, copies), redactValue(item, copies));
      return copy;
    }
    if (value instanceof Set) {
      const copy = new Set<unknown>();
      copies.set(value, copy);
      for (const item of value) copy.add(redactValue(item, copies));
      return copy;
    }
    return redactObject(value, copies);
  };

  /** Copies own string-keyed properties, non-enumerable ones too, so an Error's message and stack count. */
  const redactObject = (value: object, copies: WeakMap<object, unknown>): object => {
    const copy: Record<string, unknown> = Object.create(Object.getPrototypeOf(value));
    copies.set(value, copy);
    for (const key of Object.getOwnPropertyNames(value)) {
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      if (!descriptor) continue;
      Object.defineProperty(copy, redactString(key), {
        value: redactValue(Reflect.get(value, key), copies),
        enumerable: descriptor.enumerable ?? false,
        writable: true,
        configurable: true,
      });
    }
    return copy;
  };

  return {
    register(secret: string): void {
      if (secret.length < MIN_SECRET_LENGTH || secrets.has(secret)) return;
      secrets.add(secret);
      // A value stored with a stray newline is usually used trimmed; cover both.
      for (const variant of new Set([secret, secret.trim()])) {
        if (variant.length < MIN_SECRET_LENGTH) continue;
        for (const form of encodedForms(variant)) {
          if (form.length >= MIN_SECRET_LENGTH) forms.add(form);
        }
      }
      pattern = undefined;
    },
    redactString,
    redactDeep<T>(value: T): T {
      if (forms.size === 0) return value;
      return redactValue(value, new WeakMap()) as T;
    },
    get size(): number {
      return secrets.size;
    },
  };
}

function isOpaque(value: object): boolean {
  return (
    value instanceof Date ||
    value instanceof RegExp ||
    ArrayBuffer.isView(value) ||
    value instanceof ArrayBuffer
  );
}

function buildPattern(forms: ReadonlySet<string>): RegExp {
  const alternatives = [...forms].sort((a, b) => b.length - a.length).map(escapeRegExp);
  return new RegExp(alternatives.join('|'), 'g');
}

function escapeRegExp(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function encodedForms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const urlEncoded = encodeURIComponent(secret);
  const jsonEscaped = jsonEscape(secret);
  const forms = [
    secret,
    bytes.toString('base64'),
    bytes.toString('base64url'),
    urlEncoded,
    urlEncoded.replace(/%20/g, '+'),
    urlEncoded.replace(/%[0-9A-F]{2}/g, (percentEscape) => percentEscape.toLowerCase()),
    jsonEscaped,
    jsonEscape(jsonEscaped),
    jsonEscaped.replace(
      /[\u0080-\uffff]/g,
      (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
    ),
  ];
  for (const fragment of alignedBase64Fragments(bytes)) {
    forms.push(fragment, fragment.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return [...new Set(forms)];
}

/** The body of JSON.stringify(s), without the surrounding quotes. */
function jsonEscape(s: string): string {
  return JSON.stringify(s).slice(1, -1);
}

/**
 * For the secret starting at byte offset 0, 1 or 2 of a 3-byte group inside a longer base64 stream: the
 * base64 characters that depend only on the secret's bytes (the edge characters shared with neighbouring
 * bytes are cut off).
 */
function alignedBase64Fragments(bytes: Buffer): string[] {
  const fragments: string[] = [];
  for (const offset of [0, 1, 2]) {
    const shifted = Buffer.concat([Buffer.alloc(offset), bytes]);
    const encoded = shifted.toString('base64');
    const firstStable = Math.ceil((offset * 8) / 6);
    const endStable = Math.floor((shifted.length * 8) / 6);
    fragments.push(encoded.slice(firstStable, endStable));
  }
  return fragments;
}

import { createHash, createHmac, randomBytes, randomInt } from 'node:crypto';
import { StratoflowError } from '../../domain/errors.js';

/** Character sets for random strings and passwords. */
export const CHARSETS = {
  alphanumeric: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  alpha: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
  numeric: '0123456789',
  hex: '0123456789abcdef',
  lower: 'abcdefghijklmnopqrstuvwxyz',
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  symbols: '!@#$%^&*()-_=+[]{};:,.?/~',
} as const;

/** Characters easily confused when read aloud or typed (I l 1 O 0 ...). */
const AMBIGUOUS = new Set('Il1O0o|`\'"'.split(''));

/** `length` characters drawn uniformly (crypto.randomInt, no modulo bias) from `alphabet`. */
export function randomString(length: number, alphabet: string): string {
  const chars = [...alphabet];
  if (chars.length === 0)
    throw new StratoflowError('node_failed', 'String utilities: the character set is empty.');
  let out = '';
  for (let i = 0; i < length; i++) out += chars[randomInt(chars.length)];
  return out;
}

export interface PasswordPolicy {
  length: number;
  lowercase: number;
  uppercase: number;
  digits: number;
  symbols: number;
  symbol_set: string;
  exclude_ambiguous: boolean;
}

/**
 * A password meeting the policy: at least the given number of each class (a class with 0 may still
 * appear; set the others to fill), the rest from every class whose minimum is above zero, shuffled
 * (Fisher–Yates with crypto.randomInt).
 */
export function password(policy: PasswordPolicy): string {
  const keep = (set: string) =>
    [...set].filter((c) => !(policy.exclude_ambiguous && AMBIGUOUS.has(c))).join('');
  const classes = [
    { set: keep(CHARSETS.lower), min: policy.lowercase },
    { set: keep(CHARSETS.upper), min: policy.uppercase },
    { set: keep(CHARSETS.numeric), min: policy.digits },
    { set: keep(policy.symbol_set), min: policy.symbols },
  ];
  const required = classes.reduce((sum, c) => sum + c.min, 0);
  if (required > policy.length) {
    throw new StratoflowError(
      'node_failed',
      `String utilities: the policy needs ${required} characters but the length is ${policy.length}.`,
    );
  }
  const chars: string[] = [];
  for (const c of classes) chars.push(...randomString(c.min, c.set));
  const pool =
    classes
      .filter((c) => c.min > 0)
      .map((c) => c.set)
      .join('') || keep(CHARSETS.alphanumeric);
  chars.push(...randomString(policy.length - required, pool));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
  }
  return chars.join('');
}

/** RFC 9562 UUID version 7: 48-bit Unix milliseconds, version, 74 random bits, variant. */
export function uuidV7(nowMs: number): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(nowMs, 0, 6);
  bytes[6] = 0x70 | ((bytes[6] as number) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] as number) & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Words of a text for case changes: splits on non-alphanumerics and on lower→upper and letter/digit edges. */
function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([\p{Ll}\d])(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
}

const capital = (w: string) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase();

export const CASES = [
  'upper',
  'lower',
  'title',
  'sentence',
  'camel',
  'pascal',
  'snake',
  'kebab',
  'constant',
] as const;
export type Case = (typeof CASES)[number];

export function changeCase(text: string, to: Case): string {
  switch (to) {
    case 'upper':
      return text.toUpperCase();
    case 'lower':
      return text.toLowerCase();
    case 'title':
      return text
        .toLowerCase()
        .replace(/(^|[\s\-_])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
    case 'sentence': {
      const lower = text.toLowerCase();
      return lower.replace(/\p{L}/u, (ch) => ch.toUpperCase());
    }
    case 'camel':
      return words(text)
        .map((w, i) => (i === 0 ? w.toLowerCase() : capital(w)))
        .join('');
    case 'pascal':
      return words(text).map(capital).join('');
    case 'snake':
      return words(text)
        .map((w) => w.toLowerCase())
        .join('_');
    case 'kebab':
      return words(text)
        .map((w) => w.toLowerCase())
        .join('-');
    case 'constant':
      return words(text)
        .map((w) => w.toUpperCase())
        .join('_');
  }
}

/** URL slug: accents removed, lower case, runs of anything else collapsed to `separator`. */
export function slugify(text: string, separator: string): string {
  return words(text)
    .map((w) => w.toLowerCase())
    .join(separator);
}

/** `literal` with every RegExp metacharacter escaped. */
export function escapeRegExp(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function trim(text: string, side: 'both' | 'start' | 'end', characters?: string): string {
  if (characters === undefined || characters === '') {
    return side === 'both' ? text.trim() : side === 'start' ? text.trimStart() : text.trimEnd();
  }
  const set = `[${escapeRegExp(characters)}]+`;
  const start = side !== 'end' ? new RegExp(`^${set}`, 'u') : null;
  const end = side !== 'start' ? new RegExp(`${set}$`, 'u') : null;
  let out = text;
  if (start) out = out.replace(start, '');
  if (end) out = out.replace(end, '');
  return out;
}

export function pad(text: string, length: number, side: 'start' | 'end' | 'both', fill: string): string {
  if (side === 'start') return text.padStart(length, fill);
  if (side === 'end') return text.padEnd(length, fill);
  const total = Math.max(length - text.length, 0);
  const left = Math.floor(total / 2);
  return text.padStart(text.length + left, fill).padEnd(length, fill);
}

export const HASHES = ['sha256', 'sha1', 'md5', 'sha512'] as const;
export type HashAlgorithm = (typeof HASHES)[number];
export type DigestEncoding = 'hex' | 'base64';

export function hash(text: string, algorithm: HashAlgorithm, encoding: DigestEncoding): string {
  return createHash(algorithm).update(text, 'utf8').digest(encoding);
}

export function hmac(text: string, key: string, algorithm: HashAlgorithm, encoding: DigestEncoding): string {
  return createHmac(algorithm, key).update(text, 'utf8').digest(encoding);
}

export const ENCODINGS = ['base64', 'base64url', 'hex', 'url'] as const;
export type Encoding = (typeof ENCODINGS)[number];

export function encode(text: string, encoding: Encoding): string {
  if (encoding === 'url') return encodeURIComponent(text);
  return Buffer.from(text, 'utf8').toString(encoding);
}

export function decode(text: string, encoding: Encoding): string {
  const fail = () => {
    throw new StratoflowError('node_failed', `String utilities: the input is not valid ${encoding}.`);
  };
  if (encoding === 'url') {
    try {
      return decodeURIComponent(text.replace(/\+/g, ' '));
    } catch {
      return fail();
    }
  }
  const compact = text.replace(/\s+/g, '');
  const valid =
    encoding === 'hex'
      ? /^([0-9a-fA-F]{2})*$/.test(compact)
      : encoding === 'base64'
        ? /^[A-Za-z0-9+/]*={0,2}$/.test(compact) && compact.replace(/=+$/, '').length % 4 !== 1
        : /^[A-Za-z0-9_-]*={0,2}$/.test(compact) && compact.replace(/=+$/, '').length % 4 !== 1;
  if (!valid) fail();
  const bytes = Buffer.from(compact, encoding);
  const decoded = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  return decoded;
}

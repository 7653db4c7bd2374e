import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { StratoflowError } from '../../domain/errors.js';
import { booleanFlag } from '../conditions/coercions.js';
import { defineNode } from '../contract.js';
import {
  CASES,
  CHARSETS,
  changeCase,
  decode,
  ENCODINGS,
  encode,
  escapeRegExp,
  HASHES,
  hash,
  hmac,
  pad,
  password,
  randomString,
  slugify,
  trim,
  uuidV7,
} from './string-ops.js';
import { readArray } from './values.js';

export const MAX_GENERATED_LENGTH = 4096;
export const MAX_SPLIT_PARTS = 10_000;

/** Text operands: rendered templates, so numbers and booleans are taken as their text. */
const text = z
  .union([z.string(), z.number(), z.boolean(), z.null()], { error: 'Expected text.' })
  .transform((v) => (v === null ? '' : String(v)));
const count = (max: number) => z.coerce.number().int().min(0).max(max);
const digest = z.enum(['hex', 'base64']).default('hex');

const config = z.discriminatedUnion('operation', [
  z.object({
    operation: z.literal('random_string'),
    length: count(MAX_GENERATED_LENGTH).default(16),
    charset: z
      .enum(['alphanumeric', 'alpha', 'numeric', 'hex', 'lower', 'upper', 'custom'])
      .default('alphanumeric'),
    /** With charset `custom`: the characters to draw from. */
    characters: z.string().optional(),
  }),
  z.object({
    operation: z.literal('password'),
    length: count(MAX_GENERATED_LENGTH).default(16),
    lowercase: count(MAX_GENERATED_LENGTH).default(1),
    uppercase: count(MAX_GENERATED_LENGTH).default(1),
    digits: count(MAX_GENERATED_LENGTH).default(1),
    symbols: count(MAX_GENERATED_LENGTH).default(1),
    symbol_set: z.string().min(1).default(CHARSETS.symbols),
    exclude_ambiguous: booleanFlag.default(false),
  }),
  z.object({
    operation: z.literal('uuid'),
    version: z.coerce
      .number()
      .pipe(z.union([z.literal(4), z.literal(7)]))
      .default(4),
  }),
  z.object({ operation: z.literal('slug'), input: text, separator: z.string().default('-') }),
  z.object({ operation: z.literal('case'), input: text, to: z.enum(CASES) }),
  z.object({
    operation: z.literal('trim'),
    input: text,
    side: z.enum(['both', 'start', 'end']).default('both'),
    /** Characters to strip instead of whitespace. */
    characters: z.string().optional(),
  }),
  z.object({
    operation: z.literal('pad'),
    input: text,
    length: count(MAX_GENERATED_LENGTH),
    side: z.enum(['start', 'end', 'both']).default('start'),
    pad_with: z.string().min(1).default(' '),
  }),
  z.object({
    operation: z.literal('split'),
    input: text,
    separator: z.string().default(','),
    trim_items: booleanFlag.default(false),
    remove_empty: booleanFlag.default(false),
  }),
  z.object({
    operation: z.literal('join'),
    /** The array: `{{ n1.tags }}` (its raw value) or JSON text. */
    items: z.unknown(),
    separator: z.string().default(','),
  }),
  z.object({
    operation: z.literal('replace'),
    input: text,
    search: z.string().min(1),
    replacement: text.default(''),
    all: booleanFlag.default(true),
    case_sensitive: booleanFlag.default(true),
  }),
  z.object({
    operation: z.literal('hash'),
    input: text,
    algorithm: z.enum(HASHES).default('sha256'),
    encoding: digest,
  }),
  z.object({
    operation: z.literal('hmac'),
    input: text,
    /** Usually `{{ vault.signing_key }}`. */
    key: z.string().min(1),
    algorithm: z.enum(HASHES).default('sha256'),
    encoding: digest,
  }),
  z.object({ operation: z.literal('encode'), input: text, encoding: z.enum(ENCODINGS) }),
  z.object({ operation: z.literal('decode'), input: text, encoding: z.enum(ENCODINGS) }),
]);

type Config = z.output<typeof config>;

function apply(c: Config, now: number): unknown {
  switch (c.operation) {
    case 'random_string': {
      const alphabet = c.charset === 'custom' ? (c.characters ?? '') : CHARSETS[c.charset];
      return randomString(c.length, alphabet);
    }
    case 'password':
      return password(c);
    case 'uuid':
      return c.version === 7 ? uuidV7(now) : randomUUID();
    case 'slug':
      return slugify(c.input, c.separator);
    case 'case':
      return changeCase(c.input, c.to);
    case 'trim':
      return trim(c.input, c.side, c.characters);
    case 'pad':
      return pad(c.input, c.length, c.side, c.pad_with);
    case 'split': {
      let parts = c.input.split(c.separator);
      if (c.trim_items) parts = parts.map((p) => p.trim());
      if (c.remove_empty) parts = parts.filter((p) => p !== '');
      if (parts.length > MAX_SPLIT_PARTS) {
        throw new StratoflowError(
          'node_failed',
          `String utilities: ${parts.length} parts; the limit is ${MAX_SPLIT_PARTS}.`,
        );
      }
      return parts;
    }
    case 'join':
      return readArray(c.items, 'String utilities: join `items`', MAX_SPLIT_PARTS)
        .map((item) =>
          item === null || item === undefined
            ? ''
            : typeof item === 'object'
              ? JSON.stringify(item)
              : String(item),
        )
        .join(c.separator);
    case 'replace': {
      const flags = `${c.all ? 'g' : ''}${c.case_sensitive ? '' : 'i'}`;
      return c.input.replace(new RegExp(escapeRegExp(c.search), flags), () => c.replacement);
    }
    case 'hash':
      return hash(c.input, c.algorithm, c.encoding);
    case 'hmac':
      return hmac(c.input, c.key, c.algorithm, c.encoding);
    case 'encode':
      return encode(c.input, c.encoding);
    case 'decode':
      return decode(c.input, c.encoding);
  }
}

export const stringUtils = defineNode({
  componentId: 'string_utils',
  kind: 'action',
  network: false,
  pure: true,
  title: 'String utilities',
  description:
    'Generates random strings, policy-compliant passwords and UUIDs (v4, v7), or transforms text: slug, case changes, trim, pad, split/join, replace, hashes (sha256, sha1, md5, sha512) and HMAC, base64/hex/URL encoding and decoding. The result is `result`.',
  config,
  output: z.object({ result: z.union([z.string(), z.array(z.string())]) }),
  outputExample: { result: 'hq-core-01' },
  handles: [],
  valueFields: ['items'],
  run: (ctx, c) => ({ output: { result: apply(c, ctx.clock.now()) } }),
});

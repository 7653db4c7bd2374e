import { z } from 'zod';
import { nullRecord } from '../../domain/records.js';
import { emptyToUndefined, httpUrl } from './config-fields.js';
import { BODY_TYPES } from './webhook-body.js';

/** The webhook node's config: what may arrive in `node.data` after templating, and how it is read. */

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
/** Methods that carry a body; for the others `body` is ignored. */
export const BODY_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const DEFAULT_TIMEOUT_SECONDS = 30;

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE_FORBIDDEN = /[\r\n\0]/;

const method = z.preprocess(
  (input) => (typeof input === 'string' ? input.trim().toUpperCase() : input),
  z.enum(HTTP_METHODS),
);

const headerValue = z
  .union([z.string(), z.number(), z.boolean()], { error: 'Expected a header value.' })
  .transform(String)
  .refine((text) => !HEADER_VALUE_FORBIDDEN.test(text), {
    error: 'A header value may not contain line breaks.',
  });
const headerName = z
  .string()
  .trim()
  .refine((name) => name === '' || HEADER_NAME.test(name), { error: 'Not a valid HTTP header name.' });

/**
 * `[{key, value}]` (the editor's rows) or a `{name: value}` map, read into one map with lower-case names
 * (the last of two spellings wins). Rows with a blank key are skipped: an editor's empty row.
 */
export const headerMap = z
  .union([z.array(z.object({ key: headerName, value: headerValue })), z.record(headerName, headerValue)], {
    error: 'Expected a list of {key, value} or an object of header names to values.',
  })
  .default([])
  .transform((input) => {
    const rows = Array.isArray(input)
      ? input.map(({ key, value }) => [key, value] as const)
      : Object.entries(input);
    const map = nullRecord<string>();
    for (const [key, value] of rows) if (key !== '') map[key.toLowerCase()] = value;
    return map;
  });

/**
 * A JSON string (rendered from a template); an object or array is accepted too and sent as JSON. With
 * `body_type` form or multipart: an object of fields (or its JSON text), where in multipart a value
 * `{kind: "run_file", file_id, filename?}` sends a run file as a file part; text and xml: the text itself.
 */
const body = z
  .union([z.string(), z.array(z.unknown()), z.record(z.string(), z.unknown()), z.null()], {
    error: 'Expected a JSON string.',
  })
  .optional();

const timeoutSeconds = z.preprocess(emptyToUndefined, z.coerce.number().positive().optional());

/** `[404, 409]`, `["404"]`, `"404, 409"` or the JSON text `"[404, 409]"`; blank means none. */
const expectedStatusCodes = z.preprocess(
  (input) => {
    if (typeof input !== 'string') return input ?? undefined;
    const text = input.trim();
    if (text.startsWith('[')) {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return text;
      }
    }
    return text.split(',').flatMap((code) => (code.trim() === '' ? [] : [code.trim()]));
  },
  z
    .array(z.coerce.number().int().min(100).max(599), {
      error: 'Expected HTTP status codes: a list, or text such as "404, 409".',
    })
    .default([]),
);

export const webhookConfig = z.object({
  method,
  url: httpUrl,
  headers: headerMap,
  body,
  /** How `body` is sent: json (default), form (URL-encoded), multipart (form-data), text or xml. */
  body_type: z.preprocess(emptyToUndefined, z.enum(BODY_TYPES).default('json')),
  timeout_seconds: timeoutSeconds,
  expected_status_codes: expectedStatusCodes,
});
export type WebhookConfig = z.output<typeof webhookConfig>;

import type { Readable } from 'node:stream';
import { StratoflowError } from '../../../domain/errors.js';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../../../domain/json-depth.js';
import { HttpRequestError } from './errors.js';

/** Lower-case names, several values of one header joined with ', '. */
export function flattenHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/** Stops reading and frees the connection; the abort error the stream then emits is expected. */
export function discard(body: Readable): void {
  body.on('error', () => {});
  body.destroy();
}

function tooLarge(maxBytes: number): HttpRequestError {
  return new HttpRequestError(`Response body is larger than the limit of ${maxBytes} bytes`);
}

/** The Content-Length that announces a body: HEAD, 204 and 304 answers carry none whatever they declare. */
export function declaredBodyLength(method: string, status: number, headers: Record<string, string>) {
  const bodyless = method === 'HEAD' || status === 204 || status === 304;
  return bodyless ? undefined : headers['content-length'];
}

/** Reads the whole body, failing as soon as it (or its declared Content-Length) passes `maxBytes`. */
export async function readCappedBody(
  body: Readable,
  contentLength: string | undefined,
  maxBytes: number,
): Promise<Buffer> {
  if (contentLength !== undefined && Number(contentLength) > maxBytes) {
    discard(body);
    throw tooLarge(maxBytes);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      discard(body);
      throw tooLarge(maxBytes);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

function decode(bytes: Buffer, contentType: string): string {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType)?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes); // an unknown charset label: UTF-8 is the best guess
  }
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
    throw new StratoflowError(
      'node_failed',
      `The response body nests JSON objects or arrays more than ${MAX_JSON_DEPTH} levels deep; such documents are refused.`,
    );
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/**
 * The body as a node output: null when empty; parsed JSON when the content type says json (or is absent
 * and the text parses); otherwise text. A json-labelled body that does not parse is returned as text, so the
 * workflow can still see what the server said.
 */
export function parseBody(bytes: Buffer, contentType: string | undefined): unknown {
  if (bytes.length === 0) return null;
  const text = decode(bytes, contentType ?? '');
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== undefined && mediaType !== '' && !mediaType.includes('json')) return text;
  const parsed = parseJson(text);
  return parsed.ok ? parsed.value : text;
}

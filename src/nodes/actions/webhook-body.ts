import { randomBytes } from 'node:crypto';
import { StratoflowError } from '../../domain/errors.js';
import type { WebhookConfig } from './webhook-config.js';

/** How the webhook node encodes `body`, and what it parses a response into. */

export const BODY_TYPES = ['json', 'form', 'multipart', 'text', 'xml'] as const;
export type BodyType = (typeof BODY_TYPES)[number];

export interface EncodedBody {
  body: string;
  contentType: string;
}

function invalid(message: string): StratoflowError {
  return new StratoflowError('node_config_invalid', message);
}

/** The JSON text to send, as written (large integers keep every digit); invalid JSON fails the node. */
function jsonText(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw invalid(`Invalid JSON body: ${reason}`);
  }
  return text;
}

/** Form and multipart fields: an object, or the JSON text of one (the usual templated form). */
function fields(body: NonNullable<WebhookConfig['body']>, bodyType: BodyType): [string, string][] {
  let value: unknown = body;
  if (typeof body === 'string') {
    try {
      value = JSON.parse(body);
    } catch {
      throw invalid(`A ${bodyType} body must be a JSON object of field names to values.`);
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw invalid(`A ${bodyType} body must be a JSON object of field names to values.`);
  // An array value repeats its field (`tag=a&tag=b`); objects are sent as their JSON text.
  return Object.entries(value).flatMap(([name, item]) =>
    (Array.isArray(item) ? item : [item]).map((one): [string, string] => [
      name,
      typeof one === 'string' ? one : JSON.stringify(one ?? null),
    ]),
  );
}

function multipart(parts: [string, string][]): EncodedBody {
  const boundary = `----stratoflow${randomBytes(12).toString('hex')}`;
  const quote = (name: string) => name.replace(/[\r\n"]/g, (c) => encodeURIComponent(c));
  const body = parts
    .map(
      ([name, value]) =>
        `--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"\r\n\r\n${value}\r\n`,
    )
    .join('');
  return { body: `${body}--${boundary}--\r\n`, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** fast-xml-parser, loaded when an XML body or answer first needs it (idle servers never do). */
let xml: Promise<typeof import('fast-xml-parser')> | null = null;
const xmlLibrary = () => {
  xml ??= import('fast-xml-parser');
  return xml;
};

/** The body to send and its content type, or null when there is none. */
export async function encodeBody(
  body: WebhookConfig['body'],
  bodyType: BodyType,
): Promise<EncodedBody | null> {
  if (body === undefined || body === null) return null;
  if (typeof body === 'string' && body.trim() === '') return null;
  switch (bodyType) {
    case 'json':
      return {
        body: typeof body === 'string' ? jsonText(body.trim()) : JSON.stringify(body),
        contentType: 'application/json',
      };
    case 'form':
      return {
        body: new URLSearchParams(fields(body, bodyType)).toString(),
        contentType: 'application/x-www-form-urlencoded',
      };
    case 'multipart':
      return multipart(fields(body, bodyType));
    case 'text':
      return {
        body: typeof body === 'string' ? body : JSON.stringify(body),
        contentType: 'text/plain; charset=utf-8',
      };
    case 'xml': {
      if (typeof body !== 'string') throw invalid('An xml body must be XML text.');
      const valid = (await xmlLibrary()).XMLValidator.validate(body);
      if (valid !== true) throw invalid(`Invalid XML body: ${valid.err.msg} (line ${valid.err.line})`);
      return { body, contentType: 'application/xml; charset=utf-8' };
    }
  }
}

/** A response body the HTTP client left as text is parsed when its content type says XML. */
export async function parseResponseBody(body: unknown, contentType: string | undefined): Promise<unknown> {
  if (typeof body !== 'string') return body;
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!(mediaType.endsWith('/xml') || mediaType.endsWith('+xml'))) return body;
  const { XMLParser, XMLValidator } = await xmlLibrary();
  if (XMLValidator.validate(body) !== true) return body; // what the server said, unparsed
  return new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false }).parse(
    body,
  ) as unknown;
}

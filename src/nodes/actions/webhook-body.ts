import { randomBytes } from 'node:crypto';
import { StratoflowError } from '../../domain/errors.js';
import type { WebhookConfig } from './webhook-config.js';

/** How the webhook node encodes `body`, and what it parses a response into. */

export const BODY_TYPES = ['json', 'form', 'multipart', 'text', 'xml'] as const;
export type BodyType = (typeof BODY_TYPES)[number];

export interface EncodedBody {
  body: string | Buffer;
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

/** A multipart field that sends a run file: `{"kind": "run_file", "file_id": "...", "filename"?: "..."}`. */
export interface RunFilePart {
  kind: 'run_file';
  file_id: string;
  filename?: string;
}

/** Reads a run file of the organization by id (`ctx.files.read`); null when there is none. */
export type ReadRunFile = (
  fileId: string,
) => Promise<{ name: string; contentType: string; content: Buffer } | null>;

type FieldValue = string | RunFilePart;

function runFilePart(value: unknown): RunFilePart | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  if (record.kind !== 'run_file') return null;
  const { file_id: fileId, filename } = record;
  if (typeof fileId !== 'string' || fileId.trim() === '')
    throw invalid("A run_file field needs a file_id (e.g. a markdown_to_pdf output's file_id).");
  if (
    filename !== undefined &&
    filename !== null &&
    (typeof filename !== 'string' || /[\r\n"]/.test(filename))
  )
    throw invalid('A run_file filename must be text without quotes or line breaks.');
  return { kind: 'run_file', file_id: fileId.trim(), ...(filename ? { filename: filename as string } : {}) };
}

/**
 * Form and multipart fields: an object, or the JSON text of one (the usual templated form). In multipart,
 * a value `{"kind": "run_file", "file_id": ...}` is a file part; in a form it has no meaning and is refused.
 */
function fields(body: NonNullable<WebhookConfig['body']>, bodyType: BodyType): [string, FieldValue][] {
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
    (Array.isArray(item) ? item : [item]).map((one): [string, FieldValue] => {
      const file = runFilePart(one);
      if (file !== null && bodyType !== 'multipart')
        throw invalid(`Field '${name}' is a run file: only a multipart body can carry files.`);
      return [name, file ?? (typeof one === 'string' ? one : JSON.stringify(one ?? null))];
    }),
  );
}

function textFields(parts: [string, FieldValue][]): [string, string][] {
  return parts.map(([name, value]) => [name, typeof value === 'string' ? value : '']);
}

const quote = (name: string) => name.replace(/[\r\n"]/g, (c) => encodeURIComponent(c));

/** A file part's bytes, name and type, read from the run files; an unknown id fails before sending. */
async function filePart(name: string, part: RunFilePart, readFile: ReadRunFile): Promise<Buffer> {
  const file = await readFile(part.file_id);
  if (!file) {
    throw invalid(`Field '${name}': run file '${part.file_id}' does not exist in this organization.`);
  }
  const head =
    `Content-Disposition: form-data; name="${quote(name)}"; filename="${quote(part.filename ?? file.name)}"\r\n` +
    `Content-Type: ${file.contentType}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'utf8'), file.content]);
}

async function multipart(parts: [string, FieldValue][], readFile: ReadRunFile): Promise<EncodedBody> {
  const boundary = `----stratoflow${randomBytes(12).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`, 'utf8'));
    chunks.push(
      typeof value === 'string'
        ? Buffer.from(`Content-Disposition: form-data; name="${quote(name)}"\r\n\r\n${value}`, 'utf8')
        : await filePart(name, value, readFile),
    );
    chunks.push(Buffer.from('\r\n', 'utf8'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
  const body = Buffer.concat(chunks);
  // Text-only bodies stay text (as before); a body with a file is sent as bytes.
  const hasFile = parts.some(([, value]) => typeof value !== 'string');
  return {
    body: hasFile ? body : body.toString('utf8'),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
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
  readFile: ReadRunFile,
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
        body: new URLSearchParams(textFields(fields(body, bodyType))).toString(),
        contentType: 'application/x-www-form-urlencoded',
      };
    case 'multipart':
      return multipart(fields(body, bodyType), readFile);
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

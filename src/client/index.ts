/**
 * The typed Stratoflow REST client, generated from `/openapi.json` (types in `api-types.ts`) over
 * openapi-fetch. The CLI and the web app use it; it runs in Node and in browsers and imports nothing of
 * the server.
 *
 *   const api = createStratoflowClient({ baseUrl, token });
 *   const workflows = listItems(await unwrap(api.GET('/workflows')));
 */
import createFetchClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths } from './api-types.js';

export type { components, operations, paths } from './api-types.js';

export type StratoflowClient = Client<paths>;

export interface ClientOptions {
  baseUrl: string;
  /** Bearer token (a JWT, or a `wfk_` key for the sync API); a function is asked on every request. */
  token?: string | (() => string | null | undefined) | null;
  fetch?: (input: Request) => Promise<Response>;
}

/** The error envelope every API error answers with. */
export interface ApiErrorBody {
  type: string;
  code: string;
  message: string;
  param?: string;
  doc_url?: string;
}

/** A non-2xx answer, carrying the API's error envelope. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly type: string;
  readonly param: string | undefined;
  readonly docUrl: string | undefined;

  constructor(status: number, body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.type = body.type;
    this.param = body.param;
    this.docUrl = body.doc_url;
  }
}

export function createStratoflowClient(options: ClientOptions): StratoflowClient {
  const client = createFetchClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const auth: Middleware = {
    onRequest({ request }) {
      const token = typeof options.token === 'function' ? options.token() : options.token;
      if (token) request.headers.set('authorization', `Bearer ${token}`);
      return request;
    },
  };
  client.use(auth);
  return client;
}

/**
 * The items of a list answer: `GET /workflows` is a bare array unless `page`/`per_page` ask for a
 * Laravel paginator, so its type is a union; this reads both.
 */
export function listItems<T>(list: T[] | { data: T[] }): T[] {
  return Array.isArray(list) ? list : list.data;
}

/** What openapi-fetch resolves to, reduced to what `unwrap` needs. */
interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The response's data, or an `ApiError` thrown with the envelope (a synthetic one for non-JSON errors). */
export async function unwrap<T>(pending: Promise<FetchResult<T>>): Promise<T> {
  const { data, error, response } = await pending;
  if (response.ok) return data as T;
  throw new ApiError(response.status, toEnvelope(error, response));
}

function toEnvelope(error: unknown, response: Response): ApiErrorBody {
  if (error && typeof error === 'object' && 'code' in error && 'message' in error) {
    return error as ApiErrorBody;
  }
  return {
    type: 'api_error',
    code: 'unexpected_response',
    message: `The server answered ${response.status} ${response.statusText}`.trim(),
  };
}

/** One page of a Laravel-style paginated list. */
export interface Page<T> {
  data: T[];
  meta: { current_page: number; last_page: number; total: number; per_page: number };
}

/** Every item of a paginated list, fetching page after page (`fetchPage(n)` returns page n). */
export async function* paginate<T>(fetchPage: (page: number) => Promise<Page<T>>): AsyncGenerator<T> {
  for (let page = 1; ; page++) {
    const result = await fetchPage(page);
    yield* result.data;
    if (result.meta.current_page >= result.meta.last_page || result.data.length === 0) return;
  }
}

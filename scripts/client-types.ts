/** Renders `src/client/api-types.ts` from the server's OpenAPI document with openapi-typescript. */

import type { OpenAPI3 } from 'openapi-typescript';
import openapiTS, { astToString } from 'openapi-typescript';

const BANNER = '/* Generated from /openapi.json by `npm run docs` (scripts/client-types.ts). Do not edit. */';

export async function renderClientTypes(document: Record<string, unknown>): Promise<string> {
  const ast = await openapiTS(document as unknown as OpenAPI3, { alphabetize: true });
  return `${BANNER}\n${astToString(ast)}`;
}

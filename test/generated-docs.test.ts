import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { renderClientTypes } from '../scripts/client-types.js';
import { openApiDocument } from '../scripts/openapi-document.js';
import { renderErrorsMarkdown } from '../src/api/errors-doc.js';
import { ERRORS } from '../src/domain/errors.js';
import { renderNodesMarkdown } from '../src/nodes/catalogue.js';
import { builtinNodes } from '../src/nodes/registry.js';

it('docs/errors.md matches the error registry (run `npm run docs` after changing it)', () => {
  const committed = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');
  expect(committed).toBe(renderErrorsMarkdown());
  for (const code of Object.keys(ERRORS)) expect(committed).toContain(`\`${code}\``);
});

it('docs/nodes.md matches the node schemas (run `npm run docs` after changing a component)', () => {
  const committed = readFileSync(new URL('../docs/nodes.md', import.meta.url), 'utf8');
  expect(committed).toBe(renderNodesMarkdown(builtinNodes()));
  for (const node of builtinNodes()) expect(committed).toContain(`\`${node.componentId}\``);
});

it('src/client/api-types.ts matches /openapi.json (run `npm run docs` after changing a route)', async () => {
  const committed = readFileSync(new URL('../src/client/api-types.ts', import.meta.url), 'utf8');
  expect(committed).toBe(await renderClientTypes(await openApiDocument()));
});

/** Regenerates the generated docs (`npm run docs`). test/generated-docs.test.ts fails when they drift. */
import { writeFileSync } from 'node:fs';
import { renderErrorsMarkdown } from '../src/api/errors-doc.js';
import { renderNodesMarkdown } from '../src/nodes/catalogue.js';
import { builtinNodes } from '../src/nodes/registry.js';
import { renderClientTypes } from './client-types.js';
import { openApiDocument } from './openapi-document.js';

writeFileSync(new URL('../docs/errors.md', import.meta.url), renderErrorsMarkdown());
writeFileSync(new URL('../docs/nodes.md', import.meta.url), renderNodesMarkdown(builtinNodes()));
writeFileSync(
  new URL('../src/client/api-types.ts', import.meta.url),
  await renderClientTypes(await openApiDocument()),
);
console.log('wrote docs/errors.md, docs/nodes.md and src/client/api-types.ts');

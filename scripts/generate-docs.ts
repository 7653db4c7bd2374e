/** Regenerates the generated docs (`npm run docs`). test/generated-docs.test.ts fails when they drift. */
import { writeFileSync } from 'node:fs';
import { renderErrorsMarkdown } from '../src/api/errors-doc.js';

writeFileSync(new URL('../docs/errors.md', import.meta.url), renderErrorsMarkdown());
console.log('wrote docs/errors.md');

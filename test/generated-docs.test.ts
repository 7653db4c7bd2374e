import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { renderErrorsMarkdown } from '../src/api/errors-doc.js';
import { ERRORS } from '../src/domain/errors.js';

it('docs/errors.md matches the error registry (run `npm run docs` after changing it)', () => {
  const committed = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');
  expect(committed).toBe(renderErrorsMarkdown());
  for (const code of Object.keys(ERRORS)) expect(committed).toContain(`\`${code}\``);
});

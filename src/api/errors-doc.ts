import { ERRORS } from '../domain/errors.js';

/** Renders the error registry as Markdown: `docs/errors.md` and the `/docs/errors.md` page. */
export function renderErrorsMarkdown(): string {
  const lines = [
    '<!-- Generated from src/domain/errors.ts by `npm run docs`. Do not edit. -->',
    '# Error codes',
    '',
    'Every error Stratoflow returns has the envelope `{type, code, message, param?, doc_url}`.',
    "API errors carry an HTTP status; run errors appear in a run's `error_message` and its logs.",
    '',
    '| code | HTTP | type | retryable | meaning / what to do |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const [code, def] of Object.entries(ERRORS)) {
    const status = def.type === 'run_error' ? '—' : String(def.status);
    lines.push(
      `| <a id="${code}"></a>\`${code}\` | ${status} | ${def.type} | ${def.retryable ? 'yes' : 'no'} | ${def.message} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

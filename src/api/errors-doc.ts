import { ERRORS } from '../domain/errors.js';
import { escapeHtml } from './html.js';

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

/** The error registry as an HTML page (`GET /errors`): each code is an anchor, so `doc_url`s land on it. */
export function renderErrorsHtml(): string {
  const rows = Object.entries(ERRORS).map(([code, def]) => {
    const status = def.type === 'run_error' ? '—' : String(def.status);
    return `<tr id="${escapeHtml(code)}"><td><a href="#${escapeHtml(code)}"><code>${escapeHtml(code)}</code></a></td><td>${status}</td><td>${escapeHtml(def.type)}</td><td>${def.retryable ? 'yes' : 'no'}</td><td>${escapeHtml(def.message)}</td></tr>`;
  });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Stratoflow error codes</title>
<style>
body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 70rem; padding: 0 1rem; color: #1b1f24; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #d0d7de; padding: .4rem .6rem; text-align: left; vertical-align: top; }
tr:target { background: #fff8c5; }
code { font-size: 90%; }
</style>
</head>
<body>
<h1>Error codes</h1>
<p>Every error Stratoflow returns has the envelope <code>{type, code, message, param?, doc_url}</code>;
<code>doc_url</code> points at the code's row here. API errors carry an HTTP status; run errors appear in a
run's <code>error_message</code> and its logs. The API reference is at <a href="/docs">/docs</a>.</p>
<table>
<thead><tr><th>code</th><th>HTTP</th><th>type</th><th>retryable</th><th>meaning / what to do</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</body>
</html>
`;
}

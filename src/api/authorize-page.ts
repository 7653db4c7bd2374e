import { createHash } from 'node:crypto';
import { escapeHtml } from './html.js';

/**
 * The page behind an authorization link (`/authorize/<token>`). A plain form cannot send an
 * `Authorization` header, so a small script posts the user's own bearer token back to the same URL.
 * Served with a strict CSP (only this script, hashed), no referrer (the URL holds the one-time token),
 * no caching and no framing.
 */
const SCRIPT = `
const form = document.getElementById('confirm');
const input = document.getElementById('token');
const result = document.getElementById('result');
try { input.value = localStorage.getItem('stratoflow.token') || ''; } catch (e) {}
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  result.textContent = 'Confirming...';
  try {
    const response = await fetch(location.pathname, {
      method: 'POST',
      headers: { authorization: 'Bearer ' + input.value.trim() },
    });
    const body = await response.json();
    result.textContent = response.ok
      ? 'Confirmed: authorization ' + body.id + ' is active for user ' + body.user_id + '. You can close this page.'
      : body.message;
  } catch (e) {
    result.textContent = 'The request failed: ' + e;
  }
});
`;

const STYLE = `body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5}
input{width:100%;padding:.4rem;font-family:monospace}button{margin-top:.8rem;padding:.4rem 1rem}`;

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

export const AUTHORIZE_PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'content-security-policy': `default-src 'none'; script-src ${sha256(SCRIPT)}; style-src ${sha256(STYLE)}; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
};

function page(title: string, body: string, script = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${STYLE}</style></head>
<body><h1>${escapeHtml(title)}</h1>${body}${script ? `<script>${script}</script>` : ''}</body></html>`;
}

export function renderAuthorizePage(orgId: string, authorizationId: string): string {
  return page(
    'Authorize Stratoflow workflows',
    `<p>Workflows of organization <strong>${escapeHtml(orgId)}</strong> ask to act on your behalf
(authorization <code>${escapeHtml(authorizationId)}</code>). Confirming stores your access token, encrypted;
delete the authorization at any time to revoke it.</p>
<form id="confirm"><label for="token">Your bearer token (signed in to ${escapeHtml(orgId)})</label>
<input id="token" type="password" autocomplete="off" required><button type="submit">Confirm</button></form>
<p id="result" role="status"></p>`,
    SCRIPT,
  );
}

export function renderInvalidLinkPage(message: string): string {
  return page('Authorization link not valid', `<p>${escapeHtml(message)}</p>`);
}

import { StratoflowError } from '../../../domain/errors.js';
import type { NodeContext } from '../../contract.js';
import { credential } from '../outbound/credentials.js';
import type { SECURITY_MODES } from './config.js';

/** A mail server to connect to, read from a node's fields or STRATOFLOW_SMTP_URL. */
export interface MailServer {
  host: string;
  port: number;
  secure: boolean;
  security: (typeof SECURITY_MODES)[number];
  user: string | undefined;
  pass: string | undefined;
  /** An extra trusted certificate (PEM), for a self-signed server or a private CA. */
  ca: string | undefined;
}

export interface ServerFields {
  tls_ca?: string | undefined;
  server_url?: string | undefined;
  username?: string | undefined;
  password?: string | undefined;
  security: (typeof SECURITY_MODES)[number];
}

function parseServerUrl(text: string, source: string): URL {
  const url = URL.parse(text.trim());
  if (url === null || (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') || url.hostname === '') {
    // The URL is not echoed: it may carry a password.
    throw new StratoflowError(
      'node_config_invalid',
      `${source} is not an smtp:// or smtps:// URL with a host (e.g. smtp://mail.example.com:587).`,
    );
  }
  return url;
}

/** The server a node sends through: its own `server_url`, else STRATOFLOW_SMTP_URL; node credentials win. */
export function mailServer(ctx: NodeContext, fields: ServerFields): MailServer {
  const text = fields.server_url ?? ctx.services.smtpUrl;
  if (text === null || text === undefined) {
    throw new StratoflowError(
      'node_config_invalid',
      'No mail server: set server_url on the node or STRATOFLOW_SMTP_URL on the server.',
    );
  }
  const url = parseServerUrl(
    ctx.secrets.resolve(text),
    fields.server_url ? 'server_url' : 'STRATOFLOW_SMTP_URL',
  );
  const implicitTls = fields.security === 'tls' || (fields.security === 'auto' && url.protocol === 'smtps:');
  const user =
    credential(ctx, fields.username) ?? (url.username ? decodeURIComponent(url.username) : undefined);
  const pass =
    credential(ctx, fields.password) ?? (url.password ? decodeURIComponent(url.password) : undefined);
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : implicitTls ? 465 : 587,
    secure: implicitTls,
    security: fields.security,
    user,
    pass,
    ca: fields.tls_ca,
  };
}

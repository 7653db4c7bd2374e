import { isIP } from 'node:net';
import type { SendMailOptions } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { StratoflowError } from '../../../domain/errors.js';
import type { NodeContext } from '../../contract.js';
import { nodeTls } from '../node-tls.js';
import { ConnectionError, describeCause } from '../outbound/connection-error.js';
import type { SmtpOutput } from './config.js';
import type { MailServer } from './server.js';

const CONNECT_TIMEOUT_MS = 10_000;
const TLS_PROBLEM = /certificate|ssl|tls|handshake/i;

function failure(server: MailServer, err: unknown, timeoutMs: number): StratoflowError {
  const where = `SMTP server ${server.host}:${server.port}`;
  const code = (err as { code?: unknown }).code;
  const response = (err as { response?: unknown }).response;
  switch (code) {
    case 'EAUTH':
    case 'ENOAUTH':
      return new StratoflowError(
        'remote_auth_failed',
        `${where}: authentication failed${server.user ? ` for user '${server.user}'` : ''}${typeof response === 'string' ? ` (${response})` : ''}.`,
      );
    case 'ETLS':
      return new ConnectionError(where, `TLS failed: ${describeCause(err)}`, err);
    case 'ETIMEDOUT':
      return new ConnectionError(where, `timed out after ${timeoutMs} ms`, err);
    case 'EENVELOPE':
    case 'EMESSAGE':
      return new StratoflowError('node_failed', `${where} refused the message: ${describeCause(err)}`);
    default: {
      const cause = (err as { cause?: unknown }).cause ?? err;
      // A failed handshake or certificate check surfaces as a socket error; say it was TLS.
      return TLS_PROBLEM.test(describeCause(cause))
        ? new ConnectionError(where, `TLS failed: ${describeCause(cause)}`, err)
        : ConnectionError.from(where, cause);
    }
  }
}

/**
 * Sends one message through `server`, connecting to the address the outbound guard checked. TLS still
 * verifies the certificate against the server's name (`servername`), never against the IP address, and
 * against the public roots plus the node's `tls_ca` when it has one.
 */
export async function sendMail(
  ctx: NodeContext,
  server: MailServer,
  message: SendMailOptions,
  timeoutMs: number,
): Promise<SmtpOutput> {
  const address = await ctx.net.resolve(server.host);
  // Loaded on first use: the library is not needed to start the server or the CLI.
  const { default: nodemailer } = await import('nodemailer');
  const transport = nodemailer.createTransport({
    host: address,
    port: server.port,
    secure: server.secure,
    requireTLS: server.security === 'starttls',
    ignoreTLS: server.security === 'none',
    ...(isIP(server.host) === 0 ? { servername: server.host } : {}),
    // Verification is always on; tls_ca adds one trusted certificate to the public roots.
    tls: {
      rejectUnauthorized: true,
      ...(server.ca ? { ca: [...nodeTls().rootCertificates, server.ca] } : {}),
    },
    ...(server.user !== undefined || server.pass !== undefined
      ? { auth: { user: server.user ?? '', pass: server.pass ?? '' } }
      : {}),
    connectionTimeout: Math.min(CONNECT_TIMEOUT_MS, timeoutMs),
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    disableFileAccess: true,
    disableUrlAccess: true,
  } as SMTPTransport.Options);
  const onAbort = () => transport.close();
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  try {
    const info = await transport.sendMail({ ...message, disableFileAccess: true, disableUrlAccess: true });
    const addresses = (list: unknown[] | undefined) =>
      (list ?? []).map((entry) =>
        typeof entry === 'string' ? entry : (entry as { address: string }).address,
      );
    return {
      message_id: info.messageId,
      accepted: addresses(info.accepted),
      rejected: addresses(info.rejected),
      response: info.response,
    };
  } catch (err) {
    if (ctx.signal.aborted) throw ctx.signal.reason;
    throw failure(server, err, timeoutMs);
  } finally {
    ctx.signal.removeEventListener('abort', onAbort);
    transport.close();
  }
}

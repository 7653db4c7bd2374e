import { StratoflowError } from '../../../domain/errors.js';
import { defineNode, type NodeContext } from '../../contract.js';
import { boundedMs, credentialsFromVault, urlPasswordFromVault } from '../outbound/credentials.js';
import { toMailAttachment } from './attachments.js';
import { SMTP_CREDENTIAL_FIELDS, smtpConfig, smtpOutput } from './config.js';
import { sendMail } from './send.js';
import { mailServer } from './server.js';

/** The sender: the node's `from`, else STRATOFLOW_SMTP_FROM. */
export function sender(ctx: NodeContext, from: string | undefined): string {
  const chosen = from ?? ctx.services.smtpFrom;
  if (!chosen) {
    throw new StratoflowError(
      'node_config_invalid',
      'No sender: set from on the node or STRATOFLOW_SMTP_FROM on the server.',
    );
  }
  return chosen;
}

export const smtp = defineNode({
  componentId: 'smtp',
  kind: 'action',
  title: 'Send email (SMTP)',
  description:
    "Sends an email through an SMTP server (the node's server_url, else STRATOFLOW_SMTP_URL) over STARTTLS or TLS with a text and/or HTML body, custom headers and attachments, and outputs the message id and the accepted and rejected recipients.",
  config: smtpConfig,
  output: smtpOutput,
  outputExample: {
    message_id: '<4b1d9c2e-7f0a-4c55-9e1b-2f6a3d8c0e11@example.org>',
    accepted: ['ops@example.org'],
    rejected: [],
    response: '250 2.0.0 Ok: queued as 4B1D',
  },
  handles: [],
  check: (config) => [
    ...credentialsFromVault(config, SMTP_CREDENTIAL_FIELDS),
    ...urlPasswordFromVault(config, 'server_url'),
  ],
  run: async (ctx, config) => {
    const timeoutMs = boundedMs(ctx, 'timeout_seconds', config.timeout_seconds);
    const server = mailServer(ctx, config);
    const attachments = await Promise.all(config.attachments.map((a) => toMailAttachment(ctx, a)));
    const output = await sendMail(
      ctx,
      server,
      {
        from: sender(ctx, config.from),
        to: config.to,
        cc: config.cc,
        bcc: config.bcc,
        ...(config.reply_to ? { replyTo: config.reply_to } : {}),
        subject: config.subject,
        ...(config.text !== undefined ? { text: config.text } : {}),
        ...(config.html !== undefined ? { html: config.html } : {}),
        headers: config.headers,
        attachments,
      },
      timeoutMs,
    );
    return { output };
  },
});

import { STATUS_CODES } from 'node:http';
import { StratoflowError } from '../../../domain/errors.js';
import { defineNode } from '../../contract.js';
import { sendMail } from '../mail/send.js';
import { mailServer } from '../mail/server.js';
import { sender } from '../mail/smtp.js';
import { sendNotificationConfig, sendNotificationOutput } from './config.js';
import { html, plainText, subjectOf, webhookPayload } from './messages.js';

const TIMEOUT_MS = 30_000;

export const sendNotification = defineNode({
  componentId: 'send_notification',
  kind: 'action',
  title: 'Send notification',
  description:
    'Sends a message with a title, text, severity and link by email (through STRATOFLOW_SMTP_URL) or to a Slack, Teams or generic JSON incoming webhook.',
  config: sendNotificationConfig,
  output: sendNotificationOutput,
  outputExample: { channel: 'webhook', status: 200 },
  handles: [],
  run: async (ctx, config) => {
    const timeoutMs = Math.min(TIMEOUT_MS, ctx.limits.nodeTimeoutMs);
    if (config.channel === 'email') {
      const server = mailServer(ctx, { security: 'auto' });
      const sent = await sendMail(
        ctx,
        server,
        {
          from: sender(ctx, config.from),
          to: config.to,
          subject: subjectOf(config),
          text: plainText(config),
          html: html(config),
          headers: { 'x-stratoflow-severity': config.severity },
        },
        timeoutMs,
      );
      return { output: { channel: 'email', ...sent } };
    }
    const url = ctx.secrets.resolve(config.webhook_url ?? '');
    const response = await ctx.http.request({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json', 'idempotency-key': `${ctx.runId}.${ctx.nodeId}` },
      body: JSON.stringify(webhookPayload(config.format, config, new Date(ctx.clock.now()).toISOString())),
      timeoutMs,
      signal: ctx.signal,
    });
    if (response.status < 200 || response.status > 299) {
      const reason = response.statusText || STATUS_CODES[response.status] || '';
      // The URL is not named: incoming-webhook URLs carry their token in the path.
      const host = URL.parse(url)?.host ?? 'the webhook';
      const retryable = response.status >= 500 || response.status === 429;
      throw new StratoflowError(
        retryable ? 'http_request_failed' : 'node_failed',
        `Notification webhook ${host} answered ${response.status}${reason ? ` ${reason}` : ''}`,
      ).withDetails({ status: response.status, body: response.body });
    }
    return { output: { channel: 'webhook', status: response.status } };
  },
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeContext } from '../../contract.js';
import { createTestContext, NO_SERVICES, nodeFailure, runNode } from '../../test-context.js';
import { parseCidrList } from '../http/cidr.js';
import { createHttpClient, type HttpClient } from '../http/client.js';
import { startServer, type TestServer } from '../http/test-server.js';
import { startSmtpServer, type TestSmtpServer } from '../mail/test-smtp-server.js';
import { createOutboundGuard } from '../outbound/guard.js';
import { sendNotificationOutput } from './config.js';
import { sendNotification } from './node.js';

let mail: TestSmtpServer;
let hooks: TestServer;
let http: HttpClient;

beforeAll(async () => {
  mail = await startSmtpServer();
  hooks = await startServer((req, res) => {
    res.writeHead(req.url === '/broken' ? 400 : 200, { 'content-type': 'text/plain' });
    res.end(req.url === '/broken' ? 'invalid_payload' : 'ok');
  });
  http = createHttpClient({ allowedCidrs: '127.0.0.1/32' });
});
afterAll(async () => {
  await http.close();
  await hooks.close();
  await mail.close();
});

const ctx = (): NodeContext =>
  createTestContext({
    http,
    net: createOutboundGuard(parseCidrList('127.0.0.1/32')),
    services: { ...NO_SERVICES, smtpUrl: mail.url, smtpFrom: 'alerts@example.org' },
  });

const message = {
  title: 'Site HQ offline',
  text: 'No heartbeat since 09:00 & counting',
  severity: 'critical',
  link: 'https://portal.example.org/sites/hq',
};

describe('send_notification', () => {
  it('emails through the server default SMTP settings', async () => {
    const outcome = await runNode(
      sendNotification,
      { ...message, channel: 'email', to: 'noc@example.org' },
      ctx(),
    );
    const output = sendNotificationOutput.parse((outcome as { output: unknown }).output);
    expect(output).toMatchObject({ channel: 'email', accepted: ['noc@example.org'], rejected: [] });
    const received = mail.received.at(-1);
    expect(received?.from).toBe('alerts@example.org');
    expect(received?.raw).toContain('Subject: [CRITICAL] Site HQ offline');
    expect(received?.raw).toContain('X-Stratoflow-Severity: critical');
    expect(received?.raw).toContain('https://portal.example.org/sites/hq');
    expect(received?.raw).toContain('&#38; counting'); // escaped in the HTML part
  });

  it('posts Slack, Teams and generic JSON payloads to incoming webhooks', async () => {
    for (const format of ['slack', 'teams', 'json']) {
      const outcome = await runNode(
        sendNotification,
        { ...message, channel: 'webhook', webhook_url: `${hooks.origin}/${format}`, format },
        ctx(),
      );
      expect((outcome as { output: unknown }).output).toEqual({ channel: 'webhook', status: 200 });
    }
    const bodies = hooks.received.slice(-3).map((r) => JSON.parse(r.body));
    expect(bodies[0]).toMatchObject({
      text: '*Site HQ offline*',
      attachments: [{ color: '#eb5757', title_link: message.link, text: message.text }],
    });
    expect(bodies[1]).toMatchObject({
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          content: {
            type: 'AdaptiveCard',
            body: [{ text: 'Site HQ offline', color: 'Attention' }, { text: message.text }],
            actions: [{ type: 'Action.OpenUrl', url: message.link }],
          },
        },
      ],
    });
    expect(bodies[2]).toEqual({
      title: message.title,
      text: message.text,
      severity: 'critical',
      link: message.link,
      sent_at: '2024-06-15T12:00:00.000Z',
    });
  });

  it('fails on a refusing webhook without naming its path, keeping the answer in the details', async () => {
    const err = await nodeFailure(
      runNode(
        sendNotification,
        { ...message, channel: 'webhook', webhook_url: `${hooks.origin}/broken` },
        ctx(),
      ),
    );
    expect(err.message).toBe(`Notification webhook 127.0.0.1:${hooks.port} answered 400 Bad Request`);
    expect(err.details).toEqual({ status: 400, body: 'invalid_payload' });
  });

  it('needs recipients for email and a URL for webhooks', () => {
    const config = sendNotification.config;
    expect(config.safeParse({ channel: 'email', title: 't' }).success).toBe(false);
    expect(config.safeParse({ channel: 'webhook', title: 't' }).success).toBe(false);
  });
});

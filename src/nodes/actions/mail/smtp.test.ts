import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeContext } from '../../contract.js';
import { createTestContext, NO_SERVICES, nodeFailure, runNode } from '../../test-context.js';
import { parseCidrList } from '../http/cidr.js';
import { selfSignedCertificate } from '../http/test-https.js';
import { createOutboundGuard } from '../outbound/guard.js';
import { smtpConfig, smtpOutput } from './config.js';
import { smtp } from './smtp.js';
import { startSmtpServer, type TestSmtpServer } from './test-smtp-server.js';

const loopback = (overrides: Partial<NodeContext> = {}) =>
  createTestContext({ net: createOutboundGuard(parseCidrList('127.0.0.1/32')), ...overrides });

describe('smtp node against a real SMTP server', () => {
  let server: TestSmtpServer;
  beforeAll(async () => {
    server = await startSmtpServer({
      auth: { user: 'mailer', pass: 'mail-pass-123' },
      refuse: ['nobody@example.org'],
    });
  });
  afterAll(() => server.close());

  const base = () => ({
    server_url: server.url,
    username: 'mailer',
    password: 'mail-pass-123',
    from: 'Stratoflow <flows@example.org>',
  });

  it('sends text, HTML, headers and attachments to to/cc/bcc and reports who was accepted', async () => {
    const outcome = await runNode(
      smtp,
      {
        ...base(),
        to: 'ops@example.org, nobody@example.org',
        cc: ['Lead <lead@example.org>'],
        bcc: ['audit@example.org'],
        subject: 'Site HQ offline',
        text: 'HQ went offline at 09:00.',
        html: '<p>HQ went <b>offline</b></p>',
        headers: [{ key: 'X-Stratoflow-Run', value: 'fl_run_1' }],
        attachments: [
          { filename: 'report.txt', content: 'line one\nline two' },
          {
            filename: 'blob.bin',
            content: Buffer.from([0, 1, 2, 250]).toString('base64'),
            encoding: 'base64',
          },
        ],
      },
      loopback(),
    );
    const output = smtpOutput.parse((outcome as { output: unknown }).output);
    expect(output.accepted.sort()).toEqual(['audit@example.org', 'lead@example.org', 'ops@example.org']);
    expect(output.rejected).toEqual(['nobody@example.org']);
    expect(output.message_id).toMatch(/^<.+@.+>$/);
    expect(output.response).toMatch(/^250 /);

    const mail = server.received.at(-1);
    expect(mail?.user).toBe('mailer');
    expect(mail?.from).toBe('flows@example.org');
    expect(mail?.to.sort()).toEqual(['audit@example.org', 'lead@example.org', 'ops@example.org']);
    const raw = mail?.raw ?? '';
    expect(raw).toContain('Subject: Site HQ offline');
    expect(raw).toContain('X-Stratoflow-Run: fl_run_1');
    expect(raw).toContain(`Message-ID: ${output.message_id}`);
    expect(raw).toContain('Cc: Lead <lead@example.org>');
    expect(raw).not.toMatch(/^Bcc:/im);
    expect(raw).toContain('HQ went offline at 09:00.');
    expect(raw).toContain('Content-Type: text/html');
    expect(raw).toMatch(/filename=report\.txt/);
    expect(raw).toContain(Buffer.from('line one\nline two').toString('base64'));
    expect(raw).toContain(Buffer.from([0, 1, 2, 250]).toString('base64'));
  });

  it('attaches a run file (a rendered PDF) by its id, and fails clearly on an unknown one', async () => {
    const pdf = Buffer.from('%PDF-1.4 report body');
    const files: NodeContext['files'] = {
      save: () => Promise.reject(new Error('not used')),
      read: async (id) =>
        id === 'file_01report'
          ? {
              id,
              runId: 'fl_run_1',
              name: 'report.pdf',
              contentType: 'application/pdf',
              size: pdf.length,
              content: pdf,
            }
          : null,
    };
    await runNode(
      smtp,
      {
        ...base(),
        to: 'ops@example.org',
        text: 'see attached',
        attachments: [{ kind: 'run_file', file_id: 'file_01report' }],
      },
      loopback({ files }),
    );
    const raw = server.received.at(-1)?.raw ?? '';
    expect(raw).toMatch(/filename=report\.pdf/);
    expect(raw).toContain('Content-Type: application/pdf');
    expect(raw).toContain(pdf.toString('base64'));
    const err = await nodeFailure(
      runNode(
        smtp,
        {
          ...base(),
          to: 'ops@example.org',
          text: 'x',
          attachments: [{ kind: 'run_file', file_id: 'file_missing' }],
        },
        loopback({ files }),
      ),
    );
    expect(err.message).toContain("Attachment run file 'file_missing' does not exist");
  });

  it('uses STRATOFLOW_SMTP_URL and STRATOFLOW_SMTP_FROM when the node names no server or sender', async () => {
    const ctx = loopback({
      services: {
        ...NO_SERVICES,
        smtpUrl: `smtp://mailer:mail-pass-123@127.0.0.1:${server.port}`,
        smtpFrom: 'defaults@example.org',
      },
    });
    await runNode(smtp, { to: 'ops@example.org', subject: 'Hi', text: 'default server' }, ctx);
    expect(server.received.at(-1)).toMatchObject({ from: 'defaults@example.org', user: 'mailer' });
  });

  it('reports refused credentials as an authentication failure naming the server', async () => {
    const err = await nodeFailure(
      runNode(smtp, { ...base(), password: 'wrong-pass', to: 'ops@example.org', text: 'x' }, loopback()),
    );
    expect(err.code).toBe('remote_auth_failed');
    expect(err.message).toMatch(
      new RegExp(`^SMTP server 127\\.0\\.0\\.1:${server.port}: authentication failed for user 'mailer'`),
    );
    expect(err.message).not.toContain('wrong-pass');
  });

  it('fails when STARTTLS is required and the server does not offer it', async () => {
    const err = await nodeFailure(
      runNode(smtp, { ...base(), security: 'starttls', to: 'ops@example.org', text: 'x' }, loopback()),
    );
    expect(err.code).toBe('connection_failed');
    expect(err.message).toMatch(new RegExp(`^SMTP server 127\\.0\\.0\\.1:${server.port}: `));
    expect(err.message).toMatch(/STARTTLS|TLS/);
  });

  it('reports a refused connection naming the server', async () => {
    const closed = await startSmtpServer();
    await closed.close();
    const err = await nodeFailure(
      runNode(
        smtp,
        { server_url: closed.url, from: 'a@example.org', to: 'b@example.org', text: 'x' },
        loopback(),
      ),
    );
    expect(err.code).toBe('connection_failed');
    expect(err.message).toBe(`SMTP server 127.0.0.1:${closed.port}: connection refused`);
  });
});

describe('smtp node over TLS', () => {
  /** A self-signed certificate for 127.0.0.1, made with openssl for this run, and an unrelated one. */
  const certificate = selfSignedCertificate();
  const unrelated = selfSignedCertificate();
  let implicit: TestSmtpServer;
  let starttls: TestSmtpServer;
  beforeAll(async () => {
    const keys = { key: certificate.key, cert: certificate.cert };
    implicit = await startSmtpServer({
      auth: { user: 'tls-user', pass: 'tls-pass-1' },
      server: { secure: true, ...keys },
    });
    // STARTTLS offered (the helper disables it by default); AUTH only after the upgrade.
    starttls = await startSmtpServer({
      auth: { user: 'tls-user', pass: 'tls-pass-1' },
      server: { disabledCommands: [], allowInsecureAuth: false, ...keys },
    });
  });
  afterAll(async () => {
    await implicit.close();
    await starttls.close();
  });

  const mail = (extra: Record<string, unknown>) => ({
    username: 'tls-user',
    password: 'tls-pass-1',
    from: 'a@example.org',
    to: 'b@example.org',
    subject: 'over TLS',
    text: 'sealed',
    ...extra,
  });

  it('sends over implicit TLS (smtps://) to a server whose certificate tls_ca trusts', async () => {
    const outcome = await runNode(
      smtp,
      mail({ server_url: `smtps://127.0.0.1:${implicit.port}`, tls_ca: certificate.cert }),
      loopback(),
    );
    expect(smtpOutput.parse((outcome as { output: unknown }).output).accepted).toEqual(['b@example.org']);
    expect(implicit.received.at(-1)).toMatchObject({ user: 'tls-user', to: ['b@example.org'] });
    expect(implicit.received.at(-1)?.raw).toContain('sealed');
  });

  it('upgrades with STARTTLS (required or auto) when tls_ca trusts the certificate', async () => {
    for (const security of ['starttls', 'auto']) {
      const before = starttls.received.length;
      const outcome = await runNode(
        smtp,
        mail({ server_url: `smtp://127.0.0.1:${starttls.port}`, security, tls_ca: certificate.cert }),
        loopback(),
      );
      expect(smtpOutput.parse((outcome as { output: unknown }).output).accepted).toEqual(['b@example.org']);
      expect(starttls.received.length).toBe(before + 1);
      expect(starttls.received.at(-1)?.user).toBe('tls-user');
    }
  });

  it('verifies the certificate by default: a self-signed one fails as a TLS failure, before any mail', async () => {
    const cases = [
      { port: implicit.port, server_url: `smtps://127.0.0.1:${implicit.port}` },
      { port: starttls.port, server_url: `smtp://127.0.0.1:${starttls.port}`, security: 'starttls' },
      // Trusting another certificate does not trust this one.
      { port: implicit.port, server_url: `smtps://127.0.0.1:${implicit.port}`, tls_ca: unrelated.cert },
    ];
    const before = implicit.received.length + starttls.received.length;
    for (const { port, ...config } of cases) {
      const err = await nodeFailure(runNode(smtp, mail(config), loopback()));
      expect(err.code).toBe('connection_failed');
      expect(err.message).toMatch(
        new RegExp(`^SMTP server 127\\.0\\.0\\.1:${port}: TLS failed: .*certificate`),
      );
    }
    expect(implicit.received.length + starttls.received.length).toBe(before);
  });

  it('refuses a tls_ca that is not a PEM certificate', () => {
    const parsed = smtpConfig.safeParse(mail({ tls_ca: 'not a certificate' }));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({
      path: ['tls_ca'],
      message: 'Expected a PEM certificate (-----BEGIN CERTIFICATE----- ...).',
    });
  });
});

describe('smtp node: destination and config', () => {
  it('refuses a loopback server by default', async () => {
    const ctx = createTestContext({ net: createOutboundGuard([]) });
    const err = await nodeFailure(
      runNode(smtp, { server_url: 'smtp://localhost:25', from: 'a@x.org', to: 'b@x.org', text: 'x' }, ctx),
    );
    expect(err.code).toBe('http_destination_blocked');
  });

  it('needs a server, a recipient and a body, and a password from the vault', async () => {
    const err = await nodeFailure(runNode(smtp, { from: 'a@x.org', to: 'b@x.org', text: 'x' }, loopback()));
    expect(err.message).toBe(
      'No mail server: set server_url on the node or STRATOFLOW_SMTP_URL on the server.',
    );
    expect(smtpConfig.safeParse({ to: [], text: 'x' }).success).toBe(false);
    expect(smtpConfig.safeParse({ to: 'a@x.org' }).success).toBe(false);
    const limits = createTestContext().limits;
    const config = smtpConfig.parse({ to: 'a@x.org', text: 'x', password: 'plain' });
    expect(smtp.check?.(config, limits)).toHaveLength(1);
    const inUrl = smtpConfig.parse({
      to: 'a@x.org',
      text: 'x',
      server_url: 'smtp://u:secret@mail.example.org',
    });
    expect(smtp.check?.(inUrl, limits)).toEqual([
      'server_url holds a password: put it in password (from the vault) instead.',
    ]);
    const fromVault = smtpConfig.parse({
      to: 'a@x.org',
      text: 'x',
      server_url: 'smtp://u:{{ vault.smtp_pw }}@mail.example.org',
      password: 'vlt_abcdef123',
    });
    expect(smtp.check?.(fromVault, limits)).toEqual([]);
  });
});

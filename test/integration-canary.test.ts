import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type TestServer as HttpStub,
  startServer as startHttpStub,
} from '../src/nodes/actions/http/test-server.js';
import { startSmtpServer, type TestSmtpServer } from '../src/nodes/actions/mail/test-smtp-server.js';
import { type Sshd, sshdAvailable, startSshd } from '../src/nodes/actions/ssh/test-sshd.js';
import { type CallOptions, type CallResult, startTestServer, type TestServer } from './helpers/server.js';
import { createWorkflow, edge, node, waitForRun } from './helpers/workflows.js';

/**
 * The secret canary for the integration nodes: an SSH password, an SMTP password and an AI API key live
 * in the vault and are used by the ssh, smtp and ai_text_transform nodes against real peers that echo
 * them back (the command prints the password, the mail body quotes it, the AI stub repeats the key).
 * Afterwards no API response, database file or process log line may hold any of them, in any encoding.
 */

const canary = (tag: string) => `${tag}-${randomBytes(10).toString('hex')}/+= &?%`;
const SSH_PASSWORD = canary('sshpw'); // no ':' or line break: chpasswd takes it
const SMTP_PASSWORD = canary('smtppw');
const AI_KEY = canary('aikey');
const SECRETS = { ssh: SSH_PASSWORD, smtp: SMTP_PASSWORD, ai: AI_KEY };

function forms(secret: string): Record<string, string> {
  return {
    plain: secret,
    base64: Buffer.from(secret).toString('base64'),
    base64url: Buffer.from(secret).toString('base64url'),
    'url-encoded': encodeURIComponent(secret),
    'form-encoded': encodeURIComponent(secret).replace(/%20/g, '+'),
  };
}

function hits(haystack: string | Buffer): string[] {
  return Object.entries(SECRETS).flatMap(([name, secret]) =>
    Object.entries(forms(secret))
      .filter(([, form]) => haystack.includes(form))
      .map(([encoding]) => `${name} (${encoding})`),
  );
}

let dir: string;
let logFile: string;
let t: TestServer;
let sshd: Sshd;
let smtp: TestSmtpServer;
let ai: HttpStub;
const responses: CallResult[] = [];

async function call(method: string, path: string, options?: CallOptions) {
  const res = await t.call(method, path, options);
  responses.push(res);
  return res;
}

describe.skipIf(!sshdAvailable && !process.env.CI)('integration secret canary', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'stratoflow-icanary-'));
    logFile = join(dir, 'process.log');
    const logger = pino({ level: 'trace' }, pino.destination({ dest: logFile, sync: true }));
    t = await startTestServer(
      { httpAllowedCidrs: '127.0.0.1/32', dataDir: join(dir, 'data'), logLevel: 'trace' },
      {},
      { logger },
    );
    sshd = await startSshd({ password: SSH_PASSWORD });
    smtp = await startSmtpServer({ auth: { user: 'mailer', pass: SMTP_PASSWORD } });
    // An OpenAI-compatible endpoint that repeats the prompt and the Authorization header it got.
    ai = await startHttpStub((req, res) => {
      const { messages } = JSON.parse(req.body) as { messages: { content: string }[] };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          model: 'echo',
          choices: [
            {
              message: { content: `${messages.at(-1)?.content} ${req.headers.authorization}` },
              finish_reason: 'stop',
            },
          ],
          usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
        }),
      );
    });
  }, 60_000);

  afterAll(async () => {
    await sshd?.close();
    await smtp?.close();
    await ai?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps SSH, SMTP and AI secrets out of logs, outputs, errors and API responses', async () => {
    const ids: Record<string, string> = {};
    for (const [name, secret] of [
      ['ssh_pw', SSH_PASSWORD],
      ['smtp_pw', SMTP_PASSWORD],
      ['ai_key', AI_KEY],
    ] as const) {
      const item = await call('POST', '/workflows/vault', { body: { name, secret } });
      expect(item.status).toBe(201);
      ids[name] = item.body.id;
    }
    const sshBase = {
      host: '127.0.0.1',
      port: sshd.port,
      username: sshd.user,
      password: '{{ vault.ssh_pw }}',
      host_key_fingerprint: sshd.fingerprint,
    };
    const wf = await createWorkflow(t, {
      nodes: [
        node('n1', 'manual_trigger'),
        node('ssh', 'ssh', { ...sshBase, commands: ["echo 'pw={{ vault.ssh_pw }}'"] }),
        node('mail', 'smtp', {
          server_url: `smtp://127.0.0.1:${smtp.port}`,
          username: 'mailer',
          password: ids.smtp_pw,
          security: 'none',
          from: 'flows@example.org',
          to: 'ops@example.org',
          subject: 'report',
          text: 'ssh said {{ ssh.results[0].stdout }}; mail pw {{ vault.smtp_pw }}',
        }),
        node('ai', 'ai_text_transform', {
          base_url: `${ai.origin}/v1`,
          api_key: '{{ vault.ai_key }}',
          model: 'echo',
          input: 'key {{ vault.ai_key }} and {{ mail.message_id }}',
        }),
        // The error path: a failing command that prints the password, caught, then a failing one uncaught.
        node('fail', 'ssh', {
          ...sshBase,
          commands: ["echo '{{ vault.ssh_pw }}' >&2; exit 4"],
          continue_on_error: true,
        }),
        node('last', 'ssh', { ...sshBase, commands: ["echo 'again {{ vault.ssh_pw }}'; exit 5"] }),
      ],
      edges: [
        edge('n1', 'ssh'),
        edge('ssh', 'mail'),
        edge('mail', 'ai'),
        edge('ai', 'fail'),
        edge('fail', 'last', 'error'),
      ],
    });
    const started = await call('POST', `/workflows/${wf.id}/execute`, { body: { context: {} } });
    expect(started.status).toBe(202);
    await waitForRun(t, started.body.id);

    // The secrets really travelled to the peers.
    expect(smtp.received[0]?.raw).toContain(SMTP_PASSWORD);
    expect(smtp.received[0]?.raw).toContain(`pw=${SSH_PASSWORD}`);
    expect(ai.received[0]?.headers.authorization).toBe(`Bearer ${AI_KEY}`);

    const run = await call('GET', `/workflows/runs/${started.body.id}`);
    expect(run.body.status).toBe('failed');
    expect(run.body.failed_node_id).toBe('last');
    expect(run.body.error_message).toMatch(
      /^SSH 127\.0\.0\.1:\d+: Command 1 \(echo 'again \[REDACTED\]'; exit 5\) exited with 5/,
    );
    const logs = Object.fromEntries(
      (run.body.logs as { node_id: string; status: string; output: Record<string, unknown> }[]).map((l) => [
        l.node_id,
        l,
      ]),
    );
    expect(logs.ssh?.output).toMatchObject({ results: [{ stdout: 'pw=[REDACTED]\n', exit_code: 0 }] });
    expect(logs.mail?.output).toMatchObject({ accepted: ['ops@example.org'] });
    expect(logs.ai?.output.text).toBe(`key [REDACTED] and ${logs.mail?.output.message_id} Bearer [REDACTED]`);
    expect(logs.fail).toMatchObject({ status: 'error', output: { code: 'remote_command_failed' } });
    expect(JSON.stringify(logs.fail?.output)).toContain('[REDACTED]');

    // test-node answers redacted too, also for a failure.
    const tested = await call('POST', '/workflows/test-node', {
      body: {
        node: node('x', 'ssh', { ...sshBase, commands: ["echo '{{ vault.ssh_pw }}'; exit 2"] }),
        context: {},
      },
    });
    expect(tested.text).toContain('[REDACTED]');

    await call('GET', `/workflows/${wf.id}/logs`);
    await call('GET', '/workflows/logs/recent');
    await call('GET', `/workflows/${wf.id}`);
    await call('GET', '/workflows/vault');
    for (const res of responses)
      expect(hits(res.text), `API response: ${res.text.slice(0, 200)}`).toEqual([]);

    const dataDir = join(dir, 'data');
    const dbFiles = ['stratoflow.db', 'stratoflow.db-wal'].map((f) => join(dataDir, f));
    for (const file of dbFiles.filter((f) => existsSync(f)))
      expect(hits(readFileSync(file)), file).toEqual([]);
    await t.close();
    expect(hits(readFileSync(logFile, 'utf8')), 'process log').toEqual([]);
    expect(hits(readFileSync(dbFiles[0] as string)), 'database after close').toEqual([]);
  }, 60_000);
});

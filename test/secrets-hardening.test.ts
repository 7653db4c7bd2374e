import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/server.js';
import { startTarget, type Target } from './helpers/target.js';
import { createWorkflow, edge, executeAndWait, node, waitForRun } from './helpers/workflows.js';

/** Secrets, completely: redaction before truncation, credential headers, private files. */
let t: TestServer;
let target: Target;
const SECRET = `tcanary${randomBytes(16).toString('hex')}`;
beforeAll(async () => {
  t = await startTestServer({ httpAllowedCidrs: '127.0.0.0/8', webhookRedactHeaders: ['x-custom-token'] });
  target = await startTarget();
  const res = await t.call('POST', '/workflows/vault', { body: { name: 'canary', secret: SECRET } });
  expect(res.status).toBe(201);
});
afterAll(async () => {
  await t.close();
  await target.close();
});

/** Any 8 consecutive characters of the secret: what truncating a redacted text could leak. */
function leaks(text: string): boolean {
  for (let i = 0; i + 8 <= SECRET.length; i++) if (text.includes(SECRET.slice(i, i + 8))) return true;
  return false;
}

describe('a truncated secret never leaks', () => {
  it('a secret a failing server echoes is redacted from the error output and never in the message', async () => {
    target.respond('/echo-fail', 500, `${'x'.repeat(185)}${SECRET} and more`);
    const wf = await createWorkflow(t, {
      nodes: [
        node('n1', 'manual_trigger'),
        node('n2', 'webhook', {
          method: 'GET',
          url: `${target.url}/echo-fail`,
          headers: [{ key: 'Authorization', value: 'Bearer {{ vault.canary }}' }],
        }),
      ],
      edges: [edge('n1', 'n2')],
    });
    const run = await executeAndWait(t, wf.id);
    expect(run.status).toBe('failed');
    // The message is exactly the hosted API's; the answer (with the echoed secret) is in the error output.
    expect(run.error_message).toBe('Webhook request failed: 500 Internal Server Error');
    const failed = run.logs.find((l: { node_id: string }) => l.node_id === 'n2');
    expect(JSON.stringify(failed.output)).toContain('[REDACTED]');
    expect(leaks(JSON.stringify(run))).toBe(false);
  });

  it('a condition message quoting a long value with a secret inside is redacted, then shortened', async () => {
    const wf = await createWorkflow(t, {
      nodes: [
        node('n1', 'manual_trigger'),
        node('n2', 'number_condition', {
          value: `${'y'.repeat(66)}{{ vault.canary }}`,
          operator: 'greater_than',
          compare_to: '1',
        }),
      ],
      edges: [edge('n1', 'n2')],
    });
    const run = await executeAndWait(t, wf.id);
    expect(run.status).toBe('failed');
    expect(run.error_message).toContain('[REDACTED]');
    expect(leaks(JSON.stringify(run))).toBe(false);
    const logs = await t.call('GET', `/workflows/${wf.id}/logs`);
    expect(leaks(logs.text)).toBe(false);
  });

  it('test-node answers are redacted before they are cut as well', async () => {
    target.respond('/echo-fail2', 500, `${'x'.repeat(185)}${SECRET}`);
    const res = await t.call('POST', '/workflows/test-node', {
      body: {
        node: node('w', 'webhook', {
          method: 'GET',
          url: `${target.url}/echo-fail2`,
          headers: [{ key: 'x-key', value: '{{ vault.canary }}' }],
        }),
      },
    });
    expect(res.status).toBe(422);
    expect(leaks(res.text)).toBe(false);
  });
});

describe('webhook senders’ credentials', () => {
  it('authorization, cookie, x-api-key and configured headers are stored as [REDACTED]', async () => {
    const wf = await createWorkflow(t, {
      nodes: [
        node('n1', 'webhook_trigger'),
        node('n2', 'text_transform', { template: '{{ n1.headers.authorization }}' }),
      ],
      edges: [edge('n1', 'n2')],
      is_active: true,
    });
    const res = await fetch(`${t.url}${new URL(wf.webhook_url).pathname}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: 'Bearer sender-secret-1',
        cookie: 'session=sender-secret-2',
        'x-api-key': 'sender-secret-3',
        'x-custom-token': 'sender-secret-4',
        'x-visible': 'kept',
      },
      body: '{"a": 1}',
    });
    expect(res.status).toBe(202);
    const { run_id } = (await res.json()) as { run_id: string };
    const run = await waitForRun(t, run_id);
    expect(run.status).toBe('completed');
    expect(JSON.stringify(run)).not.toMatch(/sender-secret/);
    const trigger = run.logs.find((l: { node_id: string }) => l.node_id === 'n1').output;
    expect(trigger.headers).toMatchObject({
      authorization: '[REDACTED]',
      cookie: '[REDACTED]',
      'x-api-key': '[REDACTED]',
      'x-custom-token': '[REDACTED]',
      'x-visible': 'kept',
    });
    expect(trigger.webhook_payload).toEqual({ a: 1 });
  });
});

describe('the data folder', () => {
  it('is created mode 0700 and every file in it (database, WAL, shm, keys, lock) is 0600', async () => {
    const root = mkdtempSync(join(tmpdir(), 'stratoflow-modes-'));
    const dataDir = join(root, 'nested', 'data');
    const own = await startTestServer({ dataDir });
    try {
      const wf = await createWorkflow(own, { nodes: [node('n1', 'manual_trigger')], edges: [] });
      await executeAndWait(own, wf.id);
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      const files = readdirSync(dataDir);
      expect(files).toEqual(
        expect.arrayContaining(['stratoflow.db', 'stratoflow.db-wal', 'stratoflow.db-shm', 'master.key']),
      );
      for (const file of files) {
        const mode = statSync(join(dataDir, file)).mode & 0o777;
        expect(`${file} ${mode.toString(8)}`).toBe(`${file} 600`);
      }
    } finally {
      await own.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
});

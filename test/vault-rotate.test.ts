import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMasterKey, loadMasterKey, openSecret } from '../src/vault/index.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { startTarget, type Target } from './helpers/target.js';
import { createWorkflow, edge, executeAndWait, node } from './helpers/workflows.js';

/**
 * `stratoflow vault rotate-key`, run as a user runs it (a child process through tsx): every data key is
 * re-wrapped, the key file is replaced, nothing secret is printed, and runs still decrypt afterwards.
 */

interface CliResult {
  code: number | null;
  output: string;
}

function runCli(args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete childEnv[name];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
  });
}

const newKey = () => randomBytes(32).toString('base64');
const SECRET = 'rotating-secret-value-42';
const dirs: string[] = [];
let target: Target;

beforeAll(async () => {
  target = await startTarget();
});
afterAll(async () => {
  await target.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'stratoflow-rotate-'));
  dirs.push(dir);
  return dir;
}

function server(dir: string, env: NodeJS.ProcessEnv = {}): Promise<TestServer> {
  return startTestServer({ dataDir: dir, httpAllowedCidrs: '127.0.0.0/8' }, env);
}

/** A vault item and a workflow that sends it to the target; returns the workflow id. */
async function seed(t: TestServer): Promise<string> {
  const item = await t.call('POST', '/workflows/vault', { body: { name: 'rotating', secret: SECRET } });
  expect(item.status).toBe(201);
  const wf = await createWorkflow(t, {
    nodes: [
      node('n1', 'manual_trigger'),
      node('n2', 'webhook', {
        method: 'GET',
        url: `${target.url}/rotated`,
        headers: { 'X-Key': '{{ vault.rotating }}' },
      }),
    ],
    edges: [edge('n1', 'n2')],
  });
  return wf.id;
}

/** Runs the workflow and returns what the target received in X-Key (or the run's error). */
async function sendOnce(t: TestServer, workflowId: string): Promise<string> {
  const run = await executeAndWait(t, workflowId);
  if (run.status !== 'completed') return `failed: ${run.error_message}`;
  return String(target.received.at(-1)?.headers['x-key']);
}

function vaultRows(dir: string): Record<string, unknown>[] {
  const db = new Database(join(dir, 'stratoflow.db'), { readonly: true });
  try {
    return db.prepare('SELECT * FROM vault_items ORDER BY id').all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

describe('stratoflow vault rotate-key', () => {
  it('re-wraps every data key under a new key file; runs still decrypt; no key is printed', async () => {
    const dir = dataDir();
    const first = await server(dir);
    const workflowId = await seed(first);
    // An authorization's sealed token is re-wrapped too.
    const link = (await first.call('POST', '/workflows/authorization')).body.url as string;
    const bearer = await first.token('org_a', 'usr_rotating');
    const confirm = await first.call('POST', link.slice(link.indexOf('/authorize/')), { token: bearer });
    expect(confirm.status).toBe(200);
    expect(await sendOnce(first, workflowId)).toBe(SECRET);
    await first.close();

    const keyFile = join(dir, 'master.key');
    const oldKey = readFileSync(keyFile, 'utf8').trim();
    const before = vaultRows(dir);

    const result = await runCli(['vault', 'rotate-key', '--data-dir', dir], {
      STRATOFLOW_MASTER_KEY: undefined,
    });
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(
      /Re-wrapped 1 vault item\(s\) and 1 authorization\(s\) from master key [0-9a-f]{8} to [0-9a-f]{8}\./,
    );
    const newKeyText = readFileSync(keyFile, 'utf8').trim();
    expect(newKeyText).not.toBe(oldKey);
    expect(result.output).not.toContain(oldKey);
    expect(result.output).not.toContain(newKeyText);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(existsSync(join(dir, 'master.key.next'))).toBe(false);

    const after = vaultRows(dir);
    const masterKey = loadMasterKey({ dataDir: dir });
    expect(after[0]).toMatchObject({
      ciphertext: before[0]?.ciphertext,
      iv: before[0]?.iv,
      tag: before[0]?.tag,
      key_id: masterKey.keyId,
    });
    expect(after[0]?.wrapped_key).not.toBe(before[0]?.wrapped_key);

    const second = await server(dir);
    try {
      expect(await sendOnce(second, workflowId)).toBe(SECRET);
      const auth = (await second.call('GET', '/workflows/authorization')).body[0];
      const sealed = await second.server.store.getAuthorization('org_a', auth.id);
      expect(openSecret(masterKey, sealed?.sealedToken as never, `org_a:${auth.id}`)).toBe(bearer);
    } finally {
      await second.close();
    }
  });

  it('refuses to run while a server holds the data folder', async () => {
    const dir = dataDir();
    const running = await server(dir);
    try {
      await seed(running);
      const result = await runCli(['vault', 'rotate-key', '--data-dir', dir], {
        STRATOFLOW_MASTER_KEY: undefined,
      });
      expect(result.code).toBe(1);
      expect(result.output).toContain('Another Stratoflow process');
    } finally {
      await running.close();
    }
  });

  it('with STRATOFLOW_MASTER_KEY: takes the new key from --new-key-env, prints no key, touches no file', async () => {
    const dir = dataDir();
    const [k1, k2] = [newKey(), newKey()];
    const first = await server(dir, { STRATOFLOW_MASTER_KEY: k1 });
    const workflowId = await seed(first);
    await first.close();

    const result = await runCli(
      ['vault', 'rotate-key', '--data-dir', dir, '--new-key-env', 'NEW_MASTER_KEY'],
      {
        STRATOFLOW_MASTER_KEY: k1,
        NEW_MASTER_KEY: k2,
      },
    );
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain('Re-wrapped 1 vault item(s)');
    expect(result.output).toContain('Set STRATOFLOW_MASTER_KEY to the new key');
    expect(result.output).not.toContain(k1);
    expect(result.output).not.toContain(k2);
    expect(existsSync(join(dir, 'master.key'))).toBe(false);

    const withOld = await server(dir, { STRATOFLOW_MASTER_KEY: k1 });
    try {
      const failed = await sendOnce(withOld, workflowId);
      expect(failed).toContain("failed: Vault item 'rotating' could not be decrypted");
      expect(failed).toContain(createMasterKey(Buffer.from(k2, 'base64')).keyId);
    } finally {
      await withOld.close();
    }
    const withNew = await server(dir, { STRATOFLOW_MASTER_KEY: k2 });
    try {
      expect(await sendOnce(withNew, workflowId)).toBe(SECRET);
    } finally {
      await withNew.close();
    }
  });

  it('with STRATOFLOW_MASTER_KEY and no --new-key-env: prints the generated key once', async () => {
    const dir = dataDir();
    const k1 = newKey();
    const first = await server(dir, { STRATOFLOW_MASTER_KEY: k1 });
    const workflowId = await seed(first);
    await first.close();

    const result = await runCli(['vault', 'rotate-key', '--data-dir', dir], { STRATOFLOW_MASTER_KEY: k1 });
    expect(result.code, result.output).toBe(0);
    const printed = /STRATOFLOW_MASTER_KEY=(\S+)/.exec(result.output)?.[1] as string;
    expect(Buffer.from(printed, 'base64')).toHaveLength(32);
    expect(result.output.split(printed)).toHaveLength(2);
    expect(result.output).not.toContain(k1);

    const withNew = await server(dir, { STRATOFLOW_MASTER_KEY: printed });
    try {
      expect(await sendOnce(withNew, workflowId)).toBe(SECRET);
    } finally {
      await withNew.close();
    }
  });

  it('explains that there is nothing to rotate in an empty data folder', async () => {
    const dir = dataDir();
    const result = await runCli(['vault', 'rotate-key', '--data-dir', dir], {
      STRATOFLOW_MASTER_KEY: undefined,
    });
    expect(result.code).toBe(1);
    expect(result.output).toContain('there is no vault to rotate');
    expect(existsSync(join(dir, 'stratoflow.db'))).toBe(false);
  });
});

import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CLI, ensureBuilt } from './helpers/cli.js';
import { startTestServer, type TestServer } from './helpers/server.js';

/**
 * The README's "First workflow" commands run as printed, through bash and curl, against a real server with
 * a generated secret: the token comes from `stratoflow token`, the ids from the answers (never copied).
 */
const root = join(import.meta.dirname, '..');
let t: TestServer;
beforeAll(async () => {
  ensureBuilt();
  // No STRATOFLOW_JWT_SECRET: the server generates one in its data folder, as `npx stratoflow serve` does.
  t = await startTestServer({}, { STRATOFLOW_JWT_SECRET: '' });
}, 120_000);
afterAll(async () => t.close());

/** The section's shell commands: a command ends at a line end outside quotes and without a `\`. */
function commands(): string[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.split('\n## First workflow\n')[1]?.split('\n## ')[0] ?? '';
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  const result: string[] = [];
  let current = '';
  for (const line of block.split('\n')) {
    if (current === '' && (line.trim() === '' || line.trim().startsWith('#'))) continue;
    current += `${line}\n`;
    const quotes = (current.match(/'/g) ?? []).length;
    if (quotes % 2 === 0 && !line.endsWith('\\')) {
      result.push(current.trim());
      current = '';
    }
  }
  return result;
}

function bash(script: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('bash', ['-c', script], { env: { ...process.env, ...env }, cwd: root }, (err, stdout, stderr) =>
      err ? reject(new Error(`${script}\n${stderr}`)) : resolve(stdout),
    );
  });
}

it('the README first-workflow commands run as printed', { timeout: 120_000 }, async () => {
  const steps = commands();
  expect(steps.length).toBeGreaterThanOrEqual(5);
  const env: NodeJS.ProcessEnv = { STRATOFLOW_DATA_DIR: t.dataDir, STRATOFLOW_JWT_SECRET: '' };
  const ids: Record<string, string> = {};
  let last = '';
  let lastOutput = '';
  for (const step of steps) {
    let script = step.replaceAll('npx stratoflow', `node ${CLI}`).replaceAll('http://127.0.0.1:8080', t.url);
    for (const [placeholder, id] of Object.entries(ids)) script = script.replaceAll(placeholder, id);
    expect(script, 'every placeholder is filled from an earlier answer').not.toMatch(/<[a-z ]+>/);
    const assignment = /^(\w+)=(.*)$/.exec(script);
    if (assignment) {
      env[assignment[1] as string] = (await bash(`printf %s ${assignment[2]}`, env)).trim();
      continue;
    }
    lastOutput = await bash(script, env);
    last = script;
    const body = JSON.parse(lastOutput);
    for (const item of Array.isArray(body) ? body : [body]) {
      if (typeof item?.id !== 'string') continue;
      if (item.id.startsWith('fl_run_')) ids['<run id>'] ??= item.id;
      else if (item.id.startsWith('fl_')) ids['<id>'] ??= item.id;
    }
  }
  expect(env.TOKEN).toMatch(/^ey/);
  expect(ids['<id>']).toMatch(/^fl_/);
  expect(ids['<run id>']).toMatch(/^fl_run_/);
  // The last command reads the run; it may still have been running when it was first read.
  for (let i = 0; i < 100 && JSON.parse(lastOutput).status !== 'completed'; i++) {
    await new Promise((r) => setTimeout(r, 50));
    lastOutput = await bash(last, env);
  }
  const run = JSON.parse(lastOutput);
  expect(run.status).toBe('completed');
  expect(run.logs.find((l: { node_id: string }) => l.node_id === 'n2').output).toEqual({ text: 'Hello Ada' });
});

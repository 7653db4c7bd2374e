import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureBuilt, runCli } from './helpers/cli.js';
import { PUBLIC_URL, startTestServer, type TestServer } from './helpers/server.js';

/**
 * The README's "From the terminal" transcript stays true: each `$ stratoflow ...` line runs against a
 * real server and its output must have the printed shape (ids, times and durations may differ).
 */
const root = join(import.meta.dirname, '..');
let t: TestServer;
beforeAll(async () => {
  ensureBuilt();
  t = await startTestServer();
}, 120_000);
afterAll(async () => t.close());

interface Step {
  command: string;
  expected: string[];
}

function transcript(): Step[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.split('## From the terminal')[1]?.split('\n## ')[0] ?? '';
  const block = /<!-- transcript[^>]*-->\n```console\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  const steps: Step[] = [];
  for (const line of block.trimEnd().split('\n')) {
    if (line.startsWith('$ ')) steps.push({ command: line.slice(2), expected: [] });
    else steps.at(-1)?.expected.push(line);
  }
  return steps;
}

/** Splits a command line like a shell does for the quoting the README uses (single quotes). */
function argv(command: string): string[] {
  return [...command.matchAll(/'([^']*)'|(\S+)/g)].map((m) => (m[1] ?? m[2]) as string);
}

/** The shape of an output line: ids, relative times, durations and the server URL replaced. */
function shape(line: string, url: string): string {
  return line
    .replaceAll(url, '<url>')
    .replaceAll(PUBLIC_URL, '<url>')
    .replace('http://127.0.0.1:8080', '<url>')
    .replace(/fl_run_\w+/g, '<run>')
    .replace(/fl_\w+/g, '<workflow>')
    .replace(/\b(just now|\d+[smhd] ago)\b/g, '<when>')
    .replace(/\b\d+(\.\d+)? (ms|s)\b/g, '<duration>')
    .replace(/\((pending|running)\)/, '(<status>)')
    .replace(/\s+/g, ' ')
    .trim();
}

it('the README transcript runs as printed', { timeout: 120_000 }, async () => {
  const steps = transcript();
  expect(steps.length).toBeGreaterThanOrEqual(6);
  const env = { STRATOFLOW_URL: t.url, STRATOFLOW_TOKEN: await t.token('org_readme') };
  const ids = new Map<string, string>(); // README id → the id this run got
  for (const step of steps) {
    const args = argv(step.command);
    expect(args[0]).toBe('stratoflow');
    const real = args.slice(1).map((a) => ids.get(a) ?? a);
    const res = await runCli(real, { env, cwd: root });
    const actual = `${res.stdout}${res.stderr}`.trimEnd().split('\n');
    expect(
      actual.map((l) => shape(l, t.url)),
      step.command,
    ).toEqual(step.expected.map((l) => shape(l, t.url)));
    // Later commands use the ids printed here.
    step.expected.forEach((line, i) => {
      const printed = [...line.matchAll(/fl_(?:run_)?\w+/g)].map((m) => m[0]);
      const got = [...(actual[i] ?? '').matchAll(/fl_(?:run_)?\w+/g)].map((m) => m[0]);
      printed.forEach((id, k) => {
        if (got[k] && !id.endsWith('…') && !ids.has(id)) ids.set(id, got[k] as string);
      });
    });
  }
});

import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliOptions, ensureBuilt, runCli, spawnCli } from './helpers/cli.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { edge, node } from './helpers/workflows.js';

/** The real binary (`node dist/cli/main.js`) against a real server on loopback. */
let t: TestServer;
let dir: string;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  ensureBuilt();
  t = await startTestServer();
  dir = mkdtempSync(join(tmpdir(), 'stratoflow-cli-'));
  env = { STRATOFLOW_URL: t.url, STRATOFLOW_TOKEN: await t.token('org_cli') };
}, 120_000);
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

const cli = (args: string[], options: CliOptions = {}) =>
  runCli(args, { env, ...options, ...(options.env ? { env: { ...env, ...options.env } } : {}) });

function writeFile(name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return path;
}

const hello = {
  name: 'CLI hello',
  nodes: [node('n1', 'manual_trigger'), node('n2', 'text_transform', { template: 'Hello {{ n1.name }}' })],
  edges: [edge('n1', 'n2')],
};
const failing = {
  name: 'CLI failing',
  nodes: [
    node('n1', 'manual_trigger'),
    node('n2', 'text_transform', { template: 'step {{ n1.name }}' }),
    node('n3', 'terminate', { status: 'failed', message: 'Stopped on purpose' }),
  ],
  edges: [edge('n1', 'n2'), edge('n2', 'n3')],
};

async function applied(body: unknown): Promise<string> {
  const res = await cli(['workflows', 'apply', '-f', writeFile(`wf-${Math.random()}.json`, body), '--json']);
  expect(res.code, res.stderr).toBe(0);
  return JSON.parse(res.stdout).workflow.id;
}

describe('workflows', () => {
  it('apply creates, then is idempotent, then updates by name and by id', async () => {
    const file = writeFile('hello.json', { ...hello, name: 'Apply me' });
    const first = await cli(['workflows', 'apply', '-f', file]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^created fl_\w+ Apply me\n$/);
    const id = first.stdout.split(' ')[1] as string;
    const again = await cli(['workflows', 'apply', '-f', file]);
    expect(again.stdout).toBe(`unchanged ${id} Apply me\n`);
    const list = await t.call('GET', '/workflows', { org: 'org_cli' });
    expect(list.body.filter((w: { name: string }) => w.name === 'Apply me')).toHaveLength(1);
    const before = (await t.call('GET', `/workflows/${id}`, { org: 'org_cli' })).body.version_id;
    await cli(['workflows', 'apply', '-f', file]);
    expect((await t.call('GET', `/workflows/${id}`, { org: 'org_cli' })).body.version_id).toBe(before);

    writeFile('hello.json', { ...hello, name: 'Apply me', description: 'changed' });
    expect((await cli(['workflows', 'apply', '-f', file])).stdout).toBe(`updated ${id} Apply me\n`);
    writeFile('hello.json', { ...hello, id, name: 'Renamed' });
    expect((await cli(['workflows', 'apply', '-f', file])).stdout).toBe(`updated ${id} Renamed\n`);
    expect((await t.call('GET', `/workflows/${id}`, { org: 'org_cli' })).body.name).toBe('Renamed');
  });

  it('apply compares what the server stores: omitted defaults and editor-only keys change nothing', async () => {
    const loose = {
      name: 'Loose file',
      nodes: [
        { id: 'n1', data: { componentId: 'manual_trigger' }, selected: true },
        { id: 'n2', data: { componentId: 'text_transform', template: 'x' }, dragging: false },
      ],
      edges: [{ id: 'e', source: 'n1', target: 'n2', animated: true }],
    };
    const file = writeFile('loose.json', loose);
    expect((await cli(['workflows', 'apply', '-f', file])).stdout).toMatch(/^created /);
    expect((await cli(['workflows', 'apply', '-f', file])).stdout).toMatch(/^unchanged /);
    const invalid = await cli([
      'workflows',
      'apply',
      '-f',
      writeFile('no-nodes.json', { name: 'x', edges: [] }),
    ]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/^error usage: .*no-nodes\.json: nodes: /);
  });

  it('export writes a file that apply takes back unchanged', async () => {
    const id = await applied({ ...hello, name: 'Exported' });
    const out = join(dir, 'exported.json');
    const res = await cli(['workflows', 'export', id, '-o', out]);
    expect(res.code).toBe(0);
    const exported = JSON.parse(readFileSync(out, 'utf8'));
    expect(exported).toMatchObject({
      id,
      name: 'Exported',
      nodes: expect.any(Array),
      edges: expect.any(Array),
    });
    expect(exported.created_at).toBeUndefined();
    expect((await cli(['workflows', 'apply', '-f', out])).stdout).toBe(`unchanged ${id} Exported\n`);
    const toStdout = await cli(['workflows', 'export', id]);
    expect(JSON.parse(toStdout.stdout)).toEqual(exported);
  });

  it('list and get print aligned tables, or JSON with --json', async () => {
    const id = await applied({ ...hello, name: 'Listed' });
    const table = await cli(['workflows', 'list']);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+NAME\s+ACTIVE\s+SCHEDULE\s+UPDATED$/);
    const row = lines.find((l) => l.startsWith(id)) as string;
    expect(row).toMatch(/Listed\s+yes\s+-\s+(just now|\d+s ago)$/);
    expect(row.indexOf('Listed')).toBe((lines[0] as string).indexOf('NAME'));
    expect(table.stdout).not.toContain('\u001b['); // not a TTY: no colour
    const json = JSON.parse((await cli(['workflows', 'list', '--json'])).stdout);
    expect(json.map((w: { id: string }) => w.id)).toContain(id);
    const get = await cli(['workflows', 'get', id]);
    expect(get.stdout).toMatch(/name\s+Listed/);
    expect(get.stdout).toMatch(/n1\s+manual_trigger\s+n2/);
    expect(JSON.parse((await cli(['workflows', 'get', id, '--json'])).stdout).nodes).toHaveLength(2);
  });

  it('validate exits 0 for a valid file and 1 with the problems for an invalid one', async () => {
    const ok = await cli(['workflows', 'validate', '-f', writeFile('valid.json', hello)]);
    expect(ok).toMatchObject({ code: 0 });
    expect(ok.stdout).toContain('valid');
    const bad = await cli([
      'workflows',
      'validate',
      '-f',
      writeFile('invalid.json', { ...hello, nodes: [hello.nodes[1]] }),
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/invalid[\s\S]*- .*trigger/i);
    const json = await cli(['workflows', 'validate', '-f', join(dir, 'invalid.json'), '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ valid: false });
    // A reference that will not resolve is a warning: still valid, exit 0, the warning printed.
    const nodes = [hello.nodes[0], node('n2', 'text_transform', { template: 'Hello {{ n9.name }}' })];
    const warned = await cli(['workflows', 'validate', '-f', writeFile('warned.json', { ...hello, nodes })]);
    expect(warned.code).toBe(0);
    expect(warned.stdout).toBe(
      `valid ${join(dir, 'warned.json')}\n  warning nodes[1].data.template: Node 'n2': 'n9' is neither a node of this workflow nor one of trigger, payload, webhook_payload, vault, so it renders empty.\n`,
    );
  });

  it('delete removes the workflow; a second delete is a one-line error with exit 1', async () => {
    const id = await applied({ ...hello, name: 'Doomed' });
    expect((await cli(['workflows', 'delete', id])).stdout).toBe(`deleted ${id}\n`);
    const again = await cli(['workflows', 'delete', id]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(
      /^error resource_not_found: Workflow not found\. \(.*resource_not_found\)\n$/,
    );
  });
});

describe('runs', () => {
  it('execute --wait prints one line per node and the final status; exit 0 when completed', async () => {
    const id = await applied({ ...hello, name: 'Wait ok' });
    const res = await cli(['execute', id, '--context', '{"name":"Ada"}', '--wait']);
    expect(res.code, res.stderr).toBe(0);
    const lines = res.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Started run fl_run_\w+ \((pending|running)\)$/);
    expect(lines[1]).toMatch(/^success\s+n1 manual_trigger\s+\d+ ms\s+\{"trigger_type":"manual"/);
    expect(lines[2]).toMatch(/^success\s+n2 text_transform\s+\d+ ms\s+\{"text":"Hello Ada"\}$/);
    expect(lines[3]).toMatch(/^Run fl_run_\w+ completed in [\d.]+ s$/);
  });

  it('execute --wait exits 1 when the run fails, --json prints the final run, @file contexts work', async () => {
    const id = await applied(failing);
    const context = writeFile('ctx.json', { name: 'Bo' });
    const res = await cli(['execute', id, '--context', `@${context}`, '--wait']);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/success\s+n2 text_transform.*"step Bo"/);
    expect(res.stdout).toMatch(/Run fl_run_\w+ failed in [\d.]+ s: Stopped on purpose\n$/);
    const json = await cli(['execute', id, '--wait', '--json']);
    expect(json.code).toBe(1);
    const run = JSON.parse(json.stdout);
    expect(run).toMatchObject({ status: 'failed', error_message: 'Stopped on purpose' });
    expect(run.logs).toHaveLength(3);
  });

  it('runs list, get, rerun, resume and watch', async () => {
    const id = await applied({ ...failing, name: 'Runs' });
    const started = JSON.parse((await cli(['execute', id, '--context', '{"name":"Cy"}', '--json'])).stdout);
    const watched = await cli(['runs', 'watch', started.id]);
    expect(watched.code).toBe(1);
    expect(watched.stdout.trimEnd().split('\n')).toHaveLength(4);
    const list = await cli(['runs', 'list', id]);
    expect(list.stdout).toMatch(
      new RegExp(`${started.id}\\s+failed\\s+(just now|\\d+s ago)\\s+[\\d.]+ s\\s+Stopped on purpose`),
    );
    expect(JSON.parse((await cli(['runs', 'list', id, '--json'])).stdout).meta.total).toBe(1);
    const get = await cli(['runs', 'get', started.id]);
    expect(get.stdout).toMatch(/^Run fl_run_\w+ failed/);
    expect(get.stdout).toMatch(/success\s+n3 terminate\s+\d+ ms\s+\{"status":"failed"/);
    expect(JSON.parse((await cli(['runs', 'get', started.id, '--json'])).stdout).id).toBe(started.id);
    const rerun = await cli(['runs', 'rerun', started.id, '--wait']);
    expect(rerun.code).toBe(1);
    expect(rerun.stdout).toMatch(/^Workflow re-run initiated successfully\.\nStarted run/);
    expect(rerun.stdout).toContain('"step Cy"');
    const resumed = await cli(['runs', 'resume', started.id, 'n2', '--json']);
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ status: expect.any(String) });
    const refused = await cli(['runs', 'resume', started.id, 'n9']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^error resource_not_found: Node 'n9' not found/);
  });
  it("--wait reports an iterator's progress while it works through its items", async () => {
    const child = await applied({
      name: 'Slow child',
      nodes: [node('n1', 'subflow_trigger'), node('n2', 'delay', { duration: 1, unit: 'seconds' })],
      edges: [edge('n1', 'n2')],
    });
    const id = await applied({
      name: 'Iterate',
      nodes: [
        node('n1', 'manual_trigger'),
        node('n2', 'iterator', { items: '{{ n1.items }}', workflow_id: child }),
      ],
      edges: [edge('n1', 'n2')],
    });
    const res = await cli(['execute', id, '--context', '{"items":[1,2,3]}', '--wait']);
    expect(res.code, res.stderr).toBe(0);
    const counts = [...res.stdout.matchAll(/^progress n2 (\d)\/3$/gm)].map((m) => Number(m[1]));
    expect(counts.length).toBeGreaterThan(0);
    expect(counts).toEqual([...counts].sort());
    expect(res.stdout).toMatch(/progress n2 \d\/3\n(.*\n)*success\s+n2 iterator\s+[\d.]+ m?s\s+\{"results":/);
    const run = await t.call('GET', `/workflows/runs/${res.stdout.match(/fl_run_\w+/)?.[0]}`, {
      org: 'org_cli',
    });
    expect(run.body.progress).toBeUndefined(); // only while running
  });
});

describe('logs', () => {
  it('lists logs oldest first, filters by status, prints JSON', async () => {
    const id = await applied({
      name: 'Logs',
      nodes: [
        node('n1', 'manual_trigger'),
        node('n2', 'text_transform', { template: 'not json' }),
        node('n3', 'json_parser', { input: '{{ n2.text }}' }),
      ],
      edges: [edge('n1', 'n2'), edge('n2', 'n3')],
    });
    await cli(['execute', id, '--wait']);
    const table = await cli(['logs', id]);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^TIME\s+RUN\s+NODE\s+COMPONENT\s+STATUS\s+DURATION\s+OUTPUT$/);
    expect(lines.slice(1).map((l) => l.split(/\s{2,}/)[2])).toEqual(['n1', 'n2', 'n3']);
    const errors = JSON.parse((await cli(['logs', id, '--status', 'error', '--json'])).stdout);
    expect(errors.map((l: { node_id: string }) => l.node_id)).toEqual(['n3']);
    const bad = await cli(['logs', id, '--status', 'nope']);
    expect(bad.code).toBe(2);
  });

  it('--follow prints new entries as runs execute', async () => {
    const id = await applied({ ...hello, name: 'Follow' });
    const child = spawnCli(['logs', id, '--follow', '--interval', '100'], { env });
    let out = '';
    child.stdout?.on('data', (d) => {
      out += d;
    });
    try {
      await new Promise((r) => setTimeout(r, 1500));
      expect(out).toBe('');
      await cli(['execute', id, '--context', '{"name":"Follower"}', '--wait']);
      const deadline = Date.now() + 15_000;
      while (!out.includes('Hello Follower') && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      const lines = out.trimEnd().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^\S+Z {2}fl_run_\w+ {2}success\s+n1 manual_trigger/);
      expect(lines[1]).toMatch(
        /^\S+Z {2}fl_run_\w+ {2}success\s+n2 text_transform\s+\d+ ms\s+\{"text":"Hello Follower"\}$/,
      );
    } finally {
      child.kill('SIGTERM');
    }
  });
});

describe('vault and events', () => {
  it('vault set reads the secret from stdin, list never shows it, set again replaces, delete removes', async () => {
    const set = await cli(['vault', 'set', 'cli_secret', '--from-stdin'], { input: 'sup3r-s3cret-value\n' });
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toMatch(/^created vlt_\w+ cli_secret\n$/);
    const list = await cli(['vault', 'list']);
    expect(list.stdout).toMatch(/vlt_\w+\s+cli_secret\s+(just now|\d+s ago)\s+-/);
    expect(list.stdout + set.stdout).not.toContain('sup3r');
    expect((await cli(['vault', 'set', 'cli_secret'], { input: 'other-value' })).stdout).toMatch(
      /^updated vlt_/,
    );
    expect(JSON.parse((await cli(['vault', 'list', '--json'])).stdout)).toHaveLength(1);
    expect((await cli(['vault', 'delete', 'cli_secret'])).stdout).toMatch(/^deleted vlt_\w+ cli_secret/);
    expect((await cli(['vault', 'delete', 'cli_secret'])).code).toBe(1);
    const empty = await cli(['vault', 'set', 'cli_empty']);
    expect(empty.code).toBe(2);
  });

  it('events send starts the matching workflows', async () => {
    await applied({
      name: 'On offline',
      nodes: [node('n1', 'site_offline'), node('n2', 'text_transform', { template: '{{ n1.site_id }}' })],
      edges: [edge('n1', 'n2')],
    });
    const res = await cli(['events', 'send', 'site.offline', '--data', '{"site_id":"site_9"}']);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/^1 run\(s\) started\nfl_run_\w+\n$/);
    const json = await cli(['events', 'send', 'site.offline', '--data', '{}', '--json']);
    expect(JSON.parse(json.stdout).run_ids).toHaveLength(1);
    const unknown = await cli(['events', 'send', 'site.exploded']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^error event_type_unknown: /);
  });
});

describe('configuration, errors and exit codes', () => {
  it('login checks the server, saves a 0600 profile the other commands use', async () => {
    const profile = join(dir, 'profile', 'config.json');
    const token = await t.token('org_cli');
    const res = await runCli(['login', '--url', t.url, '--token', token], {
      env: { STRATOFLOW_CONFIG: profile },
    });
    expect(res.code, res.stderr).toBe(0);
    expect(statSync(profile).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(profile, 'utf8'))).toEqual({ url: t.url, token });
    const list = await runCli(['workflows', 'list', '--json'], { env: { STRATOFLOW_CONFIG: profile } });
    expect(list.code).toBe(0);
    const refused = await runCli(['login', '--url', t.url, '--token', 'bad'], {
      env: { STRATOFLOW_CONFIG: join(dir, 'p2.json') },
    });
    expect(refused.code).toBe(3);
  });

  it('exit 3 for an unreachable server or a bad token, 2 for usage errors, never a stack trace', async () => {
    const down = await cli(['workflows', 'list', '--url', 'http://127.0.0.1:1']);
    expect(down.code).toBe(3);
    expect(down.stderr).toMatch(/^error server_unreachable: Cannot reach http:\/\/127\.0\.0\.1:1 /);
    const auth = await cli(['workflows', 'list', '--token', 'not-a-jwt']);
    expect(auth.code).toBe(3);
    expect(auth.stderr).toMatch(/^error token_invalid: .*\(.*token_invalid\)\n$/);
    const noUrl = await runCli(['workflows', 'list']);
    expect(noUrl.code).toBe(2);
    expect(noUrl.stderr).toMatch(/^error usage: No server given/);
    expect((await cli(['workflows', 'frobnicate'])).code).toBe(2);
    expect((await cli(['execute'])).code).toBe(2);
    const badJson = await cli(['execute', 'fl_x', '--context', '{nope']);
    expect(badJson.code).toBe(2);
    expect(badJson.stderr).toMatch(/^error usage: --context is not valid JSON/);
    expect((await cli(['workflows', 'apply', '-f', join(dir, 'missing.json')])).code).toBe(2);
    for (const r of [down, auth, noUrl, badJson]) expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('--verbose prints the HTTP exchange with the token redacted', async () => {
    const res = await cli(['workflows', 'list', '--verbose']);
    expect(res.code).toBe(0);
    expect(res.stderr).toContain(`> GET ${t.url}/workflows`);
    expect(res.stderr).toContain('> authorization: Bearer [REDACTED]');
    expect(res.stderr).toContain('< 200 OK');
    expect(res.stderr).not.toContain(env.STRATOFLOW_TOKEN as string);
  });
});

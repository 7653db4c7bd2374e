import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureBuilt, runCli } from './helpers/cli.js';
import { edge, node } from './helpers/workflows.js';

/** `stratoflow run` and `stratoflow test`: the built binary, no server, a loopback peer counting calls. */
let dir: string;
let peer: Server;
let peerUrl: string;
let hits = 0;
beforeAll(async () => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'stratoflow-offline-'));
  peer = createServer((req, res) => {
    hits += 1;
    req.resume();
    res.setHeader('content-type', 'application/json');
    res.end('{"greeting":"from the peer"}');
  });
  await new Promise<void>((resolve) => peer.listen(0, '127.0.0.1', resolve));
  const address = peer.address() as { port: number };
  peerUrl = `http://127.0.0.1:${address.port}/hook`;
}, 120_000);
afterAll(() => {
  peer.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The peer is on loopback, which outbound HTTP refuses unless allowed. */
const env = { STRATOFLOW_HTTP_ALLOWED_CIDRS: '127.0.0.1/32' };

function write(name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(value, null, 2));
  return path;
}

const greeter = () => ({
  name: 'Greeter',
  nodes: [
    node('n1', 'manual_trigger'),
    node('n2', 'webhook', { method: 'POST', url: peerUrl, body: '{"name": "{{ n1.name }}"}' }),
    node('n3', 'text_transform', { template: 'Hello {{ n1.name }}, {{ n2.body.greeting }}' }),
  ],
  edges: [edge('n1', 'n2'), edge('n2', 'n3')],
});

it('run executes a file in-process, prints every node, and uses mocks instead of the network', async () => {
  const flow = write('greeter.json', greeter());
  const mock = write('n2.json', { status: 200, body: { greeting: 'mocked' } });
  const before = hits;
  const res = await runCli(['run', flow, '--context', '{"name":"Ada"}', '--mock', `n2=@${mock}`], { env });
  expect(res.code, res.stderr).toBe(0);
  const lines = res.stdout.trimEnd().split('\n');
  expect(lines).toHaveLength(4);
  expect(lines[0]).toMatch(/^success\s+n1 manual_trigger/);
  expect(lines[1]).toMatch(
    /^success\s+n2 webhook\s+\d+ ms\s+\{"status":200,"body":\{"greeting":"mocked"\}\}$/,
  );
  expect(lines[2]).toMatch(/^success\s+n3 text_transform\s+\d+ ms\s+\{"text":"Hello Ada, mocked"\}$/);
  expect(lines[3]).toMatch(/^Run fl_run_\w+ completed in [\d.]+ s$/);
  expect(hits).toBe(before);
});

it('run refuses an unmocked outbound node unless --allow-network, which really calls it', async () => {
  const flow = write('greeter2.json', greeter());
  const before = hits;
  const refused = await runCli(['run', flow, '--context', '{"name":"Bo"}'], { env });
  expect(refused.code).toBe(1);
  expect(refused.stdout).toMatch(/error\s+n2 webhook\s+\d+ ms\s+Node 'n2' \(webhook\) reaches the network/);
  expect(refused.stdout).toMatch(
    /failed in [\d.]+ s: Node 'n2' \(webhook\) reaches the network: mock it or pass --allow-network\.\n$/,
  );
  expect(hits).toBe(before);
  const allowed = await runCli(['run', flow, '--context', '{"name":"Bo"}', '--allow-network', '--json'], {
    env,
  });
  expect(allowed.code, allowed.stderr).toBe(0);
  const run = JSON.parse(allowed.stdout);
  expect(run.logs.at(-1).output).toEqual({ text: 'Hello Bo, from the peer' });
  expect(hits).toBe(before + 1);
});

it('run exits 2 for a file that is not a valid workflow or a mock of an unknown node', async () => {
  const invalid = await runCli([
    'run',
    write('bad.json', { nodes: [node('n1', 'text_transform')], edges: [] }),
  ]);
  expect(invalid.code).toBe(2);
  expect(invalid.stderr).toMatch(/^error workflow_invalid: /);
  const unknown = await runCli(['run', write('ok.json', greeter()), '--mock', 'n9={}']);
  expect(unknown.code).toBe(2);
  expect((await runCli(['run', join(dir, 'missing.json')])).code).toBe(2);
});

it('test runs each flow with its cases, shows a diff for failures, writes JUnit XML, exits 1', async () => {
  const suite = mkdtempSync(join(dir, 'suite-'));
  writeFileSync(join(suite, 'greeter.flow.json'), JSON.stringify(greeter()));
  const mock = (greeting: string) => ({ n2: { status: 200, body: { greeting } } });
  writeFileSync(
    join(suite, 'greeter.test.json'),
    JSON.stringify({
      cases: [
        {
          name: 'greets with the mocked reply',
          trigger: { name: 'Ada' },
          mocks: mock('hi'),
          expect: { status: 'completed', outputs: { n3: { text: 'Hello Ada, hi' }, n2: { status: 200 } } },
        },
        {
          name: 'expects the wrong text',
          trigger: { name: 'Bo' },
          mocks: mock('yo'),
          expect: { outputs: { n3: { text: 'Hello Bo, hi' } } },
        },
        { name: 'leaves the webhook unmocked', trigger: { name: 'Cy' }, expect: { status: 'completed' } },
      ],
    }),
  );
  writeFileSync(
    join(suite, 'stop.flow.json'),
    JSON.stringify({
      name: 'Stop',
      nodes: [
        node('n1', 'manual_trigger'),
        node('n2', 'terminate', { status: 'failed', message: 'no {{ n1.x }}' }),
      ],
      edges: [edge('n1', 'n2')],
    }),
  );
  writeFileSync(
    join(suite, 'stop.test.json'),
    JSON.stringify({
      cases: [
        { name: 'fails as designed', trigger: { x: 1 }, expect: { status: 'failed', error_message: 'no 1' } },
      ],
    }),
  );
  const junit = join(dir, 'junit.xml');
  const before = hits;
  const res = await runCli(['test', suite, '--junit', junit], { env });
  expect(res.code).toBe(1);
  expect(hits).toBe(before);
  expect(res.stdout).toMatch(/✓ greets with the mocked reply \(\d+ ms\)/);
  expect(res.stdout).toMatch(
    /✗ expects the wrong text \(\d+ ms\)\n\s+n3\.text: expected "Hello Bo, hi", got "Hello Bo, yo"\n/,
  );
  expect(res.stdout).toMatch(
    /✗ leaves the webhook unmocked[^\n]*\n\s+status: expected "completed", got "failed" \(.*mock it or pass --allow-network/,
  );
  expect(res.stdout).toMatch(/✓ fails as designed/);
  expect(res.stdout).toContain('4 case(s): 2 passed, 2 failed');

  const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(
    readFileSync(junit, 'utf8'),
  );
  expect(xml.testsuites).toMatchObject({ tests: '4', failures: '2', errors: '0' });
  const suites = xml.testsuites.testsuite;
  expect(suites).toHaveLength(2);
  expect(suites[0]).toMatchObject({ name: join(suite, 'greeter.flow.json'), tests: '3', failures: '2' });
  const cases = suites[0].testcase;
  expect(cases.map((c: { name: string }) => c.name)).toEqual([
    'greets with the mocked reply',
    'expects the wrong text',
    'leaves the webhook unmocked',
  ]);
  expect(cases[0].failure).toBeUndefined();
  expect(cases[1].failure).toMatchObject({
    message: 'n3.text: expected "Hello Bo, hi", got "Hello Bo, yo"',
    type: 'AssertionError',
  });
  expect(cases[2].failure.message).toContain('--allow-network');
  expect(suites[1]).toMatchObject({ tests: '1', failures: '0' });

  const allowed = await runCli(['test', suite, '--allow-network'], { env });
  expect(allowed.stdout).toMatch(/✓ leaves the webhook unmocked/);
  expect(hits).toBe(before + 1);
});

it('test exits 0 when every case passes (the README example folder) and 2 without flows', async () => {
  const res = await runCli(['test', 'examples']);
  expect(res.code, res.stdout).toBe(0);
  expect(res.stdout).toContain('3 case(s): 3 passed, 0 failed');
  expect((await runCli(['test', mkdtempSync(join(dir, 'empty-'))])).code).toBe(2);
  const badCases = mkdtempSync(join(dir, 'bad-'));
  writeFileSync(join(badCases, 'x.flow.json'), JSON.stringify(greeter()));
  writeFileSync(join(badCases, 'x.test.json'), JSON.stringify({ cases: [{ trigger: {} }] }));
  const bad = await runCli(['test', badCases]);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toMatch(/x\.test\.json: cases\.0\.name: /);
});

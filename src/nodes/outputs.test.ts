import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient, type HttpClient } from './actions/http/index.js';
import { type HttpsTestServer, sendJson, startHttpsServer } from './actions/http/test-https.js';
import { describeComponent } from './catalogue.js';
import type { AnyNodeDefinition, NodeContext, SubRunPort, TriggerInput } from './contract.js';
import { outputProblems } from './output-check.js';
import { builtinNodes } from './registry.js';
import { createTestContext, runNode } from './test-context.js';

/**
 * Every component declares its output (with an example), and its real output matches it. `runNode`
 * checks each finished node's output against the published schema, so every node test that runs a node
 * checks it; the components below run here, the others in the test file named for them.
 */

const nodes = new Map(builtinNodes().map((d) => [d.componentId, d]));
const get = (id: string) => nodes.get(id) as AnyNodeDefinition;

/** Components whose real outputs are checked by their own tests (real peers: sshd, SMTP, HTTPS...). */
const CHECKED_IN = {
  webhook: 'src/nodes/actions/webhook-body.test.ts',
  ssh: 'src/nodes/actions/ssh/node.test.ts',
  smtp: 'src/nodes/actions/mail/smtp.test.ts',
  ai_text_transform: 'src/nodes/actions/ai/node.test.ts',
  send_notification: 'src/nodes/actions/notify/node.test.ts',
  soap_request: 'src/nodes/actions/soap/node.test.ts',
  data_mapper: 'src/nodes/data/data-mapper.test.ts',
  date_transform: 'src/nodes/data/date-transform.test.ts',
  array_filter: 'src/nodes/data/array-filter.test.ts',
  validate: 'src/nodes/data/validate.test.ts',
  string_utils: 'src/nodes/data/string-utils.test.ts',
  set_variables: 'src/nodes/data/set-variables.test.ts',
  wireguard_key_generator: 'src/nodes/network/wireguard-key-generator.test.ts',
  ipv4_details: 'src/nodes/network/ipv4-details.test.ts',
  ip_details: 'src/nodes/network/ipv4-details.test.ts',
  form: 'src/nodes/flow/form/form.test.ts',
  shorten_link: 'src/nodes/links-and-files/links-and-files.test.ts',
  markdown_to_pdf: 'src/nodes/links-and-files/links-and-files.test.ts',
  altostrat_api: 'src/nodes/platform/platform.test.ts',
  get_site: 'src/nodes/platform/platform.test.ts',
  get_wan_tunnel: 'src/nodes/platform/platform.test.ts',
  get_resource_tags: 'src/nodes/platform/platform.test.ts',
  set_resource_tags: 'src/nodes/platform/platform.test.ts',
  attach_policy: 'src/nodes/platform/platform.test.ts',
  detach_policy: 'src/nodes/platform/platform.test.ts',
  update_wan_priorities: 'src/nodes/platform/platform.test.ts',
  mikrotik_script: 'src/nodes/platform/platform.test.ts',
  resource_has_tags: 'src/nodes/platform/platform.test.ts',
} as const;

/** A finished child run, as the engine reports it. */
const started = new Map<string, string>();
const finishedChildren: SubRunPort = {
  start: async (_workflowId, _input, key) => {
    const runId = started.get(key) ?? `fl_run_child_${started.size + 1}`;
    started.set(key, runId);
    return { runId };
  },
  find: async (key) => {
    const runId = started.get(key);
    return runId === undefined ? null : { runId };
  },
  get: async () => ({ status: 'completed', output: { text: 'child done' }, errorMessage: null }),
};

/** Runs `id` with `config` (and `ctx`) and returns its output; `runNode` has checked it against the schema. */
async function outputOf(id: string, config: unknown, ctx: Partial<NodeContext> = {}) {
  const outcome = await runNode(get(id), config, createTestContext(ctx));
  if (!('output' in outcome)) throw new Error(`${id} did not finish`);
  return outcome.output as Record<string, unknown>;
}

const trigger = (input: TriggerInput) => ({ trigger: input });

describe('component outputs', () => {
  it('every component declares an output schema and an example that matches it', () => {
    for (const definition of builtinNodes()) {
      expect(definition.output, definition.componentId).toBeDefined();
      expect(definition.outputExample, definition.componentId).toBeDefined();
      expect([definition.componentId, outputProblems(definition, definition.outputExample)]).toEqual([
        definition.componentId,
        [],
      ]);
      const published = describeComponent(definition).output_schema;
      expect(published?.examples, definition.componentId).toEqual([definition.outputExample]);
    }
  });

  it('catches an output that does not match: a missing key, a wrong type, an undeclared key', () => {
    const text = get('text_transform');
    expect(outputProblems(text, {})).toEqual(["/: must have required property 'text'"]);
    expect(outputProblems(text, { text: 3 })).toEqual(['/text: must be string']);
    expect(outputProblems(text, { text: 'a', extra: 1 })).toEqual([
      '/: must NOT have additional properties (extra)',
    ]);
  });

  it('triggers: the reserved keys, the keys copied from what started the run, and their own', async () => {
    const webhook = await outputOf(
      'webhook_trigger',
      {},
      trigger({
        origin: 'webhook',
        payload: { webhook_payload: { site_id: 'st_1', headers: 'from the body' } },
        headers: { 'content-type': 'application/json' },
      }),
    );
    expect(webhook).toMatchObject({
      trigger_type: 'webhook',
      site_id: 'st_1',
      webhook_payload: { site_id: 'st_1', headers: 'from the body' },
      headers: { 'content-type': 'application/json' },
    });
    // A body that is not an object is only `webhook_payload`.
    await outputOf(
      'webhook_trigger',
      {},
      trigger({ origin: 'webhook', payload: { webhook_payload: [1, 2] } }),
    );
    const sync = await outputOf(
      'sync_request_trigger',
      {},
      trigger({ origin: 'sync', payload: { payload: { resource_id: 'res_1' } } }),
    );
    expect(sync).toMatchObject({
      trigger_type: 'sync',
      resource_id: 'res_1',
      payload: { resource_id: 'res_1' },
    });
    expect(
      await outputOf(
        'scheduled_trigger',
        {},
        trigger({ origin: 'schedule', payload: {}, scheduledFor: '2026-12-01T06:00:00.000000Z' }),
      ),
    ).toMatchObject({ trigger_type: 'scheduled', scheduled_for: '2026-12-01T06:00:00.000000Z' });
    for (const id of ['manual_trigger', 'workflow_trigger', 'subflow_trigger']) {
      expect(
        await outputOf(id, {}, trigger({ origin: 'manual', payload: { user_id: 'usr_1' } })),
      ).toMatchObject({
        user_id: 'usr_1',
      });
    }
    const events = builtinNodes().filter((d) => d.kind === 'trigger' && !d.componentId.endsWith('trigger'));
    expect(events.length).toBe(8);
    for (const event of events) {
      const output = await outputOf(
        event.componentId,
        {},
        trigger({ origin: 'event', payload: { event_type: 'site.offline', data: { site_id: 'st_1' } } }),
      );
      expect(output).toMatchObject({ trigger_type: 'event', site_id: 'st_1', data: { site_id: 'st_1' } });
    }
  });

  it('text_transform, json_parser, delay and terminate', async () => {
    expect(await outputOf('text_transform', { template: 'hi' })).toEqual({ text: 'hi' });
    expect(await outputOf('json_parser', { input: '[1, {"a": null}]' })).toEqual([1, { a: null }]);
    expect(await outputOf('delay', { duration: 5, unit: 'seconds' }, { waitedUntil: 1 })).toMatchObject({
      delayed_seconds: 5,
    });
    expect(await outputOf('terminate', { status: 'failed', message: '' })).toEqual({
      status: 'failed',
      message: null,
    });
  });

  it('trigger_workflow (waiting or not) and iterator', async () => {
    const runs = finishedChildren;
    expect(await outputOf('trigger_workflow', { workflow_id: 'fl_child' }, { runs })).toEqual({
      text: 'child done',
    });
    expect(
      await outputOf('trigger_workflow', { workflow_id: 'fl_child', wait_for_completion: false }, { runs }),
    ).toMatchObject({ status: 'pending' });
    expect(await outputOf('iterator', { items: [1, 2], workflow_id: 'fl_child' }, { runs })).toEqual({
      results: [{ text: 'child done' }, { text: 'child done' }],
      count: 2,
    });
  });

  it('conditions, logical_group (nested, with a skipped condition) and switch', async () => {
    await outputOf('string_condition', {
      value: 'HQ-1',
      operator: 'matches_regex',
      compare_to: '^hq',
      case_sensitive: false,
    });
    await outputOf('number_condition', { value: '7', operator: 'between', compare_to: 1, compare_to_end: 9 });
    for (const operator of ['is_before', 'is_between', 'is_today', 'within_last_n_days']) {
      await outputOf('date_condition', {
        value: '2024-06-14T10:00:00Z',
        operator,
        compare_to: operator === 'within_last_n_days' ? 3 : '2024-06-10',
        compare_to_end: '2024-06-20',
      });
    }
    await outputOf('boolean_condition', { value: 'yes', operator: 'is_true' });
    await outputOf('array_condition', { value: ['a'], operator: 'length_equals', compare_to: 1 });
    await outputOf('array_condition', { value: ['a'], operator: 'contains', compare_to: 'a' });
    const group = await outputOf('logical_group', {
      operator: 'or',
      conditions: [
        {
          operator: 'and',
          conditions: [
            { type: 'boolean', value: false, operator: 'is_true' },
            { type: 'string', value: 'x', operator: 'equals', compare_to: 'x' },
          ],
        },
        { type: 'number', value: 3, operator: 'greater_than', compare_to: 1 },
        { type: 'date', value: '2024-06-15', operator: 'is_today' },
      ],
    });
    expect(group).toMatchObject({
      result: true,
      conditions: [
        { result: false, conditions: [{ type: 'boolean' }, { skipped: true }] },
        { type: 'number' },
        { skipped: true },
      ],
    });
    const cases = [{ id: 'hq', operator: 'starts_with', compare_to: 'HQ' }];
    expect(await outputOf('switch', { value: 'HQ-1', cases })).toMatchObject({ matched: 'hq' });
    expect(await outputOf('switch', { value: 'B-1', cases })).toMatchObject({ matched: null });
  });

  describe('mikrotik_api against an HTTPS stand-in', () => {
    let router: HttpsTestServer;
    let http: HttpClient;
    beforeAll(async () => {
      router = await startHttpsServer((_req, res) => sendJson(res, 200, [{ '.id': '*1', name: 'ether1' }]));
      http = createHttpClient({ allowedCidrs: '127.0.0.1/32' });
    });
    afterAll(async () => {
      await http.close();
      await router.close();
    });

    it('outputs the status and the parsed answer', async () => {
      const output = await outputOf(
        'mikrotik_api',
        {
          host: new URL(router.origin).host,
          method: 'GET',
          path: '/interface',
          username: 'admin',
          password: 'pw',
          tls_fingerprint: router.certificate.fingerprint256,
        },
        { http },
      );
      expect(output).toEqual({ status: 200, body: [{ '.id': '*1', name: 'ether1' }] });
    });
  });

  it('every other component is run, and its output checked, by the test named for it', () => {
    const here = new Set([
      ...builtinNodes()
        .filter((d) => d.kind === 'trigger' || d.kind === 'condition')
        .map((d) => d.componentId),
      'text_transform',
      'json_parser',
      'delay',
      'terminate',
      'trigger_workflow',
      'iterator',
      'mikrotik_api',
    ]);
    for (const definition of builtinNodes()) {
      const id = definition.componentId;
      if (here.has(id) && !(id in CHECKED_IN)) continue;
      const file = CHECKED_IN[id as keyof typeof CHECKED_IN];
      expect(file, `${id} is run nowhere`).toBeDefined();
      const path = new URL(`../../${file}`, import.meta.url);
      expect(existsSync(path), file).toBe(true);
      expect(readFileSync(path, 'utf8'), file).toMatch(/runNode(Output)?\(/);
    }
  });
});

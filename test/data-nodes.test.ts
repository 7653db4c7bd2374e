import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/server.js';
import { createWorkflow, edge, executeAndWait, node } from './helpers/workflows.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => t.close());

const REDACTED = '[REDACTED]';
const NEW_COMPONENTS = [
  'data_mapper',
  'date_transform',
  'array_filter',
  'validate',
  'string_utils',
  'set_variables',
  'wireguard_key_generator',
  'ipv4_details',
  'ip_details',
];

/** RFC 7748 section 6.1, Alice's keys in WireGuard base64. */
const ALICE_PRIVATE = 'dwdtCnMYpX08FsFyUbJmRd9ML4frwJkqsXf7pR25LCo=';
const ALICE_PUBLIC = 'hSDwCYkwp1R0i33ctD73Wg2/Og0mOBr066SpjqqbTmo=';

const USERS = [
  { name: 'Ada Lovelace', email: 'ada@example.com', age: '36', role: 'admin', joined: '2024-03-10 10:00' },
  { name: 'Bob', email: 'not-an-email', age: '17', role: 'user', joined: '2024-05-01' },
  { name: 'Eve', email: 'eve@example.com', age: '29', role: 'guest', joined: '2024-06-01' },
];

async function testNode(
  componentId: string,
  data: Record<string, unknown>,
  context: Record<string, unknown> = {},
) {
  return t.call('POST', '/workflows/test-node', { body: { node: node('x', componentId, data), context } });
}

// biome-ignore lint/suspicious/noExplicitAny: tests read log outputs freely
type Log = { node_id: string; output: any; input: any };
const logOf = (run: { logs: Log[] }, id: string) => run.logs.find((log) => log.node_id === id) as Log;

describe('data and network nodes in a saved workflow', () => {
  it('chains every new node, passing typed values between them, and redacts the generated private key', async () => {
    const wf = await createWorkflow(t, {
      nodes: [
        node('n1', 'manual_trigger'),
        node('vars', 'set_variables', {
          variables: { users: '{{ n1.users }}', min_age: '{{ n1.min_age }}', label: 'Team {{ n1.team }}' },
        }),
        node('adults', 'array_filter', {
          items: '{{ vars.users }}',
          rules: {
            operator: 'and',
            conditions: [
              {
                field: 'age',
                type: 'number',
                operator: 'greater_than_or_equal',
                compare_to: '{{ vars.min_age }}',
              },
              { field: 'role', type: 'string', operator: 'not_equals', compare_to: 'guest' },
            ],
          },
        }),
        node('people', 'data_mapper', {
          source: '{{ adults.items }}',
          for_each: true,
          mapping: {
            display: '$.name',
            contact: { email: '$.email' },
            age: { $path: 'age', $type: 'integer' },
            joined: { $path: 'joined', $type: 'date' },
            team: '{{ vars.label }}',
            admin: { $path: 'is_admin', $default: false },
          },
        }),
        node('check', 'validate', {
          data: '{{ people }}',
          rules: {
            display: 'required|string|max:50',
            'contact.email': 'required|email',
            age: 'integer|min:18',
          },
        }),
        node('slug', 'string_utils', { operation: 'slug', input: '{{ people[0].display }}' }),
        node('due', 'date_transform', {
          date: '{{ people[0].joined }}',
          operation: 'add',
          amount: 30,
          unit: 'days',
          timezone: 'Europe/Rome',
          format: 'd/m/Y H:i',
        }),
        node('net', 'ipv4_details', { address: '{{ n1.lan }}', contains: '{{ n1.gateway }}' }),
        node('wg', 'wireguard_key_generator', {}),
        node('wg_again', 'wireguard_key_generator', { mode: 'derive', private_key: '{{ wg.private_key }}' }),
        node('conf', 'text_transform', {
          template:
            '[Interface]\nPrivateKey = {{ wg.private_key }}\nAddress = {{ net.first_host }}/{{ net.prefix }}',
        }),
        node('bad', 'text_transform', { template: 'invalid' }),
      ],
      edges: [
        edge('n1', 'vars'),
        edge('vars', 'adults'),
        edge('adults', 'people'),
        edge('people', 'check'),
        edge('check', 'slug', 'valid'),
        edge('check', 'bad', 'invalid'),
        edge('slug', 'due'),
        edge('due', 'net'),
        edge('net', 'wg'),
        edge('wg', 'wg_again'),
        edge('wg_again', 'conf'),
      ],
    });
    const run = await executeAndWait(t, wf.id, {
      users: USERS,
      min_age: 18,
      team: 'Core',
      lan: '192.168.10.77/24',
      gateway: '192.168.10.1',
    });
    expect(run.status, run.error_message).toBe('completed');
    expect(run.logs.map((log: { node_id: string }) => log.node_id)).not.toContain('bad');

    expect(logOf(run, 'vars').output).toEqual({ users: USERS, min_age: 18, label: 'Team Core' });
    expect(logOf(run, 'adults').output).toMatchObject({ count: 1, total: 3, items: [USERS[0]] });
    expect(logOf(run, 'people').output).toEqual([
      {
        display: 'Ada Lovelace',
        contact: { email: 'ada@example.com' },
        age: 36,
        joined: '2024-03-10T10:00:00.000Z',
        team: 'Team Core',
        admin: false,
      },
    ]);
    expect(logOf(run, 'check').output).toMatchObject({ valid: true, errors: {}, error_count: 0 });
    expect(logOf(run, 'slug').output).toEqual({ result: 'ada-lovelace' });
    expect(logOf(run, 'due').output).toMatchObject({
      iso: '2024-04-09T12:00:00.000+02:00',
      formatted: '09/04/2024 12:00',
    });
    expect(logOf(run, 'net').output).toMatchObject({
      network: '192.168.10.0',
      broadcast: '192.168.10.255',
      first_host: '192.168.10.1',
      contains: { '192.168.10.1': true },
    });

    const wg = logOf(run, 'wg').output;
    expect(wg.private_key).toBe(REDACTED);
    expect(wg.public_key).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    // The real key reached the next node (it derived the same public key), and is redacted there too.
    const again = logOf(run, 'wg_again');
    expect(again.output).toEqual({ private_key: REDACTED, public_key: wg.public_key });
    expect(again.input.private_key).toBe(REDACTED);
    expect(logOf(run, 'conf').output.text).toBe(
      `[Interface]\nPrivateKey = ${REDACTED}\nAddress = 192.168.10.1/24`,
    );
  });

  it('never reveals the private key after the run parked: later nodes read the redacted value', async () => {
    const wf = await createWorkflow(t, {
      nodes: [
        node('n1', 'manual_trigger'),
        node('wg', 'wireguard_key_generator', {}),
        node('wait', 'delay', { duration: 1, unit: 'seconds' }),
        node('use', 'text_transform', { template: 'key: {{ wg.private_key }}' }),
      ],
      edges: [edge('n1', 'wg'), edge('wg', 'wait'), edge('wait', 'use')],
    });
    const run = await executeAndWait(t, wf.id);
    expect(run.status, run.error_message).toBe('completed');
    expect(logOf(run, 'use').output).toEqual({ text: `key: ${REDACTED}` });
  });

  it('routes invalid data down the invalid handle with errors keyed by field', async () => {
    const wf = await createWorkflow(t, {
      nodes: [
        node('n1', 'manual_trigger'),
        node('check', 'validate', {
          data: '{{ n1.users }}',
          rules: { email: 'required|email', age: 'integer|min:18' },
        }),
        node('ok', 'text_transform', { template: 'ok' }),
        node('ko', 'text_transform', { template: '{{ check.error_count }} errors' }),
      ],
      edges: [edge('n1', 'check'), edge('check', 'ok', 'valid'), edge('check', 'ko', 'invalid')],
    });
    const run = await executeAndWait(t, wf.id, { users: USERS });
    expect(run.status, run.error_message).toBe('completed');
    expect(logOf(run, 'check').output.errors).toEqual({
      '1.email': ['The email field must be a valid email address.'],
      '1.age': ['The age field must be at least 18.'],
    });
    expect(logOf(run, 'ko').output).toEqual({ text: '2 errors' });
    expect(run.logs.map((log: { node_id: string }) => log.node_id)).not.toContain('ok');
  });

  it('refuses bad configurations when the workflow is saved', async () => {
    const save = (data: Record<string, unknown>, componentId: string) =>
      t.call('POST', '/workflows', {
        body: {
          name: 'bad',
          nodes: [node('n1', 'manual_trigger'), node('n2', componentId, data)],
          edges: [edge('n1', 'n2')],
        },
      });
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['validate', { data: '{{ n1 }}', rules: { email: 'required|emial' } }, /unknown rule "emial"/],
      ['validate', { data: '{{ n1 }}', rules: { code: 'regex:/(/' } }, /"regex" Invalid regular expression/],
      [
        'array_filter',
        {
          items: '{{ n1.x }}',
          rules: {
            operator: 'and',
            conditions: [{ field: 'a', type: 'number', operator: 'between', compare_to: 1 }],
          },
        },
        /needs `compare_to_end`/,
      ],
      ['date_transform', { date: '{{ n1.d }}', operation: 'add', unit: 'days' }, /needs `amount`/],
      ['string_utils', { operation: 'shout', input: 'x' }, /operation/],
      ['set_variables', { variables: { 'bad-name': 1 } }, /variables/],
      ['data_mapper', { mapping: { a: { $path: 'x', $type: 'decimal' } } }, /Expected one of string/],
      ['wireguard_key_generator', { mode: 'derive' }, /needs `private_key`/],
    ];
    for (const [componentId, data, message] of cases) {
      const res = await save(data, componentId);
      expect([componentId, res.status]).toEqual([componentId, 422]);
      expect(res.body.code).toBe('workflow_invalid');
      expect(res.body.message).toMatch(message);
    }
  });
});

describe('data and network nodes through POST /workflows/test-node', () => {
  it('runs each node against a sample context', async () => {
    const mapped = await testNode(
      'data_mapper',
      {
        source: '{{ n1.body }}',
        mapping: { id: { $path: 'id', $type: 'integer' }, name: '{{ n1.body.name | upcase }}' },
      },
      { n1: { body: { id: '7', name: 'ada' } } },
    );
    expect(mapped.body).toEqual({ status: 'success', output: { id: 7, name: 'ADA' }, handle: null });

    const date = await testNode('date_transform', { date: '2024-01-31', operation: 'end_of', unit: 'month' });
    expect(date.body.output).toMatchObject({
      iso: '2024-01-31T23:59:59.999Z',
      formatted: '2024-01-31 23:59:59',
    });

    const filtered = await testNode(
      'array_filter',
      {
        items: '{{ n1.users }}',
        mode: 'exclude',
        rules: {
          operator: 'or',
          conditions: [{ field: 'role', type: 'string', operator: 'equals', compare_to: 'guest' }],
        },
      },
      { n1: { users: USERS } },
    );
    expect(filtered.body.output).toMatchObject({ count: 2, total: 3 });

    const checked = await testNode(
      'validate',
      { data: '{{ n1 }}', rules: { email: 'required|email' } },
      { n1: { email: 'x' } },
    );
    expect(checked.body).toMatchObject({
      handle: 'invalid',
      output: { errors: { email: ['The email field must be a valid email address.'] } },
    });

    const hashed = await testNode(
      'string_utils',
      { operation: 'hash', input: '{{ n1.text }}' },
      { n1: { text: 'abc' } },
    );
    expect(hashed.body.output).toEqual({
      result: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    });

    const uuid = await testNode('string_utils', { operation: 'uuid', version: 7 });
    expect(uuid.body.output.result).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);

    const vars = await testNode(
      'set_variables',
      { variables: [{ name: 'ids', value: '{{ n1.ids }}' }] },
      { n1: { ids: [1, 2] } },
    );
    expect(vars.body.output).toEqual({ ids: [1, 2] });

    const v4 = await testNode('ipv4_details', { address: '10.1.2.3', mask: '255.255.255.252' });
    expect(v4.body.output).toMatchObject({
      network: '10.1.2.0',
      broadcast: '10.1.2.3',
      host_count: 2,
      type: 'private',
    });

    const v6 = await testNode('ip_details', { address: 'fe80::1/64' });
    expect(v6.body.output).toMatchObject({
      version: 6,
      range: 'link_local',
      type: 'reserved',
      broadcast: null,
    });
  });

  it('derives a WireGuard public key and redacts the private key in the response', async () => {
    const res = await testNode('wireguard_key_generator', { mode: 'derive', private_key: ALICE_PRIVATE });
    expect(res.status).toBe(200);
    expect(res.body.output).toEqual({ private_key: REDACTED, public_key: ALICE_PUBLIC });
    expect(res.text).not.toContain(ALICE_PRIVATE);
    const open = await testNode('wireguard_key_generator', {
      private_key: ALICE_PRIVATE,
      mode: 'derive',
      redact_private_key: false,
    });
    expect(open.body.output).toEqual({ private_key: ALICE_PRIVATE, public_key: ALICE_PUBLIC });
  });

  it('answers 422 when a node fails', async () => {
    const res = await testNode('ipv4_details', { address: 'fe80::1' });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      code: 'node_test_failed',
      message: 'ipv4_details takes an IPv4 address; use ip_details for IPv6.',
    });
  });
});

describe('GET /components', () => {
  it('lists every new component with its config and output schemas', async () => {
    const res = await t.call('GET', '/components');
    const byId = new Map(res.body.map((c: { componentId: string }) => [c.componentId, c]));
    for (const id of NEW_COMPONENTS) {
      const component = byId.get(id) as { kind: string; config_schema: object; output_schema: object | null };
      expect([id, component?.kind]).toEqual([id, 'action']);
      expect(Object.keys(component.config_schema).length).toBeGreaterThan(0);
      expect([id, component.output_schema]).not.toEqual([id, null]);
    }
    expect(byId.get('validate')).toMatchObject({ handles: ['valid', 'invalid'] });
    // string_utils takes one of several shapes, chosen by `operation`.
    expect(
      (byId.get('string_utils') as { config_schema: { oneOf: unknown[] } }).config_schema.oneOf,
    ).toHaveLength(14);
  });
});

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type CryptoKey, exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../src/api/auth/sign.js';
import { outputTail, startChildServer } from './helpers/child-server.js';
import { startTestServer, TEST_SECRET, type TestServer } from './helpers/server.js';

const run = promisify(execFile);
const now = () => Math.floor(Date.now() / 1000);

function hs256(claims: Record<string, unknown>, secret = TEST_SECRET) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode(secret));
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

async function expect401(t: TestServer, authorization: string | null, code: string) {
  const res = await t.call('GET', '/workflows', {
    token: null,
    ...(authorization === null ? {} : { headers: { authorization } }),
  });
  expect(res.status, `${authorization}: ${res.text}`).toBe(401);
  expect(res.body).toMatchObject({ type: 'authentication_error', code });
  expect(res.body.doc_url).toMatch(new RegExp(`/errors#${code}$`));
  return res.body;
}

describe('HS256 bearer tokens', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => t.close());

  it('accepts a valid token and scopes the call to its org_id', async () => {
    const token = await hs256({ sub: 'usr_ada', org_id: 'org_hs', exp: now() + 60 });
    const created = await t.call('POST', '/workflows', {
      token,
      body: { name: 'mine', nodes: [{ id: 'n1', data: { componentId: 'manual_trigger' } }], edges: [] },
    });
    expect(created.status, created.text).toBe(201);
    const mine = await t.call('GET', '/workflows', { token });
    expect(mine.body.map((w: { id: string }) => w.id)).toEqual([created.body.id]);
    expect((await t.call('GET', `/workflows/${created.body.id}`, { org: 'org_other' })).status).toBe(404);
  });

  it('accepts the lowercase scheme and a token without sub', async () => {
    const token = await hs256({ org_id: 'org_hs', exp: now() + 60 });
    const res = await t.call('GET', '/workflows', {
      token: null,
      headers: { authorization: `bearer ${token}` },
    });
    expect(res.status).toBe(200);
  });

  it('refuses a missing Authorization header', async () => {
    const body = await expect401(t, null, 'authentication_required');
    expect(body.message).toMatch(/Bearer/);
  });

  it('refuses other schemes and empty bearer values', async () => {
    const token = await t.token();
    await expect401(t, `Basic ${Buffer.from('a:b').toString('base64')}`, 'token_invalid');
    await expect401(t, `Token ${token}`, 'token_invalid');
    await expect401(t, 'Bearer', 'token_invalid');
    await expect401(t, 'Bearer ', 'token_invalid');
    await expect401(t, `Bearer ${token} extra`, 'token_invalid');
    await expect401(t, token, 'token_invalid');
  });

  it('refuses malformed tokens', async () => {
    for (const bad of ['not-a-jwt', 'a.b.c', 'a.b', '...', `${base64url({ alg: 'HS256' })}.e30.`, 'ÃÃ.x.y']) {
      await expect401(t, `Bearer ${bad}`, 'token_invalid');
    }
  });

  it('refuses an unsigned (alg none) token', async () => {
    const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ sub: 'u', org_id: 'org_a', exp: now() + 60 })}.`;
    await expect401(t, `Bearer ${unsigned}`, 'token_invalid');
  });

  it('refuses a token signed with another secret', async () => {
    const forged = await hs256(
      { sub: 'u', org_id: 'org_a', exp: now() + 60 },
      'some-other-secret-0123456789abcdef',
    );
    await expect401(t, `Bearer ${forged}`, 'token_invalid');
  });

  it('refuses an expired token with token_expired', async () => {
    const expired = await hs256({ sub: 'u', org_id: 'org_a', exp: now() - 60 });
    const body = await expect401(t, `Bearer ${expired}`, 'token_expired');
    expect(body.message).toMatch(/expired/);
  });

  it('refuses a token without exp (a token that never expires), with a message saying so', async () => {
    const forever = await hs256({ sub: 'u', org_id: 'org_a' });
    const body = await expect401(t, `Bearer ${forever}`, 'token_invalid');
    expect(body.message).toMatch(/no exp claim/);
  });

  it('refuses a token that is not valid yet', async () => {
    const early = await hs256({ sub: 'u', org_id: 'org_a', nbf: now() + 3600, exp: now() + 7200 });
    await expect401(t, `Bearer ${early}`, 'token_invalid');
  });

  it('refuses a token without a usable org_id', async () => {
    for (const claims of [
      { sub: 'u' },
      { sub: 'u', org_id: '' },
      { sub: 'u', org_id: 42 },
      { org_id: ['org_a'] },
    ]) {
      const token = await hs256({ ...claims, exp: now() + 60 });
      const body = await expect401(t, `Bearer ${token}`, 'token_invalid');
      expect(body.message).toMatch(/org_id/);
    }
  });

  it('guards every authenticated endpoint but leaves webhooks, health and docs public', async () => {
    const guarded: Array<[string, string]> = [
      ['GET', '/workflows'],
      ['POST', '/workflows'],
      ['POST', '/workflows/validate'],
      ['GET', '/workflows/triggerable-workflows'],
      ['GET', '/workflows/fl_01jabcdefghjkmnpqrstvwxyz0'],
      ['PUT', '/workflows/fl_01jabcdefghjkmnpqrstvwxyz0'],
      ['DELETE', '/workflows/fl_01jabcdefghjkmnpqrstvwxyz0'],
      ['POST', '/workflows/fl_01jabcdefghjkmnpqrstvwxyz0/execute'],
      ['GET', '/workflows/fl_01jabcdefghjkmnpqrstvwxyz0/executions'],
      ['GET', '/workflows/runs/fl_run_01jabcdefghjkmnpqrstvwxyz0'],
      ['POST', '/workflows/runs/fl_run_01jabcdefghjkmnpqrstvwxyz0/rerun'],
      ['POST', '/workflows/runs/fl_run_01jabcdefghjkmnpqrstvwxyz0/resume-from/n1'],
      ['GET', '/workflows/fl_01jabcdefghjkmnpqrstvwxyz0/logs'],
      ['GET', '/workflows/logs/recent'],
      ['GET', '/workflows/fl_01jabcdefghjkmnpqrstvwxyz0/logs/stats'],
    ];
    for (const [method, path] of guarded) {
      const res = await t.call(method, path, { token: null, ...(method === 'GET' ? {} : { body: {} }) });
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(res.body.code).toBe('authentication_required');
    }
    expect((await t.call('GET', '/healthz', { token: null })).status).toBe(200);
    expect((await t.call('GET', '/openapi.json', { token: null })).status).toBe(200);
    const webhook = await t.call('POST', '/workflows/webhooks/whsec_unknown', { token: null, body: {} });
    expect(webhook.status).toBe(404);
  });
});

interface Jwks {
  url: string;
  server: Server;
}

async function serveJwks(keys: JWK[]): Promise<Jwks> {
  const server = createServer((req, res) => {
    if (req.url !== '/.well-known/jwks.json') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/.well-known/jwks.json`, server };
}

describe('RS256 and ES256 tokens from a JWKS', () => {
  let t: TestServer;
  let jwks: Jwks;
  const keys = {} as Record<'rs' | 'es' | 'rsOther' | 'esOther', CryptoKey>;

  async function publicJwk(alg: 'RS256' | 'ES256', kid: string, name: 'rs' | 'es') {
    const pair = await generateKeyPair(alg, { extractable: true });
    keys[name] = pair.privateKey;
    return { ...(await exportJWK(pair.publicKey)), kid, alg, use: 'sig' };
  }

  function sign(alg: 'RS256' | 'ES256', kid: string, key: CryptoKey, claims: Record<string, unknown> = {}) {
    return new SignJWT({ org_id: 'org_jwks', sub: 'usr_idp', iat: now(), exp: now() + 300, ...claims })
      .setProtectedHeader({ alg, kid, typ: 'JWT' })
      .sign(key);
  }

  beforeAll(async () => {
    const published = [await publicJwk('RS256', 'rsa-1', 'rs'), await publicJwk('ES256', 'ec-1', 'es')];
    keys.rsOther = (await generateKeyPair('RS256')).privateKey;
    keys.esOther = (await generateKeyPair('ES256')).privateKey;
    jwks = await serveJwks(published);
    // Only the JWKS: no HS256 secret is configured or generated.
    t = await startTestServer({}, { STRATOFLOW_JWKS_URL: jwks.url, STRATOFLOW_JWT_SECRET: '' });
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => jwks.server.close(resolve));
  });

  it('accepts RS256 and ES256 tokens signed with the published keys', async () => {
    for (const token of [await sign('RS256', 'rsa-1', keys.rs), await sign('ES256', 'ec-1', keys.es)]) {
      const res = await t.call('GET', '/workflows', { token });
      expect(res.status, res.text).toBe(200);
      expect(res.body).toEqual([]);
    }
  });

  it('refuses tokens signed by keys the JWKS does not publish', async () => {
    await expect401(t, `Bearer ${await sign('RS256', 'rsa-1', keys.rsOther)}`, 'token_invalid');
    await expect401(t, `Bearer ${await sign('ES256', 'ec-1', keys.esOther)}`, 'token_invalid');
    await expect401(t, `Bearer ${await sign('RS256', 'unknown-kid', keys.rsOther)}`, 'token_invalid');
  });

  it('refuses expired JWKS tokens with token_expired', async () => {
    const expired = await sign('ES256', 'ec-1', keys.es, { exp: now() - 60 });
    await expect401(t, `Bearer ${expired}`, 'token_expired');
  });

  it('refuses HS256 tokens when only a JWKS is configured', async () => {
    await expect401(t, `Bearer ${await t.token()}`, 'token_invalid');
  });

  it('answers 401, not 500, when the JWKS cannot be fetched', async () => {
    const unreachable = await startTestServer(
      {},
      { STRATOFLOW_JWKS_URL: `${jwks.url.replace('jwks.json', 'missing.json')}`, STRATOFLOW_JWT_SECRET: '' },
    );
    try {
      await expect401(unreachable, `Bearer ${await sign('RS256', 'rsa-1', keys.rs)}`, 'token_invalid');
    } finally {
      await unreachable.close();
    }
  });
});

describe('generated secret and `stratoflow token`', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'stratoflow-auth-'));
    dirs.push(dir);
    return dir;
  };

  it('serve generates a private secret; `stratoflow token` signs tokens that server accepts', async () => {
    const dataDir = tempDir();
    const server = await startChildServer(dataDir, { STRATOFLOW_JWT_SECRET: '' });
    try {
      const secretFile = join(dataDir, 'jwt-secret');
      expect(statSync(secretFile).mode & 0o777).toBe(0o600);
      const secret = readFileSync(secretFile, 'utf8').trim();
      expect(secret.length).toBeGreaterThanOrEqual(32);

      // The development token printed on first start works.
      const printed = /Development token[^\n]*\n\s*(\S+)/.exec(server.output())?.[1];
      expect(printed, server.output()).toBeDefined();
      const dev = await fetch(`${server.url}/workflows`, { headers: { authorization: `Bearer ${printed}` } });
      expect(dev.status).toBe(200);

      const env = { ...process.env, STRATOFLOW_JWT_SECRET: '', STRATOFLOW_DATA_DIR: '' };
      const cli = ['--import', 'tsx', 'src/cli/main.ts', 'token', '--org', 'org_cli', '--user', 'usr_cli'];
      const { stdout } = await run(process.execPath, [...cli, '--data-dir', dataDir], { env });
      const token = stdout.trim();
      expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      const created = await fetch(`${server.url}/workflows`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'cli',
          nodes: [{ id: 'n1', data: { componentId: 'manual_trigger' } }],
          edges: [],
        }),
      });
      expect(created.status).toBe(201);
      const payload = JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString());
      expect(payload).toMatchObject({ sub: 'usr_cli', org_id: 'org_cli' });
      expect(payload.exp - payload.iat).toBe(30 * 24 * 3600);

      // A data folder without a secret gets no token (and no secret): `token` never creates one.
      const empty = tempDir();
      await expect(run(process.execPath, [...cli, '--data-dir', empty], { env })).rejects.toThrow(
        `No signing secret: STRATOFLOW_JWT_SECRET is not set and ${join(empty, 'jwt-secret')} does not exist.`,
      );
      expect(existsSync(join(empty, 'jwt-secret'))).toBe(false);
      // A token signed with another secret is refused.
      const foreign = await signToken('another-secret-0123456789-0123456789-abcdef', {
        orgId: 'o',
        userId: 'u',
        expiresIn: '1m',
      });
      const refused = await fetch(`${server.url}/workflows`, {
        headers: { authorization: `Bearer ${foreign}` },
      });
      expect(refused.status).toBe(401);
    } finally {
      server.child.kill('SIGTERM');
      expect(await server.exited, outputTail(server)).toBe(0);
    }
    // A restart reuses the generated secret, so earlier tokens stay valid.
    const again = await startChildServer(dataDir, { STRATOFLOW_JWT_SECRET: '' });
    try {
      const secret = readFileSync(join(dataDir, 'jwt-secret'), 'utf8').trim();
      const token = await signToken(secret, { orgId: 'o', userId: 'u', expiresIn: '1m' });
      const res = await fetch(`${again.url}/workflows`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
    } finally {
      again.child.kill('SIGTERM');
      await again.exited;
    }
  }, 120_000); // two server starts and two CLI runs through tsx: slow on a loaded 2-core machine

  it('serve replaces an empty secret file instead of refusing every token', async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'jwt-secret'), '', { mode: 0o644 });
    const server = await startChildServer(dataDir, { STRATOFLOW_JWT_SECRET: '' });
    try {
      const secret = readFileSync(join(dataDir, 'jwt-secret'), 'utf8').trim();
      expect(secret.length).toBeGreaterThanOrEqual(32);
      expect(statSync(join(dataDir, 'jwt-secret')).mode & 0o777).toBe(0o600);
      const token = await signToken(secret, { orgId: 'o', userId: 'u', expiresIn: '1m' });
      const res = await fetch(`${server.url}/workflows`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });

  it('`stratoflow token` honours --expires-in and rejects a missing --org', async () => {
    const env = { ...process.env, STRATOFLOW_JWT_SECRET: 'configured-secret-for-cli-0123456789' };
    const base = ['--import', 'tsx', 'src/cli/main.ts', 'token'];
    const { stdout } = await run(
      process.execPath,
      [...base, '--org', 'o', '--user', 'u', '--expires-in', '2h'],
      {
        env,
      },
    );
    const payload = JSON.parse(Buffer.from(stdout.trim().split('.')[1] as string, 'base64url').toString());
    expect(payload.exp - payload.iat).toBe(7200);
    // A missing option is a usage error: exit 2 (README "From the terminal").
    await expect(run(process.execPath, [...base, '--user', 'u'], { env })).rejects.toMatchObject({ code: 2 });
    await expect(
      run(process.execPath, [...base, '--org', 'o', '--user', 'u', '--expires-in', 'forever'], { env }),
    ).rejects.toMatchObject({ code: 1 });
  });

  it('`stratoflow token` refuses to mint a secret for a JWKS-only server', async () => {
    const dataDir = tempDir();
    const env = {
      ...process.env,
      STRATOFLOW_JWT_SECRET: '',
      STRATOFLOW_JWKS_URL: 'http://127.0.0.1:9/jwks.json',
    };
    const cli = [
      '--import',
      'tsx',
      'src/cli/main.ts',
      'token',
      '--org',
      'o',
      '--user',
      'u',
      '--data-dir',
      dataDir,
    ];
    const refused = await run(process.execPath, cli, { env }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(refused).toMatchObject({ code: 1 });
    expect((refused as { stderr: string }).stderr).toMatch(/STRATOFLOW_JWKS_URL/);
    // Otherwise the next start would quietly accept HS256 tokens signed with the new file.
    expect(existsSync(join(dataDir, 'jwt-secret'))).toBe(false);
  });
});

describe('STRATOFLOW_JWT_AUDIENCE and STRATOFLOW_JWT_ISSUER', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ jwtAudience: 'stratoflow-api', jwtIssuer: 'https://idp.example.test/' });
  });
  afterAll(async () => t.close());

  it('accept only tokens for this audience from this issuer', async () => {
    const base = { sub: 'u', org_id: 'org_a', exp: now() + 60 };
    const good = await hs256({ ...base, aud: 'stratoflow-api', iss: 'https://idp.example.test/' });
    expect((await t.call('GET', '/workflows', { token: good })).status).toBe(200);
    const wrongAud = await hs256({ ...base, aud: 'other', iss: 'https://idp.example.test/' });
    expect((await expect401(t, `Bearer ${wrongAud}`, 'token_invalid')).message).toMatch(/aud/);
    const noIss = await hs256({ ...base, aud: 'stratoflow-api' });
    expect((await expect401(t, `Bearer ${noIss}`, 'token_invalid')).message).toMatch(/iss/);
  });
});

import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jwtVerify } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCli } from './helpers/cli.js';

/** `stratoflow token` signs with the server's secret and never creates one (issue #13 item 6). */
beforeAll(() => ensureBuilt(), 120_000);

const noSecret = { STRATOFLOW_JWT_SECRET: '', STRATOFLOW_JWKS_URL: '' };

describe('stratoflow token', () => {
  it('fails without a secret, naming the folder it looked in and the fix, and creates nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stratoflow-token-'));
    const res = await runCli(['token', '--org', 'org_a', '--user', 'usr_a', '--data-dir', dir], {
      env: noSecret,
    });
    expect(res.code).not.toBe(0);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain(
      `No signing secret: STRATOFLOW_JWT_SECRET is not set and ${join(dir, 'jwt-secret')} does not exist. Start the server once (\`stratoflow serve\` generates it there), pass the server's data folder with --data-dir (or STRATOFLOW_DATA_DIR), or set STRATOFLOW_JWT_SECRET to the server's secret.`,
    );
    expect(existsSync(join(dir, 'jwt-secret'))).toBe(false);
  });

  it('signs with the secret the server generated, and says so on stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stratoflow-token-'));
    const secret = 'generated-secret-for-the-token-test-0123456789';
    writeFileSync(join(dir, 'jwt-secret'), `${secret}\n`, { mode: 0o600 });
    const res = await runCli(['token', '--org', 'org_a', '--user', 'usr_a', '--data-dir', dir], {
      env: noSecret,
    });
    expect(res.code, res.stderr).toBe(0);
    expect(res.stderr).toBe(`Signed with the secret in ${join(dir, 'jwt-secret')}.\n`);
    const { payload } = await jwtVerify(res.stdout.trim(), new TextEncoder().encode(secret));
    expect(payload).toMatchObject({ sub: 'usr_a', org_id: 'org_a' });
  });

  it('prefers STRATOFLOW_JWT_SECRET and names it (never its value)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stratoflow-token-'));
    const secret = 'env-secret-for-the-token-test-0123456789abcdef';
    const res = await runCli(['token', '--org', 'org_b', '--user', 'usr_b', '--data-dir', dir], {
      env: { ...noSecret, STRATOFLOW_JWT_SECRET: secret },
    });
    expect(res.code, res.stderr).toBe(0);
    expect(res.stderr).toBe('Signed with STRATOFLOW_JWT_SECRET.\n');
    expect(`${res.stdout}${res.stderr}`).not.toContain(secret);
    await jwtVerify(res.stdout.trim(), new TextEncoder().encode(secret));
    expect(existsSync(join(dir, 'jwt-secret'))).toBe(false);
  });

  it('shows --org and --user as required in --help', async () => {
    const res = await runCli(['token', '--help']);
    expect(res.stdout).toMatch(/--org <org>\s+organization id \(org_id claim\) \(required\)/);
    expect(res.stdout).toMatch(/--user <user>\s+user id \(sub claim\) \(required\)/);
  });
});

import { type AddressInfo, createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, nodeFailure, runNode } from '../../test-context.js';
import { parseCidrList } from '../http/cidr.js';
import { createOutboundGuard } from '../outbound/guard.js';
import { sshConfig, sshOutput } from './config.js';
import { ssh } from './node.js';
import { type Sshd, sshdAvailable, startSshd } from './test-sshd.js';

const loopbackAllowed = () => createTestContext({ net: createOutboundGuard(parseCidrList('127.0.0.1/32')) });

describe.skipIf(!sshdAvailable && !process.env.CI)('ssh node against a real OpenSSH server', () => {
  let sshd: Sshd;
  beforeAll(async () => {
    sshd = await startSshd();
  }, 30_000);
  afterAll(() => sshd?.close());

  const base = () => ({
    host: '127.0.0.1',
    port: sshd.port,
    username: 'root',
    private_key: sshd.privateKey,
    host_key_fingerprint: sshd.fingerprint,
  });

  it('runs commands in order with a key and reports each one', async () => {
    const outcome = await runNode(
      ssh,
      {
        ...base(),
        commands: ['echo hello; echo "$0" >/dev/null', 'echo oops >&2; exit 3', 'printf done'],
        stop_on_error: false,
      },
      loopbackAllowed(),
    );
    const output = sshOutput.parse((outcome as { output: unknown }).output);
    expect(output.success).toBe(false);
    expect(output.results.map(({ stdout, stderr, exit_code }) => ({ stdout, stderr, exit_code }))).toEqual([
      { stdout: 'hello\n', stderr: '', exit_code: 0 },
      { stdout: '', stderr: 'oops\n', exit_code: 3 },
      { stdout: 'done', stderr: '', exit_code: 0 },
    ]);
    expect(output.results[0]?.command).toBe('echo hello; echo "$0" >/dev/null');
    for (const result of output.results) expect(result.duration_ms).toBeGreaterThanOrEqual(0);
  });

  it('logs in with a password', async () => {
    const { private_key: _, ...rest } = base();
    const outcome = await runNode(
      ssh,
      { ...rest, username: sshd.user, password: sshd.password, commands: 'id -un' },
      loopbackAllowed(),
    );
    expect((outcome as { output: { results: { stdout: string }[] } }).output.results[0]?.stdout).toBe(
      `${sshd.user}\n`,
    );
  });

  it('stops at a failing command with stop_on_error and keeps what ran in the error details', async () => {
    const err = await nodeFailure(
      runNode(ssh, { ...base(), commands: ['echo one', 'false', 'echo never'] }, loopbackAllowed()),
    );
    expect(err.code).toBe('remote_command_failed');
    expect(err.message).toBe(
      `SSH 127.0.0.1:${sshd.port}: Command 2 (false) exited with 1; stop_on_error skipped 1 more.`,
    );
    const results = (err.details?.results ?? []) as { command: string; exit_code: number }[];
    expect(results.map((r) => [r.command, r.exit_code])).toEqual([
      ['echo one', 0],
      ['false', 1],
    ]);
  });

  it('refuses a server whose host key is not the pinned one', async () => {
    const err = await nodeFailure(
      runNode(
        ssh,
        { ...base(), host_key_fingerprint: sshd.otherFingerprint, commands: ['touch /tmp/should-not-run'] },
        loopbackAllowed(),
      ),
    );
    expect(err.code).toBe('host_key_mismatch');
    expect(err.message).toBe(
      `SSH server 127.0.0.1:${sshd.port}: host key ${sshd.fingerprint} does not match host_key_fingerprint.`,
    );
  });

  it('logs in with a passphrase-protected private key', async () => {
    const outcome = await runNode(
      ssh,
      { ...base(), private_key: sshd.protectedKey, passphrase: sshd.passphrase, commands: 'echo unlocked' },
      loopbackAllowed(),
    );
    expect(sshOutput.parse((outcome as { output: unknown }).output).results[0]).toMatchObject({
      stdout: 'unlocked\n',
      exit_code: 0,
    });
  });

  it('says a protected key needs its passphrase, and that a wrong one could not decrypt it', async () => {
    const missing = await nodeFailure(
      runNode(ssh, { ...base(), private_key: sshd.protectedKey, commands: 'true' }, loopbackAllowed()),
    );
    expect(missing.code).toBe('node_config_invalid');
    expect(missing.message).toBe(
      'SSH private key is encrypted: set passphrase (from the vault) to unlock it.',
    );
    const wrong = await nodeFailure(
      runNode(
        ssh,
        { ...base(), private_key: sshd.protectedKey, passphrase: 'not-the-passphrase', commands: 'true' },
        loopbackAllowed(),
      ),
    );
    expect(wrong.code).toBe('node_config_invalid');
    expect(wrong.message).toBe('SSH private key could not be decrypted: the passphrase is wrong.');
    expect(wrong.message).not.toContain('not-the-passphrase');
  });

  it('reports a wrong password as an authentication failure naming the host', async () => {
    const { private_key: _, ...rest } = base();
    const err = await nodeFailure(
      runNode(
        ssh,
        { ...rest, username: sshd.user, password: 'not-the-password', commands: 'true' },
        loopbackAllowed(),
      ),
    );
    expect(err.code).toBe('remote_auth_failed');
    expect(err.message).toBe(
      `SSH server 127.0.0.1:${sshd.port}: authentication failed for user '${sshd.user}'.`,
    );
  });

  it('reports a connection lost during a command as a connection failure', async () => {
    // The command kills the sshd process serving its own connection.
    const err = await nodeFailure(
      runNode(ssh, { ...base(), commands: ['kill -9 $PPID; sleep 5'] }, loopbackAllowed()),
    );
    expect(err.code).toBe('connection_failed');
    expect(err.message).toMatch(new RegExp(`^SSH server 127\\.0\\.0\\.1:${sshd.port}: `));
  });

  it('caps each output stream and flags it truncated', async () => {
    const outcome = await runNode(
      ssh,
      { ...base(), commands: ["head -c 100000 /dev/zero | tr '\\0' a"], max_output_bytes: 1000 },
      loopbackAllowed(),
    );
    const [big] = sshOutput.parse((outcome as { output: unknown }).output).results;
    expect(big).toMatchObject({ exit_code: 0, truncated: true, timed_out: false, stdout: 'a'.repeat(1000) });
  });

  it('ends a command at its timeout without waiting for it', async () => {
    const outcome = await runNode(
      ssh,
      { ...base(), commands: ['sleep 30', 'echo after'], command_timeout_seconds: 1, stop_on_error: false },
      loopbackAllowed(),
    );
    const [slow, after] = sshOutput.parse((outcome as { output: unknown }).output).results;
    expect(slow).toMatchObject({ exit_code: null, timed_out: true });
    expect(slow?.duration_ms).toBeLessThan(10_000);
    expect(after).toMatchObject({ stdout: 'after\n', exit_code: 0 });
  });
});

describe('ssh node: destination and config', () => {
  it('times out connecting to a server that never answers, naming it', async () => {
    const silent = createServer(() => {}); // accepts, never sends an SSH banner
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const err = await nodeFailure(
        runNode(
          ssh,
          {
            host: '127.0.0.1',
            port,
            username: 'root',
            password: 'x',
            host_key_fingerprint: `SHA256:${'A'.repeat(43)}`,
            commands: 'true',
            connect_timeout_seconds: 0.5,
          },
          loopbackAllowed(),
        ),
      );
      expect(err.code).toBe('connection_failed');
      expect(err.message).toBe(`SSH server 127.0.0.1:${port}: connection timed out after 500 ms`);
    } finally {
      silent.close();
    }
  });

  it('refuses loopback by default, without saying what a name resolves to', async () => {
    const ctx = createTestContext({ net: createOutboundGuard(parseCidrList('')) });
    const config = {
      host: 'localhost',
      username: 'root',
      password: 'x',
      host_key_fingerprint: `SHA256:${'A'.repeat(43)}`,
      commands: 'true',
    };
    const err = await nodeFailure(runNode(ssh, config, ctx));
    expect(err.code).toBe('http_destination_blocked');
    expect(err.message).toBe(
      'Destination localhost is not allowed: it is or resolves to a private or internal address; allow it with STRATOFLOW_HTTP_ALLOWED_CIDRS',
    );
    const literal = await nodeFailure(runNode(ssh, { ...config, host: '127.0.0.1' }, ctx));
    expect(literal.code).toBe('http_destination_blocked');
  });

  it('requires a pinned host key and credentials from the vault', () => {
    const parsed = sshConfig.safeParse({ host: 'h', username: 'u', password: 'p', commands: 'true' });
    expect(parsed.success).toBe(false);
    const config = sshConfig.parse({
      host: 'h',
      username: 'u',
      password: 'hunter22',
      private_key: '{{ vault.deploy_key }}',
      passphrase: 'vlt_abcdef123',
      host_key_fingerprint: `SHA256:${'A'.repeat(43)}`,
      commands: 'true',
    });
    expect(ssh.check?.(config, createTestContext().limits)).toEqual([
      'password must come from the vault: write {{ vault.<name> }} or a vlt_... id instead of the value itself.',
    ]);
  });
});

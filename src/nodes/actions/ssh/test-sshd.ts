/**
 * Test support (imported only by tests): a real OpenSSH server (`sshd -D -e -f <config>`) on 127.0.0.1 and
 * a free port, with a temporary host key, a client key in a temporary authorized_keys, and a temporary
 * user with a password. sshd needs root here (privilege separation, logging in as another user), which CI
 * has; elsewhere the suites that use it skip, and in CI they fail when sshd is missing.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SSHD = '/usr/sbin/sshd';

/** Whether this machine can run the real-sshd tests (suites run them in CI regardless, and fail there). */
export const sshdAvailable = existsSync(SSHD) && process.getuid?.() === 0;

export interface Sshd {
  port: number;
  /** The host key's fingerprint as `ssh-keygen -l` prints it. */
  fingerprint: string;
  /** Another key's fingerprint (a pin that must be refused). */
  otherFingerprint: string;
  /** root may log in with this key (no passphrase). */
  privateKey: string;
  /** root may also log in with this key, encrypted with `passphrase` (OpenSSH format, bcrypt KDF). */
  protectedKey: string;
  passphrase: string;
  /** A user that logs in with `password`. */
  user: string;
  password: string;
  close(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function keygen(path: string, passphrase = ''): string {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', passphrase, '-C', 'stratoflow-test', '-f', path]);
  const line = execFileSync('ssh-keygen', ['-l', '-f', `${path}.pub`], { encoding: 'utf8' });
  return line.split(' ')[1] as string;
}

function createUser(name: string, home: string, password: string): void {
  for (let attempt = 0; ; attempt++) {
    try {
      execFileSync('useradd', ['-M', '-d', home, '-s', '/bin/sh', name], { stdio: 'pipe' });
      break;
    } catch (err) {
      if (attempt >= 10) throw err; // /etc/passwd is locked by a parallel useradd: try again
      execFileSync('sleep', ['0.2']);
    }
  }
  execFileSync('chpasswd', { input: `${name}:${password}\n`, stdio: ['pipe', 'pipe', 'pipe'] });
}

function removeUser(name: string): void {
  for (let attempt = 0; attempt < 10; attempt++) {
    try {
      execFileSync('userdel', [name], { stdio: 'pipe' });
      return;
    } catch {
      execFileSync('sleep', ['0.2']);
    }
  }
}

function waitForListening(child: ChildProcess, log: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sshd did not start: ${log.join('')}`)), 10_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      log.push(chunk.toString());
      if (log.join('').includes('Server listening')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sshd exited with ${code}: ${log.join('')}`));
    });
  });
}

/** `password`: the password user's (default: random; no ':' or line breaks). */
export async function startSshd(options: { password?: string } = {}): Promise<Sshd> {
  const dir = mkdtempSync(join(tmpdir(), 'stratoflow-sshd-'));
  const fingerprint = keygen(join(dir, 'host_key'));
  const otherFingerprint = keygen(join(dir, 'other_key'));
  keygen(join(dir, 'client_key'));
  const passphrase = `pp-${randomBytes(9).toString('hex')}`;
  keygen(join(dir, 'protected_key'), passphrase);
  writeFileSync(
    join(dir, 'authorized_keys'),
    Buffer.concat([readFileSync(join(dir, 'client_key.pub')), readFileSync(join(dir, 'protected_key.pub'))]),
  );
  const user = `sf${randomBytes(4).toString('hex')}`;
  const password = options.password ?? `pw-${randomBytes(12).toString('hex')}`;
  createUser(user, '/', password);
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 }); // privilege separation directory
  const port = await freePort();
  const config = join(dir, 'sshd_config');
  writeFileSync(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${join(dir, 'host_key')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'PermitRootLogin yes',
      'PasswordAuthentication yes',
      'KbdInteractiveAuthentication no',
      'StrictModes no',
      'UsePAM no',
      'PidFile none',
      'LogLevel VERBOSE',
      '',
    ].join('\n'),
  );
  const child = spawn(SSHD, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  const log: string[] = [];
  try {
    await waitForListening(child, log);
  } catch (err) {
    child.kill();
    removeUser(user);
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    port,
    fingerprint,
    otherFingerprint,
    privateKey: readFileSync(join(dir, 'client_key'), 'utf8'),
    protectedKey: readFileSync(join(dir, 'protected_key'), 'utf8'),
    passphrase,
    user,
    password,
    async close() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      removeUser(user);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

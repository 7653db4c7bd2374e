import { createHash } from 'node:crypto';
import type { Client, ClientChannel, ConnectConfig } from 'ssh2';
import { StratoflowError } from '../../../domain/errors.js';
import { ConnectionError } from '../outbound/connection-error.js';
import type { CommandResult } from './config.js';

/** `SHA256:<unpadded base64>` of a raw public key blob, as `ssh-keygen -l` prints it. */
export function sshFingerprint(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

/** How long to wait after a channel closed for the exit status the server sent before closing it. */
const EXIT_STATUS_GRACE_MS = 2000;

export interface SessionOptions {
  /** The address the guard checked; the connection goes there. */
  address: string;
  port: number;
  /** For messages: the host as the workflow names it, with the port. */
  where: string;
  username: string;
  password?: string | undefined;
  privateKey?: string | undefined;
  passphrase?: string | undefined;
  fingerprints: readonly string[];
  connectTimeoutMs: number;
  signal: AbortSignal;
}

export interface SshSession {
  run(command: string, timeoutMs: number, maxBytes: number): Promise<CommandResult>;
  close(): void;
}

function sameFingerprint(a: string, b: string): boolean {
  return a.replace(/=+$/, '') === b.replace(/=+$/, '');
}

/** Why the connection failed, as a coded error naming the server: host key, auth, timeout, refused... */
function connectFailure(options: SessionOptions, err: Error & { level?: string }, presented: string | null) {
  if (presented !== null) {
    return new StratoflowError(
      'host_key_mismatch',
      `SSH server ${options.where}: host key ${presented} does not match host_key_fingerprint.`,
    );
  }
  if (err.level === 'client-authentication') {
    return new StratoflowError(
      'remote_auth_failed',
      `SSH server ${options.where}: authentication failed for user '${options.username}'.`,
    );
  }
  if (err.level === 'client-timeout') {
    return new ConnectionError(
      `SSH server ${options.where}`,
      `connection timed out after ${options.connectTimeoutMs} ms`,
    );
  }
  if (/no passphrase given/i.test(err.message)) {
    return new StratoflowError(
      'node_config_invalid',
      'SSH private key is encrypted: set passphrase (from the vault) to unlock it.',
    );
  }
  if (/bad passphrase|integrity check failed|bad decrypt/i.test(err.message)) {
    return new StratoflowError(
      'node_config_invalid',
      'SSH private key could not be decrypted: the passphrase is wrong.',
    );
  }
  if (/passphrase|private key|parse/i.test(err.message)) {
    return new StratoflowError('node_config_invalid', `SSH private key could not be used: ${err.message}`);
  }
  return ConnectionError.from(`SSH server ${options.where}`, err);
}

/** Opens an SSH connection that only proceeds when the server's host key matches a pinned fingerprint. */
export async function openSession(options: SessionOptions): Promise<SshSession> {
  // Loaded on first use: the library is not needed to start the server or the CLI.
  const { Client: SshClient } = await import('ssh2');
  const client = new SshClient();
  let mismatch: string | null = null;
  const config: ConnectConfig = {
    host: options.address,
    port: options.port,
    username: options.username,
    readyTimeout: options.connectTimeoutMs,
    hostVerifier: (key: Buffer) => {
      const presented = sshFingerprint(key);
      const ok = options.fingerprints.some((pinned) => sameFingerprint(pinned, presented));
      if (!ok) mismatch = presented;
      return ok;
    },
    ...(options.password ? { password: options.password } : {}),
    ...(options.privateKey ? { privateKey: options.privateKey } : {}),
    ...(options.passphrase ? { passphrase: options.passphrase } : {}),
  };
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      client.end();
      reject(options.signal.reason);
    };
    if (options.signal.aborted) return onAbort();
    options.signal.addEventListener('abort', onAbort, { once: true });
    // Stays attached until ready: ssh2 may report a second error (the socket closing after a failed
    // handshake), which must not become an uncaught 'error' event; the promise is settled by the first.
    const onError = (err: Error & { level?: string }) => {
      options.signal.removeEventListener('abort', onAbort);
      client.end();
      reject(connectFailure(options, err, mismatch));
    };
    client.on('error', onError);
    client.once('ready', () => {
      options.signal.removeEventListener('abort', onAbort);
      const ready = session(client, options);
      client.removeListener('error', onError);
      resolve(ready);
    });
    try {
      client.connect(config);
    } catch (err) {
      // ssh2 parses the private key synchronously; a bad key or passphrase throws here.
      options.signal.removeEventListener('abort', onAbort);
      reject(connectFailure(options, err as Error, null));
    }
  });
}

/** Collects a stream up to `maxBytes`; the rest is counted as cut off. */
function capped(maxBytes: number) {
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  return {
    push(chunk: Buffer) {
      const room = maxBytes - size;
      if (chunk.length > room) truncated = true;
      if (room <= 0) return;
      const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
      chunks.push(kept);
      size += kept.length;
    },
    get truncated() {
      return truncated;
    },
    text: () => Buffer.concat(chunks, size).toString('utf8'),
  };
}

function session(client: Client, options: SessionOptions): SshSession {
  let closed = false;
  // After `ready`, a connection error ends the session; it is reported by the command that needed it.
  let lastError: Error | null = null;
  client.on('error', (err) => {
    lastError = err;
  });
  client.on('close', () => {
    closed = true;
    onClientClose?.();
  });
  /** Set while a command runs: the connection dropping ends the wait for its exit status. */
  let onClientClose: (() => void) | null = null;
  const lost = () =>
    lastError === null
      ? new ConnectionError(`SSH server ${options.where}`, 'connection closed')
      : ConnectionError.from(`SSH server ${options.where}`, lastError);

  /**
   * Starts a command. Its exit status is recorded from the callback on: the server's exit-status packet
   * can arrive in the same read as the exec reply, before an awaiting caller could attach a listener.
   */
  function exec(command: string): Promise<{ channel: ClientChannel; exit: { code?: number | null } }> {
    return new Promise((resolve, reject) => {
      client.exec(command, (err, channel) => {
        if (err) return reject(err);
        const exit: { code?: number | null } = {};
        channel.on('exit', (code: unknown) => {
          exit.code = typeof code === 'number' ? code : null;
        });
        resolve({ channel, exit });
      });
    });
  }

  return {
    async run(command, timeoutMs, maxBytes) {
      if (closed) throw lost();
      const started = performance.now();
      let channel: ClientChannel;
      let exit: { code?: number | null };
      try {
        ({ channel, exit } = await exec(command));
      } catch (err) {
        throw ConnectionError.from(`SSH server ${options.where}`, err);
      }
      const stdout = capped(maxBytes);
      const stderr = capped(maxBytes);
      channel.on('data', (chunk: Buffer) => stdout.push(chunk));
      channel.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
      let timedOut = false;
      const exitCode = await new Promise<number | null>((resolve) => {
        let channelClosed = false;
        let settled = false;
        // The server closes the channel only when the command ends, so a timeout or abort does not wait.
        const done = (result: number | null) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          clearTimeout(grace);
          options.signal.removeEventListener('abort', giveUp);
          onClientClose = null;
          resolve(result);
        };
        const giveUp = () => {
          channel.signal('KILL');
          channel.close();
          done(null);
        };
        const timer = setTimeout(() => {
          timedOut = true;
          giveUp();
        }, timeoutMs);
        let grace: NodeJS.Timeout | undefined;
        options.signal.addEventListener('abort', giveUp, { once: true });
        channel.on('exit', () => {
          if (channelClosed) done(exit.code ?? null);
        });
        // ssh2 may report the close before the exit status that preceded it: wait a moment for it.
        channel.on('close', () => {
          channelClosed = true;
          if (exit.code !== undefined) done(exit.code);
          else grace = setTimeout(() => done(exit.code ?? null), EXIT_STATUS_GRACE_MS);
        });
        onClientClose = () => done(null);
      });
      if (options.signal.aborted) throw options.signal.reason;
      if (closed && !timedOut) throw lost();
      return {
        command,
        stdout: stdout.text(),
        stderr: stderr.text(),
        exit_code: exitCode,
        duration_ms: Math.round(performance.now() - started),
        timed_out: timedOut,
        truncated: stdout.truncated || stderr.truncated,
      };
    },
    close() {
      client.end();
    },
  };
}

import { StratoflowError } from '../../../domain/errors.js';
import { defineNode } from '../../contract.js';
import { boundedMs, credential, credentialsFromVault } from '../outbound/credentials.js';
import { type CommandResult, SSH_CREDENTIAL_FIELDS, sshConfig, sshOutput } from './config.js';
import { openSession } from './session.js';

function failedCommand(result: CommandResult, index: number, timeoutMs: number): string {
  const which = `Command ${index + 1} (${result.command})`;
  if (result.timed_out) return `${which} timed out after ${timeoutMs / 1000} seconds`;
  return result.exit_code === null
    ? `${which} was killed by a signal`
    : `${which} exited with ${result.exit_code}`;
}

export const ssh = defineNode({
  componentId: 'ssh',
  kind: 'action',
  title: 'SSH commands',
  description:
    "Runs commands in order over SSH on a host whose key must match the pinned fingerprint, with a password or private key from the vault, and outputs each command's stdout, stderr, exit code and duration.",
  config: sshConfig,
  output: sshOutput,
  outputExample: {
    host: '10.20.0.5:22',
    results: [
      {
        command: 'uptime',
        stdout: ' 06:12:01 up 41 days,  3:02,  0 users,  load average: 0.08, 0.03, 0.01\n',
        stderr: '',
        exit_code: 0,
        duration_ms: 84,
        timed_out: false,
        truncated: false,
      },
    ],
    success: true,
  },
  handles: [],
  check: (config) => credentialsFromVault(config, SSH_CREDENTIAL_FIELDS),
  run: async (ctx, config) => {
    const commandTimeoutMs = boundedMs(ctx, 'command_timeout_seconds', config.command_timeout_seconds);
    const where = `${config.host}:${config.port}`;
    const address = await ctx.net.resolve(config.host);
    const session = await openSession({
      address,
      port: config.port,
      where,
      username: config.username,
      password: credential(ctx, config.password),
      privateKey: credential(ctx, config.private_key),
      passphrase: credential(ctx, config.passphrase),
      fingerprints: [config.host_key_fingerprint].flat(),
      connectTimeoutMs: config.connect_timeout_seconds * 1000,
      signal: ctx.signal,
    });
    const results: CommandResult[] = [];
    try {
      for (const [index, command] of config.commands.entries()) {
        const result = await session.run(command, commandTimeoutMs, config.max_output_bytes);
        results.push(result);
        if (result.exit_code !== 0 && config.stop_on_error) {
          throw new StratoflowError(
            'remote_command_failed',
            `SSH ${where}: ${failedCommand(result, index, commandTimeoutMs)}; stop_on_error skipped ${config.commands.length - index - 1} more.`,
          ).withDetails({ host: config.host, results, success: false });
        }
      }
    } finally {
      session.close();
    }
    const success = results.every((result) => result.exit_code === 0);
    return { output: { host: config.host, results, success } };
  },
});

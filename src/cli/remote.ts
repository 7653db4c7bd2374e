import type { Command } from 'commander';
import { ApiError, createStratoflowClient, type StratoflowClient } from '../client/index.js';
import { CliError, EXIT, usageError } from './exit-codes.js';
import { paint } from './output.js';
import { profilePath, readProfile } from './profile.js';

/** Options every client command accepts (declared once on the program). */
export interface GlobalFlags {
  url?: string;
  token?: string;
  verbose?: boolean;
}

export interface Remote {
  api: StratoflowClient;
  url: string;
  verbose: boolean;
}

/** Flags win over STRATOFLOW_URL / STRATOFLOW_TOKEN, which win over the login profile. */
export function resolveRemote(flags: GlobalFlags, env: NodeJS.ProcessEnv = process.env): Remote {
  const profile = readProfile(profilePath(env));
  const url = flags.url ?? env.STRATOFLOW_URL ?? profile.url;
  const token = flags.token ?? env.STRATOFLOW_TOKEN ?? profile.token;
  if (!url) {
    throw usageError(
      'No server given: pass --url, set STRATOFLOW_URL, or run `stratoflow login --url URL --token TOKEN`.',
    );
  }
  if (!/^https?:\/\//.test(url))
    throw usageError(`--url must start with http:// or https:// (got '${url}').`);
  const verbose = flags.verbose === true;
  return {
    api: createStratoflowClient({
      baseUrl: url,
      token: token ?? null,
      ...(verbose ? { fetch: tracingFetch } : {}),
    }),
    url,
    verbose,
  };
}

/** `--verbose`: the HTTP exchange on stderr, with the bearer token redacted. */
async function tracingFetch(request: Request): Promise<Response> {
  const err = (line: string) => process.stderr.write(`${paint('gray', line, process.stderr)}\n`);
  err(`> ${request.method} ${request.url}`);
  for (const [name, value] of request.headers) {
    err(`> ${name}: ${name === 'authorization' ? value.replace(/^(\w+) .*/, '$1 [REDACTED]') : value}`);
  }
  const body = request.body ? await request.clone().text() : '';
  if (body) err(`> ${truncate(body)}`);
  const response = await fetch(request);
  err(`< ${response.status} ${response.statusText}`);
  for (const [name, value] of response.headers) err(`< ${name}: ${value}`);
  const text = await response.clone().text();
  if (text) err(`< ${truncate(text)}`);
  return response;
}

function truncate(text: string, max = 2000): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
}

/** Unreachable server: fetch fails with a TypeError whose cause carries the system error. */
function unreachable(error: unknown): string | null {
  if (!(error instanceof TypeError) || error.message !== 'fetch failed') return null;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? 'fetch failed';
}

/** Turns what a command threw into one line on stderr and an exit code. */
export function reportError(error: unknown, context: { url?: string; verbose?: boolean } = {}): number {
  const line = (code: string, message: string, docUrl?: string) =>
    process.stderr.write(
      `${paint('red', `error ${code}`, process.stderr)}: ${message}${docUrl ? ` (${docUrl})` : ''}\n`,
    );
  if (error instanceof ApiError) {
    line(error.code, error.message, error.docUrl);
    return error.status === 401 || error.status === 403 ? EXIT.unreachable : EXIT.failed;
  }
  if (error instanceof CliError) {
    line(error.code, error.message);
    return error.exitCode;
  }
  const why = unreachable(error);
  if (why) {
    line('server_unreachable', `Cannot reach ${context.url ?? 'the server'} (${why}).`);
    return EXIT.unreachable;
  }
  const message = error instanceof Error ? error.message : String(error);
  line('unexpected', message);
  if (context.verbose && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return EXIT.failed;
}

/**
 * Wraps a client command's action: resolves the server from the global flags, runs the action, and
 * maps failures to one error line and an exit code. The action may return an exit code.
 */
export function remoteAction<A extends unknown[]>(action: (remote: Remote, ...args: A) => Promise<unknown>) {
  return async (...args: A) => {
    const command = args[args.length - 1] as Command;
    const flags = command.optsWithGlobals() as GlobalFlags;
    let remote: Remote | undefined;
    try {
      remote = resolveRemote(flags);
      const code = await action(remote, ...args);
      process.exitCode = typeof code === 'number' ? code : EXIT.ok;
    } catch (error) {
      process.exitCode = reportError(error, { url: remote?.url ?? flags.url, verbose: flags.verbose });
    }
  };
}

/** Adds the flags every client command shares. */
export function withRemoteFlags(command: Command): Command {
  return command
    .option('--url <url>', 'server URL (STRATOFLOW_URL, else the login profile)')
    .option('--token <token>', 'bearer token (STRATOFLOW_TOKEN, else the login profile)')
    .option('--verbose', 'print the HTTP exchange on stderr (the token redacted)');
}

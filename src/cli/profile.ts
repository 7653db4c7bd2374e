import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { usageError } from './exit-codes.js';

/** What `stratoflow login` stores: the server to talk to and the bearer token. */
export interface Profile {
  url: string;
  token: string;
}

/**
 * Where the profile lives: `STRATOFLOW_CONFIG` if set, else `$XDG_CONFIG_HOME/stratoflow/config.json`,
 * else `~/.config/stratoflow/config.json`.
 */
export function profilePath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.STRATOFLOW_CONFIG) return env.STRATOFLOW_CONFIG;
  const base = env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(base, 'stratoflow', 'config.json');
}

export function readProfile(path = profilePath()): Partial<Profile> {
  if (!existsSync(path)) return {};
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<Profile>;
    return {
      ...(typeof parsed.url === 'string' ? { url: parsed.url } : {}),
      ...(typeof parsed.token === 'string' ? { token: parsed.token } : {}),
    };
  } catch {
    throw usageError(`The profile ${path} is not valid JSON: run \`stratoflow login\` again.`);
  }
}

/** Writes the profile readable by its owner only (0600, folder 0700): it holds a bearer token. */
export function writeProfile(profile: Profile, path = profilePath()): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, `${JSON.stringify(profile, null, 2)}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
}

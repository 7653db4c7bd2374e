import type { Command } from 'commander';
import { listItems, unwrap } from '../client/index.js';
import { usageError } from './exit-codes.js';
import { profilePath, writeProfile } from './profile.js';
import { remoteAction } from './remote.js';

/** `login --url URL --token TOKEN`: checks both against the server, then saves them (mode 0600). */
export function registerLogin(program: Command) {
  program
    .command('login')
    .description(`Save a server URL and token for the client commands (${profilePath()})`)
    .requiredOption('--url <url>', 'server URL, e.g. http://127.0.0.1:8080')
    .requiredOption('--token <token>', 'bearer token (see `stratoflow token`)')
    .action(
      remoteAction(async ({ api }, opts: { url: string; token: string }) => {
        if (!opts.token.trim()) throw usageError('--token is empty.');
        const workflows = listItems(await unwrap(api.GET('/workflows')));
        const path = profilePath();
        writeProfile({ url: opts.url, token: opts.token }, path);
        process.stdout.write(`Logged in to ${opts.url} (${workflows.length} workflows). Saved to ${path}\n`);
      }),
    );
}

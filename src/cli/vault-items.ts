import type { Command } from 'commander';
import { type StratoflowClient, unwrap } from '../client/index.js';
import { CliError, usageError } from './exit-codes.js';
import { printJson, printTable, relativeTime } from './output.js';
import { remoteAction, withRemoteFlags } from './remote.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function findItem(api: StratoflowClient, name: string) {
  const items = await unwrap(api.GET('/workflows/vault'));
  return items.find((i) => i.name === name || i.id === name) ?? null;
}

/**
 * `vault list|set NAME [--from-stdin]|delete NAME` on a server. `set` creates the item, or replaces the
 * secret of the item with that name. The secret comes from stdin or STRATOFLOW_SECRET, never a flag
 * (flags end up in shell history and process lists).
 */
export function registerVaultItems(vault: Command) {
  withRemoteFlags(vault.command('list'))
    .description("List the organization's vault items (names and dates; never values)")
    .option('--json', 'print JSON')
    .action(
      remoteAction(async ({ api }, opts: { json?: boolean }) => {
        const items = await unwrap(api.GET('/workflows/vault'));
        if (opts.json) return printJson(items);
        printTable(
          ['ID', 'NAME', 'CREATED', 'EXPIRES'],
          items.map((i) => [i.id, i.name, relativeTime(i.created_at), relativeTime(i.expires_at)]),
        );
      }),
    );

  withRemoteFlags(vault.command('set <name>'))
    .description('Create or replace a vault item; the secret is read from stdin (or STRATOFLOW_SECRET)')
    .option('--from-stdin', 'read the secret from stdin (the default unless STRATOFLOW_SECRET is set)')
    .option('--expires-at <iso>', 'expiry, an ISO-8601 time in the future')
    .option('--json', 'print the item as JSON')
    .action(
      remoteAction(
        async ({ api }, name: string, opts: { fromStdin?: boolean; expiresAt?: string; json?: boolean }) => {
          const generated = name.startsWith('api-key:');
          let secret: string | undefined;
          if (!generated) {
            secret =
              opts.fromStdin || !process.env.STRATOFLOW_SECRET
                ? await readStdin()
                : process.env.STRATOFLOW_SECRET;
            if (!secret)
              throw usageError('No secret given: pipe it on stdin (--from-stdin) or set STRATOFLOW_SECRET.');
          }
          const expires = opts.expiresAt ? { expires_at: opts.expiresAt } : {};
          const existing = await findItem(api, name);
          if (existing) {
            if (generated)
              throw new CliError(
                'vault_name_taken',
                `The API key '${name}' exists; delete it to generate a new one.`,
              );
            const item = await unwrap(
              api.PUT('/workflows/vault/{vaultId}', {
                params: { path: { vaultId: existing.id } },
                body: { name, secret: secret as string, ...expires },
              }),
            );
            if (opts.json) return printJson(item);
            return void process.stdout.write(`updated ${item.id} ${item.name}\n`);
          }
          const created = await unwrap(
            api.POST('/workflows/vault', { body: { name, ...(secret ? { secret } : {}), ...expires } }),
          );
          if (opts.json) return printJson(created);
          process.stdout.write(`created ${created.id} ${created.name}\n`);
          // A generated workflow API key is shown once, here.
          if (generated && 'secret' in created && created.secret)
            process.stdout.write(`API key (shown once): ${created.secret}\n`);
        },
      ),
    );

  withRemoteFlags(vault.command('delete <name>'))
    .description('Delete a vault item by name (or id)')
    .action(
      remoteAction(async ({ api }, name: string) => {
        const item = await findItem(api, name);
        if (!item) throw new CliError('resource_not_found', `No vault item named '${name}'.`);
        await unwrap(api.DELETE('/workflows/vault/{vaultId}', { params: { path: { vaultId: item.id } } }));
        process.stdout.write(`deleted ${item.id} ${item.name}\n`);
      }),
    );
}

import type { Command } from 'commander';
import { unwrap } from '../client/index.js';
import { jsonObjectArg } from './json-input.js';
import { printJson } from './output.js';
import { remoteAction, withRemoteFlags } from './remote.js';

/** `events send TYPE --data JSON`: report a platform event; every matching active workflow starts. */
export function registerEvents(program: Command) {
  const events = program.command('events').description('Report platform events');
  withRemoteFlags(events.command('send <type>'))
    .description('Report a platform event (e.g. site.offline); prints the runs it started')
    .option('--data <json>', 'event data: a JSON object, or @file.json', '{}')
    .option('--idempotency-key <key>', 'a repeat with the same key returns the first delivery’s runs')
    .option('--json', 'print JSON')
    .action(
      remoteAction(
        async ({ api }, type: string, opts: { data: string; idempotencyKey?: string; json?: boolean }) => {
          const data = jsonObjectArg(opts.data, '--data');
          const result = await unwrap(
            api.POST('/workflows/events', {
              params: { header: opts.idempotencyKey ? { 'idempotency-key': opts.idempotencyKey } : {} },
              body: { type, data } as never,
            }),
          );
          if (opts.json) return printJson(result);
          process.stdout.write(`${result.run_ids.length} run(s) started\n`);
          for (const id of result.run_ids) process.stdout.write(`${id}\n`);
        },
      ),
    );
}

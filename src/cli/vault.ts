import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { lockDataDir } from '../data-dir-lock.js';
import { openStore, pgPoolSizeFromEnv } from '../store/open-store.js';
import { MASTER_KEY_FILE_NAME } from '../vault/index.js';
import { rotateMasterKey } from '../vault/rotate.js';
import { describeDatabase } from './migrate.js';

interface RotateFlags {
  dataDir?: string;
  newKeyEnv?: string;
}

/**
 * `stratoflow vault rotate-key`: re-wraps every vault item's data key (and every authorization token's)
 * under a new master key, in one transaction. Stop every `serve`/`worker` process first; the embedded
 * data folder is locked while it runs. Prints counts and key ids, never a key, except: with
 * STRATOFLOW_MASTER_KEY set and no --new-key-env, the generated key is printed once, before the commit.
 */
export function registerVault(program: Command): Command {
  const vault = program.command('vault').description('Manage the vault');
  vault
    .command('rotate-key')
    .description('Re-wrap every vault data key under a new master key (stop the server first)')
    .option('--data-dir <dir>', 'data folder (STRATOFLOW_DATA_DIR)')
    .option(
      '--new-key-env <VAR>',
      'take the new key (base64 of 32 bytes) from this environment variable instead of generating one',
    )
    .action(async (flags: RotateFlags) => {
      const config = loadConfig(process.env, flags.dataDir ? { dataDir: flags.dataDir } : {});
      let newKey: string | undefined;
      if (flags.newKeyEnv) {
        newKey = process.env[flags.newKeyEnv];
        if (!newKey)
          throw new Error(`--new-key-env: the environment variable ${flags.newKeyEnv} is not set.`);
      }
      const storeConfig = {
        databaseUrl: config.databaseUrl,
        dataDir: config.dataDir,
        pgPoolSize: pgPoolSizeFromEnv(process.env),
      };
      if (!config.masterKey && !existsSync(join(config.dataDir, MASTER_KEY_FILE_NAME))) {
        throw new Error(
          `No master key at ${join(config.dataDir, MASTER_KEY_FILE_NAME)} and STRATOFLOW_MASTER_KEY is not set: there is no vault to rotate.`,
        );
      }
      const unlock = config.databaseUrl === null ? lockDataDir(config.dataDir) : () => undefined;
      try {
        console.log(`Database: ${describeDatabase(storeConfig)}`);
        const store = await openStore(storeConfig);
        try {
          const result = await rotateMasterKey({
            store,
            dataDir: config.dataDir,
            currentKeyEnv: config.masterKey,
            newKey,
            onGeneratedKey: (key) => {
              console.log('New master key (shown once; store it now, e.g. in your secret manager):');
              console.log(`  STRATOFLOW_MASTER_KEY=${key}`);
            },
          });
          console.log(
            `Re-wrapped ${result.vaultItems} vault item(s) and ${result.authorizations} authorization(s) ` +
              `from master key ${result.oldKeyId} to ${result.newKeyId}.`,
          );
          console.log(
            result.keyFile
              ? `The new key replaced ${result.keyFile}.`
              : 'Set STRATOFLOW_MASTER_KEY to the new key on every process before starting them again.',
          );
        } finally {
          await store.close();
        }
      } finally {
        unlock();
      }
    });
  return vault;
}

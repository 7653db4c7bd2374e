import type { Command } from 'commander';
import { signToken } from '../api/auth/sign.js';
import { loadConfig } from '../config.js';
import { resolveJwtSecret } from '../jwt-secret.js';

export function registerToken(program: Command) {
  program
    .command('token')
    .description('Print a bearer token signed for this server (HS256 with its secret)')
    .requiredOption('--org <org>', 'organization id (org_id claim)')
    .requiredOption('--user <user>', 'user id (sub claim)')
    .option('--expires-in <span>', 'lifetime, e.g. 30d, 12h', '30d')
    .option('--data-dir <dir>', 'data folder of the server (STRATOFLOW_DATA_DIR)')
    .action(async (opts: { org: string; user: string; expiresIn: string; dataDir?: string }) => {
      const config = loadConfig(process.env, opts.dataDir ? { dataDir: opts.dataDir } : {});
      // The same secret `serve` uses: never create one a JWKS-only server would not read yet.
      const secret = resolveJwtSecret(config.jwtSecret, config.dataDir, !config.jwksUrl);
      if (!secret) {
        throw new Error(
          'This server verifies tokens from STRATOFLOW_JWKS_URL: issue them at your identity provider, or set STRATOFLOW_JWT_SECRET.',
        );
      }
      const claims = { orgId: opts.org, userId: opts.user, expiresIn: opts.expiresIn };
      console.log(
        await signToken(secret, { ...claims, audience: config.jwtAudience, issuer: config.jwtIssuer }),
      );
    });
}

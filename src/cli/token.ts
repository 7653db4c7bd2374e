import { join } from 'node:path';
import type { Command } from 'commander';
import { signToken } from '../api/auth/sign.js';
import { loadConfig } from '../config.js';
import { JWT_SECRET_FILE, resolveJwtSecret } from '../jwt-secret.js';

export function registerToken(program: Command) {
  program
    .command('token')
    .description(
      'Print a bearer token signed for this server (HS256 with STRATOFLOW_JWT_SECRET, else the secret `serve` generated in the data folder). Never creates a secret; says on stderr which one it used.',
    )
    .requiredOption('--org <org>', 'organization id (org_id claim) (required)')
    .requiredOption('--user <user>', 'user id (sub claim) (required)')
    .option('--expires-in <span>', 'lifetime, e.g. 30d, 12h', '30d')
    .option('--data-dir <dir>', 'data folder of the server (STRATOFLOW_DATA_DIR)')
    .action(async (opts: { org: string; user: string; expiresIn: string; dataDir?: string }) => {
      const config = loadConfig(process.env, opts.dataDir ? { dataDir: opts.dataDir } : {});
      // Read only: a secret created here would sign tokens no running server accepts.
      const secret = resolveJwtSecret(config.jwtSecret, config.dataDir, false);
      const file = join(config.dataDir, JWT_SECRET_FILE);
      if (!secret) {
        throw new Error(
          config.jwksUrl
            ? 'This server verifies tokens from STRATOFLOW_JWKS_URL: issue them at your identity provider, or set STRATOFLOW_JWT_SECRET.'
            : `No signing secret: STRATOFLOW_JWT_SECRET is not set and ${file} does not exist. Start the server once (\`stratoflow serve\` generates it there), pass the server's data folder with --data-dir (or STRATOFLOW_DATA_DIR), or set STRATOFLOW_JWT_SECRET to the server's secret.`,
        );
      }
      const claims = { orgId: opts.org, userId: opts.user, expiresIn: opts.expiresIn };
      const token = await signToken(secret, {
        ...claims,
        audience: config.jwtAudience,
        issuer: config.jwtIssuer,
      });
      // stderr, so that TOKEN=$(stratoflow token ...) captures the token alone.
      const source = config.jwtSecret ? 'STRATOFLOW_JWT_SECRET' : `the secret in ${file}`;
      process.stderr.write(`Signed with ${source}.\n`);
      console.log(token);
    });
}

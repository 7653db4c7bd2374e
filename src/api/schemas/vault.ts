import { z } from 'zod';
import { idPattern } from '../../domain/ids.js';
import { VAULT_NAME_MAX, VAULT_NAME_MIN, VAULT_SECRET_MAX } from '../../vault/index.js';
import { timestamp, withoutNul } from './common.js';

export const vaultIdParams = z.object({ vaultId: z.string().regex(idPattern('vault')) });

/** 2000 → "2,000" without `toLocaleString`, whose first call maps ~8 MB of ICU data into a process that may never need it. */
function groupThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}

const LENGTH = `must be ${VAULT_NAME_MIN} to ${VAULT_NAME_MAX} characters long`;

/** Spec #20/#22: name 3–50 characters, secret up to 2,000, expires_at a future date-time or null. */
export const vaultItemBody = z.object({
  name: withoutNul(z.string().trim().min(VAULT_NAME_MIN, LENGTH).max(VAULT_NAME_MAX, LENGTH)).describe(
    "3–50 characters. A name starting with 'api-key:' generates a workflow API key (wfk_...) instead of storing a secret.",
  ),
  secret: z
    .string()
    .max(VAULT_SECRET_MAX, `must be at most ${groupThousands(VAULT_SECRET_MAX)} characters long`)
    .nullable()
    .optional()
    .describe('The value (up to 2,000 characters). Required, except for api-key: names. Never returned.'),
  expires_at: z
    .string()
    .max(100)
    .nullable()
    .optional()
    .describe('ISO-8601 date-time in the future, or null for no expiry'),
});

export const vaultItemSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    created_at: timestamp,
    expires_at: timestamp.nullable(),
  })
  .describe('Vault item (its value is never returned)')
  .meta({ id: 'VaultItem' });

export const createdVaultItemSchema = vaultItemSchema.extend({
  secret: z
    .string()
    .optional()
    .describe('For api-key: names only: the generated wfk_ key. Shown in this response only; store it now.'),
});

export const authIdParams = z.object({ authId: z.string().regex(idPattern('authorization')) });

export const authorizationSchema = z
  .object({
    id: z.string(),
    user_id: z.string().nullable(),
    provider: z.string().nullable(),
    status: z.enum(['pending', 'active']),
    created_at: timestamp,
  })
  .describe('Authorization (delegated access of one user)')
  .meta({ id: 'Authorization' });

export const authorizationUrlSchema = z.object({
  url: z
    .string()
    .describe('One-time page where the signed-in user confirms the authorization (valid 1 hour)'),
});

export const linkTokenParams = z.object({ token: z.string().min(1).max(100) });

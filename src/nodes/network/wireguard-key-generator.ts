import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { StratoflowError } from '../../domain/errors.js';
import { booleanFlag } from '../conditions/coercions.js';
import { defineNode } from '../contract.js';

/** A WireGuard key is the standard base64 of 32 bytes (44 characters, one `=`). */
const WIREGUARD_KEY = /^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/;

/** DER of a PKCS#8 PrivateKeyInfo for X25519 (RFC 8410) up to the 32 key bytes. */
const PKCS8_X25519_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');

const raw = (base64url: string | undefined) => Buffer.from(base64url ?? '', 'base64url');

/** The X25519 public key of a raw 32-byte private key (clamping happens inside X25519, as in `wg pubkey`). */
export function publicKeyOf(privateKey: Buffer): Buffer {
  const key = createPrivateKey({
    key: Buffer.concat([PKCS8_X25519_PREFIX, privateKey]),
    format: 'der',
    type: 'pkcs8',
  });
  return raw(createPublicKey(key).export({ format: 'jwk' }).x);
}

/** A new private key, clamped as `wg genkey` does (RFC 7748 section 5), and its public key. */
export function generateKeyPair(): { privateKey: Buffer; publicKey: Buffer } {
  const { privateKey } = generateKeyPairSync('x25519');
  const d = raw(privateKey.export({ format: 'jwk' }).d);
  d[0] = (d[0] as number) & 248;
  d[31] = ((d[31] as number) & 127) | 64;
  return { privateKey: d, publicKey: publicKeyOf(d) };
}

export const wireguardKeyGenerator = defineNode({
  componentId: 'wireguard_key_generator',
  kind: 'action',
  network: false,
  title: 'WireGuard key generator',
  description:
    "Generates a WireGuard (X25519) key pair, or derives the public key of a given private key, in WireGuard's base64 form. The private key (and a generated preshared key) is redacted from the run's logs and API responses unless `redact_private_key` is false; later nodes of the same execution still read it.",
  config: z
    .object({
      mode: z.enum(['generate', 'derive']).default('generate'),
      /** For `derive`: the private key, e.g. `{{ vault.wg_private_key }}`. */
      private_key: z.string().trim().optional(),
      /** Also generate a preshared key (`wg genpsk`). */
      preshared_key: booleanFlag.default(false),
      redact_private_key: booleanFlag.default(true),
    })
    .superRefine((c, ctx) => {
      if (c.mode === 'derive' && !c.private_key) {
        ctx.addIssue({
          code: 'custom',
          path: ['private_key'],
          message: 'The mode "derive" needs `private_key`.',
        });
      }
    }),
  output: z.object({ private_key: z.string(), public_key: z.string(), preshared_key: z.string().optional() }),
  outputExample: {
    private_key: '[REDACTED]',
    public_key: 'xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=',
  },
  handles: [],
  run: (ctx, config) => {
    let privateKey: Buffer;
    let publicKey: Buffer;
    if (config.mode === 'derive') {
      // Never quote the value: it is a secret even when it is malformed.
      if (!WIREGUARD_KEY.test(config.private_key ?? '')) {
        throw new StratoflowError(
          'node_failed',
          'private_key is not a WireGuard key (base64 of 32 bytes, 44 characters).',
        );
      }
      privateKey = Buffer.from(config.private_key as string, 'base64');
      publicKey = publicKeyOf(privateKey);
    } else {
      ({ privateKey, publicKey } = generateKeyPair());
    }
    const output: { private_key: string; public_key: string; preshared_key?: string } = {
      private_key: privateKey.toString('base64'),
      public_key: publicKey.toString('base64'),
    };
    if (config.preshared_key) output.preshared_key = randomBytes(32).toString('base64');
    if (config.redact_private_key) {
      ctx.redactor.register(output.private_key);
      if (output.preshared_key) ctx.redactor.register(output.preshared_key);
    }
    return { output };
  },
});

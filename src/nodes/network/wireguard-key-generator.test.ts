import { createPrivateKey, createPublicKey, diffieHellman } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTestContext, runNode, runNodeOutput } from '../test-context.js';
import { wireguardKeyGenerator } from './wireguard-key-generator.js';

/** RFC 7748 section 6.1 (X25519 Diffie-Hellman), hex as published, and the same keys in WireGuard base64. */
const ALICE = {
  privateHex: '77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a',
  publicHex: '8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a',
  private: 'dwdtCnMYpX08FsFyUbJmRd9ML4frwJkqsXf7pR25LCo=',
  public: 'hSDwCYkwp1R0i33ctD73Wg2/Og0mOBr066SpjqqbTmo=',
};
const BOB = {
  privateHex: '5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb',
  publicHex: 'de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f',
  private: 'XasIfmJKikt54X+Lg4AO5m87sSkmGLb9HC+LJ/+I4Os=',
  public: '3p7bfXt9wbTTW2HC7OQ1Nz+DQ8hbeGdNrfx+FG+IK08=',
};
const SHARED_HEX = '4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742';

const output = async (raw: Record<string, unknown>, ctx = createTestContext()) => {
  return (await runNodeOutput(wireguardKeyGenerator, raw, ctx)).output as Record<string, string>;
};

/** X25519 keys from raw bytes (PKCS#8 and SPKI DER prefixes from RFC 8410). */
const DER_PRIVATE = Buffer.from('302e020100300506032b656e04220420', 'hex');
const DER_PUBLIC = Buffer.from('302a300506032b656e032100', 'hex');
const privateKey = (raw: Buffer) =>
  createPrivateKey({ key: Buffer.concat([DER_PRIVATE, raw]), format: 'der', type: 'pkcs8' });
const publicKey = (base64: string) =>
  createPublicKey({
    key: Buffer.concat([DER_PUBLIC, Buffer.from(base64, 'base64')]),
    format: 'der',
    type: 'spki',
  });

describe('wireguard_key_generator', () => {
  it('the base64 test vectors are the RFC 7748 keys', () => {
    for (const party of [ALICE, BOB]) {
      expect(Buffer.from(party.private, 'base64').toString('hex')).toBe(party.privateHex);
      expect(Buffer.from(party.public, 'base64').toString('hex')).toBe(party.publicHex);
    }
  });

  it.each([
    ['Alice', ALICE],
    ['Bob', BOB],
  ])("derives %s's published public key from the private key", async (_name, party) => {
    const out = await output({ mode: 'derive', private_key: party.private });
    expect(out.public_key).toBe(party.public);
    expect(out.private_key).toBe(party.private);
  });

  it('generates a clamped key pair whose keys agree with each other and complete a DH exchange', async () => {
    const out = await output({});
    expect(out.private_key).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    const d = Buffer.from(out.private_key as string, 'base64');
    expect((d[0] as number) & 7).toBe(0);
    expect((d[31] as number) & 0xc0).toBe(0x40);
    expect((await output({ mode: 'derive', private_key: out.private_key })).public_key).toBe(out.public_key);
    // Our private key with Bob's public key gives the same secret as Bob's private key with our public key.
    const bob = privateKey(Buffer.from(BOB.privateHex, 'hex'));
    expect(diffieHellman({ privateKey: privateKey(d), publicKey: publicKey(BOB.public) })).toEqual(
      diffieHellman({ privateKey: bob, publicKey: publicKey(out.public_key as string) }),
    );
    expect((await output({})).private_key).not.toBe(out.private_key);
  });

  it("Alice's and Bob's keys give the published shared secret", () => {
    const alice = privateKey(Buffer.from(ALICE.privateHex, 'hex'));
    expect(diffieHellman({ privateKey: alice, publicKey: publicKey(BOB.public) }).toString('hex')).toBe(
      SHARED_HEX,
    );
  });

  it("registers the private and preshared keys with the run's redactor unless told not to", async () => {
    const ctx = createTestContext();
    const out = await output({ preshared_key: true }, ctx);
    expect(out.preshared_key).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(ctx.registered).toEqual([out.private_key, out.preshared_key]);
    const derived = createTestContext();
    await output({ mode: 'derive', private_key: ALICE.private }, derived);
    expect(derived.registered).toEqual([ALICE.private]);
    const open = createTestContext();
    await output({ redact_private_key: 'false' }, open);
    expect(open.registered).toEqual([]);
  });

  it('refuses a malformed private key without quoting it', async () => {
    for (const bad of ['not-a-key', `${ALICE.private.slice(0, -2)}B=`, ALICE.privateHex]) {
      const failure = runNode(wireguardKeyGenerator, { mode: 'derive', private_key: bad });
      await expect(failure).rejects.toThrow('private_key is not a WireGuard key');
      await expect(failure).rejects.not.toThrow(bad);
    }
    expect(wireguardKeyGenerator.config.safeParse({ mode: 'derive' }).error?.issues[0]?.path).toEqual([
      'private_key',
    ]);
  });
});

import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { describe, expect, it } from 'vitest';
import { parseCidrList } from './cidr.js';
import { HttpBlockedError, HttpRequestError } from './errors.js';
import { createGuardedLookup, type ResolveAll } from './guarded-lookup.js';

interface LookupResult {
  err: NodeJS.ErrnoException | null;
  address: string | LookupAddress[];
  family: number | undefined;
}

function callLookup(lookup: LookupFunction, hostname: string, all: boolean): Promise<LookupResult> {
  return new Promise((resolve) => {
    lookup(hostname, { all }, (err, address, family) => resolve({ err, address, family }));
  });
}

/** Stands in for DNS, which cannot be made to answer chosen public and private addresses here. */
function answering(addresses: LookupAddress[]): ResolveAll {
  return (_hostname, options, callback) => {
    expect(options.all).toBe(true);
    queueMicrotask(() => callback(null, addresses));
  };
}

const publicAnswer = [
  { address: '93.184.216.34', family: 4 },
  { address: '2606:2800:220:1::1', family: 6 },
];

describe('createGuardedLookup', () => {
  it('returns every answer when asked for all (Node 20 net.connect)', async () => {
    const lookup = createGuardedLookup([], answering(publicAnswer));
    const result = await callLookup(lookup, 'example.com', true);
    expect(result.err).toBeNull();
    expect(result.address).toEqual(publicAnswer);
  });

  it('returns the first answer and its family when asked for one', async () => {
    const lookup = createGuardedLookup([], answering(publicAnswer));
    const result = await callLookup(lookup, 'example.com', false);
    expect(result).toEqual({ err: null, address: '93.184.216.34', family: 4 });
  });

  it('refuses a name when any answer is private, naming the host but never the internal address', async () => {
    const mixed = [...publicAnswer, { address: '10.0.0.5', family: 4 }];
    const result = await callLookup(createGuardedLookup([], answering(mixed)), 'rebind.example', true);
    expect(result.err).toBeInstanceOf(HttpBlockedError);
    expect(result.err?.message).toBe(
      'Destination rebind.example is not allowed: it resolves to a private or internal address; allow it with STRATOFLOW_HTTP_ALLOWED_CIDRS',
    );
    expect(result.err?.message).not.toContain('10.0.0.5');
  });

  it('refuses IPv4-mapped answers of internal addresses', async () => {
    const mapped = [{ address: '::ffff:169.254.169.254', family: 6 }];
    const result = await callLookup(createGuardedLookup([], answering(mapped)), 'metadata.example', false);
    expect(result.err).toBeInstanceOf(HttpBlockedError);
  });

  it('accepts private answers inside the allow list', async () => {
    const lookup = createGuardedLookup(
      parseCidrList('10.0.0.0/8'),
      answering([{ address: '10.0.0.5', family: 4 }]),
    );
    expect((await callLookup(lookup, 'internal.example', true)).address).toEqual([
      { address: '10.0.0.5', family: 4 },
    ]);
  });

  it('passes resolver errors through and reports an empty answer', async () => {
    const failure = Object.assign(new Error('getaddrinfo ENOTFOUND nope.invalid'), { code: 'ENOTFOUND' });
    const failing: ResolveAll = (_hostname, _options, callback) => callback(failure, []);
    expect((await callLookup(createGuardedLookup([], failing), 'nope.invalid', true)).err).toBe(failure);
    const empty = await callLookup(createGuardedLookup([], answering([])), 'empty.example', true);
    expect(empty.err).toBeInstanceOf(HttpRequestError);
  });

  it('uses the real resolver by default: localhost is refused unless loopback is allowed', async () => {
    const refused = await callLookup(createGuardedLookup([]), 'localhost', true);
    expect(refused.err).toBeInstanceOf(HttpBlockedError);
    const allowed = await callLookup(
      createGuardedLookup(parseCidrList('127.0.0.0/8,::1/128')),
      'localhost',
      true,
    );
    expect(allowed.err).toBeNull();
    expect((allowed.address as LookupAddress[]).length).toBeGreaterThan(0);
  });
});

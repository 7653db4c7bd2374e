import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { parseCidrList } from '../http/cidr.js';
import type { ResolveAll } from '../http/guarded-lookup.js';
import { createOutboundGuard } from './guard.js';

/** Stands in for DNS, which cannot be made to answer chosen public and private addresses here. */
function answering(addresses: LookupAddress[]): ResolveAll {
  return (_hostname, _options, callback) => queueMicrotask(() => callback(null, addresses));
}

describe('createOutboundGuard', () => {
  it('returns the checked address of a public name', async () => {
    const guard = createOutboundGuard([], answering([{ address: '93.184.216.34', family: 4 }]));
    await expect(guard.resolve('mail.example.com')).resolves.toBe('93.184.216.34');
  });

  it('refuses a name with any internal answer, without revealing the answer', async () => {
    const mixed = [
      { address: '93.184.216.34', family: 4 },
      { address: '10.1.2.3', family: 4 },
    ];
    const err = await createOutboundGuard([], answering(mixed))
      .resolve('db.internal.example')
      .then(
        () => new Error('resolved'),
        (e: unknown) => e as Error,
      );
    expect(err).toMatchObject({ code: 'http_destination_blocked' });
    expect(err.message).toContain('db.internal.example');
    expect(err.message).not.toContain('10.1.2.3');
  });

  it('checks IP literals (bracketed IPv6 too) without DNS, and honours the allow-list', async () => {
    const never: ResolveAll = () => {
      throw new Error('no DNS for literals');
    };
    await expect(createOutboundGuard([], never).resolve('127.0.0.1')).rejects.toMatchObject({
      code: 'http_destination_blocked',
    });
    await expect(createOutboundGuard([], never).resolve('[::1]')).rejects.toMatchObject({
      code: 'http_destination_blocked',
    });
    const allowed = createOutboundGuard(parseCidrList('127.0.0.1/32'), never);
    await expect(allowed.resolve('127.0.0.1')).resolves.toBe('127.0.0.1');
  });

  it('reports a failed lookup as a connection failure naming the host', async () => {
    const failing: ResolveAll = (_h, _o, callback) =>
      callback(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }), []);
    await expect(createOutboundGuard([], failing).resolve('nowhere.example')).rejects.toThrow(
      "nowhere.example: could not resolve host 'nowhere.example'",
    );
  });
});

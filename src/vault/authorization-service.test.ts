import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StratoflowError } from '../domain/errors.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import { createAuthorizationService, LINK_TTL_MS } from './authorization-service.js';
import { generateMasterKey } from './master-key.js';

let dir: string;
let store: Store;
let now = Date.UTC(2026, 0, 1);
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'stratoflow-auth-unit-'));
  store = await openStore({ databaseUrl: null, dataDir: dir });
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const service = () =>
  createAuthorizationService({
    store,
    masterKey: generateMasterKey(),
    clock: { now: () => now },
    publicUrl: 'https://flows.example.test',
  });

async function rejection(promise: Promise<unknown>): Promise<StratoflowError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(StratoflowError);
    return error as StratoflowError;
  }
  throw new Error('expected a rejection');
}

const tokenOf = (url: string) => url.slice(url.lastIndexOf('/') + 1);

describe('authorization links', () => {
  it('expire after an hour, saying when', async () => {
    const auth = service();
    const { url } = await auth.create('org_a');
    now += LINK_TTL_MS;
    const error = await rejection(auth.confirm(tokenOf(url), { orgId: 'org_a', userId: 'usr_1' }, 'jwt'));
    expect(error.code).toBe('authorization_link_invalid');
    expect(error.message).toMatch(/^This authorization link expired at 2026-01-01T01:00:00\.000000Z\./);
  });

  it('need a token with a user, and hand the stored token back only once active', async () => {
    const auth = service();
    const { url, authorization } = await auth.create('org_a');
    expect((await rejection(auth.openToken('org_a', authorization.id))).code).toBe(
      'authorization_unavailable',
    );
    const noUser = await rejection(auth.confirm(tokenOf(url), { orgId: 'org_a', userId: null }, 'jwt'));
    expect(noUser.code).toBe('token_invalid');
    await auth.confirm(tokenOf(url), { orgId: 'org_a', userId: 'usr_1' }, 'the-users-jwt');
    expect(await auth.openToken('org_a', authorization.id)).toBe('the-users-jwt');
    expect((await rejection(auth.openToken('org_b', authorization.id))).code).toBe(
      'authorization_unavailable',
    );
  });
});

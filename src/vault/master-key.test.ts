import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspect, promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMasterKey, exportMasterKeyBase64, loadMasterKey, MASTER_KEY_FILE_NAME } from './master-key.js';

const run = promisify(execFile);
const isPosix = process.platform !== 'win32';

let dataDir: string;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'stratoflow-master-key-'));
});

afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

function expectedKeyId(material: Buffer): string {
  return createHash('sha256').update(material).digest('hex').slice(0, 8);
}

function errorMessageOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error('expected the action to throw');
}

describe('loadMasterKey from STRATOFLOW_MASTER_KEY', () => {
  it('accepts base64 of 32 bytes, derives keyId from it and creates no key file', () => {
    const material = randomBytes(32);
    const key = loadMasterKey({ env: material.toString('base64'), dataDir });
    expect(key.keyId).toBe(expectedKeyId(material));
    expect(key.keyId).toMatch(/^[0-9a-f]{8}$/);
    expect(existsSync(join(dataDir, MASTER_KEY_FILE_NAME))).toBe(false);
  });

  it('accepts base64url and surrounding whitespace (a value read from a file)', () => {
    const material = Buffer.from('fb'.repeat(32), 'hex'); // encodes with '+' and '/' in standard base64
    const fromUrl = loadMasterKey({ env: material.toString('base64url'), dataDir });
    const fromPadded = loadMasterKey({ env: `  ${material.toString('base64')}\n`, dataDir });
    expect(fromUrl.keyId).toBe(expectedKeyId(material));
    expect(fromPadded.keyId).toBe(fromUrl.keyId);
  });

  it('rejects a value of the wrong length without echoing it', () => {
    const value = randomBytes(16).toString('base64');
    const message = errorMessageOf(() => loadMasterKey({ env: value, dataDir }));
    expect(message).toContain('STRATOFLOW_MASTER_KEY');
    expect(message).toContain('32 bytes');
    expect(message).not.toContain(value);
    expect(message).not.toContain(value.slice(0, 8));
  });

  it('rejects a value that is not base64 without echoing it', () => {
    const value = 'hunter2-is-my-password!!-and-not-base64-at-all=';
    const message = errorMessageOf(() => loadMasterKey({ env: value, dataDir }));
    expect(message).toContain('not valid base64');
    expect(message).not.toContain('hunter2');
  });

  it('rejects 33 bytes as well as 31', () => {
    expect(() => loadMasterKey({ env: randomBytes(33).toString('base64'), dataDir })).toThrow(/32 bytes/);
    expect(() => loadMasterKey({ env: randomBytes(31).toString('base64'), dataDir })).toThrow(/32 bytes/);
  });

  it('treats an empty value as unset and falls back to the key file', () => {
    const key = loadMasterKey({ env: '', dataDir });
    expect(existsSync(join(dataDir, MASTER_KEY_FILE_NAME))).toBe(true);
    expect(loadMasterKey({ dataDir }).keyId).toBe(key.keyId);
  });
});

describe('loadMasterKey from the key file', () => {
  it('creates the data folder and a 0600 file holding base64 of 32 random bytes', () => {
    const nested = join(dataDir, 'nested', '.stratoflow');
    const key = loadMasterKey({ dataDir: nested });
    const path = join(nested, MASTER_KEY_FILE_NAME);
    if (isPosix) expect(statSync(path).mode & 0o777).toBe(0o600);
    const material = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
    expect(material).toHaveLength(32);
    expect(key.keyId).toBe(expectedKeyId(material));
    expect(readdirSync(nested)).toEqual([MASTER_KEY_FILE_NAME]);
  });

  it('reuses the existing file on the next load', () => {
    const first = loadMasterKey({ dataDir });
    const content = readFileSync(join(dataDir, MASTER_KEY_FILE_NAME), 'utf8');
    const second = loadMasterKey({ dataDir });
    expect(second.keyId).toBe(first.keyId);
    expect(readFileSync(join(dataDir, MASTER_KEY_FILE_NAME), 'utf8')).toBe(content);
  });

  it('two separate data folders get different keys', () => {
    const other = mkdtempSync(join(tmpdir(), 'stratoflow-master-key-'));
    try {
      expect(loadMasterKey({ dataDir: other }).keyId).not.toBe(loadMasterKey({ dataDir }).keyId);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it.skipIf(!isPosix).each([0o644, 0o640, 0o604, 0o660])('refuses a key file with mode %o', (mode) => {
    loadMasterKey({ dataDir });
    const path = join(dataDir, MASTER_KEY_FILE_NAME);
    chmodSync(path, mode);
    const message = errorMessageOf(() => loadMasterKey({ dataDir }));
    expect(message).toContain(`chmod 600 ${path}`);
    expect(message).not.toContain(readFileSync(path, 'utf8').trim());
  });

  it('accepts a key file the user made stricter (0400)', () => {
    const first = loadMasterKey({ dataDir });
    chmodSync(join(dataDir, MASTER_KEY_FILE_NAME), 0o400);
    expect(loadMasterKey({ dataDir }).keyId).toBe(first.keyId);
  });

  it('rejects a corrupt key file without echoing its content', () => {
    const path = join(dataDir, MASTER_KEY_FILE_NAME);
    writeFileSync(path, 'c2hvcnQtYnV0LXNlY3JldA==\n', { mode: 0o600 });
    const message = errorMessageOf(() => loadMasterKey({ dataDir }));
    expect(message).toContain(path);
    expect(message).toContain('32 bytes');
    expect(message).not.toContain('c2hvcnQtYnV0LXNlY3JldA');
  });

  it('prefers STRATOFLOW_MASTER_KEY over an existing key file', () => {
    const fileKey = loadMasterKey({ dataDir });
    const material = randomBytes(32);
    const envKey = loadMasterKey({ env: material.toString('base64'), dataDir });
    expect(envKey.keyId).toBe(expectedKeyId(material));
    expect(envKey.keyId).not.toBe(fileKey.keyId);
  });

  it('concurrent first loads from several processes end with one key', async () => {
    const moduleUrl = new URL('./master-key.ts', import.meta.url).href;
    const folders = Array.from({ length: 150 }, (_, index) => join(dataDir, `d${index}`));
    const script = [
      `import { loadMasterKey } from ${JSON.stringify(moduleUrl)};`,
      `const folders = ${JSON.stringify(folders)};`,
      'const startAt = Number(process.argv[1]);',
      'await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));',
      'process.stdout.write(JSON.stringify(folders.map((dataDir) => loadMasterKey({ dataDir }).keyId)));',
    ].join('\n');
    const startAt = String(Date.now() + 4_000);
    const children = Array.from({ length: 4 }, () =>
      run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, startAt], {
        cwd: fileURLToPath(new URL('../..', import.meta.url)),
      }),
    );
    const results = (await Promise.all(children)).map(({ stdout }) => JSON.parse(stdout) as string[]);
    for (const [index, folder] of folders.entries()) {
      const material = Buffer.from(readFileSync(join(folder, MASTER_KEY_FILE_NAME), 'utf8').trim(), 'base64');
      const onDisk = expectedKeyId(material);
      for (const keyIds of results) expect(keyIds[index]).toBe(onDisk);
      expect(readdirSync(folder)).toEqual([MASTER_KEY_FILE_NAME]);
    }
  });
});

describe('MasterKey', () => {
  const material = Buffer.from('00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff', 'hex');

  it('has a keyId that is stable for the same material', () => {
    expect(createMasterKey(material).keyId).toBe(createMasterKey(Buffer.from(material)).keyId);
    expect(createMasterKey(material).keyId).toBe(expectedKeyId(material));
  });

  it('never prints its key material', () => {
    const key = createMasterKey(material);
    const forms = [material.toString('base64'), material.toString('hex'), material.toString('base64url')];
    const printed = [
      JSON.stringify(key),
      JSON.stringify({ nested: key }),
      inspect(key, { showHidden: true, depth: 10 }),
      inspect({ nested: key }, { showHidden: true }),
      String(key),
      `${key}`,
      JSON.stringify({ ...key }),
      Object.values(key).map(String).join(' '),
    ];
    for (const output of printed) {
      for (const form of forms) expect(output).not.toContain(form);
      expect(output).toContain(key.keyId);
    }
    expect(JSON.stringify(key)).toBe(`{"keyId":"${key.keyId}"}`);
    const raw = inspect(key, { customInspect: false, showHidden: true });
    expect(raw).not.toMatch(/Buffer|Uint8Array|00 11 22/);
    for (const value of Object.values(key)) expect(value).not.toBeInstanceOf(Uint8Array);
  });

  it('copies the material it is given', () => {
    const source = Buffer.from(material);
    const key = createMasterKey(source);
    source.fill(0);
    expect(exportMasterKeyBase64(key)).toBe(material.toString('base64'));
  });

  it('rejects material that is not 32 bytes', () => {
    expect(() => createMasterKey(randomBytes(16))).toThrow(/32 bytes/);
  });
});

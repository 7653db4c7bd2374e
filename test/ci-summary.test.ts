// CI retries failed tests (decision 0039). These run vitest with CI's reporters on a fixture with a flaky and
// a failing test, then CI's summary script, and check that both are named and only the failure counts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const out = mkdtempSync(join(tmpdir(), 'stratoflow-ci-summary-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function run(command: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout };
}

describe('CI retries and summary', () => {
  const report = join(out, 'vitest.json');
  const vitest = run(
    process.execPath,
    [
      'node_modules/vitest/vitest.mjs',
      'run',
      '--config=test/reporters/fixture/vitest.config.ts',
      '--reporter=json',
      '--reporter=./test/reporters/retried.ts',
      `--outputFile.json=${report}`,
    ],
    { CI: 'true' },
  );

  it('retries a failed test and records every retried one', () => {
    expect(vitest.status).toBe(1);
    const retried = JSON.parse(readFileSync(join(out, 'vitest.retried.json'), 'utf8'));
    expect(retried).toEqual([
      expect.objectContaining({ name: 'passes the second time', outcome: 'passed', retries: 1 }),
      expect.objectContaining({ name: 'never passes', outcome: 'failed', retries: 2 }),
    ]);
    expect(retried[0].errors[0]).toContain('attempt');
  });

  it('names failed and flaky tests before the totals, counting only the failure', () => {
    const summary = run(process.execPath, ['.ci/summary.mjs', report]);
    expect(summary.status).toBe(1);
    const lines = summary.stdout.trim().split('\n');
    expect(lines.at(-1)).toBe('2 passed, 1 failed');
    expect(lines.at(-2)).toBe('Node 20: 2 passed, 1 failed (1 flaky)');
    expect(lines).toContainEqual(
      expect.stringMatching(/^Node 20 FAILED .*probe\.spec\.ts > never passes: .*the fixture/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^Node 20 flaky .*probe\.spec\.ts > passes the second time/),
    );
  });

  it('counts a runtime without a report as a failure', () => {
    const summary = run(process.execPath, ['.ci/summary.mjs', join(out, 'missing.json')]);
    expect(summary.status).toBe(1);
    expect(summary.stdout.trim().split('\n').at(-1)).toBe('0 passed, 1 failed');
  });
});

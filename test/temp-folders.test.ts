/**
 * Disk hygiene: a test run and a benchmark leave nothing behind in the system's temporary folder (a
 * machine whose /tmp filled with leftover benchmark databases once failed CI with ENOSPC).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const run = promisify(execFile);

it("puts the suites' temporary files in the run's own folder, which the test setup deletes", () => {
  expect(basename(tmpdir())).toMatch(/^stratoflow-tests-/);
});

/**
 * Runs a script that makes two bench temp folders and removes one early: whether the early one was gone
 * right after, and whether each still exists once the script has exited.
 */
async function benchFolders(env: NodeJS.ProcessEnv) {
  const script = [
    "import { removeTempDir, tempDir } from './bench/lib.ts';",
    "const kept = tempDir('stratoflow-bench-probe-');",
    "const early = tempDir('stratoflow-bench-probe-');",
    'removeTempDir(early);',
    'console.log(JSON.stringify([kept, early, (await import("node:fs")).existsSync(early)]));',
  ].join('\n');
  const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    env: { ...process.env, ...env },
  });
  const [kept, early, earlyRightAfter] = JSON.parse(stdout) as [string, string, boolean];
  return { earlyRightAfter, early: existsSync(early), kept: existsSync(kept) };
}

it('deletes a benchmark temporary folder when the benchmark exits, or earlier when asked', async () => {
  expect(await benchFolders({ STRATOFLOW_BENCH_KEEP: '' })).toEqual({
    earlyRightAfter: false,
    early: false,
    kept: false,
  });
});

it('keeps them with STRATOFLOW_BENCH_KEEP=1, to look at afterwards', async () => {
  expect(await benchFolders({ STRATOFLOW_BENCH_KEEP: '1' })).toEqual({
    earlyRightAfter: true,
    early: true,
    kept: true,
  });
});

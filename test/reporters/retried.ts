/**
 * Vitest reporter for CI's retries (decision 0039): writes every test that needed a retry, whether it then
 * passed (flaky) or not, next to the JSON report (`vitest-node22.json` → `vitest-node22.retried.json`), and
 * prints them at the end of the run. Vitest's own JSON report does not say that a test was retried, so
 * without this a flaky test would pass unseen.
 */
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { Reporter, TestCase, Vitest } from 'vitest/node';

export interface RetriedTest {
  file: string;
  name: string;
  retries: number;
  outcome: 'passed' | 'failed';
  /** The first line of each error the test threw, the retries' included. */
  errors: string[];
}

export default class RetriedReporter implements Reporter {
  private output: string | undefined;
  private root = process.cwd();
  private readonly retried: RetriedTest[] = [];

  onInit(vitest: Vitest): void {
    this.root = vitest.config.root;
    const outputFile = vitest.config.outputFile;
    const json = typeof outputFile === 'string' ? outputFile : outputFile?.json;
    this.output = json?.replace(/\.json$/, '.retried.json');
  }

  onTestCaseResult(testCase: TestCase): void {
    const { retryCount } = testCase.diagnostic() ?? { retryCount: 0 };
    const result = testCase.result();
    if (retryCount === 0 || (result.state !== 'passed' && result.state !== 'failed')) return;
    this.retried.push({
      file: relative(this.root, testCase.module.moduleId),
      name: testCase.fullName,
      retries: retryCount,
      outcome: result.state,
      errors: (result.errors ?? []).map((e) => (e.message ?? String(e)).split('\n')[0] ?? ''),
    });
  }

  onTestRunEnd(): void {
    if (this.output) writeFileSync(this.output, `${JSON.stringify(this.retried, null, 2)}\n`);
    if (this.retried.length === 0) return;
    console.log(`\nRetried tests (${this.retried.length}):`);
    for (const t of this.retried) {
      console.log(
        `  ${t.outcome === 'passed' ? 'flaky ' : 'FAILED'} ${t.file} > ${t.name} (retried ${t.retries}×)`,
      );
      for (const e of t.errors) console.log(`         ${e}`);
    }
  }
}

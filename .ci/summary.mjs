// Prints CI's last lines from the runtimes' vitest reports: the tests that failed and those that passed only
// on a retry (decision 0039), then per runtime and in total `N passed, N failed`. A test file that failed
// outside any test (import error, failing hook) counts as one failure; so does a runtime without a report.
// Usage: node .ci/summary.mjs test-results/vitest.json [MAJOR ...]   (the first report is Node 20's)
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';

const [node20, ...majors] = process.argv.slice(2);
const reports = [['20', node20], ...majors.map((m) => [m, `test-results/vitest-node${m}.json`])];
const firstLine = (text) => String(text).split('\n')[0];
const totals = [];
let passed = 0;
let failed = 0;
for (const [major, file] of reports) {
  if (!existsSync(file)) {
    console.log(`Node ${major}: no test report at ${file}; the run failed before the tests.`);
    totals.push(`Node ${major}: no report`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  let fails = report.numFailedTests;
  for (const f of report.testResults) {
    const where = relative(process.cwd(), f.name);
    const failures = f.assertionResults.filter((a) => a.status === 'failed');
    for (const a of failures)
      console.log(`Node ${major} FAILED ${where} > ${a.fullName}: ${firstLine(a.failureMessages[0] ?? '')}`);
    if (f.status === 'failed' && failures.length === 0) {
      console.log(`Node ${major} FAILED ${where} (outside any test): ${firstLine(f.message ?? '')}`);
      fails += 1;
    }
  }
  const retriedFile = file.replace(/\.json$/, '.retried.json');
  const retried = existsSync(retriedFile) ? JSON.parse(readFileSync(retriedFile, 'utf8')) : [];
  for (const t of retried.filter((r) => r.outcome === 'passed')) {
    console.log(
      `Node ${major} flaky (passed on retry ${t.retries}) ${t.file} > ${t.name}: ${t.errors[0] ?? ''}`,
    );
  }
  const flaky = retried.filter((r) => r.outcome === 'passed').length;
  totals.push(
    `Node ${major}: ${report.numPassedTests} passed, ${fails} failed${flaky ? ` (${flaky} flaky)` : ''}`,
  );
  passed += report.numPassedTests;
  failed += fails;
}
for (const line of totals) console.log(line);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

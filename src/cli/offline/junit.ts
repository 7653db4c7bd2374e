/** One flow file's results, as a JUnit test suite. */
export interface SuiteResult {
  name: string;
  cases: { name: string; seconds: number; problems: string[] }[];
}

function xmlEscape(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: XML 1.0 forbids these characters
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
  );
}

/** JUnit XML as CI systems read it: testsuites > testsuite (a flow file) > testcase (a case) > failure. */
export function junitXml(suites: SuiteResult[], timestamp: string): string {
  const count = (s: SuiteResult) => s.cases.length;
  const failed = (s: SuiteResult) => s.cases.filter((c) => c.problems.length > 0).length;
  const time = (s: SuiteResult) => s.cases.reduce((sum, c) => sum + c.seconds, 0);
  const total = (f: (s: SuiteResult) => number) => suites.reduce((sum, s) => sum + f(s), 0);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="stratoflow test" tests="${total(count)}" failures="${total(failed)}" errors="0" time="${total(time).toFixed(3)}">`,
  ];
  for (const suite of suites) {
    lines.push(
      `  <testsuite name="${xmlEscape(suite.name)}" tests="${count(suite)}" failures="${failed(suite)}" errors="0" skipped="0" time="${time(suite).toFixed(3)}" timestamp="${timestamp}">`,
    );
    for (const c of suite.cases) {
      const open = `    <testcase name="${xmlEscape(c.name)}" classname="${xmlEscape(suite.name)}" time="${c.seconds.toFixed(3)}"`;
      if (c.problems.length === 0) {
        lines.push(`${open}/>`);
        continue;
      }
      lines.push(`${open}>`);
      lines.push(
        `      <failure message="${xmlEscape(c.problems[0] as string)}" type="AssertionError">${xmlEscape(c.problems.join('\n'))}</failure>`,
      );
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}

import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { StratoflowError } from '../domain/errors.js';
import { CliError, EXIT, usageError } from './exit-codes.js';
import { checkCase, readCaseFile, type TestCase } from './offline/cases.js';
import type { OfflineEngine } from './offline/engine.js';
import { junitXml, type SuiteResult } from './offline/junit.js';
import { paint } from './output.js';
import { reportError } from './remote.js';
import { readFlowFile } from './workflow-file.js';

/** Every `*.flow.json` under `dir` (node_modules and dot-folders skipped), sorted. */
function findFlows(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...findFlows(path));
    else if (name.endsWith('.flow.json')) found.push(path);
  }
  return found;
}

async function runCase(engine: OfflineEngine, flowPath: string, testCase: TestCase) {
  const started = performance.now();
  let problems: string[];
  try {
    const flow = readFlowFile(flowPath);
    const unknown = Object.keys(testCase.mocks).filter((id) => !flow.nodes.some((n) => n.id === id));
    if (unknown.length > 0)
      problems = [`mocks: the workflow has no node ${unknown.map((id) => `'${id}'`).join(', ')}`];
    else {
      const { run, logs } = await engine.run(flow, testCase.trigger, testCase.mocks);
      const outputs = new Map<string, unknown>();
      for (const log of logs) if (log.status !== 'error') outputs.set(log.nodeId, log.output);
      problems = checkCase(testCase.expect, run, outputs);
    }
  } catch (error) {
    if (!(error instanceof StratoflowError || error instanceof CliError)) throw error;
    problems = [error.message];
  }
  return { name: testCase.name, seconds: (performance.now() - started) / 1000, problems };
}

/** `stratoflow test [DIR]`: every flow's cases, reported like a test runner; exit 1 when one fails. */
export function registerTest(program: Command) {
  program
    .command('test [dir]')
    .description('Run every *.flow.json with the cases of its *.test.json, offline; exit 1 on a failure')
    .option('--junit <file>', 'also write the results as JUnit XML')
    .option('--allow-network', 'let unmocked outbound nodes (webhook...) really run')
    .action(async (dir: string | undefined, flags: { junit?: string; allowNetwork?: boolean }) => {
      try {
        const root = dir ?? '.';
        if (!existsSync(root) || !statSync(root).isDirectory()) throw usageError(`${root} is not a folder.`);
        const flows = findFlows(root);
        if (flows.length === 0) throw usageError(`No *.flow.json files under ${root}.`);
        const suites: SuiteResult[] = [];
        const timestamp = new Date().toISOString().replace(/\.\d+Z$/, '');
        const { openOfflineEngine } = await import('./offline/engine.js');
        const engine = await openOfflineEngine({ allowNetwork: flags.allowNetwork === true });
        try {
          for (const flowPath of flows) {
            const name = flowPath;
            const casesPath = flowPath.replace(/\.flow\.json$/, '.test.json');
            process.stdout.write(`${paint('bold', name)}\n`);
            if (!existsSync(casesPath)) {
              process.stdout.write(`  ${paint('yellow', '-')} no ${casesPath}\n`);
              continue;
            }
            const suite: SuiteResult = { name, cases: [] };
            for (const testCase of readCaseFile(casesPath)) {
              const result = await runCase(engine, flowPath, testCase);
              suite.cases.push(result);
              const ms = `${Math.round(result.seconds * 1000)} ms`;
              if (result.problems.length === 0) {
                process.stdout.write(`  ${paint('green', '✓')} ${result.name} ${paint('gray', `(${ms})`)}\n`);
              } else {
                process.stdout.write(`  ${paint('red', '✗')} ${result.name} ${paint('gray', `(${ms})`)}\n`);
                for (const problem of result.problems)
                  process.stdout.write(`      ${paint('red', problem)}\n`);
              }
            }
            suites.push(suite);
          }
        } finally {
          await engine.close();
        }
        const all = suites.flatMap((s) => s.cases);
        const failed = all.filter((c) => c.problems.length > 0).length;
        const summary = `${all.length} case(s): ${all.length - failed} passed, ${failed} failed`;
        process.stdout.write(`\n${failed > 0 ? paint('red', summary) : paint('green', summary)}\n`);
        if (flags.junit) writeFileSync(flags.junit, junitXml(suites, timestamp));
        process.exitCode = failed > 0 ? EXIT.failed : EXIT.ok;
      } catch (error) {
        process.exitCode = reportError(error);
      }
    });
}

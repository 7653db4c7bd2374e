import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Writes a benchmark's numbers to bench/results/<name>.json (committed with the change that moved them). */
export function saveResult(name: string, result: Record<string, unknown>) {
  const dir = new URL('./results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  const body = { benchmark: name, date: new Date().toISOString(), node: process.version, ...result };
  writeFileSync(new URL(`${name}.json`, dir), `${JSON.stringify(body, null, 2)}\n`);
  console.log(JSON.stringify(body, null, 2));
}

export function node(id: string, componentId: string, data: Record<string, unknown> = {}) {
  return { id, type: componentId, position: { x: 0, y: 0 }, data: { componentId, ...data } };
}

export function chainDefinition(length: number) {
  const nodes = [node('n0', 'manual_trigger')];
  const edges = [];
  for (let i = 1; i <= length; i++) {
    nodes.push(
      node(`n${i}`, 'text_transform', { template: `step ${i} of {{ n0.run_id }}: {{ n${i - 1}.text }}` }),
    );
    edges.push({ id: `e${i}`, source: `n${i - 1}`, target: `n${i}` });
  }
  return { nodes, edges };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

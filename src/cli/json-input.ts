import { readFileSync } from 'node:fs';
import { usageError } from './exit-codes.js';

/** Reads a file (or stdin for `-`) as JSON; a missing file or bad JSON is a usage error. */
export function readJsonFile(path: string, what = 'file'): unknown {
  let text: string;
  try {
    text = readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (error) {
    throw usageError(`Cannot read ${what} ${path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw usageError(`${what} ${path} is not valid JSON: ${(error as Error).message}`);
  }
}

/** `--context '{"a":1}'` or `--context @file.json`: a JSON object. */
export function jsonObjectArg(value: string | undefined, flag: string): Record<string, unknown> {
  if (value === undefined) return {};
  let parsed: unknown;
  if (value.startsWith('@')) parsed = readJsonFile(value.slice(1), `${flag} file`);
  else {
    try {
      parsed = JSON.parse(value);
    } catch (error) {
      throw usageError(`${flag} is not valid JSON: ${(error as Error).message}`);
    }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw usageError(`${flag} must be a JSON object.`);
  return parsed as Record<string, unknown>;
}

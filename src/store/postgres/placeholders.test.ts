import { describe, expect, it } from 'vitest';
import { toPostgresPlaceholders } from './placeholders.js';

describe('toPostgresPlaceholders', () => {
  it('numbers placeholders in order', () => {
    expect(toPostgresPlaceholders('SELECT * FROM runs WHERE id = ? AND org_id = ? LIMIT ?')).toBe(
      'SELECT * FROM runs WHERE id = $1 AND org_id = $2 LIMIT $3',
    );
  });

  it('leaves SQL without placeholders unchanged', () => {
    expect(toPostgresPlaceholders("SELECT 1 WHERE status IN ('pending', 'running')")).toBe(
      "SELECT 1 WHERE status IN ('pending', 'running')",
    );
  });

  it('skips question marks inside strings, quoted identifiers and comments', () => {
    const sql = `SELECT 'what?', 'it''s ?', "odd?col" FROM t -- why?
      WHERE a = ? /* and ? here */ AND b = ?`;
    expect(toPostgresPlaceholders(sql)).toBe(`SELECT 'what?', 'it''s ?', "odd?col" FROM t -- why?
      WHERE a = $1 /* and ? here */ AND b = $2`);
  });

  it('returns the same text for a cached statement', () => {
    const sql = 'UPDATE runs SET lease_expires_at = ? WHERE id IN (?, ?)';
    expect(toPostgresPlaceholders(sql)).toBe('UPDATE runs SET lease_expires_at = $1 WHERE id IN ($2, $3)');
    expect(toPostgresPlaceholders(sql)).toBe('UPDATE runs SET lease_expires_at = $1 WHERE id IN ($2, $3)');
  });
});

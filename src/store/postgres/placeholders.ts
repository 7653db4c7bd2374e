/**
 * The shared SQL uses `?` placeholders (SQLite's); PostgreSQL wants `$1..$n`. A `?` inside a quoted
 * string, a quoted identifier or a comment is left alone. The store has a small fixed set of statements
 * (plus `IN (?, ?, ...)` lists of a bounded length), so the rewritten text is cached per SQL string.
 */
const cache = new Map<string, string>();
const CACHE_LIMIT = 1000;

export function toPostgresPlaceholders(sql: string): string {
  let rewritten = cache.get(sql);
  if (rewritten === undefined) {
    rewritten = rewrite(sql);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(sql, rewritten);
  }
  return rewritten;
}

/** Where the quoted span or comment that opens at `start` ends (exclusive). */
function skipQuotedOrComment(sql: string, start: number): number {
  const opener = sql[start];
  const next = sql[start + 1];
  if (opener === "'" || opener === '"') {
    let i = start + 1;
    while (i < sql.length) {
      if (sql[i] === opener) {
        if (sql[i + 1] === opener)
          i += 2; // doubled quote: an escaped quote inside the span
        else return i + 1;
      } else i++;
    }
    return sql.length;
  }
  if (opener === '-' && next === '-') {
    const end = sql.indexOf('\n', start);
    return end === -1 ? sql.length : end;
  }
  if (opener === '/' && next === '*') {
    const end = sql.indexOf('*/', start + 2);
    return end === -1 ? sql.length : end + 2;
  }
  return start;
}

function rewrite(sql: string): string {
  let out = '';
  let n = 0;
  let i = 0;
  while (i < sql.length) {
    const skipTo = skipQuotedOrComment(sql, i);
    if (skipTo > i) {
      out += sql.slice(i, skipTo);
      i = skipTo;
    } else if (sql[i] === '?') {
      n++;
      out += `$${n}`;
      i++;
    } else {
      out += sql[i];
      i++;
    }
  }
  return out;
}

import { createRequire } from 'node:module';
import { styleText } from 'node:util';
import type TableType from 'cli-table3';

// Loaded by the commands that print a table, not by `serve`.
const load = createRequire(import.meta.url);

/** Colour only on a TTY and never with NO_COLOR (https://no-color.org): any non-empty value turns it off. */
export function colourEnabled(stream: NodeJS.WriteStream = process.stdout): boolean {
  return stream.isTTY === true && !process.env.NO_COLOR;
}

type Style = Parameters<typeof styleText>[0];

export function paint(style: Style, text: string, stream: NodeJS.WriteStream = process.stdout): string {
  // Our own check decides (TTY of the stream written to, NO_COLOR); styleText must not re-check stdout.
  return colourEnabled(stream) ? styleText(style, text, { validateStream: false }) : text;
}

const STATUS_STYLES: Record<string, Style> = {
  completed: 'green',
  success: 'green',
  failed: 'red',
  error: 'red',
  warning: 'yellow',
  running: 'cyan',
  pending: 'gray',
};

export function paintStatus(status: string): string {
  const style = STATUS_STYLES[status];
  return style ? paint(style, status) : status;
}

/** Pretty JSON for `--json`, one document on stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** An aligned table without borders: columns separated by two spaces. */
export function printTable(head: string[], rows: (string | number | null | undefined)[][]): void {
  if (rows.length === 0) {
    process.stdout.write('(none)\n');
    return;
  }
  const blank = { top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '' };
  const Table = load('cli-table3') as typeof TableType;
  const table = new Table({
    head: head.map((h) => paint('bold', h)),
    chars: {
      ...blank,
      'bottom-left': '',
      'bottom-right': '',
      left: '',
      'left-mid': '',
      mid: '',
      'mid-mid': '',
      right: '',
      'right-mid': '',
      middle: '  ',
    },
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
  });
  for (const row of rows)
    table.push(row.map((cell) => (cell === null || cell === undefined ? '-' : String(cell))));
  process.stdout.write(`${table.toString().replace(/ +$/gm, '')}\n`);
}

/** "12s ago", "5m ago", "3h ago", "2d ago"; future times as "in 5m"; null as "-". */
export function relativeTime(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '-';
  const diff = now - Date.parse(iso);
  const abs = Math.abs(diff);
  const units: [number, string][] = [
    [86_400_000, 'd'],
    [3_600_000, 'h'],
    [60_000, 'm'],
    [1000, 's'],
  ];
  const [size, unit] = units.find(([ms]) => abs >= ms) ?? [1000, 's'];
  const amount = Math.floor(abs / size);
  if (amount === 0) return 'just now';
  return diff >= 0 ? `${amount}${unit} ago` : `in ${amount}${unit}`;
}

/** A node output squeezed onto one line: compact JSON cut at `max` characters. */
export function preview(value: unknown, max = 60): string {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '-';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

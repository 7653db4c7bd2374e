/**
 * The pure half of the peers benchmark: picks each workload's median round and renders bench/RESULTS.md.
 * Glossary: an *engine* is one configured server (Stratoflow, n8n with legacy expressions, n8n with its
 * default expression engine); a *round* is one load period against one workload; the *median round* is
 * the round whose rate is the median of the rounds — all its columns are reported together, so the p99
 * and the errors belong to the same period as the rate (never a median per column).
 */

/** One load period against one workload. `rate` is requests/s (sync) or completed runs/s (async). */
export interface Round {
  rate: number;
  p50_ms: number;
  p99_ms: number;
  /** Non-2xx answers, socket errors, timeouts, wrong bodies and (async) runs that did not complete. */
  errors: number;
  /** Requests answered (sync) or runs completed (async) in the round. */
  count: number;
  peak_rss_mb: number;
}

export interface EngineResult {
  /** Stable key: `stratoflow`, `n8n-legacy`, `n8n-default`. */
  key: string;
  label: string;
  idle_rss_mb: number;
  /** Rounds per workload id, in the order they ran. */
  rounds: Record<string, Round[]>;
}

export interface WorkloadInfo {
  id: string;
  title: string;
  /** `runs/s` for the asynchronous path, `req/s` otherwise. */
  unit: string;
}

export interface ReportContext {
  date: string;
  machine: {
    cpus: number;
    cpuModel: string;
    memoryGb: number;
    node: string;
    os: string;
    /** One-minute load average when the run started: other work on the machine skews every figure. */
    loadAverage: number;
  };
  sqliteSynchronous: string;
  connections: number;
  durationS: number;
  /** Round length of the 4.9 MB workload (absent in results written before it had its own). */
  largeDurationS?: number;
  roundCount: number;
  n8nVersion: string;
  /** Environment each engine ran with, as `NAME=value` lines (no secrets). */
  settings: Record<string, string[]>;
  /** Engines that could not be measured, with the reason. */
  failures: string[];
}

/**
 * The round whose rate is the median; with an even number of rounds the lower of the two middle ones
 * (the conservative pick). Ties keep the order the rounds ran in.
 */
export function medianRound(rounds: readonly Round[]): Round {
  if (rounds.length === 0) throw new Error('medianRound needs at least one round');
  const sorted = rounds
    .map((round, index) => ({ round, index }))
    .sort((a, b) => a.round.rate - b.round.rate || a.index - b.index);
  return sorted[Math.floor((sorted.length - 1) / 2)]!.round;
}

export function formatRate(value: number): string {
  if (value >= 100) return Math.round(value).toLocaleString('en-US');
  return value.toFixed(1);
}

export function formatMs(value: number): string {
  return value >= 100 ? String(Math.round(value)) : String(Number(value.toFixed(1)));
}

/** How many times `ours` is `theirs`, e.g. `24.1×`; `–` when either side is missing or zero. */
export function formatRatio(ours: number | undefined, theirs: number | undefined): string {
  if (!ours || !theirs) return '–';
  const ratio = ours / theirs;
  return `${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(1)}×`;
}

function peakRss(engine: EngineResult): number {
  const peaks = Object.values(engine.rounds)
    .flat()
    .map((r) => r.peak_rss_mb);
  return peaks.length ? Math.max(...peaks) : 0;
}

/** Rounds shorter than 10 s, fewer than 3 rounds, or a busy machine: a check of the harness, not figures. */
export function isProvisional(context: ReportContext): boolean {
  return context.durationS < 10 || context.roundCount < 3 || context.machine.loadAverage > 0.5;
}

/** One line per workload: each engine's median-round rate and p99, then Stratoflow's ratio to each peer. */
function summaryTable(workloads: readonly WorkloadInfo[], engines: readonly EngineResult[]): string[] {
  const ours = engines.find((e) => e.key === 'stratoflow');
  const peers = engines.filter((e) => e !== ours);
  const header = ['workload', ...engines.map((e) => e.label), ...peers.map((p) => `÷ ${p.label}`)];
  const lines = [
    `| ${header.join(' | ')} |`,
    `|---|${header
      .slice(1)
      .map(() => '---:')
      .join('|')}|`,
  ];
  for (const workload of workloads) {
    const median = (e: EngineResult) => {
      const rounds = e.rounds[workload.id];
      return rounds?.length ? medianRound(rounds) : undefined;
    };
    const cells = engines.map((e) => {
      const m = median(e);
      if (!m) return '–';
      return m.count
        ? `${formatRate(m.rate)} ${workload.unit}, p99 ${formatMs(m.p99_ms)} ms`
        : 'none finished';
    });
    const oursRate = ours ? median(ours)?.rate : undefined;
    const ratios = peers.map((p) => formatRatio(oursRate, median(p)?.rate));
    lines.push(`| ${workload.title} | ${[...cells, ...ratios].join(' | ')} |`);
  }
  return [...lines, ''];
}

/** A round in which nothing finished has no latency to show (autocannon reports 0). */
const latency = (round: Round, ms: number) => (round.count ? formatMs(ms) : '–');

function workloadTable(workload: WorkloadInfo, engines: readonly EngineResult[]): string[] {
  const ran = engines.filter((e) => e.rounds[workload.id]?.length);
  if (ran.length === 0) return [];
  const ours = ran.find((e) => e.key === 'stratoflow');
  const oursRate = ours ? medianRound(ours.rounds[workload.id]!).rate : undefined;
  const lines = [
    `### ${workload.title}`,
    '',
    `| engine | ${workload.unit} | p50 ms | p99 ms | errors | peak RSS MB | Stratoflow ÷ engine |`,
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const engine of ran) {
    const all = engine.rounds[workload.id]!;
    const m = medianRound(all);
    const ratio = engine === ours ? '1×' : formatRatio(oursRate, m.rate);
    lines.push(
      `| ${engine.label} | ${formatRate(m.rate)} | ${latency(m, m.p50_ms)} | ${latency(m, m.p99_ms)} | ${m.errors} | ${Math.round(m.peak_rss_mb)} | ${ratio} |`,
    );
  }
  lines.push('', `Every round (${workload.unit}): ${roundsLine(ran, workload.id)}`, '');
  return lines;
}

function roundsLine(engines: readonly EngineResult[], workloadId: string): string {
  return engines
    .map((e) => {
      const rounds = e.rounds[workloadId]!.map(
        (r) => `${formatRate(r.rate)} (p99 ${formatMs(r.p99_ms)} ms, ${r.errors} err)`,
      );
      return `${e.label}: ${rounds.join(' · ')}`;
    })
    .join('; ')
    .concat('.');
}

/** bench/RESULTS.md: machine, settings, one table per workload (median round), memory, every round. */
export function renderResults(
  context: ReportContext,
  workloads: readonly WorkloadInfo[],
  engines: readonly EngineResult[],
): string {
  const m = context.machine;
  const rounds = `${context.roundCount} round${context.roundCount === 1 ? '' : 's'}`;
  const lines = [
    '# Stratoflow and n8n side by side',
    '',
    '<!-- Generated by `npm run bench:peers` (bench/peers.ts); do not edit by hand. -->',
    '',
    ...(isProvisional(context)
      ? [
          '> **Provisional:** short rounds, fewer than 3 rounds or a busy machine (load average above 0.5):',
          '> a check that the harness works end to end, not figures to quote.',
          '',
        ]
      : []),
    `Run ${context.date} on ${m.cpus} cores (${m.cpuModel}), ${m.memoryGb} GB memory, Node ${m.node}, ${m.os};`,
    `one-minute load average ${m.loadAverage.toFixed(2)} at the start.`,
    `Stratoflow embedded (SQLite, \`STRATOFLOW_SQLITE_SYNCHRONOUS=${context.sqliteSynchronous}\`); n8n ${context.n8nVersion}.`,
    `${context.connections} connections, ${context.durationS} s per round (${context.largeDurationS ?? context.durationS} s for the 4.9 MB body), ${rounds} per workload after a short`,
    'unreported warm-up; one engine running at a time, on identical request bodies. Each table row is the',
    "engine's **median round** (the round with the median rate, all its columns together). Every response",
    'body is checked against the expected result; a wrong body counts as an error. Peak RSS is the largest',
    'resident set of the whole process tree (server and its children) sampled every 250 ms during the round.',
    '',
    '## Summary',
    '',
    ...summaryTable(workloads, engines),
  ];
  for (const workload of workloads) lines.push(...workloadTable(workload, engines));
  lines.push(
    '## Memory',
    '',
    'Idle: 30 s after the server answered its health check, before any load (the process tree, from /proc).',
    '',
    '| engine | idle RSS MB | peak RSS MB (any workload) |',
    '|---|---:|---:|',
  );
  for (const engine of engines) {
    lines.push(`| ${engine.label} | ${Math.round(engine.idle_rss_mb)} | ${Math.round(peakRss(engine))} |`);
  }
  if (context.failures.length > 0) {
    lines.push('', '## Not measured', '', ...context.failures.map((f) => `- ${f}`));
  }
  lines.push('', '## Settings', '');
  for (const [engine, settings] of Object.entries(context.settings)) {
    lines.push(`- ${engine}: ${settings.map((s) => `\`${s}\``).join(', ') || 'defaults'}`);
  }
  lines.push('');
  return lines.join('\n');
}

import type { Figures } from './stats.js';

export type RowStatus = 'ok' | 'pending' | 'error';

/** One line of the table: a scenario, its baseline measured in the same run, and how far apart they are. */
export interface Row {
  id: string;
  scenario: string;
  figures: Figures | null;
  baselineName: string;
  baseline: Figures | null;
  /** The headline: how many times the floor (p99 ÷ baseline p99, or baseline rate ÷ rate for throughput rows). */
  ratio: number | null;
  ratioKind: 'p99' | 'throughput' | 'size' | 'value';
  target: string;
  /** Whether the target was met on this run (null when it doesn't apply, e.g. embedded-only figures). */
  met: boolean | null;
  status: RowStatus;
  note?: string;
  /** Single-value rows (memory, start-up): the value sits in p50 and p99, in this unit, with no rate. */
  unit?: 'MB' | 'ms';
  /** Figures beyond the table's columns (the storm's per-incident spreads, 429s by method, the checks). */
  details?: Record<string, unknown>;
}

export interface Report {
  startedAt: string;
  finishedAt: string;
  mode: 'full' | 'quick';
  database: 'postgres' | 'embedded';
  machine: { cpus: number; node: string; platform: string };
  seeding: string[];
  rows: Row[];
}

const fmt = (n: number | null | undefined, digits = 1) => (n === null || n === undefined || Number.isNaN(n) ? '-' : n >= 1000 ? Math.round(n).toLocaleString('en-US') : n.toFixed(n < 10 ? Math.max(digits, 2) : digits));

export function p99Ratio(f: Figures | null, b: Figures | null): number | null {
  return f && b && b.p99 > 0 ? f.p99 / b.p99 : null;
}

export function throughputRatio(f: Figures | null, b: Figures | null): number | null {
  return f && b && f.rps > 0 ? b.rps / f.rps : null;
}

/** The one table `npm run bench` prints. */
export function renderTable(report: Report): string {
  const header = ['scenario', 'p50 ms', 'p99 ms', 'ops/s', 'baseline', 'b.p50', 'b.p99', 'b.ops/s', 'ratio', 'target', 'met'];
  const lines = report.rows.map((r) => [
    r.scenario,
    r.unit ? `${fmt(r.figures?.p50)} ${r.unit}` : fmt(r.figures?.p50),
    r.unit ? '' : fmt(r.figures?.p99),
    r.unit ? '' : fmt(r.figures?.rps, 0),
    r.baselineName,
    r.unit ? `${fmt(r.baseline?.p50)} ${r.unit}` : fmt(r.baseline?.p50),
    r.unit ? '' : fmt(r.baseline?.p99),
    r.unit ? '' : fmt(r.baseline?.rps, 0),
    r.ratio === null ? (r.status === 'ok' ? '-' : r.status) : `${r.ratio.toFixed(2)}×${r.ratioKind === 'throughput' ? ' rate' : r.ratioKind === 'size' ? ' size' : r.ratioKind === 'value' ? '' : ''}`,
    r.target,
    r.status === 'pending' ? 'pending' : r.met === null ? '-' : r.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] as string).length)));
  const row = (cells: string[]) => cells.map((c, i) => (i === 0 || i === 4 || i === 9 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join(' | ');
  const rule = widths.map((w) => '-'.repeat(w)).join('-|-');
  const title = `Response benchmark — ${report.mode} run on ${report.database === 'postgres' ? 'PostgreSQL' : 'the embedded database (PGlite)'}, ${report.machine.cpus} CPUs, Node ${report.machine.node}, ${report.startedAt}`;
  const notes = report.rows.filter((r) => r.note).map((r) => `  ${r.scenario}: ${r.note}`);
  return [title, '', row(header), rule, ...lines.map(row), '', 'ratio: p99 ÷ baseline p99 (rate: baseline ops/s ÷ ops/s; size: sweep time ÷ the smallest size\'s; MB/ms rows: value ÷ the bare server\'s). Lower is better; 1× is the floor.', ...report.seeding.map((s) => `seeding: ${s}`), ...(notes.length ? ['notes:', ...notes] : [])].join('\n');
}

import type { BenchContext } from '../lib/context.js';
import type { Row } from '../lib/report.js';
import type { Figures } from '../lib/stats.js';

const value = (v: number): Figures => ({ p50: v, p99: v, rps: Number.NaN, count: 1, errors: 0 });
const MB = 1024 * 1024;

/** Start-up time and RSS, beside the bare Fastify server's (same driver, nothing else loaded). */
export function valueRow(ctx: BenchContext, row: Pick<Row, 'id' | 'scenario' | 'baselineName' | 'target' | 'note'> & { unit: 'MB' | 'ms'; value: number; baseline: number; met: boolean | null }): void {
  ctx.rows.push({
    id: row.id,
    scenario: row.scenario,
    baselineName: row.baselineName,
    target: row.target,
    note: row.note,
    unit: row.unit,
    figures: value(row.value),
    baseline: value(row.baseline),
    ratio: row.baseline > 0 ? row.value / row.baseline : null,
    ratioKind: 'value',
    met: row.met,
    status: 'ok',
  });
  ctx.log(`${row.scenario}: ${row.value.toFixed(1)} ${row.unit} (bare server ${row.baseline.toFixed(1)} ${row.unit})`);
}

export function startupRow(ctx: BenchContext): void {
  valueRow(ctx, { id: 'process.startup', scenario: 'start-up to healthy /healthz', baselineName: 'bare Fastify + driver', target: 'measured', unit: 'ms', value: ctx.app.startupMs, baseline: ctx.baseline.startupMs, met: null, note: `spawn to first 200 from /healthz, including loading the code (${process.argv.includes('--tsx') ? 'TypeScript through tsx' : 'compiled JavaScript, as in production'}) and running migrations` });
}

export async function rssRow(ctx: BenchContext, when: 'idle' | 'after load', database: 'postgres' | 'embedded'): Promise<void> {
  const rss = ctx.app.rssBytes() / MB;
  const mem = await ctx.app.request<NodeJS.MemoryUsage>({ cmd: 'memory' });
  let heap = `V8 heap ${(mem.heapUsed / MB).toFixed(0)} of ${(mem.heapTotal / MB).toFixed(0)} MB, external ${(mem.external / MB).toFixed(0)} MB`;
  if (when === 'after load') {
    // How much of that is live: a full GC, then the same figures (the row's value stays the RSS read above).
    await ctx.app.request({ cmd: 'gc' });
    const live = await ctx.app.request<NodeJS.MemoryUsage>({ cmd: 'memory' });
    heap += `; after a forced full GC: heap ${(live.heapUsed / MB).toFixed(0)} MB live, RSS ${(live.rss / MB).toFixed(0)} MB`;
  }
  const after = when === 'after load';
  valueRow(ctx, {
    id: after ? 'process.rss.after' : 'process.rss.idle',
    scenario: `RSS ${when}`,
    baselineName: 'bare Fastify + driver',
    target: after ? '< 250 MB (PostgreSQL)' : 'measured',
    unit: 'MB',
    value: rss,
    baseline: ctx.baseline.rssBytes() / MB,
    met: after && database === 'postgres' ? rss < 250 : null,
    note: [heap, after && database === 'embedded' ? 'the embedded database (PGlite, WebAssembly) lives in this process: its pages count here' : ''].filter(Boolean).join('; '),
  });
}

import type { BenchContext } from './context.js';
import { p99Ratio, throughputRatio, type Row } from './report.js';
import type { Figures } from './stats.js';

/** Measures a scenario and its baseline back to back, in the same run, and records the row. */
export async function compare(
  ctx: BenchContext,
  row: { id: string; scenario: string; baselineName: string; target: string; ratioKind?: 'p99' | 'throughput'; note?: string },
  measure: () => Promise<Figures>,
  baseline: () => Promise<Figures>,
  met: (f: Figures, b: Figures, ratio: number | null) => boolean | null,
): Promise<Row> {
  ctx.log(`${row.scenario} …`);
  let out: Row;
  try {
    const f = await measure();
    const b = await baseline();
    const ratio = row.ratioKind === 'throughput' ? throughputRatio(f, b) : p99Ratio(f, b);
    out = { ...row, ratioKind: row.ratioKind ?? 'p99', figures: f, baseline: b, ratio, met: met(f, b, ratio), status: 'ok' };
    if (f.errors > 0 || b.errors > 0) out.note = [row.note, `${f.errors} errors (baseline ${b.errors})`].filter(Boolean).join('; ');
  } catch (err) {
    out = { ...row, ratioKind: row.ratioKind ?? 'p99', figures: null, baseline: null, ratio: null, met: null, status: 'error', note: err instanceof Error ? err.message.split('\n')[0] : String(err) };
  }
  ctx.rows.push(out);
  const mem = await ctx.app.request<NodeJS.MemoryUsage>({ cmd: 'memory' }).catch(() => null);
  if (mem) ctx.log(`  Response: RSS ${(mem.rss / 2 ** 20).toFixed(0)} MB, V8 heap used ${(mem.heapUsed / 2 ** 20).toFixed(0)} MB`);
  ctx.log(`  ${out.status === 'ok' ? `p99 ${out.figures?.p99.toFixed(2)} ms vs ${out.baseline?.p99.toFixed(2)} ms, ${Math.round(out.figures?.rps ?? 0)}/s vs ${Math.round(out.baseline?.rps ?? 0)}/s` : out.note}`);
  return out;
}

export function pendingRow(ctx: BenchContext, row: Omit<Row, 'figures' | 'baseline' | 'ratio' | 'met' | 'status' | 'ratioKind'> & { ratioKind?: Row['ratioKind'] }): void {
  ctx.rows.push({ ratioKind: 'p99', ...row, figures: null, baseline: null, ratio: null, met: null, status: 'pending' });
  ctx.log(`${row.scenario}: pending (${row.note ?? ''})`);
}

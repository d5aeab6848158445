import type { BenchContext } from '../lib/context.js';
import type { Row } from '../lib/report.js';
import { SWEEP_CHANNEL_PREFIX } from '../lib/slack-workspace.js';
import { median, type Figures } from '../lib/stats.js';

export const SWEEP_IDS = ['small', 'medium', 'large'] as const;
/** Registered by bench/response-child.ts: a recurring reminder that posts in the comms channel. */
export const BENCH_REMINDER_KEY = 'bench-reminder';

interface SweepRun {
  pending: boolean;
  ms: number;
  result: { claimed: number; posted: number; failed: number; completed: number; deferred: number };
}

/**
 * The reminder sweep (app.reminders.sweep(), the scheduler that runs every REMINDER_SWEEP_SECONDS)
 * with 1k, 10k and 100k open incidents, 1% of their reminders due. Open incidents are added
 * cumulatively with generate_series (each with a comms channel and a schedule row, as the
 * scheduler's own seeding makes them); before each timed sweep the same 1% are made due again.
 * Due work grows with the size too (10, 100, 1,000 reminders), so the headline is the cost per due
 * reminder beside the smallest size's: it stays flat when the sweep reads only what is due.
 */
export async function sweepScenarios(ctx: BenchContext): Promise<void> {
  const { app, opts } = ctx;
  const sizes = opts.sweepSizes;
  let stored = 0;
  let first: { perDue: number; figures: Figures } | undefined;
  for (const [i, size] of sizes.entries()) {
    const id = `sweep.${SWEEP_IDS[i]}`;
    const scenario = `reminder sweep, ${size.toLocaleString('en-US')} open (1% due)`;
    ctx.log(`${scenario} …`);
    try {
      await addOpenIncidents(ctx, stored, size - stored);
      stored = size;
      await app.request({ cmd: 'sql', text: 'analyze notification_schedules' });
      // Nothing due: what the sweep costs for stored work alone.
      await app.request({ cmd: 'sql', text: `update notification_schedules set next_due_at = now() + interval '1 day' where key = $1`, params: [BENCH_REMINDER_KEY] });
      const idle = await app.request<SweepRun>({ cmd: 'sweep' });
      const runs: SweepRun[] = [];
      for (let r = 0; r < 3; r++) {
        const due = await app.request<{ n: number }[]>({
          cmd: 'sql',
          text: `with d as (update notification_schedules set next_due_at = now() - interval '1 minute', completed_at = null, completed_reason = null, failures = 0, sent = 0
                   from comms_channels c where c.incident_id = notification_schedules.incident_id and key = $1 and c.channel_id like '${SWEEP_CHANNEL_PREFIX}%00' returning 1)
                 select count(*)::int as n from d`,
          params: [BENCH_REMINDER_KEY],
        });
        const run = await app.request<SweepRun>({ cmd: 'sweep' });
        if (run.pending) throw new Error('no sweep on the app');
        if (run.result.claimed < (due[0]?.n ?? 0)) ctx.log(`  sweep claimed ${run.result.claimed} of ${due[0]?.n} due (a background tick took some)`);
        runs.push(run);
      }
      const ms = runs.map((r) => r.ms);
      const claimed = median(runs.map((r) => r.result.claimed));
      const figures: Figures = { p50: median(ms), p99: Math.max(...ms), rps: (claimed / median(ms)) * 1000, count: runs.length, errors: runs.reduce((n, r) => n + r.result.failed, 0) };
      const perDue = figures.p50 / Math.max(1, claimed);
      first ??= { perDue, figures };
      const ratio = perDue / first.perDue;
      const row: Row = {
        id,
        scenario,
        figures,
        baselineName: `sweep at ${sizes[0].toLocaleString('en-US')}`,
        baseline: first.figures,
        ratio,
        ratioKind: 'size',
        target: i === 2 ? 'per due ≤ 3× smallest' : 'measured',
        met: i === 2 ? ratio <= 3 : null,
        status: 'ok',
        note: `${claimed} due per sweep (${runs[0]?.result.posted ?? 0} posted, ${runs[0]?.result.failed ?? 0} failed); ${(perDue).toFixed(2)} ms per due reminder; nothing due: ${idle.ms.toFixed(1)} ms; ops/s = due reminders per second`,
      };
      ctx.rows.push(row);
      ctx.log(`  ${figures.p50.toFixed(1)} ms for ${claimed} due, ${perDue.toFixed(2)} ms each (${ratio.toFixed(2)}× the smallest), idle ${idle.ms.toFixed(1)} ms`);
    } catch (err) {
      ctx.rows.push({ id, scenario, figures: null, baseline: null, baselineName: 'sweep at smallest', ratio: null, ratioKind: 'size', target: 'per due ≤ 3× smallest', met: null, status: 'error', note: err instanceof Error ? err.message.split('\n')[0] : String(err) });
    }
  }
}

/**
 * Open incidents with a comms channel and the bench reminder scheduled a day out (not due). The
 * n-th gets channel `CSWEEP<n>`; every hundredth (the 1% made due) exists in the emulator, so due
 * reminders really post.
 */
async function addOpenIncidents(ctx: BenchContext, from: number, count: number): Promise<void> {
  const chunk = 20_000;
  for (let done = 0; done < count; done += chunk) {
    const n = Math.min(chunk, count - done);
    const first = from + done + 1;
    await ctx.app.request({
      cmd: 'sql',
      text: `with ins as (
               insert into incidents (report, severity, status, report_time, start_time, created_at, updated_at)
               select 'Sweep incident ' || g, 'major', 'investigating', now() - interval '2 hours', now() - interval '2 hours', now(), now() from generate_series($3::int, $3::int + $1::int - 1) g
               returning id, report),
             ch as (insert into comms_channels (incident_id, channel_id, channel_name)
                    select id, '${SWEEP_CHANNEL_PREFIX}' || substr(report, 16), 'inc-sweep-' || substr(report, 16) from ins returning incident_id)
             insert into notification_schedules (incident_id, key, plugin, next_due_at, created_at)
             select incident_id, $2, 'bench-reminders', now() + interval '1 day', now() from ch order by incident_id`,
      params: [n, BENCH_REMINDER_KEY, first],
    });
  }
}

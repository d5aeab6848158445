import { apiCall, pool, type BenchContext } from '../lib/context.js';

/** How many bulk incidents mention "checkout" (1%): the q search finds a realistic handful among many. */
export const SEARCH_WORD = 'checkout';

/**
 * Seeds what the read scenarios need. A sample of incidents and every timeline entry of the doc
 * incident go through the real API (validation, transactions, outbox, timeline); the bulk of the
 * 100,000 incidents is inserted with generate_series through the app's own driver, because
 * declaring 100k incidents one by one would take most of the time budget. The output says which.
 */
export async function seedIncidents(ctx: BenchContext): Promise<void> {
  const { opts, app } = ctx;
  let t = performance.now();
  const ids: number[] = [];
  await pool(opts.apiIncidents, 8, async (i) => {
    const created = await apiCall<{ id: number }>(ctx, 'POST', '/api/v1/incidents', {
      report: i % 10 === 0 ? `Checkout API returning 500s (${i})` : `Bench incident ${i} declared through the API`,
      summary: 'Seeded by npm run bench through POST /api/v1/incidents',
      severity: (['critical', 'major', 'minor', 'trivial'] as const)[i % 4],
    });
    ids.push(created.id);
  });
  ctx.seeded.sampleIncidentIds = ids;
  ctx.seeding.push(`${opts.apiIncidents} incidents through POST /api/v1/incidents (${Math.round(opts.apiIncidents / ((performance.now() - t) / 1000))}/s)`);

  t = performance.now();
  await app.request({ cmd: 'sql', text: `insert into users (slack_id, display_name, full_name) select 'UBENCH' || g, 'bench' || g, 'Bench User ' || g from generate_series(1, 200) g on conflict do nothing` });
  const [{ base }] = await app.request<{ base: number }[]>({ cmd: 'sql', text: `select min(id)::int as base from users where slack_id like 'UBENCH%'` }) as [{ base: number }];
  const bulk = opts.incidents - opts.apiIncidents;
  const chunk = 20_000;
  for (let from = 1; from <= bulk; from += chunk) {
    const to = Math.min(bulk, from + chunk - 1);
    // Older than anything declared through the API, one a minute back in time, 1% open, 1% private.
    await app.request({
      cmd: 'sql',
      text: `insert into incidents (report, summary, severity, status, private, reporter_id, lead_id, report_time, start_time, end_time, created_at, updated_at)
        select case when g % 100 = 7 then 'Checkout API returning 500s' else (array['Database failover','Login latency','Payments delayed','Search index stale','CDN errors','Queue backlog','Mobile app crash'])[1 + g % 7] end || ' #' || g,
               'Bulk-seeded incident ' || g,
               (array['critical','major','minor','trivial'])[1 + g % 4],
               case when g % 100 = 0 then 'investigating' else 'resolved' end,
               g % 100 = 50,
               $1::int + g % 200, $1::int + (g * 7) % 200,
               now() - interval '1 day' - g * interval '1 minute', now() - interval '1 day' - g * interval '1 minute',
               case when g % 100 = 0 then null else now() - interval '1 day' - g * interval '1 minute' + interval '2 hours' end,
               now(), now()
        from generate_series($2::int, $3::int) g`,
      params: [base, from, to],
    });
  }
  await app.request({
    cmd: 'sql',
    text: `insert into comms_channels (incident_id, channel_id, channel_name) select i.id, 'CB' || i.id, 'inc-' || i.id from incidents i where not exists (select 1 from comms_channels c where c.incident_id = i.id)`,
  });
  await app.request({ cmd: 'sql', text: 'analyze' });
  ctx.seeding.push(`${bulk.toLocaleString('en-US')} incidents (+ users, comms channels) bulk-inserted with SQL generate_series in ${((performance.now() - t) / 1000).toFixed(1)} s, for speed`);
}

export async function seedDocTimeline(ctx: BenchContext): Promise<void> {
  const { opts } = ctx;
  const doc = await apiCall<{ id: number }>(ctx, 'POST', '/api/v1/incidents', { report: 'Doc benchmark: a long major incident', severity: 'major' });
  ctx.seeded.docIncidentId = doc.id;
  const start = Date.now() - opts.timelineEntries * 60_000;
  const t = performance.now();
  await pool(opts.timelineEntries, 8, async (i) => {
    await apiCall(ctx, 'POST', `/api/v1/incidents/${doc.id}/timeline`, {
      text: `Update ${i}: investigating the *checkout* path, see <https://status.example.com|status page>`,
      timestamp: new Date(start + i * 60_000).toISOString(),
    });
  });
  await ctx.app.request({ cmd: 'sql', text: 'analyze timeline_events' });
  ctx.seeding.push(`${opts.timelineEntries.toLocaleString('en-US')} timeline entries through POST /api/v1/incidents/:id/timeline (${Math.round(opts.timelineEntries / ((performance.now() - t) / 1000))}/s)`);
}

/**
 * The storm (issue #20, bench/README.md "Storm"): 50 people declare with /incident within a minute,
 * against a Slack that enforces its documented rate limits, with AUTO_CREATE_CHANNEL on, on two
 * replicas behind a round-robin balancer (one on the embedded database, which one process owns).
 * Measured per incident: submission → headline, submission → channel with its invites; for the run:
 * first submission → last incident complete, beside the floor Slack's limits imply for the same
 * work (computed by the emulator from the limits it enforced in this run), and the 429s Slack answered.
 * Then the same with a 30 s Slack outage in the middle.
 */
import { randomBytes } from 'node:crypto';
import type { BenchContext } from '../lib/context.js';
import { freshBenchDatabase } from '../lib/databases.js';
import { startResponse, startStormEmulator, type ResponseProcess } from '../lib/processes.js';
import { startRoundRobinProxy } from '../lib/round-robin-proxy.js';
import type { Row } from '../lib/report.js';
import { percentile } from '../lib/stats.js';
import { stormPeople, stormTitle } from '../lib/storm-workspace.js';
import type { StormCall } from '../storm-emulator-child.js';

const BOT_TOKEN = 'xoxb-bench-storm';
const INCIDENTS_CHANNEL = 'C0INCIDENTS';

interface StormSize {
  declarations: number;
  /** Submissions are spread evenly over this window (the slash command of the last starts at its end). */
  spreadMs: number;
  /** Slack's clock runs this many times faster (refills, retry waits): 1 is Slack's own. */
  speedUp: number;
  outageMs: number;
  /** Give up waiting for incidents to complete after this long past the last submission. */
  timeoutMs: number;
}

const FULL: StormSize = { declarations: 50, spreadMs: 55_000, speedUp: 1, outageMs: 30_000, timeoutMs: 15 * 60_000 };
// Seconds: six declarations, Slack's refills 20× faster (its bursts stay), a 2 s outage.
const QUICK: StormSize = { declarations: 6, spreadMs: 2_000, speedUp: 20, outageMs: 2_000, timeoutMs: 120_000 };

interface Declared {
  n: number;
  user: string;
  submittedAt: number;
  attempts: number;
}

interface RateLimitedCounts {
  total: number;
  byMethod: Record<string, { count: number; at: number[] }>;
}

export async function stormScenarios(ctx: BenchContext): Promise<void> {
  await stormRow(ctx, { id: 'storm.declarations', scenario: 'storm: /incident declarations', outage: false });
  await stormRow(ctx, { id: 'storm.outage', scenario: 'storm with a Slack outage', outage: true });
}

const secs = (ms: number) => (ms / 1000).toFixed(ms < 10_000 ? 2 : 1);
const spread = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.length ? (sorted[sorted.length - 1] as number) : Number.NaN };
};

async function stormRow(ctx: BenchContext, spec: { id: string; scenario: string; outage: boolean }): Promise<void> {
  const size = ctx.opts.quick ? QUICK : FULL;
  const n = size.declarations;
  ctx.log(`${spec.scenario}: ${n} declarations over ${secs(size.spreadMs)} s …`);
  const stoppers: (() => Promise<void>)[] = [];
  const row: Row = {
    id: spec.id,
    scenario: `${spec.scenario}, ${n} in ${Math.round(size.spreadMs / 1000) || 1} s`,
    figures: null,
    baselineName: `floor: Slack's limits${spec.outage ? ` + ${secs(size.outageMs)} s outage` : ''}`,
    baseline: null,
    ratio: null,
    ratioKind: 'value',
    target: 'all complete, none lost/doubled, ≤ 1.2× floor, ≤ 1 429/method/min',
    met: null,
    status: 'ok',
    unit: 'ms',
  };
  try {
    // Its own database and its own Slack: the main app's outbox must not pick up the storm's work.
    const database = await freshBenchDatabase(ctx.opts.databaseUrl);
    stoppers.push(database.drop);
    const signingSecret = randomBytes(16).toString('hex');
    const slack = await startStormEmulator({
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      STORM_PEOPLE: String(n),
      STORM_SPEED_UP: String(size.speedUp),
    });
    stoppers.push(slack.stop);
    const replicaCount = database.kind === 'postgres' ? 2 : 1;
    const env = {
      ...database.env,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: slack.ready.apiUrl as string,
      INCIDENT_CHANNEL: 'incidents',
      AUTO_CREATE_CHANNEL: 'true',
      OUTBOX_POLL_MS: '200',
      SLACK_REPLICAS: String(replicaCount),
      // Before/after figures for Response's own pacing (SLACK_PACING=off npm run bench -- --only storm).
      ...(process.env.SLACK_PACING ? { SLACK_PACING: process.env.SLACK_PACING } : {}),
    };
    const replicas: ResponseProcess[] = [];
    // One after the other: the first runs the migrations.
    for (let i = 0; i < replicaCount; i++) {
      const r = await startResponse(env);
      stoppers.push(r.stop);
      replicas.push(r);
    }
    const proxy = await startRoundRobinProxy(replicas.map((r) => r.baseUrl));
    stoppers.push(proxy.stop);
    await slack.request({ cmd: 'setAppUrl', url: `${proxy.url}/slack/events` });

    // The declarations: person i starts /incident at i × gap, waits for the modal, submits it.
    const people = stormPeople(n);
    const gap = n > 1 ? size.spreadMs / (n - 1) : 0;
    const outageAfter = Math.ceil(n / 2);
    let submitted = 0;
    let outageAt: number | null = null;
    const t0 = performance.now();
    const declared = await Promise.all(
      people.map(async (user, i): Promise<Declared> => {
        await new Promise((r) => setTimeout(r, Math.max(0, i * gap - (performance.now() - t0))));
        const d = await slack.request<{ submittedAt: number; attempts: number }>({ cmd: 'declare', user, title: stormTitle(i + 1), modalWaitMs: 15_000 });
        submitted += 1;
        if (spec.outage && submitted === outageAfter) {
          outageAt = await slack.request<number>({ cmd: 'outage', forMs: size.outageMs });
          ctx.log(`  Slack outage for ${secs(size.outageMs)} s after ${submitted} submissions`);
        }
        return { n: i + 1, user, submittedAt: d.submittedAt, attempts: d.attempts };
      }),
    );
    const firstSubmit = Math.min(...declared.map((d) => d.submittedAt));
    const lastSubmit = Math.max(...declared.map((d) => d.submittedAt));
    ctx.log(`  ${n} submitted in ${secs(lastSubmit - firstSubmit)} s; waiting for headlines, channels and invites`);

    // Until every incident is complete (or the time is up); then until Response is idle, so a late double shows.
    // Gives up early when nothing has completed for a while and Response has no work left (nothing
    // pending in its outbox): what is missing by then is lost, not slow.
    const deadline = Date.now() + size.timeoutMs;
    const stallMs = ctx.opts.quick ? 10_000 : 120_000;
    let outcome = await measure(slack, declared);
    let lastProgress = Date.now();
    let stalled = false;
    while (outcome.complete < n && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, ctx.opts.quick ? 200 : 1000));
      const before = outcome.complete;
      outcome = await measure(slack, declared);
      if (outcome.complete !== before) lastProgress = Date.now();
      else if (Date.now() - lastProgress > stallMs) {
        const [pending] = await replicas[0]!.request<{ n: number }[]>({
          cmd: 'sql',
          text: 'select count(*)::int as n from outbox where done_at is null and failed_at is null',
        });
        if (pending?.n === 0) {
          stalled = true;
          break;
        }
      }
    }
    if (stalled) ctx.log(`  no progress for ${secs(stallMs)} s and nothing left in Response's outbox: stopped waiting`);
    await Promise.all(replicas.map((r) => r.request({ cmd: 'idle', timeoutMs: 30_000 }).catch(() => undefined)));
    await new Promise((r) => setTimeout(r, ctx.opts.quick ? 300 : 2000));
    outcome = await measure(slack, declared);
    const [{ incidents } = { incidents: -1 }] = await replicas[0]!.request<{ incidents: number }[]>({
      cmd: 'sql',
      text: 'select count(*)::int as incidents from incidents',
    });

    // The floor for the work the storm needs, from the limits the emulator enforced in this run.
    const workload = [
      { method: 'views.open', calls: n },
      { method: 'chat.postMessage', calls: n, channel: INCIDENTS_CHANNEL },
      { method: 'conversations.create', calls: n },
      // At least one invite call per channel (the declarer), however many people one call invites.
      { method: 'conversations.invite', calls: n },
      ...outcome.channels.filter((c): c is string => !!c).map((channel) => ({ method: 'chat.postMessage', calls: 1, channel })),
    ];
    const limitsFloor = await slack.request<number>({ cmd: 'floor', workload });
    const submissionSpan = lastSubmit - firstSubmit;
    // An outage stops every call for its length (the buckets refill meanwhile, so this is generous to
    // Response); the submissions it held back are already later, so their span isn't extended again.
    const floorMs = Math.max(limitsFloor + (spec.outage ? size.outageMs : 0), submissionSpan);
    const limited = await slack.request<RateLimitedCounts>({ cmd: 'rateLimited' });
    const totalMs = (outcome.lastCompleteAt ?? Date.now()) - firstSubmit;
    const minutes = Math.max(1, Math.ceil(totalMs / (60_000 / size.speedUp)));
    const over429 = Object.entries(limited.byMethod).filter(([, v]) => v.count > minutes);
    const headline = spread(outcome.toHeadline);
    const channel = spread(outcome.toChannel);
    const ratio = floorMs > 0 ? totalMs / floorMs : null;

    const problems = [...outcome.problems];
    if (incidents !== n) problems.push(`${incidents} incidents in the database for ${n} declarations`);
    const allComplete = outcome.complete === n;
    const intact = problems.length === 0;
    const withinFloor = ratio !== null && ratio <= 1.2;
    const few429 = over429.length === 0;
    const misses = [
      ...(allComplete ? [] : [`${n - outcome.complete} of ${n} incomplete`]),
      ...(intact ? [] : ['lost or doubled']),
      ...(withinFloor ? [] : [`${ratio?.toFixed(2)}× floor > 1.2×`]),
      ...(few429 ? [] : [`429s over ${minutes}/method: ${over429.map(([m, v]) => `${m} ${v.count}`).join(', ')}`]),
    ];
    const byMethod =
      Object.entries(limited.byMethod)
        .map(([m, v]) => `${m} ${v.count}`)
        .join(', ') || 'none';
    const failed503 = outcome.status503;
    row.figures = { p50: totalMs, p99: totalMs, rps: 0, count: n, errors: n - outcome.complete };
    row.baseline = { p50: floorMs, p99: floorMs, rps: 0, count: n, errors: 0 };
    row.ratio = ratio;
    row.met = misses.length === 0;
    row.note = [
      `targets: ${misses.length === 0 ? 'PASS' : `FAIL (${misses.join('; ')})`}`,
      replicaCount === 2
        ? '2 replicas behind a round-robin proxy on PostgreSQL'
        : 'ONE replica: the embedded database is owned by one process (run with DATABASE_URL for two)',
      `${outcome.complete}/${n} complete`,
      `submit → headline p50/p95/max ${secs(headline.p50)}/${secs(headline.p95)}/${secs(headline.max)} s`,
      `submit → channel with invites p50/p95/max ${secs(channel.p50)}/${secs(channel.p95)}/${secs(channel.max)} s`,
      `429s ${limited.total} (${byMethod})`,
      ...(spec.outage ? [`503s during the outage ${failed503}${outageAt === null ? '; the outage never started' : ''}`] : []),
      `floor ${secs(floorMs)} s = max(limits ${secs(limitsFloor)} s${spec.outage ? ` + outage ${secs(size.outageMs)} s` : ''}, submissions ${secs(submissionSpan)} s)`,
      ...(size.speedUp !== 1 ? [`Slack's clock ${size.speedUp}× faster`] : []),
      ...(declared.some((d) => d.attempts > 1)
        ? [`${declared.filter((d) => d.attempts > 1).length} declarers ran /incident again (the modal didn't open)`]
        : []),
      ...(stalled ? [`stopped waiting after ${secs(stallMs)} s without progress and Response's outbox empty`] : []),
      intact ? 'nothing lost or doubled' : `FAILURE: ${problems.slice(0, 6).join('; ')}${problems.length > 6 ? ` (+${problems.length - 6} more)` : ''}`,
    ].join('; ');
    row.details = {
      declarations: n,
      replicas: replicaCount,
      speedUp: size.speedUp,
      complete: outcome.complete,
      totalMs,
      floorMs,
      limitsFloorMs: limitsFloor,
      submissionSpanMs: submissionSpan,
      outageMs: spec.outage ? size.outageMs : 0,
      submitToHeadlineMs: headline,
      submitToChannelWithInvitesMs: channel,
      rateLimited: Object.fromEntries(Object.entries(limited.byMethod).map(([m, v]) => [m, v.count])),
      status503: failed503,
      problems,
      proxied: proxy.counts(),
      targets: { allComplete, intact, withinFloor, few429 },
    };
    ctx.log(`  ${row.note}`);
  } catch (err) {
    row.status = 'error';
    row.note = err instanceof Error ? (err.message.split('\n')[0] ?? err.message) : String(err);
    ctx.log(`  error: ${row.note}`);
  } finally {
    for (const stop of stoppers.reverse()) await stop().catch(() => undefined);
  }
  ctx.rows.push(row);
}

/**
 * Reads the storm's progress from what Slack saw. Per declaration n (its title names `Storm 00n`):
 * - headline: the first successful chat.postMessage in #incidents naming it;
 * - channel with invites: its successful conversations.create and, after it, the first successful
 *   conversations.invite into that channel that names the declarer (the person Response invites at
 *   declaration: the reporter; the modal is submitted as it opens, so no other role holder), at the later of the two.
 * Complete: both. Lost or doubled: a headline, channel or welcome message posted other than once, or
 * the declarer not a member of the channel at the end.
 */
async function measure(slack: Awaited<ReturnType<typeof startStormEmulator>>, declared: Declared[]) {
  const calls = await slack.request<StormCall[]>({ cmd: 'stormCalls' });
  const ok = calls.filter((c) => c.ok);
  const status503 = calls.filter((c) => c.status === 503).length;
  const channelIds = new Map<number, string>();
  const creates = new Map<number, StormCall[]>();
  for (const c of ok) if (c.method === 'conversations.create' && c.storm !== undefined) creates.set(c.storm, [...(creates.get(c.storm) ?? []), c]);
  for (const [k, list] of creates) if (list[0]?.createdId) channelIds.set(k, list[0].createdId);
  const members = channelIds.size ? await slack.request<Record<string, string[]>>({ cmd: 'members', channels: [...channelIds.values()] }) : {};
  const toHeadline: number[] = [];
  const toChannel: number[] = [];
  const problems: string[] = [];
  let complete = 0;
  let lastCompleteAt: number | null = null;
  for (const d of declared) {
    const headlines = ok.filter((c) => c.method === 'chat.postMessage' && (c.channel === INCIDENTS_CHANNEL || c.channel === 'incidents') && c.storm === d.n);
    const created = creates.get(d.n) ?? [];
    const channelId = channelIds.get(d.n);
    const invite = channelId
      ? ok.find((c) => c.method === 'conversations.invite' && c.channel === channelId && (c.users ?? '').split(',').includes(d.user))
      : undefined;
    const welcomes = channelId ? ok.filter((c) => c.method === 'chat.postMessage' && c.channel === channelId && c.storm === d.n) : [];
    const isMember = channelId ? (members[channelId] ?? []).includes(d.user) : false;
    if (headlines.length > 1) problems.push(`Storm ${d.n}: ${headlines.length} headlines`);
    if (created.length > 1) problems.push(`Storm ${d.n}: ${created.length} channels`);
    if (welcomes.length > 1) problems.push(`Storm ${d.n}: ${welcomes.length} welcome messages`);
    const headlineAt = headlines[0]?.at;
    const channelAt = created[0] && invite && isMember ? Math.max(created[0].at, invite.at) : undefined;
    if (headlineAt !== undefined) toHeadline.push(headlineAt - d.submittedAt);
    if (channelAt !== undefined) toChannel.push(channelAt - d.submittedAt);
    if (headlineAt !== undefined && channelAt !== undefined) {
      complete += 1;
      const at = Math.max(headlineAt, channelAt);
      lastCompleteAt = lastCompleteAt === null ? at : Math.max(lastCompleteAt, at);
    } else {
      problems.push(
        `Storm ${d.n}: ${headlineAt === undefined ? 'no headline' : ''}${headlineAt === undefined && channelAt === undefined ? ', ' : ''}${!created[0] ? 'no channel' : channelAt === undefined ? `declarer not invited${inviteFailure(calls, channelId)}` : ''}`,
      );
    }
    if (channelId && welcomes.length === 0) problems.push(`Storm ${d.n}: no welcome message`);
  }
  return { complete, lastCompleteAt, toHeadline, toChannel, problems, status503, channels: [...channelIds.values()] };
}

/** Why a channel's invite didn't land, as Slack answered it: ` (conversations.invite: 503 service_unavailable ×1)`. */
function inviteFailure(calls: StormCall[], channelId: string | undefined): string {
  const failed = calls.filter((c) => c.method === 'conversations.invite' && c.channel === channelId && !c.ok);
  if (failed.length === 0) return ' (no conversations.invite call)';
  const last = failed[failed.length - 1] as StormCall;
  return ` (conversations.invite failed ${failed.length}×, last ${last.status} ${last.error ?? ''})`;
}

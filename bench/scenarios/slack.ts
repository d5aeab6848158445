import { randomBytes } from 'node:crypto';
import { compare } from '../lib/compare.js';
import { apiCall, type BenchContext } from '../lib/context.js';
import { httpLoad } from '../lib/load.js';
import { startEmulator, type EmulatorProcess } from '../lib/processes.js';
import type { Figures } from '../lib/stats.js';
import { slackHeaders } from '../lib/slack-sign.js';
import { BENCH_COMMS_CHANNEL, RESPONDERS } from '../lib/slack-workspace.js';

export interface SlackSetup {
  env: Record<string, string>;
  signingSecret: string;
  emulator: EmulatorProcess;
  note?: string;
  stop(): Promise<void>;
}

const BOT_TOKEN = 'xoxb-bench-token';

/** Starts the Slack emulator and returns the settings that point Response's Web API calls at it. */
export async function startSlack(sweepMax: number): Promise<SlackSetup> {
  const signingSecret = randomBytes(16).toString('hex');
  const emulator = await startEmulator({ SLACK_SIGNING_SECRET: signingSecret, SLACK_BOT_TOKEN: BOT_TOKEN, BENCH_SWEEP_MAX: String(sweepMax) });
  return {
    env: { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: signingSecret, SLACK_API_URL: emulator.ready.apiUrl as string, INCIDENT_CHANNEL: 'incidents' },
    signingSecret,
    emulator,
    note: `Slack: requests signed here (v0 HMAC) and POSTed to /slack/events; Response's Web API calls go to the Slack emulator (packages/slack-emulator) in its own process`,
    stop: () => emulator.stop(),
  };
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

/** Trigger ids minted by the emulator, used round-robin (views.open accepts each once). */
async function triggers(slack: SlackSetup, user: string, count: number): Promise<() => string> {
  const ids = await slack.emulator.request<string[]>({ cmd: 'mint', user, count });
  let i = 0;
  return () => ids[i++ % ids.length] as string;
}

/**
 * Acks come first and the work after (views.open, handlers, outbox): wait for that work to finish
 * before the next measurement, so one scenario's backlog isn't the next one's load, and report how
 * long it took to drain.
 */
async function thenDrain<T>(ctx: BenchContext, measure: Promise<T>, drains: string[]): Promise<T> {
  const result = await measure;
  const idle = await ctx.app.request<{ drained: boolean; ms: number }>({ cmd: 'idle', timeoutMs: 180_000 });
  drains.push(
    idle.drained ? `work after the acks drained ${(idle.ms / 1000).toFixed(1)} s after the load` : 'work after the acks had NOT drained 180 s after the load',
  );
  return result;
}

function noteLast(ctx: BenchContext, notes: string[]): void {
  const last = ctx.rows[ctx.rows.length - 1];
  if (last && notes.length) last.note = [last.note, ...notes].filter(Boolean).join('; ');
  notes.length = 0;
}

export async function slackScenarios(
  ctx: BenchContext,
  slack: SlackSetup,
  parts: { acks: boolean; events: boolean } = { acks: true, events: true },
): Promise<void> {
  const { app, baseline, opts } = ctx;
  const drains: string[] = [];
  const secret = slack.signingSecret;
  const emu = slack.emulator.baseUrl;
  const ackTarget = (c: number) => (c === 64 ? 'p99 ≤ 2× bare, < 50 ms' : 'p99 ≤ 2× bare');
  const ackMet = (c: number) => (f: Figures, _b: Figures, ratio: number | null) => ratio !== null && ratio <= 2 && (c !== 64 || f.p99 < 50);
  // Enough trigger ids for the fastest plausible ack rate; beyond that they are reused (and views.open refuses them).
  const triggerBudget = (c: number) => Math.min(60_000, Math.ceil((opts.seconds + opts.warmupSeconds) * (c === 1 ? 1_500 : 4_000)));

  // /incident: Response acks, then opens the report modal with the trigger id (views.open, in the emulator).
  for (const c of parts.acks ? opts.ackConcurrency : []) {
    const trigger = await triggers(slack, 'U0ALICE', triggerBudget(c));
    const slash = () => {
      const body = form({
        token: 'Jhj5dZrVaK7ZwHHjRyZWjbDl',
        team_id: 'T0TEAM',
        team_domain: 'acme',
        channel_id: 'C0INCIDENTS',
        channel_name: 'incidents',
        user_id: 'U0ALICE',
        user_name: 'alice',
        command: '/incident',
        text: 'Checkout API returning 500s',
        api_app_id: 'A0APP',
        is_enterprise_install: 'false',
        response_url: `${emu}/response/bench`,
        trigger_id: trigger(),
      });
      return { headers: slackHeaders(secret, body, 'application/x-www-form-urlencoded'), body };
    };
    await compare(
      ctx,
      { id: `slack.incident.c${c}`, scenario: `/incident ack, ${c} concurrent`, baselineName: 'bare route: verify + insert', target: ackTarget(c) },
      () =>
        thenDrain(
          ctx,
          httpLoad({
            url: `${app.baseUrl}/slack/events`,
            method: 'POST',
            next: slash,
            connections: c,
            seconds: opts.seconds,
            warmupSeconds: opts.warmupSeconds,
          }),
          drains,
        ),
      () =>
        httpLoad({
          url: `${baseline.baseUrl}/slack/events`,
          method: 'POST',
          next: slash,
          connections: c,
          seconds: opts.seconds,
          warmupSeconds: opts.warmupSeconds,
        }),
      ackMet(c),
    );
    noteLast(ctx, drains);
  }

  // The floor for the work /incident can't skip: a bare route that verifies, acks, then opens the
  // same modal through the official SDK (views.open, same emulator, same cores). Measured, no target:
  // it says how much of the ack's distance from the bare route is that call's own cost here.
  for (const c of parts.acks ? opts.ackConcurrency.filter((n) => n > 1) : []) {
    const trigger = await triggers(slack, 'U0ALICE', triggerBudget(c));
    const slash = () => {
      const body = form({ command: '/incident', text: 'Checkout API returning 500s', user_id: 'U0ALICE', channel_id: 'C0INCIDENTS', trigger_id: trigger() });
      return { headers: slackHeaders(secret, body, 'application/x-www-form-urlencoded'), body };
    };
    const load = (url: string) => () => httpLoad({ url, method: 'POST', next: slash, connections: c, seconds: opts.seconds, warmupSeconds: opts.warmupSeconds });
    await compare(
      ctx,
      { id: `slack.modal_floor.c${c}`, scenario: `floor: verify, ack, views.open (SDK), ${c} conc.`, baselineName: 'bare route: verify + insert', target: 'measured' },
      async () => {
        const figures = await load(`${ctx.modalFloor.baseUrl}/slack/modal-floor`)();
        const done = await ctx.modalFloor.request<{ ok: number; failed: number; ms: number }>({ cmd: 'modalFloorIdle' });
        drains.push(`views.open after the acks: ${done.ok} ok, ${done.failed} failed, drained ${(done.ms / 1000).toFixed(1)} s after the load`);
        return figures;
      },
      load(`${baseline.baseUrl}/slack/events`),
      () => null,
    );
    noteLast(ctx, drains);
  }

  // The comms channel the button presses and message events happen in: an incident declared through the API, its channel attached by the core verb.
  const incident = await apiCall<{ id: number }>(ctx, 'POST', '/api/v1/incidents', { report: 'Slack benchmark incident', severity: 'major' });
  await app.request({ cmd: 'attachChannel', incidentId: incident.id, channelId: BENCH_COMMS_CHANNEL.id, channelName: BENCH_COMMS_CHANNEL.name });

  // A press of the headline's "Edit" button: acked at once, then the edit modal opens (views.open).
  const pressTrigger = await triggers(slack, 'U0BOB', triggerBudget(16));
  let press = 0;
  const blockAction = () => {
    press += 1;
    const ts = `${Math.floor(Date.now() / 1000)}.${String(press).padStart(6, '0')}`;
    const payload = {
      type: 'block_actions',
      user: { id: 'U0BOB', username: 'bob', name: 'bob', team_id: 'T0TEAM' },
      api_app_id: 'A0APP',
      token: 'Jhj5dZrVaK7ZwHHjRyZWjbDl',
      container: { type: 'message', message_ts: '1732350030.000300', channel_id: BENCH_COMMS_CHANNEL.id, is_ephemeral: false },
      trigger_id: pressTrigger(),
      team: { id: 'T0TEAM', domain: 'acme' },
      channel: { id: BENCH_COMMS_CHANNEL.id, name: BENCH_COMMS_CHANNEL.name },
      message: { type: 'message', user: 'U0BOT', bot_id: 'B0BOT', ts: '1732350030.000300', text: 'Incident headline' },
      state: { values: {} },
      response_url: `${emu}/response/bench`,
      actions: [
        {
          action_id: 'edit-incident-button',
          block_id: 'incident_actions',
          type: 'button',
          text: { type: 'plain_text', text: 'Edit' },
          value: String(incident.id),
          action_ts: ts,
        },
      ],
    };
    const body = form({ payload: JSON.stringify(payload) });
    return { headers: slackHeaders(secret, body, 'application/x-www-form-urlencoded'), body };
  };
  if (parts.acks)
    await compare(
      ctx,
      { id: 'slack.block_action', scenario: 'block action ack, 16 concurrent', baselineName: 'bare route: verify + insert', target: 'p99 ≤ 2× bare' },
      () =>
        thenDrain(
          ctx,
          httpLoad({
            url: `${app.baseUrl}/slack/events`,
            method: 'POST',
            next: blockAction,
            connections: 16,
            seconds: opts.seconds,
            warmupSeconds: opts.warmupSeconds,
          }),
          drains,
        ),
      () =>
        httpLoad({
          url: `${baseline.baseUrl}/slack/events`,
          method: 'POST',
          next: blockAction,
          connections: 16,
          seconds: opts.seconds,
          warmupSeconds: opts.warmupSeconds,
        }),
      ackMet(16),
    );
  noteLast(ctx, drains);

  await messageEvents(ctx, slack, incident.id);
}

/**
 * Message events in the comms channel, 20 keyword handlers registered, one message in ten
 * matching one. Acking is not enough: the rate is events whose participant count has landed in
 * the database (every event processed) per second, from the first request to the last count.
 */
async function messageEvents(ctx: BenchContext, slack: SlackSetup, incidentId: number): Promise<void> {
  const { app, opts } = ctx;
  let n = 0;
  const run = randomBytes(3).toString('hex');
  const event = () => {
    n += 1;
    const user = RESPONDERS[n % RESPONDERS.length] as string;
    const now = Date.now();
    const ts = `${Math.floor(now / 1000)}.${String(n % 1_000_000).padStart(6, '0')}`;
    const text = n % 10 === 0 ? `Rolled back the deploy, benchword${n % 20} looks healthy again` : `Still seeing errors on the dashboards (${n})`;
    const body = JSON.stringify({
      token: 'Jhj5dZrVaK7ZwHHjRyZWjbDl',
      team_id: 'T0TEAM',
      api_app_id: 'A0APP',
      event: { type: 'message', user, text, ts, team: 'T0TEAM', channel: BENCH_COMMS_CHANNEL.id, event_ts: ts, channel_type: 'channel' },
      type: 'event_callback',
      event_id: `Ev${run}${String(n).padStart(8, '0')}`,
      event_time: Math.floor(now / 1000),
      authorizations: [{ enterprise_id: null, team_id: 'T0TEAM', user_id: 'U0BOT', is_bot: true, is_enterprise_install: false }],
      is_ext_shared_channel: false,
      event_context: `4-bench-${n}`,
    });
    return { headers: slackHeaders(slack.signingSecret, body, 'application/json'), body };
  };
  const counted = async () =>
    (
      await app.request<{ n: number }[]>({
        cmd: 'sql',
        text: 'select coalesce(sum(message_count), 0)::int as n from participants where incident_id = $1',
        params: [incidentId],
      })
    )[0]?.n ?? 0;
  // Until the target is reached and the count has settled (autocannon stops with requests in flight).
  const waitFor = async (target: number, timeoutMs: number) => {
    const deadline = performance.now() + timeoutMs;
    let seen = await counted();
    let settledAt = -1;
    while (performance.now() < deadline) {
      await new Promise((r) => setTimeout(r, 25));
      const now = await counted();
      if (now >= target && now === seen) {
        if (settledAt < 0) settledAt = performance.now();
        if (performance.now() - settledAt > 100) break;
      } else settledAt = -1;
      seen = now;
    }
    return seen;
  };
  const raw = () =>
    app.request<Figures>({
      cmd: 'sqlLoad',
      text: 'insert into bench_floor_inserts (body) values ($1)',
      params: ['a message event, as a row'],
      connections: 16,
      seconds: opts.seconds,
      warmupSeconds: opts.warmupSeconds,
    });
  await app.request({
    cmd: 'sql',
    text: 'create table if not exists bench_floor_inserts (id bigserial primary key, body text not null, at timestamptz not null default now())',
  });

  await compare(
    ctx,
    {
      id: 'slack.message_events',
      scenario: 'message events, 20 keyword handlers',
      baselineName: 'raw single-row inserts',
      target: '≥ 1,000 processed/s (PostgreSQL)',
      ratioKind: 'throughput',
    },
    async () => {
      // Warm-up: every responder seen once (their profiles fetched), JIT warm.
      const before = await counted();
      const warm = await httpLoad({
        url: `${app.baseUrl}/slack/events`,
        method: 'POST',
        next: event,
        connections: 8,
        seconds: Math.max(0.3, opts.warmupSeconds),
      });
      await waitFor(before + warm.count, 30_000);
      const start = await counted();
      const t0 = performance.now();
      const load = await httpLoad({ url: `${app.baseUrl}/slack/events`, method: 'POST', next: event, connections: 32, seconds: opts.seconds });
      const done = await waitFor(start + load.count, 60_000);
      const seconds = (performance.now() - t0) / 1000;
      const processed = done - start;
      const info = await app.request<{ keywordHits: number }>({ cmd: 'info' });
      ctx.log(`  ${load.count} acked, ${processed} processed in ${seconds.toFixed(1)} s; ${info.keywordHits} keyword handler runs so far`);
      if (processed < load.count) throw new Error(`only ${processed} of ${load.count} acked events were processed within 60 s`);
      return { ...load, rps: processed / seconds, errors: load.errors };
    },
    raw,
    (f, _b) => (ctx.app.ready.databaseKind === 'postgres' ? f.rps >= 1000 : null),
  );
  const last = ctx.rows[ctx.rows.length - 1];
  if (last && last.status === 'ok') last.note = 'p50/p99: ack latency; ops/s: events processed (participants counted) per second, first request to last count';
}

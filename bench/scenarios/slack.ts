import { randomBytes } from 'node:crypto';
import { compare, pendingRow } from '../lib/compare.js';
import type { BenchContext } from '../lib/context.js';
import type { Figures } from '../lib/stats.js';

export interface SlackSetup {
  env: Record<string, string>;
  signingSecret: string;
  note?: string;
  stop(): Promise<void>;
}

/** Slack settings for Response; the emulator is started here once it has landed. */
export async function SLACK_ENV(): Promise<SlackSetup> {
  const signingSecret = randomBytes(16).toString('hex');
  return { env: {}, signingSecret, stop: async () => {} };
}

export async function slackScenarios(ctx: BenchContext, _slack: SlackSetup): Promise<void> {
  const { app, opts } = ctx;
  const hasEdge = await app.request<boolean>({ cmd: 'hasRoute', method: 'POST', url: '/slack/events' });
  const ackTarget = (c: number) => (c === 64 ? 'p99 ≤ 2× bare, < 50 ms' : 'p99 ≤ 2× bare');
  if (!hasEdge) {
    for (const c of opts.ackConcurrency) pendingRow(ctx, { id: `slack.incident.c${c}`, scenario: `/incident ack, ${c} concurrent`, baselineName: 'bare route: verify + insert', target: ackTarget(c), note: 'POST /slack/events has not landed' });
    pendingRow(ctx, { id: 'slack.block_action', scenario: 'block action ack, 16 concurrent', baselineName: 'bare route: verify + insert', target: 'p99 ≤ 2× bare', note: 'POST /slack/events has not landed' });
  }
  const insertFloor = () =>
    app.request<Figures>({ cmd: 'sqlLoad', text: 'insert into bench_floor_inserts (body) values ($1)', params: ['a message event, as a row'], connections: 16, seconds: opts.seconds, warmupSeconds: opts.warmupSeconds });
  await app.request({ cmd: 'sql', text: 'create table if not exists bench_floor_inserts (id bigserial primary key, body text not null, at timestamptz not null default now())' });
  if (!hasEdge) {
    const floor = await insertFloor();
    ctx.rows.push({ id: 'slack.message_events', scenario: 'message events, 20 keyword handlers', baselineName: 'raw single-row inserts', figures: null, baseline: floor, ratio: null, ratioKind: 'throughput', target: '≥ 1,000 processed/s (PostgreSQL)', met: null, status: 'pending', note: 'POST /slack/events has not landed; the baseline is measured' });
    return;
  }
  void compare;
}

/**
 * The floor for a Slack ack: a bare Fastify route on its own port that reads the raw body,
 * verifies the v0 signature exactly as Slack specifies, inserts one row through the same driver
 * Response uses (pg for PostgreSQL, PGlite embedded) and answers 200. No plugins, validation,
 * transactions, logging or routing beyond that: anything Response spends on top shows as the ratio.
 *
 * With SLACK_API_URL set it also serves the floor for the work `/incident` can't skip
 * (POST /slack/modal-floor): verify, ack, then open the same report modal with views.open through
 * the official SDK, as Response does, with at most as many calls in flight as Response's receiver
 * allows. It shows how much of Response's ack time is that call's cost on this machine.
 */
import { PGlite } from '@electric-sql/pglite';
import { LogLevel, WebClient } from '@slack/web-api';
import Fastify from 'fastify';
import pg from 'pg';
import { renderReportModal } from '../src/slack/blocks/report-modal.js';
import { createNodeFetch } from '../src/slack/client/node-fetch.js';
import { verifySlack } from './lib/slack-sign.js';

const secret = process.env.SLACK_SIGNING_SECRET ?? '';
const url = process.env.BASELINE_DATABASE_URL;
const create = 'create table if not exists bench_baseline_acks (id bigserial primary key, body text not null, received_at timestamptz not null default now())';
let query: (text: string, params: unknown[]) => Promise<unknown>;
let close: () => Promise<void>;
if (url) {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  query = (text, params) => pool.query(text, params);
  close = () => pool.end();
} else {
  const db = new PGlite(process.env.BASELINE_DATA_DIR ?? 'memory://');
  await db.waitReady;
  query = (text, params) => db.query(text, params);
  close = () => db.close();
}
await query(create, []);

const app = Fastify({ logger: false });
app.removeAllContentTypeParsers();
app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
app.post('/slack/events', async (request, reply) => {
  const raw = request.body as string;
  const h = request.headers;
  if (!verifySlack(secret, h['x-slack-request-timestamp'] as string | undefined, h['x-slack-signature'] as string | undefined, raw)) return reply.code(401).send();
  await query('insert into bench_baseline_acks (body) values ($1)', [raw.slice(0, 200)]);
  return reply.code(200).send();
});
app.get('/healthz', async () => ({ status: 'ok' }));

/** The Web API calls of /slack/modal-floor still running, and their outcomes. */
const modalFloor = { inFlight: 0, ok: 0, failed: 0, waiting: [] as (() => void)[] };
const apiUrl = process.env.SLACK_API_URL;
if (apiUrl) {
  const client = new WebClient(process.env.SLACK_BOT_TOKEN, { slackApiUrl: apiUrl, logLevel: LogLevel.WARN, retryConfig: { retries: 0 }, fetch: createNodeFetch({ timeoutMs: 10_000 }) });
  app.post('/slack/modal-floor', async (request, reply) => {
    const raw = request.body as string;
    const h = request.headers;
    if (!verifySlack(secret, h['x-slack-request-timestamp'] as string | undefined, h['x-slack-signature'] as string | undefined, raw)) return reply.code(401).send();
    const form = new URLSearchParams(raw);
    // Response's receiver handles at most 128 requests after their ack; so does the floor, or its acks would outrun its work.
    while (modalFloor.inFlight >= 128) await new Promise<void>((resolve) => modalFloor.waiting.push(resolve));
    modalFloor.inFlight += 1;
    reply.code(200).send();
    const view = renderReportModal({ text: form.get('text') ?? '', askIfLive: false, metadata: { channelId: form.get('channel_id') ?? '' } });
    client.views
      .open({ trigger_id: form.get('trigger_id') ?? '', view: JSON.stringify(view) as never })
      .then(
        () => (modalFloor.ok += 1),
        () => (modalFloor.failed += 1),
      )
      .finally(() => {
        modalFloor.inFlight -= 1;
        modalFloor.waiting.shift()?.();
      });
    return reply;
  });
}

const address = await app.listen({ port: 0, host: '127.0.0.1' });
process.send?.({ kind: 'ready', address });
process.on('message', (raw) => {
  const m = raw as { id?: number; cmd?: string };
  if (m.cmd === 'close') void app.close().then(close).finally(() => process.exit(0));
  if (m.cmd === 'modalFloorIdle') {
    // Waits for the floor's calls after its acks, then reports and resets the tallies.
    const t0 = performance.now();
    const poll = () => {
      if (modalFloor.inFlight > 0) return void setTimeout(poll, 20);
      process.send?.({ kind: 'reply', id: m.id, ok: true, result: { ok: modalFloor.ok, failed: modalFloor.failed, ms: performance.now() - t0 } });
      modalFloor.ok = modalFloor.failed = 0;
    };
    poll();
  }
});
process.on('disconnect', () => process.exit(0));

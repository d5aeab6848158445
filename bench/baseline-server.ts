/**
 * The floor for a Slack ack: a bare Fastify route on its own port that reads the raw body,
 * verifies the v0 signature exactly as Slack specifies, inserts one row through the same driver
 * Response uses (pg for PostgreSQL, PGlite embedded) and answers 200. No plugins, validation,
 * transactions, logging or routing beyond that: anything Response spends on top shows as the ratio.
 */
import { PGlite } from '@electric-sql/pglite';
import Fastify from 'fastify';
import pg from 'pg';
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
const address = await app.listen({ port: 0, host: '127.0.0.1' });
process.send?.({ kind: 'ready', address });
process.on('message', (raw) => {
  const m = raw as { cmd?: string };
  if (m.cmd === 'close') void app.close().then(close).finally(() => process.exit(0));
});
process.on('disconnect', () => process.exit(0));

/**
 * Response as the benchmark runs it: the real composition root (`createApp`) listening on a port,
 * in its own process so the load generator doesn't share its event loop. The parent drives it over
 * IPC for what HTTP can't reach: SQL through the app's own driver (the baselines, and bulk seeding
 * on the embedded database, which only one process may open), the reminder sweep, and its RSS.
 */
import { attachCommsChannel } from '../src/core/channel/attach-comms-channel.js';
import { writeHeapSnapshot } from 'node:v8';
import { loadConfig } from '../src/config/config.js';
import { systemClock } from '../src/core/shared/context.js';
import { createApiToken } from '../src/core/token/create-token.js';
import { createApp, type App } from '../src/main/app.js';
import { definePlugin, keywordHandler, recurringNotification } from '../src/plugins/sdk/index.js';
import { summarise } from './lib/stats.js';
import type { ChildReply, ChildRequest } from './lib/ipc.js';

const started = performance.now();
const config = loadConfig(process.env);
const app = await createApp({ config });
const send = (m: unknown) => process.send?.(m);

async function sqlLoad(text: string, params: unknown[], connections: number, seconds: number, warmupSeconds: number) {
  const once = async (secs: number) => {
    const latencies: number[] = [];
    let errors = 0;
    const t0 = performance.now();
    const end = t0 + secs * 1000;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < end) {
          const t = performance.now();
          try {
            await app.database.query(text, params);
            latencies.push(performance.now() - t);
          } catch {
            errors += 1;
          }
        }
      }),
    );
    return summarise(latencies, (performance.now() - t0) / 1000, errors);
  };
  if (warmupSeconds > 0) await once(warmupSeconds);
  return once(seconds);
}

/** The reminders engineer's sweep, wherever it lands on the app; undefined while it hasn't. */
async function drainOutbox(): Promise<void> {
  for (;;) {
    const [row] = await app.database.query<{ n: number }>('select count(*)::int as n from outbox where done_at is null and failed_at is null and available_at <= now()');
    if (!row || row.n === 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

function findSweep(a: App): (() => Promise<unknown>) | undefined {
  const loose = a as unknown as Record<string, { sweep?: () => Promise<unknown> } | undefined>;
  for (const key of ['reminders', 'scheduler', 'notifications']) {
    const s = loose[key]?.sweep;
    if (typeof s === 'function') return () => s.call(loose[key]);
  }
  return undefined;
}

async function handle(req: ChildRequest): Promise<unknown> {
  switch (req.cmd) {
    case 'sql':
      return app.database.query(req.text, req.params ?? []);
    case 'sqlLoad':
      return sqlLoad(req.text, req.params ?? [], req.connections, req.seconds, req.warmupSeconds ?? 0);
    case 'token':
      return (await createApiToken(app.core, { actor: { kind: 'system', job: 'bench' }, clock: systemClock }, req.name)).secret;
    case 'memory':
      return process.memoryUsage();
    case 'heapSnapshot':
      return writeHeapSnapshot(req.path);
    case 'gc':
      (globalThis as { gc?: () => void }).gc?.();
      return null;
    case 'hasRoute':
      return app.http.hasRoute({ method: req.method, url: req.url });
    case 'info':
      return { databaseKind: app.database.kind, hasSweep: findSweep(app) !== undefined, keywordHandlers: BENCH_KEYWORDS.length, keywordHits };
    case 'sweep': {
      const sweep = findSweep(app);
      if (!sweep) return { pending: true };
      const t = performance.now();
      const result = await sweep();
      return { pending: false, ms: performance.now() - t, result: JSON.parse(JSON.stringify(result ?? null)) as unknown };
    }
    case 'attachChannel':
      return (await attachCommsChannel(app.core, { actor: { kind: 'system', job: 'bench' }, clock: systemClock }, req.incidentId, { channelId: req.channelId, channelName: req.channelName })).id;
    case 'mint':
    case 'calls':
    case 'setAppUrl':
    case 'declare':
    case 'outage':
    case 'stormCalls':
    case 'members':
    case 'rateLimited':
    case 'limits':
    case 'floor':
      throw new Error(`${req.cmd} is for the emulator`);
    case 'idle': {
      // The Slack edge's acked-but-unfinished work (views.open, handlers) and the outbox backlog.
      const t = performance.now();
      const drained = await Promise.race([Promise.all([app.slack?.idle(), drainOutbox()]).then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), req.timeoutMs))]);
      return { drained, ms: performance.now() - t };
    }
    case 'close':
      // Bounded, so a backlog can't keep the process (and a --cpu-prof profile) from finishing.
      await Promise.race([app.close(), new Promise((r) => setTimeout(r, 5000))]);
      setImmediate(() => process.exit(0));
      return null;
  }
}

/**
 * The message-events scenario runs with 20 keyword handlers registered through the plugin SDK,
 * as a busy workspace would have; one message in ten mentions a keyword. Handlers only count, so
 * what's measured is Response's matching and dispatch, not the handlers' own work.
 */
const BENCH_KEYWORDS = Array.from({ length: 20 }, (_, i) => `benchword${i}`);
let keywordHits = 0;
app.registry.register(
  definePlugin({
    name: 'bench-keywords',
    keywords: BENCH_KEYWORDS.map((k) =>
      keywordHandler([k], async () => {
        keywordHits += 1;
      }),
    ),
  }),
);
// The sweep scenario's reminder: due work posts in the comms channel, as a real reminder does.
app.registry.register(
  definePlugin({
    name: 'bench-reminders',
    notifications: [
      recurringNotification({ key: 'bench-reminder', intervalMinutes: 60, maxNotifications: 1_000_000 }, async (ctx) => {
        await ctx.say('Benchmark reminder: is this incident still being worked on?');
      }),
    ],
  }),
);

const address = await app.listen();
send({ kind: 'ready', address: address.replace('[::1]', '127.0.0.1'), databaseKind: app.database.kind, startMs: String(performance.now() - started) });

process.on('message', (raw) => {
  const req = raw as ChildRequest;
  handle(req).then(
    (result) => send({ kind: 'reply', id: req.id, ok: true, result } satisfies ChildReply),
    (err: unknown) => send({ kind: 'reply', id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) } satisfies ChildReply),
  );
});
process.on('disconnect', () => {
  void app.close().finally(() => process.exit(0));
});

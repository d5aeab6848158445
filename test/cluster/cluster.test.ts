/**
 * Three Response processes on one PostgreSQL behind nginx, played by the Slack emulator through the
 * load balancer, with one replica killed (SIGKILL) mid-flow. Run by `npm run test:cluster` (and .ci/run).
 * Needs PostgreSQL (RESPONSE_CLUSTER_PG_URL or DATABASE_URL) and nginx from Debian's package.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackEmulator, type SlackEmulator } from '@response/slack-emulator';
import { freePort, runCli } from '../support/processes.js';
import { freshDatabase } from '../support/test-database.js';
import { NGINX, startNginx, startReplica, type Nginx, type Replica } from './cluster-processes.js';

const PG_URL = process.env.RESPONSE_CLUSTER_PG_URL ?? process.env.DATABASE_URL;
const SECRET = 'c1u5t3rc1u5t3rc1u5t3rc1u5t3r0000';
const TOKEN = 'xoxb-cluster';
const LEAD_REMINDER = "doesn't have a lead";
const why = !PG_URL ? 'needs PostgreSQL: set RESPONSE_CLUSTER_PG_URL or DATABASE_URL (.ci/run does)' : !NGINX ? 'needs nginx (apt-get install nginx; .ci/run does)' : null;

describe.skipIf(why !== null)(`a cluster of three replicas behind nginx${why ? ` (skipped: ${why})` : ''}`, () => {
  let emulator: SlackEmulator;
  let nginx: Nginx;
  let replicas: Replica[] = [];
  let env: Record<string, string>;
  let dropDb: () => Promise<void>;
  let apiToken = '';

  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${nginx.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${apiToken}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: (await res.json().catch(() => null)) as any };
  };
  const incidentByReport = async (report: string) => (await api('GET', `/api/v1/incidents?limit=200&q=${encodeURIComponent(report)}`)).body.results.filter((i: any) => i.report === report);
  const waitUntil = async <T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await check();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  };

  beforeAll(async () => {
    const db = await freshDatabase(PG_URL);
    dropDb = db.drop;
    emulator = await startSlackEmulator({ signingSecret: SECRET, botToken: TOKEN, eventRetries: 3, triggerTtlMs: 30_000 });
    const ports = [await freePort(), await freePort(), await freePort()];
    nginx = await startNginx(ports);
    emulator.setAppUrl(`${nginx.url}/slack/events`);
    env = {
      DATABASE_URL: db.url as string,
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: emulator.apiUrl,
      INCIDENT_CHANNEL: 'incidents',
      PUBLIC_URL: nginx.url,
      LOG_LEVEL: 'warn',
      OUTBOX_POLL_MS: '200',
      REMINDER_SWEEP_SECONDS: '1',
      REMINDER_LEAD_INTERVAL_MINUTES: '1',
      REMINDER_LEAD_MAX: '1',
      REMINDER_SEVERITY_ENABLED: 'false',
      REMINDER_CLOSE_ENABLED: 'false',
    };
    // Started together: migrations must run once, under the advisory lock.
    replicas = await Promise.all(ports.map((port, i) => startReplica(`replica-${i + 1}`, env, port)));
    // nginx's own start-up probe found no replica listening yet and benched each for fail_timeout
    // (3 s): wait until it routes to all three again, or the first request can get a 502.
    let routed = 0;
    await waitUntil('nginx to route to the replicas', async () => {
      routed = (await fetch(`${nginx.url}/healthz`)).ok ? routed + 1 : 0;
      return routed >= ports.length;
    });
    const created = await runCli(['token', 'create', 'cluster'], env);
    apiToken = created.stdout.trim().split('\n').pop() ?? '';
  }, 120_000);

  afterAll(async () => {
    for (const r of replicas) if (r.proc.child.exitCode === null) r.proc.child.kill('SIGTERM');
    await Promise.all(replicas.map((r) => r.proc.exited));
    await nginx?.stop();
    await emulator?.close();
    await dropDb?.();
  }, 60_000);

  it('plays a busy incident through the load balancer, survives a SIGKILL, and does everything exactly once', async () => {
    const people = ['U0ALICE', 'U0BOB'];
    const reports = Array.from({ length: 6 }, (_, i) => `Cluster incident ${i + 1}`);

    // Declarations through the modal; half of them with a lead, so the others get a lead reminder.
    for (const [i, report] of reports.entries()) {
      const user = people[i % 2] as string;
      const cmd = await emulator.as(user).slashCommand('/incident', report);
      expect(cmd.status).toBe(200);
      const view = await emulator.waitFor(() => emulator.openViews(user).find((v) => (v.view.blocks as any[])[0]?.element?.initial_value === report));
      const submitted = await emulator.as(user).submitView(view.id, i % 2 === 0 ? { lead: { value: 'U0BOB' } } : {});
      expect(submitted.status).toBe(200);
    }
    const incidents = await waitUntil('six incidents', async () => {
      const all = await Promise.all(reports.map(incidentByReport));
      return all.every((l) => l.length === 1) && all.map((l) => l[0]);
    });

    // Every headline posted once, then a comms channel for each from its button.
    const headlineOf = (report: string) => emulator.messages('C0INCIDENTS').find((m) => m.text === `${report} reported by <@U0ALICE>` || m.text === `${report} reported by <@U0BOB>`);
    for (const inc of incidents) {
      const headline = await emulator.waitFor(() => headlineOf(inc.report), { timeoutMs: 20_000 });
      const click = await emulator.as('U0ALICE').clickButton('C0INCIDENTS', headline.ts, 'create-comms-channel-button');
      expect(click.status).toBe(200);
    }
    const channels = await waitUntil('six comms channels', async () => {
      const all = await Promise.all(incidents.map((i: any) => api('GET', `/api/v1/incidents/${i.id}`)));
      return all.every((r) => r.body.comms_channel) && all.map((r) => r.body.comms_channel.channel_id as string);
    });
    const channelsCreatedAt = Date.now();

    // Commands and pins in every channel.
    for (const [i, channel] of channels.entries()) {
      await emulator.as('U0BOB').postMessage(channel, `<@U0BOT> action Check dashboards ${i}`);
      const ts = await emulator.as('U0ALICE').postMessage(channel, `Root cause found for ${i}`);
      await emulator.as('U0ALICE').pin(channel, ts);
    }

    // A Slack retry of an event the app already handled, landing on another replica (round robin).
    const mention = emulator.deliveries('event').find((d) => d.name === 'app_mention');
    const envelope = JSON.parse(mention!.body);
    for (let n = 1; n <= 2; n++) await emulator.deliverEvent(envelope.event, { eventId: envelope.event_id, retryNum: n, retryReason: 'http_timeout' });

    // Kill one replica mid-flow while API writes and Slack commands are in flight.
    const writes: Promise<{ text: string; status: number; afterKill: boolean }>[] = [];
    const mentions: Promise<unknown>[] = [];
    const target = incidents[0].id as number;
    let killed = false;
    for (let i = 0; i < 30; i++) {
      const text = `API note ${i}`;
      const afterKill = killed;
      writes.push(api('POST', `/api/v1/incidents/${target}/timeline`, { text }).then((r) => ({ text, status: r.status, afterKill }), () => ({ text, status: 0, afterKill })));
      if (i % 3 === 0) mentions.push(emulator.as('U0BOB').postMessage(channels[1]!, `<@U0BOT> action Kill window ${i}`));
      if (i === 10) {
        replicas[1]!.proc.child.kill('SIGKILL');
        await replicas[1]!.proc.exited;
        killed = true;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    const results = await Promise.all(writes);
    await Promise.all(mentions);
    await replicas[1]!.proc.exited;
    for (const [i, channel] of channels.entries()) await emulator.as('U0ALICE').postMessage(channel, `<@U0BOT> severity ${['critical', 'major', 'minor'][i % 3]}`);

    // The killed replica comes back; everything must be healthy.
    replicas[1] = await startReplica('replica-2', env, replicas[1]!.port);
    await emulator.idle();

    // Reminders fall due a minute after the channels exist; three replicas sweep every second.
    await waitUntil(
      'lead reminders',
      async () => channels.filter((c, i) => i % 2 === 1 && emulator.messages(c).some((m) => m.text?.includes(LEAD_REMINDER))).length === 3,
      Math.max(10_000, 90_000 - (Date.now() - channelsCreatedAt)),
    );
    await new Promise((r) => setTimeout(r, 4000)); // several more sweeps by every replica

    // --- exactly once, everywhere ---
    const all = (await api('GET', '/api/v1/incidents?limit=200')).body.results;
    expect(all.filter((i: any) => reports.includes(i.report))).toHaveLength(6);
    for (const [i, channel] of channels.entries()) {
      const msgs = emulator.messages(channel);
      const reminders = msgs.filter((m) => m.text?.includes(LEAD_REMINDER));
      expect(reminders, `lead reminders in ${channel}`).toHaveLength(i % 2 === 1 ? 1 : 0);
      const welcome = msgs.filter((m) => m.user === 'U0BOT' && /@incident help/.test(JSON.stringify(m)));
      expect(welcome.length, `welcome messages in ${channel}`).toBeGreaterThanOrEqual(1);
      const inc = (await api('GET', `/api/v1/incidents/${incidents[i].id}`)).body;
      expect(inc.severity).toBe(['critical', 'major', 'minor'][i % 3]);
      const timeline = (await api('GET', `/api/v1/incidents/${inc.id}/timeline?limit=200`)).body.results;
      expect(timeline.filter((e: any) => e.event_type === 'slack_pin'), `pins of ${inc.id}`).toHaveLength(1);
      const actions = (await api('GET', `/api/v1/incidents/${inc.id}/actions`)).body.results;
      expect(actions.map((a: any) => a.details).filter((d: string) => d.startsWith('Check')), `actions of ${inc.id}`).toEqual([`Check dashboards ${i}`]);
    }
    // Slack events in flight at the kill were retried by "Slack" (eventRetries) and processed once.
    const killWindow = (await api('GET', `/api/v1/incidents/${incidents[1].id}/actions?limit=200`)).body.results.map((a: any) => a.details).filter((d: string) => d.startsWith('Kill window'));
    expect(killWindow.sort()).toEqual([0, 3, 6, 9, 12, 15, 18, 21, 24, 27].map((i) => `Kill window ${i}`).sort());
    const headlinePosts = emulator.calls('chat.postMessage').filter((c) => c.ok && c.args.channel === 'C0INCIDENTS');
    expect(headlinePosts).toHaveLength(6);

    // API writes: every acknowledged one present once; ones lost with the killed replica at most once.
    const timeline = (await api('GET', `/api/v1/incidents/${target}/timeline?limit=200`)).body.results.map((e: any) => e.text);
    for (const r of results) {
      const count = timeline.filter((t: string) => t === r.text).length;
      if (r.status === 201) expect(count, r.text).toBe(1);
      else expect(count, r.text).toBeLessThanOrEqual(1);
    }
    // Only requests already sent when the replica died may fail; nginx routes every later one to a live replica.
    const failedAfter = results.filter((r) => r.afterKill && r.status !== 201);
    if (failedAfter.length) console.log('failed after kill', failedAfter, results);
    expect(failedAfter).toEqual([]);
    expect(results.filter((r) => r.status === 201).length).toBeGreaterThanOrEqual(20);

    for (const r of replicas) expect((await fetch(`${r.url}/readyz`)).status, r.name).toBe(200);
  }, 240_000);
});

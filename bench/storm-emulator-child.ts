/**
 * The Slack emulator for the storm scenario (bench/scenarios/storm.ts), in its own process: Slack's
 * documented rate limits ON (`rateLimits: 'slack'`, packages/slack-emulator README "Rate limits"), unlike
 * bench/emulator-child.ts, whose limits stay off so the other scenarios measure Response and not Slack.
 * It also plays the people who declare: the parent asks over IPC for one declaration at a time
 * (slash command → the modal opens → submit), and reads back the calls Response made, with their times.
 *
 * Environment: SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN, STORM_PEOPLE (how many declarers to seed),
 * STORM_SPEED_UP (Slack's clock runs this many times faster: refills and retry waits; 1 = Slack's own).
 */
import { DEFAULT_CHANNELS, DEFAULT_PEOPLE, SlackEmulator, type WorkloadItem } from '@response/slack-emulator';
import { stormPeople } from './lib/storm-workspace.js';

const people = stormPeople(Number(process.env.STORM_PEOPLE ?? 50));
const speedUp = Number(process.env.STORM_SPEED_UP ?? 1);
const emulator = new SlackEmulator({
  signingSecret: process.env.SLACK_SIGNING_SECRET ?? '',
  botToken: process.env.SLACK_BOT_TOKEN ?? 'xoxb-bench',
  rateLimits: speedUp === 1 ? 'slack' : { preset: 'slack', speedUp },
  speedUp,
  // Slack's window is 3 s. The machine is shared and busy: a trigger that expires there measures the
  // machine, not Response, so it gets 10 s (the declarer tries again, as a person would, if it still fails).
  triggerTtlMs: 10_000,
  seed: {
    people: [
      ...DEFAULT_PEOPLE,
      ...people.map((id, i) => ({ id, name: `storm${i + 1}`, realName: `Storm Declarer ${i + 1}`, email: `storm${i + 1}@acme.example` })),
    ],
    // The declarers are in #incidents, where they type /incident.
    channels: DEFAULT_CHANNELS.map((c) => (c.id === 'C0INCIDENTS' ? { ...c, members: [...(c.members ?? []), ...people] } : c)),
  },
});
await emulator.listen();
process.send?.({ kind: 'ready', address: emulator.url.replace(/\/$/, ''), apiUrl: emulator.apiUrl });

/** A call as the storm reads it (the headline's blocks are big: only what identifies and times it). */
export interface StormCall {
  method: string;
  at: number;
  ok: boolean;
  status: number;
  error?: string;
  channel?: string;
  name?: string;
  users?: string;
  /** The created channel's id (conversations.create). */
  createdId?: string;
  /** The storm number named in the call's text, blocks or channel name (`Storm 007` / `storm-007`), if any. */
  storm?: number;
}

const STORM = /storm[ -](\d{3})/i;

function slim(): StormCall[] {
  return emulator.calls().map((c) => {
    const blob = c.method === 'chat.postMessage' || c.method === 'chat.update' || c.method === 'conversations.create' ? JSON.stringify(c.args) : '';
    const m = STORM.exec(blob);
    const created = c.method === 'conversations.create' ? (c.response as { channel?: { id?: string } }).channel?.id : undefined;
    return {
      method: c.method,
      at: c.at,
      ok: c.ok,
      status: c.status,
      ...(c.error ? { error: c.error } : {}),
      ...(typeof c.args.channel === 'string' ? { channel: c.args.channel } : {}),
      ...(typeof c.args.name === 'string' ? { name: c.args.name } : {}),
      ...(typeof c.args.users === 'string' ? { users: c.args.users } : {}),
      ...(created ? { createdId: created } : {}),
      ...(m ? { storm: Number(m[1]) } : {}),
    };
  });
}

/** One person declares: /incident in #incidents, waits for the report modal, submits it as it opened. */
async function declare(user: string, title: string, modalWaitMs: number) {
  const startedAt = Date.now();
  for (let attempt = 1; attempt <= 3; attempt++) {
    const before = new Set(emulator.openViews(user).map((v) => v.id));
    const slash = await emulator.as(user).slashCommand('/incident', title, { channel: 'incidents' });
    if (slash.status !== 200) continue;
    const view = await emulator
      .waitFor(() => emulator.openViews(user).find((v) => !before.has(v.id) && v.view.callback_id === 'incident-report-dialog'), {
        timeoutMs: modalWaitMs,
        intervalMs: 20,
      })
      .catch(() => undefined);
    if (!view) continue;
    const submittedAt = Date.now();
    const r = await emulator.as(user).submitView(view.id, {});
    if (r.responseAction === 'errors') throw new Error(`the report modal refused ${title}: ${JSON.stringify(r.errors)}`);
    if (r.status !== 200) throw new Error(`submitting ${title} answered ${r.status}`);
    return { startedAt, submittedAt, attempts: attempt, modalMs: submittedAt - startedAt };
  }
  throw new Error(`${user}: the report modal for "${title}" did not open in 3 tries`);
}

process.on('message', (raw) => {
  const m = raw as { id: number; cmd: string; [k: string]: unknown };
  const reply = (p: Promise<unknown>) =>
    p.then(
      (result) => process.send?.({ kind: 'reply', id: m.id, ok: true, result }),
      (err: unknown) => process.send?.({ kind: 'reply', id: m.id, ok: false, error: err instanceof Error ? err.message : String(err) }),
    );
  switch (m.cmd) {
    case 'setAppUrl':
      return void reply(Promise.resolve(emulator.setAppUrl(m.url as string)));
    case 'declare':
      return void reply(declare(m.user as string, m.title as string, (m.modalWaitMs as number | undefined) ?? 15_000));
    case 'outage':
      return void reply(Promise.resolve(emulator.slackOutage(m.forMs as number)).then(() => Date.now()));
    case 'stormCalls':
      return void reply(Promise.resolve(slim()));
    case 'members':
      return void reply(Promise.resolve(Object.fromEntries((m.channels as string[]).map((c) => [c, emulator.members(c)]))));
    case 'rateLimited':
      return void reply(Promise.resolve(emulator.rateLimited()));
    case 'limits':
      return void reply(Promise.resolve(emulator.rateLimits));
    case 'floor':
      return void reply(Promise.resolve(emulator.rateLimitFloorMs(m.workload as WorkloadItem[])));
    case 'idle':
      return void reply(emulator.idle().then(() => Date.now()));
    case 'close':
      return void emulator.close().finally(() => process.exit(0));
    default:
      return void reply(Promise.reject(new Error(`unknown command ${m.cmd}`)));
  }
});
process.on('disconnect', () => process.exit(0));

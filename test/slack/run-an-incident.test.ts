/**
 * Issue #16's whole path in one workspace played by the emulator, through POST /slack/events: declare →
 * give out the comms lead and scribe roles → post an update (channel, headline thread, stakeholder
 * channel) → the next update falls due and is nudged → ✅ a message into a follow-up, 📌 one onto the
 * timeline → a catch-up lists all of it with links that lead somewhere → close → the owner gets the
 * follow-ups DM; and the API says the same. Each part has its focused tests elsewhere; this one
 * checks they fit together.
 */
import { DEFAULT_CHANNELS } from '@response/slack-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_INCIDENT_PROCESS } from '../../src/core/shared/incident-process.js';
import { startSlackTestApp, type SlackTestApp } from '../support/slack-test-app.js';
import { declareViaSlack, mention } from '../plugins/helpers.js';

const UPDATES = 'C0UPDATES';

describe('running an incident from Slack, start to finish', { timeout: 90_000 }, () => {
  let t: SlackTestApp;
  let id: number;
  let channel: string;
  const textOf = (m: unknown) => String((m as { text?: string }).text ?? '');
  const blocksOf = (m: unknown) => JSON.stringify((m as { blocks?: unknown }).blocks ?? []);
  const incident = async () => (await t.api('GET', `/api/v1/incidents/${id}`)).body;
  const minutes = async (n: number) => {
    for (let i = 0; i < n; i++) {
      t.clock.advance(60_000);
      await t.app.reminders.sweep();
    }
    await t.settle();
  };

  beforeAll(async () => {
    t = await startSlackTestApp({
      env: { AUTO_CREATE_CHANNEL: 'true' },
      seed: { channels: [...DEFAULT_CHANNELS, { id: UPDATES, name: 'incident-updates', creator: 'U0CAROL', created: 1710000000, members: ['U0CAROL', 'U0BOT'] }] },
      process: { ...DEFAULT_INCIDENT_PROCESS, statusUpdates: { ...DEFAULT_INCIDENT_PROCESS.statusUpdates, stakeholderChannels: { critical: 'incident-updates' } } },
    });
    ({ id, channel } = await declareViaSlack(t, 'Card payments failing'));
    await mention(t, channel, 'severity critical');
    await mention(t, channel, 'lead me');
  });
  afterAll(() => t?.close());

  it('gives out the comms lead and scribe roles: headline, DMs, API', async () => {
    await mention(t, channel, 'role comms <@U0BOB>');
    await mention(t, channel, 'role Scribe <@U0CAROL>');
    const roles = (await incident()).roles.map((r: { role: string; user: { slack_id: string } }) => [r.role, r.user.slack_id]);
    expect(roles).toEqual([
      ['lead', 'U0ALICE'],
      ['comms', 'U0BOB'],
      ['scribe', 'U0CAROL'],
    ]);
    expect(blocksOf(await t.headline(id))).toContain('Communications lead: <@U0BOB>');
    expect(t.emulator.dms('U0BOB').map(textOf).join('\n')).toContain('Communications lead');
    expect(t.emulator.dms('U0CAROL').map(textOf).join('\n')).toContain('Scribe');
  });

  it('posts an update in the channel, the headline thread and the stakeholder channel', async () => {
    const welcome = t.emulator.messages(channel).find((m) => blocksOf(m).includes('"block_id":"status_update"'))!;
    await t.emulator.as('U0BOB').clickButton(channel, welcome.ts, 'post-status-update-button');
    await t.settle();
    const view = t.emulator.openViews('U0BOB').at(-1)!;
    // Critical: the next update is due in 15 minutes unless said otherwise.
    expect(JSON.stringify(view.view.blocks)).toContain('"initial_value":"15"');
    await t.emulator.as('U0BOB').submitView(view.id, {
      update_status: { value: 'identified' },
      update_message: { value: 'A bad deploy of the card gateway' },
      update_next_steps: { value: 'Roll back' },
    });
    await t.settle();
    const isUpdate = (m: unknown) => textOf(m).startsWith('📣 Status update');
    expect(t.emulator.messages(channel).filter(isUpdate)).toHaveLength(1);
    expect(t.emulator.messages(UPDATES).filter(isUpdate)).toHaveLength(1);
    const headline = (await t.headline(id))!;
    expect(t.emulator.replies(headline.channel, headline.ts).filter(isUpdate)).toHaveLength(1);
    // The headline itself shows the incident's latest public status.
    expect(blocksOf(headline)).toContain('A bad deploy of the card gateway');
    const body = await incident();
    expect(body.status).toBe('identified');
    expect(body.latest_update).toMatchObject({ status: 'identified', message: 'A bad deploy of the card gateway', posted_by: { slack_id: 'U0BOB' } });
    expect((await t.api('GET', `/api/v1/incidents/${id}/updates`)).body.results).toHaveLength(1);
  });

  it('nudges the Communications lead when the next update falls due, and once more when overdue', async () => {
    const nudges = () => t.emulator.messages(channel).filter((m) => textOf(m).includes('<@U0BOB> (Communications lead)') && !textOf(m).startsWith('📣 Status update'));
    await minutes(14);
    expect(nudges()).toHaveLength(0);
    await minutes(1);
    expect(nudges()).toHaveLength(1);
    await minutes(10);
    expect(nudges()).toHaveLength(2);
    expect(textOf(nudges()[1])).toMatch(/is 10 min overdue/);
    await minutes(10);
    expect(nudges()).toHaveLength(2);
  });

  let followUpSource = '';
  let pinnedTs = '';
  it('✅ makes a follow-up owned by the message author; 📌 puts a message on the timeline', async () => {
    for (const user of ['U0DAVE', 'U0ERIN']) await t.emulator.as(user).join(channel);
    followUpSource = await t.emulator.as('U0DAVE').postMessage(channel, 'We need an alert on gateway 5xx rates');
    await t.emulator.as('U0CAROL').react(channel, followUpSource, 'white_check_mark');
    pinnedTs = await t.emulator.as('U0BOB').postMessage(channel, 'Rollback finished at 14:05, error rate back to normal');
    await t.emulator.as('U0CAROL').react(channel, pinnedTs, 'pushpin');
    await t.settle();
    const actions = (await t.api('GET', `/api/v1/incidents/${id}/actions`)).body.results;
    expect(actions).toEqual([expect.objectContaining({ details: 'We need an alert on gateway 5xx rates', assignee: expect.objectContaining({ slack_id: 'U0DAVE' }) })]);
    expect(actions[0].source.url).toMatch(/\/archives\/.+\/p\d+$/);
    const timeline = (await t.api('GET', `/api/v1/incidents/${id}/timeline?limit=100`)).body.results;
    expect(timeline.filter((e: { text: string }) => e.text === 'Rollback finished at 14:05, error rate back to normal')).toHaveLength(1);
    // Both confirmed in the message's thread.
    expect(t.emulator.replies(channel, followUpSource).some((m) => textOf(m).includes('follow-up'))).toBe(true);
    expect(t.emulator.replies(channel, pinnedTs).some((m) => /timeline/i.test(textOf(m)))).toBe(true);
  });

  it('a catch-up lists all of it, and every link leads to the message or the doc item it names', async () => {
    await mention(t, channel, 'catchup', 'U0ERIN');
    const blocks = blocksOf(t.emulator.ephemerals('U0ERIN', channel).at(-1));
    expect(blocks).toContain('Incident lead: <@U0ALICE> · Communications lead: <@U0BOB> · Scribe: <@U0CAROL>');
    expect(blocks).toContain('Latest update');
    expect(blocks).toContain('A bad deploy of the card gateway');
    expect(blocks).toContain('We need an alert on gateway 5xx rates');
    expect(blocks).toContain('Rollback finished at 14:05');
    const links = [...blocks.matchAll(/<(https?:\/\/[^|>]+)\|/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(5);
    const timeline = (await t.api('GET', `/api/v1/incidents/${id}/timeline?limit=100`)).body.results as { id: number }[];
    const actions = (await t.api('GET', `/api/v1/incidents/${id}/actions`)).body.results as { id: number }[];
    const updates = (await t.api('GET', `/api/v1/incidents/${id}/updates`)).body.results as { id: number }[];
    for (const link of links) {
      const url = new URL(link);
      const doc = /^\/incidents\/(\d+)$/.exec(url.pathname);
      if (doc) {
        expect(Number(doc[1])).toBe(id);
        const [, kind, n] = /^#(?:(entry|action|update)-(\d+)|roles)?$/.exec(url.hash) ?? [];
        if (kind === 'entry') expect(timeline.map((e) => e.id)).toContain(Number(n));
        if (kind === 'action') expect(actions.map((a) => a.id)).toContain(Number(n));
        if (kind === 'update') expect(updates.map((u) => u.id)).toContain(Number(n));
        expect(url.hash === '' || url.hash === '#roles' || kind !== undefined).toBe(true);
      } else {
        // A Slack permalink: …/archives/<channel>/p<ts without the dot> of a message that exists.
        const [, ch, p] = /\/archives\/([A-Z0-9]+)\/p(\d+)$/.exec(url.pathname) ?? [];
        const ts = `${p!.slice(0, -6)}.${p!.slice(-6)}`;
        expect(t.emulator.message(ch!, ts), link).toBeDefined();
      }
    }
  });

  it('closes; the follow-up owner gets one DM listing it', async () => {
    await mention(t, channel, 'close');
    await t.settle();
    expect((await incident()).status).toBe('resolved');
    const dms = t.emulator.dms('U0DAVE').filter((m) => textOf(m).includes('follow-up'));
    expect(dms).toHaveLength(1);
    expect(blocksOf(dms[0])).toContain('We need an alert on gateway 5xx rates');
    // Resolved: no more nudges, however long it stays closed.
    const before = t.emulator.messages(channel).length;
    await minutes(20);
    expect(t.emulator.messages(channel).length).toBe(before);
  });
});

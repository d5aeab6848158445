import { LogLevel, WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_TOKEN, startSlackTestApp, type SlackTestApp } from '../support/slack-test-app.js';
import { botTexts, declareViaSlack, mention, reactionsOn } from '../plugins/helpers.js';

// The right text: nothing a person typed is silently cut. Slack enforces max_length in forms; an
// over-long value from any surface is a field error; long stored texts are shown within Block
// Kit's limits with a link to the doc, and kept whole.
describe('long texts', { timeout: 60_000 }, () => {
  let t: SlackTestApp;
  let incident: { id: number; channel: string };
  beforeAll(async () => {
    t = await startSlackTestApp({ env: { AUTO_CREATE_CHANNEL: 'true' } });
    incident = await declareViaSlack(t);
  });
  afterAll(async () => t?.close());

  const get = async (id = incident.id) => (await t.api('GET', `/api/v1/incidents/${id}`)).body;
  const lastBotMessage = (channel: string) => t.emulator.messages(channel).filter((m: any) => m.bot_id || m.user === 'U0BOT').at(-1) as any;
  const sectionTexts = (m: any): string[] => (m?.blocks ?? []).filter((b: any) => b.type === 'section' && b.text).map((b: any) => b.text.text);

  it('/incident with a text longer than a title: the form keeps it whole in the summary and asks for a short title', async () => {
    const long = `Checkout fails for every EU customer paying by card ${'and more detail '.repeat(15)}`.trim();
    expect(long.length).toBeGreaterThan(200);
    await t.emulator.as('U0ALICE').slashCommand('/incident', long);
    await t.settle();
    const record = t.emulator.openViews('U0ALICE').at(-1)!;
    const view = { id: record.id, blocks: record.view.blocks as any[] };
    const title = view.blocks.find((b: any) => b.block_id === 'report');
    expect(title.element.max_length).toBe(200);
    expect(title.element.initial_value).toBeUndefined();
    expect(title.hint.text).toContain('longer than 200 characters');
    const summary = view.blocks.find((b: any) => b.block_id === 'summary');
    expect(summary.element.initial_value).toBe(long);
    expect(summary.element.max_length).toBe(3000);
    // Slack's client refuses to submit more than max_length (the emulator does as Slack does).
    await expect(t.emulator.as('U0ALICE').submitView(view.id, { report: { value: 'x'.repeat(201) } })).rejects.toThrow(/at most 200/);
    await t.emulator.as('U0ALICE').submitView(view.id, { report: { value: 'EU card payments failing' } });
    await t.settle();
    const latest = (await t.api('GET', '/api/v1/incidents?limit=1')).body.results[0];
    expect(latest.report).toBe('EU card payments failing');
    expect(latest.summary).toBe(long);
    expect(JSON.stringify(latest)).not.toContain('…');
  });

  it('an over-long title through the API is a field error, never a cut', async () => {
    const res = await t.api('POST', '/api/v1/incidents', { report: 'x'.repeat(201) });
    expect(res.status).toBe(422);
    expect(res.body.error.field).toBe('report');
    const patch = await t.api('PATCH', `/api/v1/incidents/${incident.id}`, { report: 'y'.repeat(201) });
    expect(patch.status).toBe(422);
    expect((await get()).report).toBe('Checkout is down');
  });

  it('a summary longer than a section is kept whole; Slack shows it cut with a link to the doc', async () => {
    const long = 'The database primary failed over. '.repeat(200).trim(); // ~6,800 characters
    const ts = await mention(t, incident.channel, `summary ${long}`);
    expect(reactionsOn(t, incident.channel, ts)).toEqual(['white_check_mark']);
    expect((await get()).summary).toBe(long);
    expect(botTexts(t, incident.channel).at(-1)).toContain('The summary has been updated to');
    // A second summary is a proposal: both texts are in blocks, each within 3,000 characters.
    const next = 'We rolled back the deploy. '.repeat(200).trim();
    const ts2 = await mention(t, incident.channel, `summary ${next}`);
    expect(reactionsOn(t, incident.channel, ts2)).toEqual(['white_check_mark']);
    const prompt = lastBotMessage(incident.channel);
    const texts = sectionTexts(prompt);
    expect(texts).toHaveLength(2);
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(3000);
    expect(texts[0]).toContain(`<http://response.test/incidents/${incident.id}|Read the rest in the incident doc>`);
    expect((await get()).summary).toBe(long);
  });

  it('a summary too long to keep (60,000 characters) is ❓ with the limit, and nothing changes', async () => {
    const before = (await get()).summary;
    const ts = await mention(t, incident.channel, `summary ${'z'.repeat(60_000)}`);
    expect(reactionsOn(t, incident.channel, ts)).toEqual(['question']);
    expect(t.emulator.ephemerals('U0ALICE', incident.channel).at(-1)?.text).toContain('the most I can keep is 20,000');
    expect((await get()).summary).toBe(before);
  });

  it('the edit form never cuts a long summary: it points to the doc and saving leaves the summary whole', async () => {
    const headline = await t.headline(incident.id);
    await t.emulator.as('U0ALICE').clickButton(headline!.channel, headline!.ts, 'edit-incident-button');
    await t.settle();
    const record = t.emulator.openViews('U0ALICE').at(-1)!;
    const view = { id: record.id, blocks: record.view.blocks as any[] };
    expect(view.blocks.find((b: any) => b.block_id === 'summary')).toBeUndefined();
    expect(view.blocks.find((b: any) => b.block_id === 'summary_too_long').text.text).toContain('edit it in the <http://response.test/incidents/');
    const summary = (await get()).summary;
    await t.emulator.as('U0ALICE').submitView(view.id, { severity: { value: 'minor' } });
    await t.settle();
    const after = await get();
    expect(after.severity).toBe('minor');
    expect(after.summary).toBe(summary);
  });

  it('the comms channel welcome shows a long summary within a section, linking to the doc', async () => {
    const summary = 'Long story. '.repeat(1000).trim();
    const res = await t.api('POST', '/api/v1/incidents', { report: 'Long summary incident', summary });
    await t.settle();
    const channel = (await t.app.core.store.incidents.get(res.body.id))?.commsChannel?.channelId;
    if (!channel) throw new Error('no comms channel');
    const welcome = t.emulator.messages(channel).find((m: any) => (m.blocks ?? []).some((b: any) => b.block_id === 'summary')) as any;
    const text = welcome.blocks.find((b: any) => b.block_id === 'summary').text.text as string;
    expect(text.length).toBeLessThanOrEqual(3000);
    expect(text).toContain(`|Read the rest in the incident doc>`);
    expect((await get(res.body.id)).summary).toBe(summary);
  });

  it('a headline button for an incident that no longer exists gets an ephemeral explanation', async () => {
    const client = new WebClient(BOT_TOKEN, { slackApiUrl: t.emulator.apiUrl, logLevel: LogLevel.ERROR });
    const incidents = t.emulator.channel('incidents')!.id;
    const stale = await client.chat.postMessage({
      channel: incidents,
      text: 'An old headline',
      blocks: [{ type: 'actions', block_id: 'actions', elements: [{ type: 'button', action_id: 'edit-incident-button', text: { type: 'plain_text', text: 'Edit' }, value: '99999' }] }],
    });
    const viewsBefore = t.emulator.openViews('U0ALICE').length;
    await t.emulator.as('U0ALICE').clickButton(incidents, stale.ts!, 'edit-incident-button');
    await t.settle();
    expect(t.emulator.ephemerals('U0ALICE', incidents).at(-1)?.text).toContain('Incident 99999 no longer exists');
    expect(t.emulator.openViews('U0ALICE')).toHaveLength(viewsBefore);
  });
});

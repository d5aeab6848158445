/**
 * Slack flows tests repeat: declare through /incident and the modal, find the headline's
 * buttons, create the comms channel. All of it goes through POST /slack/events via the emulator.
 */
import type { ViewValues } from '@response/slack-emulator';
import type { SlackTestApp } from './slack-test-app.js';

/** Runs `/incident title`, submits the modal with `values` (block_id → value) and returns the new incident (REST shape). */
export async function declareViaSlack(t: SlackTestApp, user: string, title: string, values: Record<string, string | null> = {}): Promise<any> {
  const before = (await t.api('GET', '/api/v1/incidents?limit=100')).body.results.length as number;
  await t.emulator.as(user).slashCommand('/incident', title);
  await t.settle();
  const view = t.emulator.openViews(user).at(-1);
  if (!view || view.view.callback_id !== 'incident-report-dialog') throw new Error('the report modal did not open');
  const input: ViewValues = Object.fromEntries(Object.entries(values).map(([block, v]) => [block, { value: v }]));
  const r = await t.emulator.as(user).submitView(view.id, input);
  if (r.responseAction === 'errors') throw new Error(`the report modal refused: ${JSON.stringify(r.errors)}`);
  await t.settle();
  const { body } = await t.api('GET', '/api/v1/incidents?limit=100');
  if (body.results.length !== before + 1) throw new Error('no incident was declared');
  return body.results.reduce((a: any, b: any) => (a.id > b.id ? a : b));
}

/** The action_ids of the headline's buttons, in order. */
export async function headlineButtonIds(t: SlackTestApp, incidentId: number): Promise<string[]> {
  const h = await t.headline(incidentId);
  const actions = h?.blocks.find((b: any) => b.type === 'actions');
  return actions ? actions.elements.map((e: any) => e.action_id) : [];
}

/** Presses a headline button as `user` and waits for everything it caused. */
export async function pressHeadlineButton(t: SlackTestApp, user: string, incidentId: number, actionId: string) {
  const h = await t.headline(incidentId);
  if (!h) throw new Error(`incident ${incidentId} has no headline`);
  const r = await t.emulator.as(user).clickButton(h.channel, h.ts, actionId);
  await t.settle();
  return r;
}

/** Creates the comms channel with the headline button and returns its id. */
export async function createCommsChannelViaSlack(t: SlackTestApp, user: string, incidentId: number): Promise<string> {
  await pressHeadlineButton(t, user, incidentId, 'create-comms-channel-button');
  const { body } = await t.api('GET', `/api/v1/incidents/${incidentId}`);
  if (!body.comms_channel) throw new Error('no comms channel was created');
  return body.comms_channel.channel_id as string;
}

/** `@incident <text>` in a channel as `user`; returns the message ts. */
export async function mention(t: SlackTestApp, user: string, channel: string, text: string): Promise<string> {
  const ts = await t.emulator.as(user).postMessage(channel, `<@U0BOT> ${text}`.trim());
  await t.settle();
  return ts;
}

/** The reaction names on a message. */
export function reactionsOn(t: SlackTestApp, channel: string, ts: string): string[] {
  const m = t.emulator.message(channel, ts) as { reactions?: { name: string }[] } | undefined;
  return (m?.reactions ?? []).map((r) => r.name);
}

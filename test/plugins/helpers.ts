import type { SlackTestApp } from '../support/slack-test-app.js';

export const BOT = '<@U0BOT>';

/** Declares an incident through /incident and the report modal; with AUTO_CREATE_CHANNEL its comms channel exists on return. */
export async function declareViaSlack(t: SlackTestApp, report = 'Checkout is down', fields: Record<string, Record<string, string>> = {}): Promise<{ id: number; channel: string }> {
  await t.emulator.as('U0ALICE').slashCommand('/incident', report);
  await t.settle();
  const view = t.emulator.openViews('U0ALICE').at(-1);
  if (!view) throw new Error('no report modal opened');
  await t.emulator.as('U0ALICE').submitView(view.id, fields);
  await t.settle();
  const { body } = await t.api('GET', '/api/v1/incidents?limit=1');
  const incident = body.results[0];
  const id = Number(incident.id);
  const channel = (await t.app.core.store.incidents.get(id))?.commsChannel?.channelId;
  if (!channel) throw new Error(`incident ${id} has no comms channel (is AUTO_CREATE_CHANNEL on?)`);
  return { id, channel };
}

/** `@incident <text>` as a user in a channel; waits for everything it set off. Returns the mention's ts. */
export async function mention(t: SlackTestApp, channel: string, text: string, user = 'U0ALICE'): Promise<string> {
  const ts = await t.emulator.as(user).postMessage(channel, `${BOT} ${text}`);
  await t.settle();
  return ts;
}

/** The bot's messages in a channel (text), oldest first. */
export function botTexts(t: SlackTestApp, channel: string): string[] {
  return t.emulator
    .messages(channel)
    .filter((m) => (m as { user?: string }).user === 'U0BOT' || (m as { bot_id?: string }).bot_id !== undefined)
    .map((m) => String((m as { text?: string }).text ?? ''));
}

/** Reactions the bot left on a message. */
export function reactionsOn(t: SlackTestApp, channel: string, ts: string): string[] {
  const m = t.emulator.message(channel, ts) as { reactions?: { name: string; users: string[] }[] } | undefined;
  return (m?.reactions ?? []).filter((r) => r.users.includes('U0BOT')).map((r) => r.name);
}

import type { CommandResult } from '../../plugins/sdk/types.js';
import { slackErrorCode } from '../client/web-client.js';
import { retryNotice, type DeliveryKeys } from '../delivery-keys.js';
import { worthRetrying } from '../client/retryable.js';
import { runPluginHandler } from '../guard.js';
import type { SlackRuntime } from '../runtime.js';
import type { z } from 'zod';
import type { appMentionSchema } from '../schemas.js';
import { ensureMentionedProfiles } from '../people/profiles.js';
import { contextFor, incidentInChannel, tellUser, userMessageFor } from './shared.js';

export const NOT_UNDERSTOOD = "I'm sorry, I don't know how to help with that :grimacing:";

/** `<@BOT> command args…` → { command, args }; a bare mention is `help`. Null when the bot isn't mentioned. */
export function parseMention(text: string, botUserId: string): { command: string; args: string } | null {
  const mention = new RegExp(`<@${botUserId}(?:\\|[^>]*)?>`);
  const at = mention.exec(text);
  if (!at) return null;
  const rest = text.slice(at.index + at[0].length).trim();
  const m = /^(\S+)\s*([\s\S]*)$/.exec(rest);
  if (!m) return { command: 'help', args: '' };
  return { command: (m[1] ?? '').toLowerCase(), args: (m[2] ?? '').trim() };
}

async function react(rt: SlackRuntime, channel: string, ts: string, handled: boolean): Promise<void> {
  const add = handled ? 'white_check_mark' : 'question';
  try {
    await rt.client.reactions.add({ channel, timestamp: ts, name: add });
  } catch (err) {
    if (slackErrorCode(err) !== 'already_reacted') rt.logger.warn({ err }, 'slack: could not react');
  }
  if (handled) {
    try {
      await rt.client.reactions.remove({ channel, timestamp: ts, name: 'question' });
    } catch (err) {
      if (slackErrorCode(err) !== 'no_reaction') rt.logger.warn({ err }, 'slack: could not remove a reaction');
    }
  }
}

function interpret(result: CommandResult): { handled: boolean; hint?: string } {
  if (result === undefined || result === true) return { handled: true };
  if (result === false) return { handled: false };
  return result;
}

/** `@incident <command>` in an incident channel: run the registered command, then ✅ or ❓. */
export async function handleMention(rt: SlackRuntime, event: z.output<typeof appMentionSchema>, delivery?: DeliveryKeys): Promise<void> {
  const parsed = parseMention(event.text, rt.bot.userId);
  if (!parsed) return;
  const incident = await incidentInChannel(rt, event.channel);
  if (!incident) {
    await tellUser(
      rt,
      event.channel,
      event.user,
      `👋 I only take commands in incident channels. To raise an incident use \`/incident\`, and head over to <#${rt.incidentChannel.id}> to see what's going on.`,
    );
    return;
  }
  const registered = rt.registry.command(parsed.command);
  if (!registered) {
    await react(rt, event.channel, event.ts, false);
    await tellUser(rt, event.channel, event.user, `${NOT_UNDERSTOOD}\nTry \`@incident help\` to see what I can do.`);
    return;
  }
  const ctx = contextFor(rt, { incident, plugin: registered.plugin, userSlackId: event.user, channelId: event.channel, threadTs: event.thread_ts ?? event.ts, delivery, retryFailures: true });
  const run = await runPluginHandler(
    rt.logger,
    registered.plugin,
    `@incident ${parsed.command}`,
    () => registered.handler.handler({ ...ctx, args: parsed.args, messageTs: event.ts }),
    rt.handlerTimeoutMs,
  );
  // A recorded delivery whose command failed for a reason that may pass is retried by the inbox
  // (its creations are made once); the user hears of it when it first fails and when it gives up.
  if (!run.ok && delivery && worthRetrying(run.error)) {
    const notice = retryNotice(delivery, `the ${registered.plugin} plugin`);
    if (notice) {
      await react(rt, event.channel, event.ts, false);
      await tellUser(rt, event.channel, event.user, notice);
    }
    throw run.error;
  }
  if (!run.ok) {
    await react(rt, event.channel, event.ts, false);
    await tellUser(rt, event.channel, event.user, userMessageFor(run.error));
    return;
  }
  // Anyone the command named by mention shows by name in the timeline and the doc from now on.
  await ensureMentionedProfiles(rt, parsed.args);
  const { handled, hint } = interpret(run.value);
  await react(rt, event.channel, event.ts, handled);
  if (!handled) await tellUser(rt, event.channel, event.user, hint ?? `${NOT_UNDERSTOOD}\nTry \`@incident help\` to see how to use \`${parsed.command}\`.`);
  else if (hint) await tellUser(rt, event.channel, event.user, hint);
}

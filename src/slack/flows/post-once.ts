import type { Block, KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { SlackEffectRepo } from '../../core/idempotency/ports.js';
import type { Clock } from '../../core/shared/context.js';
import type { SlackRuntime } from '../runtime.js';
import { singleAttemptClient, slackErrorCode } from '../client/web-client.js';

/** The `event_type` of the metadata every post made once carries; its `event_payload.key` is the idempotency key. */
export const EFFECT_EVENT_TYPE = 'response_effect';

/**
 * How long an attempt in flight holds its key. Every call under it is made once (no SDK retries,
 * 10 s timeout each), so an attempt takes well under this; the outbox and the reminders lease their
 * rows for as long, so a crashed attempt is retried about a minute later.
 */
export const EFFECT_LEASE_MS = 60_000;

/**
 * How far back a retry looks for an earlier attempt's message: the channel's newest messages, not a
 * time window (Slack's clock and ours need not agree). Recovery happens within minutes of the crash,
 * and an incident channel does not see hundreds of messages in that time.
 */
const LOOKUP_PAGE_SIZE = 200;
const LOOKUP_PAGES = 2;

export interface PostOnceDeps {
  client: WebClient;
  store: { slackEffects: SlackEffectRepo };
  clock: Clock;
  logger: Logger;
  /** Our bot's id: a message is ours only if it carries it (another app could use the same metadata). */
  botId: string | undefined;
}

export interface OnceMessage {
  text: string;
  blocks?: (KnownBlock | Block)[];
  /** Post as a reply in this message's thread (a retry then looks for its earlier attempt among the replies). */
  thread_ts?: string;
}

export interface PostedMessage {
  channel: string;
  ts: string;
  /** False when an earlier attempt's message was found (or recorded) and nothing was posted now. */
  postedNow: boolean;
}

/** The Slack edge's dependencies for posting once. */
export const onceDeps = (rt: SlackRuntime): PostOnceDeps => ({ client: rt.client, store: rt.core.store, clock: rt.clock, logger: rt.logger, botId: rt.bot.botId });

/** Another worker is posting this right now (retry later; the outbox and the scheduler do). */
export class EffectInFlightError extends Error {
  constructor(key: string) {
    super(`the Slack post ${key} is being made by another worker`);
    this.name = 'EffectInFlightError';
  }
}

/**
 * chat.postMessage at most once per idempotency key, and at least once across retries: the intent
 * is recorded before the call, the key rides along as message metadata, and the message's ts is
 * recorded after it. A retry whose earlier attempt may have posted (the process died between post
 * and record, or the call got no answer) first looks for the key in the channel's recent history and
 * adopts that message; a first attempt, or one Slack refused, posts without looking.
 *
 * `channel` may be a user id (a DM); the message is then found in the bot's DM with that user.
 */
export async function postOnce(deps: PostOnceDeps, key: string, channel: string, message: OnceMessage): Promise<PostedMessage> {
  const done = await doOnce(deps, key, channel, {
    find: () => findPosted(deps, channel, key, message.thread_ts),
    act: async () => {
      const res = await singleAttemptClient(deps.client).chat.postMessage({
        channel,
        ...message,
        metadata: { event_type: EFFECT_EVENT_TYPE, event_payload: { key } },
      });
      if (!res.ts) throw new Error('chat.postMessage returned no ts');
      return { channel: res.channel ?? channel, id: res.ts };
    },
  });
  return { channel: done.channel, ts: done.id, postedNow: done.now };
}

/** One Slack effect under an idempotency key: `act` does it, `find` looks for an earlier attempt's result (only after an uncertain one). */
export interface OnceEffect {
  act(): Promise<{ channel: string; id: string }>;
  find(): Promise<{ channel: string; id: string } | undefined>;
}

/**
 * The ledger around any effect that leaves something findable in Slack (a message, a bookmark):
 * record the intent, act, record the result; after an attempt that may have taken effect, find
 * its result before acting again. Returns the result and whether it was made now.
 */
export async function doOnce(deps: PostOnceDeps, key: string, channel: string, effect: OnceEffect): Promise<{ channel: string; id: string; now: boolean }> {
  const effects = deps.store.slackEffects;
  const start = await effects.begin(key, channel, deps.clock.now(), EFFECT_LEASE_MS);
  if (start.kind === 'done') return { channel: start.channelId, id: start.messageTs, now: false };
  if (start.kind === 'busy') throw new EffectInFlightError(key);
  if (start.kind === 'uncertain') {
    let found: { channel: string; id: string } | undefined;
    try {
      found = await effect.find();
    } catch (err) {
      if (!refusedForGood(err)) {
        await effects.fail(key, 'uncertain');
        throw err;
      }
      // Slack won't let us look (a missing scope, not a member): doing it again risks a duplicate,
      // but not doing it risks losing it, which is worse.
      deps.logger.warn({ key, channel, code: slackErrorCode(err) }, 'slack: could not look for an earlier attempt; doing it again (it may show twice)');
    }
    if (found) {
      deps.logger.info({ key, channel: found.channel, id: found.id }, 'slack: an earlier attempt had done this; recorded it instead of doing it again');
      await effects.complete(key, found.channel, found.id, deps.clock.now());
      return { ...found, now: false };
    }
  }
  let result: { channel: string; id: string };
  try {
    result = await effect.act();
  } catch (err) {
    // Slack's answer "no" (ok:false, a 429) means nothing was done; no answer means it may have been.
    await effects.fail(key, answered(err) ? 'refused' : 'uncertain');
    throw err;
  }
  await effects.complete(key, result.channel, result.id, deps.clock.now());
  return { ...result, now: true };
}

const answered = (err: unknown) => slackErrorCode(err) !== undefined || (err as { code?: unknown } | undefined)?.code === 'slack_webapi_rate_limited_error';

/** The message an earlier attempt posted under `key`, among the channel's newest messages. */
async function findPosted(deps: PostOnceDeps, channel: string, key: string, threadTs?: string): Promise<{ channel: string; id: string } | undefined> {
  const client = singleAttemptClient(deps.client);
  let where = channel;
  if (/^[UW][A-Z0-9]+$/.test(channel)) {
    // A DM was addressed by user id: its history is the bot's conversation with that user.
    const opened = await client.conversations.open({ users: channel });
    where = opened.channel?.id ?? channel;
  }
  let cursor: string | undefined;
  for (let page = 0; page < LOOKUP_PAGES; page++) {
    const res = threadTs
      ? await client.conversations.replies({ channel: where, ts: threadTs, limit: LOOKUP_PAGE_SIZE, include_all_metadata: true, cursor })
      : await client.conversations.history({ channel: where, limit: LOOKUP_PAGE_SIZE, include_all_metadata: true, cursor });
    const hit = res.messages?.find(
      (m) => m.metadata?.event_type === EFFECT_EVENT_TYPE && (m.metadata.event_payload as Record<string, unknown> | undefined)?.key === key && (!deps.botId || m.bot_id === deps.botId),
    );
    if (hit?.ts) return { channel: where, id: hit.ts };
    cursor = res.response_metadata?.next_cursor || undefined;
    if (!cursor) return undefined;
  }
  return undefined;
}

/** Slack answered no for a reason a retry won't change. */
const refusedForGood = (err: unknown) => {
  const code = slackErrorCode(err);
  return code !== undefined && !['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout'].includes(code);
};

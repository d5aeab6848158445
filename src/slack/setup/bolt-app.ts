import { App as BoltApp } from '@slack/bolt';
import { slackClientOptions, slackLogger, type SlackRetryPolicy } from '../client/web-client.js';
import { deliveryKeysFrom } from '../delivery-keys.js';
import { eventOrderKey, handleEvent } from '../dispatch/events.js';
import { handleBlockActions, handleViewSubmission } from '../dispatch/interactions.js';
import { handleSlashCommand } from '../dispatch/report.js';
import { inboxKeyOf } from '../receiver/inbox-key.js';
import { INBOX_PROPERTIES } from '../receiver/slack-intake.js';
import type { SlackRuntime } from '../runtime.js';
import { parseEnvelope } from '../schemas.js';
import { SlackStartupError } from './startup.js';
import type { OpenedReceiver } from './receiver.js';

/** How long start-up waits for the Socket Mode connection before saying what to check. */
const SOCKET_START_TIMEOUT_MS = 30_000;

/**
 * Step 3 of registerSlack: one Bolt app on the opened receiver, whose one middleware validates
 * every payload (whichever transport brought it) and hands it to the dispatchers; what we don't
 * understand is logged and acked.
 */
export function createBoltApp(rt: SlackRuntime, opened: OpenedReceiver, retry: SlackRetryPolicy): BoltApp {
  const { config, logger, bot } = rt;
  const bolt = new BoltApp({
    receiver: opened.receiver,
    token: config.botToken,
    botId: bot.botId,
    botUserId: bot.userId,
    tokenVerificationEnabled: false,
    // Bolt's conversation store keeps per-channel state for listeners that ask for it; ours don't,
    // and its lookup built a rejected promise (an Error with a stack) for every payload.
    convoStore: false,
    logger: slackLogger(logger),
    clientOptions: slackClientOptions({ apiUrl: config.apiUrl, retry, logger }),
  });

  bolt.use(async ({ body, ack, context }) => {
    // Bolt types ack per payload kind; ours validate the payload themselves, so one loose signature.
    const done = (ack ?? (async () => undefined)) as (response?: unknown) => Promise<void>;
    const raw = body as Record<string, unknown>;
    // Set when the delivery is recorded in the inbox (one record per event_id, press or submission,
    // across replicas): its creations are made once however often it is handled.
    const delivery = deliveryKeysFrom(context, INBOX_PROPERTIES);
    try {
      // A transport that does not record in the inbox still handles each delivery once (Slack's redeliveries are claimed away).
      const unrecorded = delivery ? null : inboxKeyOf(raw);
      if (unrecorded && !(await rt.core.store.dedupe.claim(unrecorded.key))) return await done();
      const envelope = parseEnvelope(raw);
      switch (envelope?.kind) {
        case 'event': {
          const event = envelope.data;
          const handle = () => handleEvent(rt, event.event, delivery);
          // One channel's pins (and joins) are handled in the order Slack sent them.
          const key = eventOrderKey(event.event);
          return await (key ? rt.inOrder.run(key, handle) : handle());
        }
        case 'command':
          return await handleSlashCommand(rt, envelope.data, done);
        case 'actions':
          return await handleBlockActions(rt, envelope.data, done, delivery);
        case 'submission':
          return await handleViewSubmission(rt, envelope.data, done, delivery);
        case 'closed':
          return await done();
      }
      logger.warn({ type: raw.type }, 'slack: payload not understood; acked and ignored');
      await done();
    } catch (err) {
      await done().catch(() => undefined);
      // A recorded delivery is retried from the inbox (the intake logs and schedules it).
      if (delivery) throw err;
      logger.error({ err, type: raw.type }, 'slack: handling a request failed');
    }
  });
  bolt.error(async (err) => {
    // Handed back to the receiver's intake, which settles the inbox record (retry with backoff, or parked).
    throw err;
  });
  return bolt;
}

/**
 * Step 4, called by the composition root once everything that reacts to Slack's changes is
 * subscribed: Socket Mode opens its connection now (failing with what to check; Slack may redeliver
 * at once). Over HTTP the route is mounted already and requests come once the server listens.
 */
export async function startReceiving(bolt: BoltApp, opened: OpenedReceiver): Promise<void> {
  if (!opened.socketMode) return;
  try {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no connection within ${SOCKET_START_TIMEOUT_MS / 1000} s`)), SOCKET_START_TIMEOUT_MS);
    });
    await Promise.race([bolt.start(), timeout]).finally(() => clearTimeout(timer));
  } catch (err) {
    await Promise.resolve(bolt.stop()).catch(() => undefined);
    throw new SlackStartupError(
      `Could not open a Socket Mode connection to Slack (${err instanceof Error ? err.message : String(err)}): check SLACK_APP_TOKEN (an app-level token, xapp-…, with the connections:write scope) and that Socket Mode is enabled for the app, or unset SLACK_APP_TOKEN to receive requests over HTTP at PUBLIC_URL/slack/events`,
    );
  }
}

/** Stops receiving and waits for work in flight (Socket Mode through Bolt, which stops its receiver). */
export async function stopReceiving(bolt: BoltApp, opened: OpenedReceiver): Promise<void> {
  if (opened.socketMode) await bolt.stop();
  else await opened.stop();
}

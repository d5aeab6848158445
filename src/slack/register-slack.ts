import { App as BoltApp, type Receiver } from '@slack/bolt';
import type { InboxDelivery } from '../core/inbox/ports.js';
import type { App } from '../main/app.js';
import { createSlackClient, defaultSlackRetryPolicy, slackClientOptions, slackLogger, type SlackRetryPolicy } from './client.js';
import { eventOrderKey, handleEvent } from './dispatch/events.js';
import { handleBlockActions, handleViewSubmission } from './dispatch/interactions.js';
import { handleSlashCommand } from './dispatch/report.js';
import { headlineSubscriber } from './flows/headline-sync.js';
import { pluginIncidentEventSubscribers } from './flows/plugin-events.js';
import { profileLookupSubscriber } from './users.js';
import { autoChannelSubscriber, closedNoticeSubscriber, closedReminderSubscriber } from './flows/lifecycle-notices.js';
import { ChannelIncidentIds } from './channel-incidents.js';
import { deliveryKeysFrom } from './delivery-keys.js';
import { KeyedSerial } from './keyed-serial.js';
import { SLASH_COMMAND } from './ids.js';
import { FastifySlackReceiver } from './receiver/fastify-receiver.js';
import { inboxKeyOf } from './receiver/inbox-key.js';
import { INBOX_PROPERTIES, type SlackIntake } from './receiver/slack-intake.js';
import { SocketModeSlackReceiver } from './receiver/socket-mode-receiver.js';
import { bindRuntime, type SlackRuntime } from './runtime.js';
import { parseEnvelope } from './schemas.js';
import { identifyBot, resolveChannel, SlackStartupError } from './startup.js';

export { SlackStartupError };

export interface RegisterSlackOptions {
  /** Web API retries (tests make them fast). */
  retry?: SlackRetryPolicy;
}

/** What the Slack edge gives the composition root: how to handle a recorded delivery again (the inbox replay loop). */
export interface SlackContribution {
  replayInbox?: (delivery: InboxDelivery) => Promise<void>;
}

/** How often the readiness check really calls auth.test; in between it answers from cache. */
const READINESS_TTL_MS = 60_000;

/** How long start-up waits for the Socket Mode connection before saying what to check. */
const SOCKET_START_TIMEOUT_MS = 30_000;

/**
 * Wires the Slack edge into the app: one WebClient, auth.test and the incident channels at
 * start-up (failing with what to fix), one Bolt app receiving on POST /slack/events (or Socket
 * Mode when SLACK_APP_TOKEN is set), the outbox subscribers that keep Slack in step with every
 * change, and the `slack` readiness check.
 */
export async function registerSlack(app: App, options: RegisterSlackOptions = {}): Promise<SlackContribution> {
  const config = app.config.slack;
  if (!config) return {};
  const logger = app.logger.child({ component: 'slack' });
  const retry = options.retry ?? defaultSlackRetryPolicy;
  const client = createSlackClient({ token: config.botToken, apiUrl: config.apiUrl, retry, logger, onCall: (method, outcome) => app.metrics.slackApiCalls.inc({ method, outcome }) });

  const bot = await identifyBot(client);
  const incidentChannel = await resolveChannel(client, 'INCIDENT_CHANNEL', config.incidentChannel);
  const reportChannel = config.reportChannel ? await resolveChannel(client, 'INCIDENT_REPORT_CHANNEL', config.reportChannel) : null;
  app.httpDeps.workspace = { teamId: bot.teamId, url: bot.url };

  let httpReceiver: FastifySlackReceiver | undefined;
  let socketReceiver: SocketModeSlackReceiver | undefined;
  // Records deliveries in the inbox before acking them and handles them from there (either transport).
  let intake: SlackIntake | undefined;
  const idle = async () => {
    await httpReceiver?.idle();
    await socketReceiver?.idle();
  };
  const rt: SlackRuntime = {
    client,
    core: app.core,
    clock: app.clock,
    logger,
    registry: app.registry,
    config,
    publicUrl: app.config.publicUrl,
    timezone: app.config.timezone,
    bot,
    incidentChannel,
    reportChannel,
    idle,
    inOrder: new KeyedSerial(),
    channelIncidents: new ChannelIncidentIds(),
    handlerTimeoutMs: app.config.pluginTimeoutMs + 1000,
  };
  bindRuntime(app, rt);

  let receiver: Receiver;
  if (config.appToken) {
    const { slackApiUrl, retryConfig } = slackClientOptions({ apiUrl: config.apiUrl, retry, logger });
    socketReceiver = new SocketModeSlackReceiver({
      appToken: config.appToken,
      clientOptions: { slackApiUrl, retryConfig },
      clock: app.clock,
      logger,
      slackLogger: slackLogger(logger),
      inbox: app.inbox,
      leaseMs: app.config.inboxLeaseMs,
      onAck: (kind, seconds) => app.metrics.slackAck.observe({ kind }, seconds),
      // The same rule as over HTTP: button presses and /incident ack empty at once.
      acksWithoutBody: (body) => body.type === 'block_actions' || body.command === SLASH_COMMAND,
    });
    intake = socketReceiver.intake;
    receiver = socketReceiver;
  } else {
    if (!config.signingSecret) throw new SlackStartupError('SLACK_SIGNING_SECRET is required unless SLACK_APP_TOKEN (Socket Mode) is set');
    httpReceiver = new FastifySlackReceiver({
      http: app.http,
      signingSecret: config.signingSecret,
      clock: app.clock,
      logger,
      inbox: app.inbox,
      leaseMs: app.config.inboxLeaseMs,
      onAck: (kind, seconds) => app.metrics.slackAck.observe({ kind }, seconds),
      // Button presses ack empty (handleBlockActions), and so does /incident (handleSlashCommand); other commands get a reply in the ack.
      acksWithoutBody: (body) => body.type === 'block_actions' || body.command === SLASH_COMMAND,
    });
    await httpReceiver.register();
    intake = httpReceiver.intake;
    receiver = httpReceiver;
  }
  const bolt = new BoltApp({
    receiver,
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

  // Every payload is validated here, whichever transport brought it; what we don't understand is logged and acked.
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
      if (unrecorded && !(await app.core.store.dedupe.claim(unrecorded.key))) return await done();
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
    if (intake) throw err;
    logger.error({ err }, 'slack: bolt error');
  });

  for (const subscriber of [headlineSubscriber(rt), closedNoticeSubscriber(rt), closedReminderSubscriber(rt), autoChannelSubscriber(rt), profileLookupSubscriber(rt), ...pluginIncidentEventSubscribers(rt)])
    app.outbox.subscribe(subscriber);

  let checkedAt = 0;
  let healthy = true;
  app.readiness.set('slack', async () => {
    const now = Date.now();
    if (now - checkedAt < READINESS_TTL_MS) return healthy;
    checkedAt = now;
    healthy = await client.auth.test().then(
      () => true,
      () => false,
    );
    return healthy;
  });

  if (config.appToken) {
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
    app.onClose(async () => {
      await bolt.stop();
    });
  } else if (httpReceiver) {
    const r = httpReceiver;
    app.onClose(() => r.stop());
  }
  logger.info({ team: bot.teamId, incidentChannel: incidentChannel.name, socketMode: Boolean(config.appToken) }, 'Slack connected');
  const replaying = intake;
  return replaying ? { replayInbox: (delivery) => replaying.replay(delivery) } : {};
}

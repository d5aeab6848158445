import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { SlackConfig } from '../config/config.js';
import type { InboxDelivery, InboxStore } from '../core/inbox/ports.js';
import type { OutboxSubscriber } from '../core/outbox/ports.js';
import type { CoreDeps } from '../core/store-ports.js';
import type { Clock } from '../core/shared/context.js';
import type { PluginRegistry } from '../plugins/registry.js';
import { ChannelIncidentIds } from './channel-incidents.js';
import { defaultSlackRetryPolicy, type SlackRetryPolicy } from './client/web-client.js';
import type { SlackPacerOptions } from './client/slack-pacer.js';
import { autoChannelSubscriber, closedNoticeSubscriber } from './flows/lifecycle-notices.js';
import { headlineSubscriber } from './flows/headline-sync.js';
import { followUpsOnCloseSubscriber, pastDueReminderSubscriber } from './flows/follow-up-dms.js';
import { postmortemOnResolveSubscriber } from './flows/postmortem-dm.js';
import { statusUpdatePostsSubscriber } from './flows/status-update-posts.js';
import { pluginIncidentEventSubscribers, pluginTaskSubscribersForSlack, slackTaskContexts } from './flows/plugin-events.js';
import type { WebhookIncidentContexts } from '../plugins/webhook-intake.js';
import { roleHolderSubscriber } from './flows/role-holder.js';
import { KeyedSerial } from './keyed-serial.js';
import { LatestWins } from './latest-wins.js';
import type { SlackRuntime } from './runtime.js';
import { createBoltApp, startReceiving, stopReceiving } from './setup/bolt-app.js';
import { connectSlack } from './setup/connect.js';
import { notificationContexts, type NotificationContexts } from './setup/notification-contexts.js';
import { slackReadiness } from './setup/readiness.js';
import { openReceiver } from './setup/receiver.js';
import { SlackStartupError } from './setup/startup.js';
import { profileLookupSubscriber, refreshUsers } from './people/profiles.js';

export { SlackStartupError };
export type { NotificationContexts };

/** What the Slack edge needs, and nothing more: handed in by the composition root. */
export interface SlackDeps {
  config: SlackConfig;
  core: CoreDeps;
  /** Built-in and user plugins, already registered: Slack dispatches commands, keywords and buttons to them. */
  registry: PluginRegistry;
  clock: Clock;
  logger: Logger;
  /** The HTTP server POST /slack/events is mounted on (unless Socket Mode). */
  http: FastifyInstance;
  /** Where deliveries are recorded before they are acked. */
  inbox: InboxStore;
  inboxLeaseMs: number;
  publicUrl: string;
  timezone: string;
  pluginTimeoutMs: number;
  /** Web API retries (tests make them fast). */
  retry?: SlackRetryPolicy;
  /** Budgets other than Slack's documented ones (slack-tiers.ts), when pacing is on (tests scale them). */
  slackPacing?: Omit<SlackPacerOptions, 'replicas'>;
  /** Metrics hooks: each Web API call, and how long each ack took. */
  onApiCall?: (method: string, outcome: string) => void;
  onAck?: (kind: string, seconds: number) => void;
}

/** What the Slack edge contributes; the composition root plugs each part in where it belongs. */
export interface SlackEdge {
  /** The workspace the bot is in (auth.test), for links and sign-in on the HTTP edge. */
  workspace: { teamId: string; url: string | null };
  /** Keep Slack in step with every committed change (headline, notices, auto channel, profiles). */
  subscribers: OutboxSubscriber[];
  /** Readiness checks by name (`slack`: auth.test answers). */
  readiness: Record<string, () => Promise<boolean>>;
  /** The handler contexts reminders and plugin notifications post with. */
  notificationContexts: NotificationContexts;
  /** The handler contexts vendors' webhooks act on incidents with (as their plugin). */
  webhookContexts: WebhookIncidentContexts;
  /** The daily user refresh: pages through users.list and stores every profile; returns how many. */
  refreshUsers(): Promise<number>;
  /** Handles a recorded delivery again (the inbox replay loop). */
  replayInbox(delivery: InboxDelivery): Promise<void>;
  /** Resolves when work started by already-acked Slack requests has finished (tests, shutdown). */
  idle(): Promise<void>;
  /**
   * Starts receiving: Socket Mode connects now (a SlackStartupError says what to check). Call it
   * once the subscribers are subscribed: a delivery handled before would change incidents nobody
   * reacts to.
   */
  start(): Promise<void>;
  /** Stops receiving and waits for work in flight. */
  close(): Promise<void>;
}

/**
 * Wires the Slack edge: one WebClient, auth.test and the incident channels at start-up (failing
 * with what to fix), one Bolt app receiving on POST /slack/events (or Socket Mode when
 * SLACK_APP_TOKEN is set); returns what the rest of the app plugs in, and `start()` to call once it
 * is plugged in. Mutates nothing it is given (beyond mounting its route on `http`).
 */
export async function registerSlack(deps: SlackDeps): Promise<SlackEdge> {
  const { config } = deps;
  const logger = deps.logger.child({ component: 'slack' });
  const retry = deps.retry ?? defaultSlackRetryPolicy;
  const { client, bot, incidentChannel, reportChannel } = await connectSlack(config, { retry, logger, onApiCall: deps.onApiCall, pacing: deps.slackPacing });
  const opened = await openReceiver({ config, http: deps.http, inbox: deps.inbox, inboxLeaseMs: deps.inboxLeaseMs, clock: deps.clock, logger, retry, onAck: deps.onAck });
  const rt: SlackRuntime = {
    client,
    core: deps.core,
    clock: deps.clock,
    logger,
    registry: deps.registry,
    config,
    publicUrl: deps.publicUrl,
    timezone: deps.timezone,
    bot,
    incidentChannel,
    reportChannel,
    idle: () => opened.idle(),
    inOrder: new KeyedSerial(),
    headlineRenders: new LatestWins(),
    channelIncidents: new ChannelIncidentIds(),
    commsChannelCreations: new Map(),
    knownProfiles: new Set(),
    handlerTimeoutMs: deps.pluginTimeoutMs + 1000,
  };
  const bolt = createBoltApp(rt, opened, retry);
  return {
    workspace: { teamId: bot.teamId, url: bot.url },
    subscribers: [
      headlineSubscriber(rt),
      closedNoticeSubscriber(rt),
      postmortemOnResolveSubscriber(rt),
      autoChannelSubscriber(rt),
      roleHolderSubscriber(rt),
      statusUpdatePostsSubscriber(rt),
      profileLookupSubscriber(rt),
      followUpsOnCloseSubscriber(rt),
      pastDueReminderSubscriber(rt),
      ...pluginIncidentEventSubscribers(rt),
      ...pluginTaskSubscribersForSlack(rt),
    ],
    readiness: { slack: slackReadiness(client) },
    notificationContexts: notificationContexts(rt),
    webhookContexts: (incidentId, plugin, occurrence) => slackTaskContexts(rt)(incidentId, plugin, null, occurrence),
    refreshUsers: () => refreshUsers(rt),
    replayInbox: (delivery) => opened.intake.replay(delivery),
    idle: rt.idle,
    async start() {
      await startReceiving(bolt, opened);
      logger.info({ team: bot.teamId, incidentChannel: incidentChannel.name, socketMode: opened.socketMode }, 'Slack connected');
    },
    close: () => stopReceiving(bolt, opened),
  };
}

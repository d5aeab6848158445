import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import type { CoreDeps } from '../core/store-ports.js';
import { systemClock, type Clock } from '../core/shared/context.js';
import { bearerAuthenticator } from '../http/auth/bearer.js';
import { buildHttpServer, registerApi } from '../http/build-server.js';
import type { HttpDeps } from '../http/route-deps.js';
import type { InboxStore } from '../core/inbox/ports.js';
import { InboxReplay } from '../jobs/inbox-replay.js';
import { OutboxDispatcher } from '../jobs/outbox-dispatcher.js';
import { inboxStore } from '../store/repositories/inbox-repo.js';
import { metricsReadings } from '../store/repositories/metrics-repo.js';
import { notificationScheduleStore } from '../store/repositories/notification-schedule-repo.js';
import { outboxQueue } from '../store/repositories/outbox-queue-repo.js';
import { jobQueueConnection } from '../store/job-queue-connection.js';
import { NotificationScheduler } from '../jobs/notification-scheduler.js';
import { BackgroundJobs } from '../jobs/background-jobs.js';
import { FollowUpReminders } from '../jobs/follow-up-reminders.js';
import { guardPlugin } from '../plugins/guard.js';
import { loadConfigFile } from '../plugins/loader.js';
import { DEFAULT_INCIDENT_PROCESS, parseIncidentProcess, type IncidentProcess } from '../config/incident-process.js';
import type { Plugin } from '../plugins/sdk/types.js';
import { createStore } from '../store/create-store.js';
import { webRepos } from '../store/repositories/web-repos.js';
import { registerWebUi, webSessions } from '../http/routes/web-ui.js';
import { migrationsCurrent, openDatabase, type Database, type DatabaseOptions } from '../store/database.js';
import { PluginRegistry } from '../plugins/registry.js';
import { builtinPlugins } from './builtin-plugins.js';
import { registerSlack, type SlackDeps, type SlackEdge } from '../slack/register-slack.js';
import type { SlackRetryPolicy } from '../slack/client/web-client.js';
import { createLogger } from '../observability/logger.js';
import { Metrics } from '../observability/metrics.js';
import { declaredIncidentLog } from '../observability/declared-incidents.js';
import { metricsRoutes } from '../http/routes/metrics.js';
import { registerWebhookApi } from '../http/routes/webhooks.js';
import { WebhookSender } from '../jobs/webhook-sender.js';
import { webhookFanOut } from '../jobs/webhook-fan-out.js';
import { webhookRepo } from '../store/repositories/webhook-repo.js';
import { webhookQueue } from '../store/repositories/webhook-queue-repo.js';
import { readIntegrations, type IntegrationsConfig } from '../config/integrations/index.js';
import { issueTrackersOf } from '../config/integrations/issue-trackers.js';
import { pluginWebhookRoutes } from '../http/routes/plugin-webhooks.js';
import { WEBHOOK_KIND_PREFIX, WebhookIntake } from '../plugins/webhook-intake.js';
import { publishingSettings, registerStatusPage } from './status-page.js';

export interface AppOptions {
  config: Config;
  clock?: Clock;
  logger?: Logger;
  /** Overrides where the data lives (tests use an in-memory embedded database). */
  database?: DatabaseOptions;
  /** How hard Slack Web API calls are retried (tests make retries fast). */
  slackRetry?: SlackRetryPolicy;
  /** Slack budgets other than the documented tiers when pacing is on (tests scale them; src/slack/client/slack-tiers.ts). */
  slackPacing?: SlackDeps['slackPacing'];
  /** Plugins to register after the built-ins and the configured ones (tests pass them directly). */
  plugins?: Plugin[];
  /** Where the sandbox workspace is served when it runs beside the app (server.ts mounts it): the web UI links back to it. */
  sandboxUrl?: string;
  /** The incident process (roles, update cadence, reactions); overrides response.config.ts (tests pass it). */
  process?: IncidentProcess;
  /** The integrations' settings; overrides what the environment and response.config.ts say (tests pass it). */
  integrations?: IntegrationsConfig;
  /** What response.config.ts's process settings apply over (default DEFAULT_INCIDENT_PROCESS; the sandbox's adds its stakeholder channel). */
  processBase?: IncidentProcess;
}

/** A readiness check: true when the part it names can do its work. */
export type ReadinessCheck = () => Promise<boolean>;

export interface App {
  config: Config;
  clock: Clock;
  logger: Logger;
  database: Database;
  core: CoreDeps;
  http: FastifyInstance;
  outbox: OutboxDispatcher;
  /** Acknowledged Slack deliveries, recorded before the ack and handled from there. */
  inbox: InboxStore;
  /** Handles pending inbox rows again (after a crash or a failure); null without Slack. */
  inboxReplay: InboxReplay | null;
  /** Vendors' webhooks (`POST /webhooks/<name>`); null without Slack. */
  webhooks: WebhookIntake | null;
  httpDeps: HttpDeps;
  readiness: ReadonlyMap<string, ReadinessCheck>;
  /** Built-in and user plugins: commands, keywords, handlers, notifications, headline buttons. */
  registry: PluginRegistry;
  /** Reminders and plugin notifications: `sweep()` runs what is due now (tests move the clock, then sweep). */
  reminders: NotificationScheduler;
  /** The past-due follow-up sweep: `sweep()` reminds owners of what is past due now (tests move the clock, then sweep). */
  followUpReminders: FollowUpReminders;
  metrics: Metrics;
  /** Sends queued outgoing webhook deliveries (tests wait on its `idle()` and `kick()` it after moving the clock). */
  outgoingWebhooks: WebhookSender;
  /** What the Slack edge contributed (its `idle()`, the user refresh…); null when Slack is not configured. */
  slack: SlackEdge | null;
  listen(): Promise<string>;
  close(): Promise<void>;
}

/** Built-in plugins first, then the configured ones and those passed in; a plugin that fails to load or register is logged by name and left out. */
function pluginRegistry(config: Config, incidentProcess: IncidentProcess, integrations: IntegrationsConfig, loaded: Plugin[], logger: Logger, app: { core: CoreDeps; clock: Clock }): PluginRegistry {
  const registry = new PluginRegistry();
  const guarded = (plugin: Plugin) => guardPlugin(plugin, { timeoutMs: config.pluginTimeoutMs, logger });
  for (const plugin of builtinPlugins(config, incidentProcess, integrations, registry, app)) registry.register(guarded(plugin));
  for (const plugin of loaded) {
    try {
      registry.register(guarded(plugin));
    } catch (err) {
      logger.error({ err, plugin: plugin.name }, `plugin "${plugin.name}" could not be registered`);
    }
  }
  return registry;
}

/**
 * The composition root: the only place that opens the database, creates clients and wires the
 * edges. Each edge receives what it needs and returns what it contributes; everything is plugged
 * together here, once, in the order each part needs the others (Slack before the HTTP API, whose
 * workspace it names; both before the reminders, which post through Slack).
 */
export async function createApp(options: AppOptions): Promise<App> {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger(config);
  // The config file first: a mistake in it stops start-up before anything is opened.
  const configFile = await loadConfigFile({ specs: config.plugins, cwd: process.cwd(), timeoutMs: config.pluginTimeoutMs, logger });
  const processBase = options.processBase ?? DEFAULT_INCIDENT_PROCESS;
  const incidentProcess = options.process ?? (configFile.settings ? parseIncidentProcess(configFile.settings.values, configFile.settings.source, processBase) : processBase);
  const integrations = options.integrations ?? readIntegrations(config.integrationEnv, (configFile.settings?.values as { integrations?: unknown } | undefined)?.integrations);
  const database = await openDatabase(options.database ?? (config.database.kind === 'postgres' ? { kind: 'postgres', url: config.database.url } : { kind: 'embedded', dataDir: config.database.dataDir }));
  let slack: SlackEdge | null = null;
  try {
    const outbox = new OutboxDispatcher({ queue: outboxQueue(database), clock, logger, pollMs: config.outboxPollMs });
    const store = createStore(database.db, { afterOutboxCommit: () => outbox.kick(), roles: incidentProcess.roles });
    const core: CoreDeps = { store, permissions: config.permissions, process: incidentProcess, issueTrackers: issueTrackersOf(integrations), publishing: publishingSettings(integrations) };
    const inbox = inboxStore(database.db);
    const webhookSender = new WebhookSender({ queue: webhookQueue(database), clock, logger, pollMs: config.outboxPollMs });
    // Plain http:// endpoints anywhere only beside the sandbox, whose receivers run on this machine.
    const outgoingWebhooks = { ...core, webhooks: webhookRepo(database), allowPlainHttp: options.sandboxUrl !== undefined, onQueued: () => webhookSender.kick() };
    const http = await buildHttpServer(logger);
    const metrics = new Metrics(metricsReadings(database));
    metricsRoutes(http, metrics, config.metricsToken);
    const registry = pluginRegistry(config, incidentProcess, integrations, [...configFile.plugins, ...(options.plugins ?? [])], logger, { core, clock });

    if (config.slack) {
      slack = await registerSlack({
        config: config.slack,
        core,
        registry,
        clock,
        logger,
        http,
        inbox,
        inboxLeaseMs: config.inboxLeaseMs,
        publicUrl: config.publicUrl,
        timezone: config.timezone,
        pluginTimeoutMs: config.pluginTimeoutMs,
        retry: options.slackRetry,
        slackPacing: options.slackPacing,
        onApiCall: (method, outcome) => metrics.slackApiCalls.inc({ method, outcome }),
        onAck: (kind, seconds) => metrics.slackAck.observe({ kind }, seconds),
      });
    } else logger.info('Slack is not configured (SLACK_BOT_TOKEN unset): the web UI and API work, Slack features are off');

    const reminders = new NotificationScheduler({
      schedules: notificationScheduleStore(database),
      core,
      registry,
      clock,
      logger,
      timezone: config.timezone,
      publicUrl: config.publicUrl,
      sweepSeconds: config.reminders.sweepSeconds,
      handlerTimeoutMs: config.pluginTimeoutMs,
      onPosted: (key) => metrics.remindersSent.inc({ key }),
      // Notifications post through Slack's handler contexts; without Slack there is nowhere to post.
      contexts: slack?.notificationContexts,
    });
    // Past-due follow-ups are found by date, not by an event: a sweep (a minute is plenty for a due day).
    const followUpReminders = new FollowUpReminders({ core, clock, logger, timezone: config.timezone, sweepSeconds: Math.max(60, config.reminders.sweepSeconds) });
    for (const subscriber of [reminders.subscriber(), declaredIncidentLog(logger, config.publicUrl), webhookFanOut(outgoingWebhooks, clock), ...(slack?.subscribers ?? [])]) outbox.subscribe(subscriber);
    // Only now may Slack deliver (Socket Mode connects here): every change it makes has its subscribers.
    await slack?.start();

    const workspace = slack ? { ...slack.workspace } : { teamId: null, url: null };
    const repos = webRepos(database.db);
    const session = await webSessions(http, { core, clock, config, sessions: repos.sessions });
    // An API token, or the web UI's session (or anonymous access when sign-in is not required).
    const authenticators = [bearerAuthenticator(core, clock, () => workspace.teamId), ...session.authenticators];
    const httpDeps: HttpDeps = { core, clock, publicUrl: config.publicUrl, workspace, authenticators, timezone: config.timezone };
    const readiness = new Map<string, ReadinessCheck>([
      ['database', () => database.ping()],
      ['migrations', () => migrationsCurrent(database)],
      ...Object.entries(slack?.readiness ?? {}),
    ]);
    await registerApi(http, httpDeps, {
      database: () => database.ping(),
      readiness: async () => {
        const entries = await Promise.all([...readiness].map(async ([name, check]) => [name, await check().catch(() => false)] as const));
        return Object.fromEntries(entries);
      },
    });
    await registerWebhookApi(http, httpDeps, outgoingWebhooks);
    registerStatusPage(http, integrations.statusPage, { core, clock, publicUrl: config.publicUrl });
    await registerWebUi(http, { http: httpDeps, config, logger, sandboxUrl: options.sandboxUrl ?? null, ...repos, session });

    const edge = slack;
    // Vendors' webhooks act on incidents through Slack's handler contexts, like every plugin handler.
    const webhooks = edge
      ? new WebhookIntake({ registry, inbox, pluginData: core.store.pluginData, contexts: edge.webhookContexts, clock, logger, leaseMs: config.inboxLeaseMs })
      : null;
    if (webhooks) await pluginWebhookRoutes(http, webhooks, clock);
    const inboxReplay = edge
      ? new InboxReplay({
          inbox,
          clock,
          logger,
          replay: (delivery) => (webhooks && delivery.kind.startsWith(WEBHOOK_KIND_PREFIX) ? webhooks.replay(delivery) : edge.replayInbox(delivery)),
          leaseMs: config.inboxLeaseMs,
          pollMs: Math.min(1000, config.inboxLeaseMs),
        })
      : null;

    let closing: Promise<void> | undefined;
    let jobs: BackgroundJobs | undefined;
    return {
      config,
      clock,
      logger,
      database,
      core,
      http,
      outbox,
      inbox,
      inboxReplay,
      webhooks,
      httpDeps,
      readiness,
      registry,
      reminders,
      followUpReminders,
      metrics,
      outgoingWebhooks: webhookSender,
      slack,
      async listen() {
        outbox.start();
        webhookSender.start();
        inboxReplay?.start();
        reminders.start();
        if (incidentProcess.followUps.remindWhenPastDue) followUpReminders.start();
        // The daily Slack user refresh (pg-boss); nothing to refresh without Slack.
        if (edge) {
          const started = new BackgroundJobs({ db: jobQueueConnection(database), logger, timezone: config.timezone, refreshUsers: () => edge.refreshUsers() });
          await started.start();
          jobs = started;
        }
        return http.listen({ port: config.port, host: config.host });
      },
      close() {
        closing ??= (async () => {
          // Stop taking requests and let in-flight ones finish, then background work, then the database.
          // Keep-alive connections that finish a request during shutdown turn idle after the one-off
          // idle sweep Fastify does; close them as they go idle so shutdown doesn't wait for keepAliveTimeout.
          const sweep = setInterval(() => http.server.closeIdleConnections(), 50);
          try {
            await http.close();
          } finally {
            clearInterval(sweep);
          }
          const quietly = (step: Promise<void>) => step.catch((err: unknown) => logger.error({ err }, 'error while closing'));
          // The replay stops before the Slack edge: no replay starts while the receiver drains.
          if (inboxReplay) await quietly(inboxReplay.stop());
          if (edge) await quietly(edge.close());
          if (webhooks) await quietly(webhooks.idle());
          await reminders.stop();
          await followUpReminders.stop();
          await jobs?.stop();
          await outbox.stop();
          await webhookSender.stop();
          await database.close();
        })();
        return closing;
      },
    };
  } catch (err) {
    await slack?.close().catch(() => undefined);
    await database.close();
    throw err;
  }
}

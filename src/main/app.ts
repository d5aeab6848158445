import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import type { CoreDeps } from '../core/ports.js';
import { systemClock, type Clock } from '../core/shared/context.js';
import { bearerAuthenticator } from '../http/auth/bearer.js';
import type { Authenticator } from '../http/auth/principal.js';
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
import { slackNotificationContexts, startSlackBackgroundJobs } from '../jobs/slack-wiring.js';
import type { BackgroundJobs } from '../jobs/background-jobs.js';
import { guardPlugin } from '../plugins/guard.js';
import { loadPlugins } from '../plugins/loader.js';
import type { Plugin } from '../plugins/sdk/types.js';
import { createStore } from '../store/create-store.js';
import { webRepos } from '../store/repositories/web-repos.js';
import { registerWebUi } from '../http/routes/web-ui.js';
import { migrationsCurrent, openDatabase, type Database, type DatabaseOptions } from '../store/database.js';
import { PluginRegistry } from '../plugins/registry.js';
import { builtinPlugins } from './builtin-plugins.js';
import { registerSlack } from '../slack/register-slack.js';
import type { SlackRetryPolicy } from '../slack/client.js';
import { createLogger } from '../observability/logger.js';
import { Metrics } from '../observability/metrics.js';
import { declaredIncidentLog } from '../observability/declared-incidents.js';
import { metricsRoutes } from '../http/routes/metrics.js';

export interface AppOptions {
  config: Config;
  clock?: Clock;
  logger?: Logger;
  /** Overrides where the data lives (tests use an in-memory embedded database). */
  database?: DatabaseOptions;
  /** How hard Slack Web API calls are retried (tests make retries fast). */
  slackRetry?: SlackRetryPolicy;
  /** Plugins to register after the built-ins and the configured ones (tests pass them directly). */
  plugins?: Plugin[];
  /** Where the sandbox workspace is served when it runs beside the app (server.ts mounts it): the web UI links back to it. */
  sandboxUrl?: string;
}

/** Readiness checks other parts add (Slack reachable…). */
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
  httpDeps: HttpDeps;
  readiness: Map<string, ReadinessCheck>;
  /** Built-in and user plugins: commands, keywords, handlers, notifications, headline buttons. */
  registry: PluginRegistry;
  /** Reminders and plugin notifications: `sweep()` runs what is due now (tests move the clock, then sweep). */
  reminders: NotificationScheduler;
  metrics: Metrics;
  /** Things to stop on shutdown, in reverse order of registration. */
  onClose(fn: () => Promise<void>): void;
  listen(): Promise<string>;
  close(): Promise<void>;
}

/** The composition root: the only place that opens the database, creates clients and wires the edges. */
export async function createApp(options: AppOptions): Promise<App> {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger(config);
  const database = await openDatabase(options.database ?? (config.database.kind === 'postgres' ? { kind: 'postgres', url: config.database.url } : { kind: 'embedded', dataDir: config.database.dataDir }));
  const closers: (() => Promise<void>)[] = [];
  try {
    const outbox = new OutboxDispatcher({ queue: outboxQueue(database), clock, logger, pollMs: config.outboxPollMs });
    const store = createStore(database.db, { afterOutboxCommit: () => outbox.kick() });
    const core: CoreDeps = { store, permissions: config.permissions };
    const inbox = inboxStore(database.db);
    const authenticators: Authenticator[] = [];
    const httpDeps: HttpDeps = { core, clock, publicUrl: config.publicUrl, workspace: { teamId: null, url: null }, authenticators };
    // The workspace is known once Slack is registered (below), so it is read per request.
    authenticators.push(bearerAuthenticator(core, clock, () => httpDeps.workspace.teamId));
    const http = await buildHttpServer(logger);
    const metrics = new Metrics(metricsReadings(database));
    metricsRoutes(http, metrics, config.metricsToken);
    const registry = new PluginRegistry();
    for (const plugin of builtinPlugins(config, registry)) registry.register(guardPlugin(plugin, { timeoutMs: config.pluginTimeoutMs, logger }));
    // A plugin that fails to load or register is logged by name and left out; the others carry on.
    for (const plugin of [...(await loadPlugins({ specs: config.plugins, cwd: process.cwd(), timeoutMs: config.pluginTimeoutMs, logger })), ...(options.plugins ?? [])]) {
      try {
        registry.register(guardPlugin(plugin, { timeoutMs: config.pluginTimeoutMs, logger }));
      } catch (err) {
        logger.error({ err, plugin: plugin.name }, `plugin "${plugin.name}" could not be registered`);
      }
    }
    const reminders = new NotificationScheduler({ schedules: notificationScheduleStore(database), core, registry, clock, logger, timezone: config.timezone, publicUrl: config.publicUrl, sweepSeconds: config.reminders.sweepSeconds, handlerTimeoutMs: config.pluginTimeoutMs, onPosted: (key) => metrics.remindersSent.inc({ key }) });
    outbox.subscribe(reminders.subscriber());
    outbox.subscribe(declaredIncidentLog(logger, config.publicUrl));
    const readiness = new Map<string, ReadinessCheck>([
      ['database', () => database.ping()],
      ['migrations', () => migrationsCurrent(database)],
    ]);
    await registerApi(http, httpDeps, {
      database: () => database.ping(),
      readiness: async () => {
        const entries = await Promise.all([...readiness].map(async ([name, check]) => [name, await check().catch(() => false)] as const));
        return Object.fromEntries(entries);
      },
    });

    let closing: Promise<void> | undefined;
    let jobs: BackgroundJobs | undefined;
    const app: App = {
      config,
      clock,
      logger,
      database,
      core,
      http,
      outbox,
      inbox,
      inboxReplay: null,
      httpDeps,
      readiness,
      registry,
      reminders,
      metrics,
      onClose: (fn) => closers.push(fn),
      async listen() {
        outbox.start();
        app.inboxReplay?.start();
        // Slack is wired by now (or not configured): notifications post through its handler context.
        const contexts = slackNotificationContexts(app);
        if (contexts) reminders.setContextFactory(contexts);
        reminders.start();
        jobs = await startSlackBackgroundJobs(app, jobQueueConnection(database));
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
          for (const fn of closers.reverse()) await fn().catch((err: unknown) => logger.error({ err }, 'error while closing'));
          await reminders.stop();
          await jobs?.stop();
          await outbox.stop();
          await database.close();
        })();
        return closing;
      },
    };
    // Edges (Slack, web UI, scheduler) are wired below, each by its own register function.
    await registerWebUi(http, { http: httpDeps, config, logger, sandboxUrl: options.sandboxUrl ?? null, ...webRepos(database.db) });
    if (config.slack) {
      const { replayInbox } = await registerSlack(app, { retry: options.slackRetry });
      if (replayInbox) {
        const replay = new InboxReplay({ inbox, clock, logger, replay: replayInbox, leaseMs: config.inboxLeaseMs, pollMs: Math.min(1000, config.inboxLeaseMs) });
        app.inboxReplay = replay;
        // Registered after the Slack edge, so it stops first: no replay starts while the receiver drains.
        app.onClose(() => replay.stop());
      }
    }
    else logger.info('Slack is not configured (SLACK_BOT_TOKEN unset): the web UI and API work, Slack features are off');
    return app;
  } catch (err) {
    await database.close();
    throw err;
  }
}

import type PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { HandlerContext } from '../plugins/sdk/types.js';
import { onceDeps, postOnce } from '../slack/flows/post-once.js';
import { createHandlerContext } from '../slack/handler-context.js';
import { runtimeForApp } from '../slack/runtime.js';
import { refreshUsers } from '../slack/users.js';
import { BackgroundJobs } from './background-jobs.js';
import type { NotificationContextFactory } from './notification-scheduler.js';

/**
 * Notifications post through the same handler context as every other plugin handler (`say` in
 * the comms channel, verbs acting as the plugin), built from the app's Slack runtime. Undefined
 * when Slack is not configured: there is nowhere to post.
 */
export function slackNotificationContexts(app: object): NotificationContextFactory | undefined {
  const rt = runtimeForApp(app);
  if (!rt) return undefined;
  const deps = { core: rt.core, clock: rt.clock, publicUrl: rt.publicUrl, client: rt.client, logger: rt.logger };
  return (incident, plugin, occurrence) => {
    const ctx = createHandlerContext(deps, { incident, plugin, userSlackId: null });
    // What a run says is posted once per occurrence: the n-th `say` of a run retried after a crash
    // finds the message the first try posted instead of posting it again.
    let said = 0;
    const say: HandlerContext['say'] = async (message) => {
      const channel = ctx.incident.commsChannel?.channelId;
      if (!channel) throw new Error(`Incident ${ctx.incident.id} has no comms channel to post in`);
      const content = typeof message === 'string' ? { text: message } : { text: message.text, blocks: message.blocks };
      return (await postOnce(onceDeps(rt), `${occurrence}:say:${said++}`, channel, content)).ts;
    };
    return { ...ctx, say };
  };
}

/** The daily Slack user refresh on pg-boss; undefined (nothing to refresh) when Slack is not configured. */
export async function startSlackBackgroundJobs(app: { logger: Logger; config: { timezone: string } }, db: PgBoss.Db): Promise<BackgroundJobs | undefined> {
  if (!runtimeForApp(app)) return undefined;
  const jobs = new BackgroundJobs({ db, logger: app.logger, timezone: app.config.timezone, refreshUsers: () => refreshUsers(app) });
  await jobs.start();
  return jobs;
}

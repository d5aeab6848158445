import type { Action } from '../action/ports.js';
import type { StatusUpdate } from '../status-update/ports.js';
import type { Incident, UserRef } from '../incident/model.js';
import { incidentProcessOf } from '../shared/incident-process.js';
import type { CoreDeps } from '../store-ports.js';
import { authorizeIncident } from '../shared/authorize.js';
import { actorSlackId, type Ctx } from '../shared/context.js';
import { isKeyTimelineEntry } from '../timeline/key-events.js';
import type { TimelineEntry } from '../timeline/ports.js';

/** How far back "what changed" looks for someone who hasn't posted in the channel. */
export const CATCH_UP_DEFAULT_WINDOW_MINUTES = 30;
const MAX_CHANGES = 8;
const MAX_KEY_EVENTS = 5;
const MAX_ACTIONS = 8;
// Key events are picked from the newest entries: enough to find five among bookkeeping edits, bounded however long the timeline.
const KEY_EVENT_SCAN = 50;

/**
 * Everything a catch-up says, read from the incident's record (no guessing, no external service):
 * the same record always gives the same catch-up. Surfaces render it (Slack blocks, a plugin's
 * written summary) and link each line to its source.
 */
export interface CatchUp {
  incident: Incident;
  /** When it was built: durations and "N minutes ago" are measured to this. */
  at: Date;
  /** What "changed" counts from: the asker's previous post in the channel, else the default window. */
  since: Date;
  sinceReason: 'your_last_post' | 'default_window' | 'given';
  /** Timeline entries after `since`, newest first, at most MAX_CHANGES; `hasMoreChanges` when there are older ones too. */
  changes: TimelineEntry[];
  hasMoreChanges: boolean;
  /** The latest key events (timeline/key-events.ts), newest first. */
  keyEvents: TimelineEntry[];
  openActions: Action[];
  openActionsTotal: number;
  /** Every configured role with its holder (null: nobody), then any held role no longer configured. */
  roles: { role: string; name: string; user: UserRef | null }[];
  /** The latest status update (the incident's public status), or null before the first. */
  latestUpdate: StatusUpdate | null;
}

export interface CatchUpInput {
  incidentId: number;
  /**
   * When the asker asked: their own request (a message `@incident catchup`) may already be counted as
   * their latest post, so a latest post at or after this time means "the one before it".
   */
  askedAt?: Date;
  /** Count changes from here instead (an API client that knows when it last looked). */
  since?: Date;
}

/** Builds the catch-up for `ctx.actor`; NOT_FOUND for an incident they may not see. */
export async function buildCatchUp(deps: CoreDeps, ctx: Ctx, input: CatchUpInput): Promise<CatchUp> {
  const { incident } = await authorizeIncident(deps, ctx, input.incidentId);
  const at = ctx.clock.now();
  const configured = incidentProcessOf(deps).roles;
  const since = input.since ? { since: input.since, reason: 'given' as const } : await changesSince(deps, incident.id, actorSlackId(ctx.actor), input.askedAt ?? at, at);
  const [recent, newest, open, latest] = await Promise.all([
    deps.store.timeline.newest(incident.id, MAX_CHANGES + 1, since.since),
    deps.store.timeline.newest(incident.id, KEY_EVENT_SCAN),
    deps.store.actions.listOpen(incident.id, MAX_ACTIONS),
    deps.store.statusUpdates.latestFor([incident.id]),
  ]);
  return {
    incident,
    at,
    since: since.since,
    sinceReason: since.reason,
    changes: recent.slice(0, MAX_CHANGES),
    // One more than shown says there are more; how many exactly is not worth a count over a long timeline.
    hasMoreChanges: recent.length > MAX_CHANGES,
    keyEvents: newest.filter(isKeyTimelineEntry).slice(0, MAX_KEY_EVENTS),
    openActions: open.actions,
    openActionsTotal: open.total,
    latestUpdate: latest.get(incident.id) ?? null,
    roles: [
      ...configured.map((r) => ({ role: r.key, name: r.name, user: incident.roles.find((held) => held.role === r.key)?.user ?? null })),
      ...incident.roles.filter((held) => !configured.some((r) => r.key === held.role)),
    ],
  };
}

async function changesSince(deps: CoreDeps, incidentId: number, slackId: string | null, askedAt: Date, now: Date): Promise<{ since: Date; reason: CatchUp['sinceReason'] }> {
  const fallback = { since: new Date(now.getTime() - CATCH_UP_DEFAULT_WINDOW_MINUTES * 60_000), reason: 'default_window' as const };
  if (!slackId) return fallback;
  const posts = await deps.store.participants.lastPosts(incidentId, slackId);
  if (!posts) return fallback;
  // Slack's message times have microseconds; a second's slack covers the request itself arriving first.
  const last = posts.last.getTime() >= askedAt.getTime() - 1000 ? posts.previous : posts.last;
  return last ? { since: last, reason: 'your_last_post' } : fallback;
}

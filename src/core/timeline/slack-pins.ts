import type { CoreDeps } from '../store-ports.js';
import type { Ctx } from '../shared/context.js';
import { authorizeChannelIncident, authorizeIncident } from '../shared/authorize.js';
import { recordChange } from '../shared/record-change.js';
import { timelineEntryChanges, timelineEntrySnapshot } from '../events/snapshots.js';
import type { TimelineEntry } from './ports.js';

export interface PinnedMessage {
  channelId: string;
  messageTs: string;
  authorSlackId: string;
  text: string;
  permalink: string | null;
}

/**
 * A pinned message is what was said in Slack, not input to refuse: the one character PostgreSQL
 * can't store (NUL) becomes U+FFFD instead of failing the pin.
 */
const keepable = (text: string) => text.replaceAll('\u0000', '\ufffd');

const pinKey = (channelId: string, ts: string) => `slack_pin:${channelId}:${ts}`;

/** Slack message ts ("1732350000.000100") to the moment it was posted. */
export function slackTsToDate(ts: string): Date {
  return new Date(Math.round(Number(ts) * 1000));
}

/**
 * A pinned message becomes a timeline entry stamped with the message's own time, once per
 * message however often it is pinned (the source key is unique).
 */
export async function recordSlackPin(deps: CoreDeps, ctx: Ctx, incidentId: number, pin: PinnedMessage): Promise<boolean> {
  // Whether an incident is private is fixed when it is declared: the authorised read tells the event.
  const { incident } = await authorizeIncident(deps, ctx, incidentId);
  const now = ctx.clock.now();
  return deps.store.transaction(async (tx) => {
    const author = await tx.users.ensure(pin.authorSlackId, now);
    const id = await tx.timeline.insert(
      incidentId,
      {
        timestamp: slackTsToDate(pin.messageTs),
        text: keepable(pin.text),
        eventType: 'slack_pin',
        metadata: { author: { slack_id: author.slackId, display_name: author.displayName }, message_ts: pin.messageTs, channel_id: pin.channelId, permalink: pin.permalink },
        sourceKey: pinKey(pin.channelId, pin.messageTs),
        actor: ctx.actor,
      },
      now,
    );
    if (id === null) return false;
    const entry = (await tx.timeline.get(incidentId, id)) as TimelineEntry;
    await recordChange(tx, ctx, { type: 'timeline.entry_added', incident, data: { entry: timelineEntrySnapshot(entry) } });
    return true;
  });
}

/** Unpinning removes that message's entry only. */
export async function removeSlackPin(deps: CoreDeps, ctx: Ctx, incidentId: number, channelId: string, messageTs: string): Promise<boolean> {
  const { incident } = await authorizeIncident(deps, ctx, incidentId);
  return deps.store.transaction(async (tx) => {
    const entry = await tx.timeline.getBySourceKey(pinKey(channelId, messageTs));
    if (!entry || entry.incidentId !== incidentId) return false;
    await tx.timeline.remove(entry.id);
    await recordChange(tx, ctx, { type: 'timeline.entry_removed', incident, data: { entry: timelineEntrySnapshot(entry) } });
    return true;
  });
}

/** Editing a pinned message updates its entry's text; unpinned messages are ignored. */
export async function updateSlackPinText(deps: CoreDeps, ctx: Ctx, channelId: string, messageTs: string, text: string): Promise<boolean> {
  const incident = await authorizeChannelIncident(deps, ctx, channelId);
  if (!incident) return false;
  const now = ctx.clock.now();
  return deps.store.transaction(async (tx) => {
    const entry = await tx.timeline.getBySourceKey(pinKey(channelId, messageTs));
    if (!entry || entry.incidentId !== incident.id || entry.text === keepable(text)) return false;
    await tx.timeline.update(entry.id, { text: keepable(text) }, now);
    const after = (await tx.timeline.get(incident.id, entry.id)) as TimelineEntry;
    await recordChange(tx, ctx, { type: 'timeline.entry_updated', incident, data: { entry: timelineEntrySnapshot(after), changes: timelineEntryChanges(entry, after) } });
    return true;
  });
}

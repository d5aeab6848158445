import type { Action } from './ports.js';
import type { CoreDeps } from '../store-ports.js';
import { actorLabel, actorSlackId, type Ctx } from '../shared/context.js';
import { authorizeIncident } from '../shared/authorize.js';
import { notFound } from '../shared/errors.js';
import { recordChange } from '../shared/record-change.js';
import { actionSnapshot } from '../events/snapshots.js';
import { resolveUser } from '../user/resolve-user.js';

/** A message in an incident's comms channel that someone marked as needing a follow-up. */
export interface FollowUpMessage {
  channelId: string;
  messageTs: string;
  /** The person who wrote it (its owner), or null for a bot's message (nobody owns it yet). */
  authorSlackId: string | null;
  text: string;
  permalink: string | null;
}

/** One message makes at most one follow-up, whoever marks it and however often. */
export const messageSourceKey = (channelId: string, ts: string) => `slack_message:${channelId}:${ts}`;

/** What was said in Slack is kept as typed; only NUL, which PostgreSQL can't store, is replaced. */
const keepable = (text: string) => text.replaceAll('\u0000', '\ufffd');

/**
 * Makes a follow-up action from a message (a ✅ reaction on it): its details are the message, its
 * owner the author, logged by whoever reacted, linked to the message. Returns the follow-up and
 * whether it was made now (false when the message had made one already: a second reaction, a
 * redelivered event).
 */
export async function recordFollowUpFromMessage(deps: CoreDeps, ctx: Ctx, incidentId: number, message: FollowUpMessage): Promise<{ action: Action; created: boolean }> {
  await authorizeIncident(deps, ctx, incidentId);
  const now = ctx.clock.now();
  const sourceKey = messageSourceKey(message.channelId, message.messageTs);
  return deps.store.transaction(async (tx) => {
    const incident = await tx.incidents.get(incidentId);
    if (!incident) throw notFound(`Incident ${incidentId}`);
    const earlier = await tx.actions.getBySourceKey(sourceKey);
    if (earlier) return { action: earlier, created: false };
    const loggedBy = await resolveUser(tx, actorSlackId(ctx.actor), now);
    const owner = await resolveUser(tx, message.authorSlackId, now);
    const id = await tx.actions.insertFromSource(
      incidentId,
      {
        details: keepable(message.text),
        done: false,
        doneAt: null,
        dueDate: null,
        priority: null,
        type: null,
        assigneeId: owner?.id ?? null,
        loggedById: loggedBy?.id ?? null,
        sourceKey,
        sourceUrl: message.permalink,
      },
      now,
    );
    // Another delivery made it between our read and insert (the key is unique): theirs stands.
    if (id === null) return { action: (await tx.actions.getBySourceKey(sourceKey)) as Action, created: false };
    const action = (await tx.actions.get(incidentId, id)) as Action;
    await tx.timeline.insert(
      incidentId,
      { timestamp: now, text: `Follow-up logged by ${actorLabel(ctx.actor)}: ${action.details}`, eventType: 'action', metadata: { action_id: id, permalink: message.permalink }, actor: ctx.actor },
      now,
    );
    await recordChange(tx, ctx, { type: 'action.created', incident, data: { action: actionSnapshot(action) } });
    return { action, created: true };
  });
}

import type { KnownBlock } from '@slack/types';
import { recurringNotification, slackDate } from '../../sdk/index.js';
import type { Notification } from '../../sdk/types.js';
import type { DueNudge } from '../../../core/status-update/find-due-nudge.js';
import { postUpdateButton } from './open-update-modal.js';

/** The cadence's checks, bound to core (and the clock) by the composition root. */
export interface CadenceChecks {
  /** The nudge due now for this incident and not yet posted, or null. */
  dueNudge(incidentId: number): Promise<DueNudge | null>;
  /** Records it as posted (after posting), so no later check posts it again. */
  recordNudge(nudge: DueNudge): Promise<void>;
}

/** Slack shows the time in each reader's own time zone; the fallback is UTC. */
const slackTime = (at: Date) => slackDate(at, 'UTC', 'time');

const minutesBetween = (from: Date, to: Date) => Math.max(0, Math.round((to.getTime() - from.getTime()) / 60_000));

/** Who is asked: the Communications lead, the incident lead, or (neither) the channel. */
function addressee(nudge: DueNudge): string {
  const r = nudge.recipient;
  if (r.kind === 'person') return `<@${r.slackId}> (${r.role === 'comms' ? 'Communications lead' : 'Incident lead'})`;
  return nudge.level === 'overdue' ? '<!here>' : 'Team';
}

/** The nudge's text and blocks (a pure function of the nudge and the time it is posted at). */
export function renderNudge(nudge: DueNudge, now: Date): { text: string; blocks: KnownBlock[] } {
  const last = nudge.latest ? `The last update was posted ${minutesBetween(nudge.latest.postedAt, now)} min ago.` : 'No status update has been posted yet.';
  const text =
    nudge.level === 'due'
      ? `📣 ${addressee(nudge)}, a status update is due now (${slackTime(nudge.dueAt)}). ${last} Post one with the button or \`@incident update\`.`
      : `⏰ ${addressee(nudge)}, the status update due at ${slackTime(nudge.dueAt)} is ${minutesBetween(nudge.dueAt, now)} min overdue. ${last} Please post one now so people outside the response know where things stand.`;
  return { text, blocks: [{ type: 'section', block_id: 'status_update_nudge', text: { type: 'mrkdwn', text }, accessory: postUpdateButton(nudge.incident) }] };
}

/**
 * The cadence: a check every minute (on the notification scheduler, so one replica runs an
 * incident's check at a time) that posts only when the current due time's nudge at its level was
 * not posted yet. A post is recorded after it is made; a check retried after a crash in between posts
 * under the same occurrence key, so Slack's ledger finds the first message instead of a second.
 */
export function cadenceNotification(cadence: CadenceChecks, now: () => Date): Notification {
  return recurringNotification({ key: 'status_update_cadence', intervalMinutes: 1, maxNotifications: Number.MAX_SAFE_INTEGER }, async (ctx) => {
    const nudge = await cadence.dueNudge(ctx.incident.id);
    if (!nudge) return false;
    await ctx.say(renderNudge(nudge, now()));
    await cadence.recordNudge(nudge);
  });
}

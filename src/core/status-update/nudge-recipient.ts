import type { Incident } from '../incident/model.js';

/** Whom a cadence nudge mentions: a person holding a role, or (nobody to name) the whole channel. */
export type NudgeRecipient = { kind: 'person'; slackId: string; role: 'comms' | 'lead' } | { kind: 'channel' };

/**
 * Who is asked for the next status update: the Communications lead, else the incident lead, else
 * the channel. The one place this is decided (the nudge text and its tests follow it).
 */
export function nudgeRecipient(incident: Pick<Incident, 'lead' | 'roles'>): NudgeRecipient {
  const comms = incident.roles.find((r) => r.role === 'comms')?.user;
  if (comms) return { kind: 'person', slackId: comms.slackId, role: 'comms' };
  if (incident.lead) return { kind: 'person', slackId: incident.lead.slackId, role: 'lead' };
  return { kind: 'channel' };
}

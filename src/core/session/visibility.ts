import type { CoreDeps } from '../ports.js';

export interface Viewer {
  slackId: string | null;
  isAdmin: boolean;
}

/**
 * Who may see a private incident: admins (Slack workspace admins/owners, API tokens, trusted
 * local mode) and the people of its comms channel as Response knows them — reporter, lead,
 * everyone in the channel now (Slack's membership events), and everyone who has posted there.
 * Public incidents are visible to everyone signed in. Hidden incidents answer 404, not 403, so
 * ids don't leak.
 */
export async function canViewIncident(deps: CoreDeps, viewer: Viewer, incidentId: number): Promise<boolean> {
  if (viewer.isAdmin) return true;
  const incident = await deps.store.incidents.get(incidentId);
  if (!incident || !incident.private) return true; // a missing incident is the route's own 404
  if (!viewer.slackId) return false;
  if (incident.reporter?.slackId === viewer.slackId || incident.lead?.slackId === viewer.slackId) return true;
  return deps.store.channelMembers.isInChannelOrPosted(incidentId, viewer.slackId);
}

import type { StatusUpdate } from '../../core/status-update/ports.js';

/** A status update as the API and the web doc show it. */
export function presentStatusUpdate(u: StatusUpdate) {
  return {
    id: u.id,
    incident_id: u.incidentId,
    status: u.status,
    message: u.message,
    next_steps: u.nextSteps,
    next_update_at: u.nextUpdateAt?.toISOString() ?? null,
    posted_by: u.postedBy ? { slack_id: u.postedBy.slackId, display_name: u.postedBy.displayName, full_name: u.postedBy.fullName } : null,
    /** Who posted it as the change log names them (a person, `API token "ci"`, a plugin). */
    posted_by_label: typeof u.actor?.label === 'string' ? u.actor.label : null,
    posted_at: u.postedAt.toISOString(),
    /** Published to the status page. */
    published: u.publication !== null,
    /** Its public wording and component impacts (what the status page shows); null when internal only. */
    public: u.publication ? { title: u.publication.title, body: u.publication.body, components: u.publication.components } : null,
  };
}

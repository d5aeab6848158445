import type { PostmortemView } from '../../core/postmortem/get-postmortem.js';
import type { Postmortem } from '../../core/postmortem/ports.js';

/** An incident's postmortem as the API and the web doc show it. */
export function presentPostmortem(p: PostmortemView | Postmortem) {
  const updatedBy = p.updatedBy;
  return {
    incident_id: p.incidentId,
    /** `not_started` (markdown is the template filled in from the incident now), `draft` or `reviewed`. */
    state: p.state as 'not_started' | 'draft' | 'reviewed',
    markdown: p.markdown,
    /** 0 while not started; send it back with a save to be refused (409) if someone saved in between. */
    version: p.version,
    updated_at: p.updatedAt?.toISOString() ?? null,
    updated_by: updatedBy ? { slack_id: updatedBy.slackId, display_name: updatedBy.displayName, full_name: updatedBy.fullName } : null,
    /** Who saved it last as the change log names them (a person, `API token "ci"`, a plugin). */
    updated_by_label: typeof p.updatedByActor?.label === 'string' ? p.updatedByActor.label : null,
  };
}

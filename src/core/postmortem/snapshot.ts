import type { PostmortemSnapshot } from '../events/domain-events.js';
import { eventUser } from '../events/snapshots.js';
import type { Postmortem } from './ports.js';

export function postmortemSnapshot(p: Postmortem): PostmortemSnapshot {
  return { state: p.state, version: p.version, updated_at: p.updatedAt.toISOString(), updated_by: eventUser(p.updatedBy), characters: p.markdown.length };
}

import { actorLabel, type Actor } from '../shared/context.js';
import { DomainError } from '../shared/errors.js';
import type { Postmortem } from './ports.js';

/**
 * Refuses a change based on an older version than the stored one (someone saved in between), saying
 * who and when, so the writer reloads instead of silently overwriting their colleague's work.
 */
export function checkPostmortemVersion(stored: Postmortem | null, based: number | undefined): void {
  if (based === undefined) return;
  const current = stored?.version ?? 0;
  if (based === current) return;
  const who = stored?.updatedBy ? `@${stored.updatedBy.displayName}` : stored?.updatedByActor ? actorLabel(stored.updatedByActor as unknown as Actor) : 'someone';
  throw new DomainError(
    'CONFLICT',
    stored
      ? `The postmortem changed since you opened it: ${who} saved version ${current} at ${stored.updatedAt.toISOString()} (you edited version ${based}). Reload it, bring your changes over and save again.`
      : `The postmortem has not been started (version 0), but you edited version ${based}. Reload it and save again.`,
    'version',
  );
}

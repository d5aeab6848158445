import { DomainError } from '../core/shared/errors.js';
import { slackErrorCode } from './client/web-client.js';

/** What the user sees when their action failed: the domain's own words, or a Slack error translated. */
export function userMessageFor(err: unknown): string {
  if (err instanceof DomainError) return `👋 ${err.message}`;
  const code = slackErrorCode(err);
  if (code === 'user_not_found' || code === 'users_not_found')
    return "👋 Slack doesn't know that user. Mention them with @ so Slack fills in the right person.";
  if (code === 'name_taken') return '👋 That channel name is taken already. Pick another name.';
  if (code && (code.startsWith('invalid_name') || code === 'too_long' || code === 'msg_too_long'))
    return `👋 Slack refused that (${code}): it is too long or has characters Slack doesn't allow. Try something shorter.`;
  if (code === 'not_in_channel' || code === 'channel_not_found') return '👋 I am not in that channel. Invite me with `/invite @Response` and try again.';
  return "😬 Sorry, something went wrong doing that. It's been logged; try again in a moment.";
}

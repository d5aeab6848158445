import { DomainError } from '../../core/shared/errors.js';
import { classifySlackFailure } from './web-client.js';

/**
 * Whether handling a Slack delivery again may succeed: not core refusing the input, not Slack
 * giving a definite answer (`channel_not_found`). A database blip, a network failure, Slack's
 * 5xx or a bug is retried by the inbox, then parked as failed where an operator sees it.
 */
export function worthRetrying(err: unknown): boolean {
  if (err instanceof DomainError) return false;
  return (classifySlackFailure(err) as { permanent?: boolean } | null)?.permanent !== true;
}

import type { IncidentProcess } from '../../../core/shared/incident-process.js';
import type { IncidentCommand } from '../../sdk/types.js';
import type { CatchUpDeps } from './catch-up.js';

/** What the built-in commands need from the app besides their handler context. */
export interface CommandDeps extends CatchUpDeps {
  /** Every registered command (built-in and plugins, overrides applied), for `help`. */
  listCommands(): IncidentCommand[];
  /** IANA zone for times shown in messages. */
  timezone: string;
  /** How incidents are run (roles…); Response's defaults when not given. */
  process?: IncidentProcess;
}

/**
 * A moment as Slack shows it to each reader in their own time zone ("today at 06:20", "Dec 3,
 * 2026 at 06:20"); clients that can't render it show the fallback, in the configured zone.
 */
export function slackDate(at: Date, timezone: string): string {
  const fallback = new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZoneName: 'short',
  }).format(at);
  return `<!date^${Math.floor(at.getTime() / 1000)}^{date_short_pretty} at {time}|${fallback}>`;
}

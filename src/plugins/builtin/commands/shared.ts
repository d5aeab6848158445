import type { IncidentProcess } from '../../../core/shared/incident-process.js';
import type { IssueProvider } from '../../../core/action/ports.js';
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
  /** The issue trackers follow-ups can be sent to (`--jira`, the buttons on a logged action); none by default. */
  issueTrackers?: readonly IssueProvider[];
}

export { slackDate } from '../../sdk/slack-text.js';

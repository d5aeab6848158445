import { definePlugin } from '../../sdk/index.js';
import type { Plugin } from '../../sdk/types.js';
import type { IncidentProcess } from '../../../core/shared/incident-process.js';
import { STATUS_UPDATES_PLUGIN } from './ids.js';
import { cadenceNotification, type CadenceChecks } from './nudge.js';
import { openUpdateModalAction, updateCommand } from './open-update-modal.js';
import { submitUpdateView } from './submit-update.js';
import type { StatusUpdatePublishing } from './publish-blocks.js';

export type { CadenceChecks };

export interface StatusUpdatesPluginDeps {
  process: IncidentProcess;
  /** The cadence's checks (the composition root binds them to core); without them nothing is nudged. */
  cadence?: CadenceChecks;
  /** The clock the nudges read "N min ago" from (the injectable one). */
  now?: () => Date;
  /** Publishing to the status page from the modal; absent when no status page is configured. */
  publishing?: StatusUpdatePublishing;
}

/** Status updates from Slack: `@incident update`, the "📣 Post an update" button and modal, and the cadence's nudges. */
export function statusUpdatesPlugin(deps: StatusUpdatesPluginDeps): Plugin {
  return definePlugin({
    name: STATUS_UPDATES_PLUGIN,
    commands: [updateCommand()],
    actions: [openUpdateModalAction(deps.process, deps.publishing)],
    views: [submitUpdateView()],
    notifications: deps.cadence ? [cadenceNotification(deps.cadence, deps.now ?? (() => new Date()))] : [],
  });
}

import type { IncidentProcess } from '../config/incident-process.js';
import type { Config } from '../config/config.js';
import type { IntegrationsConfig } from '../config/integrations/index.js';
import { integrationPlugins } from '../plugins/builtin/integrations/index.js';
import { commandsPlugin } from '../plugins/builtin/commands/index.js';
import { remindersPlugin } from '../plugins/builtin/reminders/index.js';
import { statusUpdatesPlugin } from '../plugins/builtin/status-updates/index.js';
import { findDueNudge } from '../core/status-update/find-due-nudge.js';
import { recordNudge } from '../core/status-update/record-nudge.js';
import { getPublicIncident } from '../core/status-page/get-public-incident.js';
import type { CoreDeps } from '../core/store-ports.js';
import type { Clock, Ctx } from '../core/shared/context.js';
import type { PluginRegistry } from '../plugins/registry.js';
import type { Plugin } from '../plugins/sdk/types.js';
import { createResponsePlugin } from '../slack/response-plugin.js';

/**
 * The plugins that ship with Response, registered before user plugins (so a user plugin can
 * override a built-in command by name). Each built-in is written with the public SDK.
 */
export function builtinPlugins(config: Config, incidentProcess: IncidentProcess, integrations: IntegrationsConfig, registry: PluginRegistry, app: { core: CoreDeps; clock: Clock }): Plugin[] {
  // The cadence checks act as Response's own job (they read every incident, private ones too, and post nothing themselves).
  const cadenceCtx = (): Ctx => ({ actor: { kind: 'system', job: 'status-update-cadence' }, clock: app.clock });
  return [
    createResponsePlugin(incidentProcess),
    commandsPlugin({ listCommands: () => registry.commands().map((c) => c.handler), catchUpWriter: () => registry.catchUpWriter(), timezone: config.timezone, process: incidentProcess, issueTrackers: app.core.issueTrackers }),
    remindersPlugin(config.reminders, incidentProcess.roles, incidentProcess.types),
    statusUpdatesPlugin({
      process: incidentProcess,
      cadence: { dueNudge: (id) => findDueNudge(app.core, cadenceCtx(), id), recordNudge: (nudge) => recordNudge(app.core, cadenceCtx(), nudge) },
      now: () => app.clock.now(),
      publishing: app.core.publishing && {
        components: app.core.publishing.components,
        lastPublished: (id) => getPublicIncident(app.core, { actor: { kind: 'system', job: 'status-page' }, clock: app.clock }, id),
      },
    }),
    // Each integration is off until configured (src/config/integrations/).
    ...integrationPlugins(integrations, { publicUrl: config.publicUrl, clock: app.clock, core: app.core }),
  ];
}

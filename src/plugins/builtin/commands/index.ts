import { incidentProcessOf } from '../../../core/shared/incident-process.js';
import { definePlugin } from '../../sdk/index.js';
import type { Plugin } from '../../sdk/types.js';
import { actionCommand } from './action.js';
import { catchUpButton, catchUpCommand } from './catch-up.js';
import { closeCommand, reopenCommand } from './close.js';
import { durationCommand } from './duration.js';
import { helpCommand } from './help.js';
import { IMPACT } from './impact.js';
import { leadCommand } from './lead.js';
import { proposeFieldActions, proposeFieldCommand, proposeFieldView } from './propose-field.js';
import { renameCommand } from './rename.js';
import { roleCommands } from './role.js';
import { severityCommand } from './severity.js';
import { statusCommand } from './status.js';
import { SUMMARY } from './summary.js';
import type { CommandDeps } from './shared.js';

export const COMMANDS_PLUGIN = 'builtin:commands';

/** The `@incident …` commands Response ships, written with the public SDK like any plugin. */
export function commandsPlugin(deps: CommandDeps): Plugin {
  return definePlugin({
    name: COMMANDS_PLUGIN,
    commands: [
      helpCommand(deps),
      leadCommand,
      ...roleCommands(deps),
      severityCommand(incidentProcessOf(deps)),
      statusCommand,
      proposeFieldCommand(SUMMARY),
      proposeFieldCommand(IMPACT),
      renameCommand,
      durationCommand,
      actionCommand(deps),
      closeCommand(deps),
      reopenCommand,
      catchUpCommand(deps),
    ],
    actions: [...proposeFieldActions(SUMMARY), ...proposeFieldActions(IMPACT), catchUpButton(deps)],
    views: [proposeFieldView(SUMMARY), proposeFieldView(IMPACT)],
  });
}

import type { IncidentProcess } from '../config/incident-process.js';
import type { Config } from '../config/config.js';
import { commandsPlugin } from '../plugins/builtin/commands/index.js';
import { remindersPlugin } from '../plugins/builtin/reminders/index.js';
import type { PluginRegistry } from '../plugins/registry.js';
import type { Plugin } from '../plugins/sdk/types.js';
import { createResponsePlugin } from '../slack/response-plugin.js';

/**
 * The plugins that ship with Response, registered before user plugins (so a user plugin can
 * override a built-in command by name). Each built-in is written with the public SDK.
 */
export function builtinPlugins(config: Config, incidentProcess: IncidentProcess, registry: PluginRegistry): Plugin[] {
  return [
    createResponsePlugin(incidentProcess),
    commandsPlugin({ listCommands: () => registry.commands().map((c) => c.handler), timezone: config.timezone, process: incidentProcess }),
    remindersPlugin(config.reminders, incidentProcess.roles),
  ];
}

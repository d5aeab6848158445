import type { Plugin } from '../plugins/sdk/types.js';

/**
 * The plugins that ship with Response, registered before user plugins (so a user plugin can
 * override a built-in command by name). Each built-in is written with the public SDK.
 */
export const builtinPlugins: Plugin[] = [];

import type { PluginDataRepo } from '../core/plugin-data/ports.js';
import type { Clock } from '../core/shared/context.js';
import type { PluginData } from './sdk/types.js';

/** `ctx.data`: the plugin's own namespace of the plugin data store. */
export function pluginDataFor(repo: PluginDataRepo, plugin: string, clock: Clock): PluginData {
  const checked = (key: string) => {
    if (typeof key !== 'string' || key.length === 0 || key.length > 500) throw new Error('ctx.data keys are strings of 1 to 500 characters');
    return key;
  };
  return {
    get: async <T>(key: string) => (await repo.get(plugin, checked(key))) as T | null,
    async set(key, value) {
      if (value === undefined) throw new Error('ctx.data.set needs a JSON value (use delete to remove a key)');
      // What JSON keeps is what is stored: a Date becomes its ISO string, as it would come back anyway.
      await repo.set(plugin, checked(key), JSON.parse(JSON.stringify(value)) as unknown, clock.now());
    },
    delete: (key) => repo.delete(plugin, checked(key)),
  };
}

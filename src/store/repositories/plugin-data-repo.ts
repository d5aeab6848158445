import { and, eq } from 'drizzle-orm';
import type { PluginDataRepo } from '../../core/plugin-data/ports.js';
import type { Db } from '../database.js';
import { pluginData } from '../schema.js';

export function pluginDataRepo(db: Db): PluginDataRepo {
  const where = (plugin: string, key: string) => and(eq(pluginData.plugin, plugin), eq(pluginData.key, key));
  return {
    async get(plugin, key) {
      const [row] = await db.select({ value: pluginData.value }).from(pluginData).where(where(plugin, key));
      return row ? row.value : null;
    },
    async set(plugin, key, value, at) {
      await db
        .insert(pluginData)
        .values({ plugin, key, value, updatedAt: at })
        .onConflictDoUpdate({ target: [pluginData.plugin, pluginData.key], set: { value, updatedAt: at } });
    },
    async delete(plugin, key) {
      await db.delete(pluginData).where(where(plugin, key));
    },
  };
}

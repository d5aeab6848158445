import { loadConfig } from '../config/config.js';
import { openDatabase, type Database } from '../store/database.js';

/** The database the configuration names, opened for a one-off CLI command (a small pool; the embedded lock as usual). */
export function openDatabaseFromEnv(env: NodeJS.ProcessEnv): Promise<Database> {
  const config = loadConfig(env);
  return openDatabase(config.database.kind === 'postgres' ? { kind: 'postgres', url: config.database.url, poolSize: 2 } : { kind: 'embedded', dataDir: config.database.dataDir });
}

import type PgBoss from 'pg-boss';
import type { Database } from './database.js';

/**
 * pg-boss on our own connection (PostgreSQL or the embedded database), in its own `pgboss`
 * schema, instead of a pool of its own.
 */
export function jobQueueConnection(database: Pick<Database, 'query' | 'exec'>): PgBoss.Db {
  return {
    // pg-boss sends whole scripts (migrations) without parameters and single statements with them.
    executeSql: async (text: string, values?: unknown[]) => ({ rows: values && values.length > 0 ? await database.query(text, values) : await database.exec(text) }),
  };
}

import type { SQL } from 'drizzle-orm';
import type { Db } from '../database.js';

/** Rows of a raw SQL statement, whichever driver ran it (node-postgres answers `{ rows }`, PGlite may answer the array). */
export async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows?: T[] } | T[];
  return Array.isArray(result) ? result : (result.rows ?? []);
}

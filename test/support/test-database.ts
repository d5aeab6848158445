import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DatabaseOptions } from '../../src/store/database.js';

/**
 * Tests run on the embedded database by default and on real PostgreSQL when DATABASE_URL is
 * set (CI runs both). With PostgreSQL each test app gets a fresh database of its own.
 */
export async function freshDatabase(serverUrl = process.env.DATABASE_URL): Promise<{ options: DatabaseOptions; url: string | null; drop: () => Promise<void> }> {
  const url = serverUrl;
  if (!url) return { options: { kind: 'memory' }, url: null, drop: async () => {} };
  const name = `response_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  return {
    options: { kind: 'postgres', url: dbUrl.toString(), poolSize: 5 },
    url: dbUrl.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`).catch(() => undefined);
      await c.end();
    },
  };
}

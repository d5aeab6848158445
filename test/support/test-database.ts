import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { openDatabase, type Database, type DatabaseOptions } from '../../src/store/database.js';

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

/**
 * A fresh, migrated database for one test file: opened before its tests, closed and dropped after.
 * Call at the top level of the file; the returned function gives the open database inside tests.
 */
export function useFreshDatabase(): () => Database {
  let database: Database | undefined;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const fresh = await freshDatabase();
    drop = fresh.drop;
    database = await openDatabase(fresh.options);
  });
  afterAll(async () => {
    await database?.close();
    await drop?.();
  });
  return () => {
    if (!database) throw new Error('the database is opened in beforeAll');
    return database;
  };
}

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { acquireEmbeddedLock } from './embedded-lock.js';

/** What both drivers offer: the same drizzle query builder over the same SQL. */
export type Db = PgDatabase<PgQueryResultHKT, Record<string, never>>;

export interface Database {
  db: Db;
  kind: 'postgres' | 'embedded';
  /** Runs raw SQL with parameters (for the job queue and benchmarks). */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Runs a script of several statements without parameters (the job queue's migrations); returns the last statement's rows. */
  exec(text: string): Promise<Record<string, unknown>[]>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export type DatabaseOptions =
  | { kind: 'postgres'; url: string; poolSize?: number }
  | { kind: 'embedded'; dataDir: string }
  /** In-memory embedded database, for tests. */
  | { kind: 'memory' };

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));
/** Any key works as long as every replica uses the same one. */
const MIGRATION_LOCK_KEY = 7_402_119;

export class SchemaTooNewError extends Error {}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.kind === 'postgres') return openPostgres(options.url, options.poolSize ?? 10);
  const release = options.kind === 'embedded' ? acquireEmbeddedLock(options.dataDir) : () => {};
  try {
    const client = new PGlite(options.kind === 'embedded' ? options.dataDir : 'memory://');
    await client.waitReady;
    const db = drizzlePglite(client) as unknown as Db;
    await assertSchemaNotNewer((text) => client.query(text).then((r) => r.rows as Record<string, unknown>[]));
    await migratePglite(drizzlePglite(client), { migrationsFolder });
    return {
      db,
      kind: 'embedded',
      query: async (text, params) => (await client.query(text, params)).rows as never[],
      exec: async (text) => {
        const results = await client.exec(text);
        return (results[results.length - 1]?.rows ?? []) as Record<string, unknown>[];
      },
      ping: async () => {
        await client.query('select 1');
        return true;
      },
      close: async () => {
        try {
          await client.close();
        } finally {
          release();
        }
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it. Without a listener Node would crash.
  });
  const lockClient = await pool.connect();
  try {
    // Replicas starting together: one migrates, the others wait here and then find nothing to do.
    await lockClient.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await assertSchemaNotNewer(async (text) => (await lockClient.query(text)).rows as Record<string, unknown>[]);
    await migratePg(drizzlePg(pool), { migrationsFolder });
  } finally {
    await lockClient.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    lockClient.release();
  }
  const db = drizzlePg(pool) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    query: async (text, params) => (await pool.query(text, params)).rows as never[],
    exec: async (text) => {
      const result = (await pool.query(text)) as unknown as pg.QueryResult | pg.QueryResult[];
      const last = Array.isArray(result) ? result[result.length - 1] : result;
      return (last?.rows ?? []) as Record<string, unknown>[];
    },
    ping: async () => {
      await pool.query('select 1');
      return true;
    },
    close: () => pool.end(),
  };
}

interface Journal {
  entries: { idx: number; when: number; tag: string }[];
}

export function latestKnownMigration(): { when: number; tag: string } {
  const journal = JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as Journal;
  const last = journal.entries[journal.entries.length - 1];
  if (!last) throw new Error('No migrations found');
  return last;
}

/** A replica older than the schema it finds would write rows the newer code can't read: refuse. */
async function assertSchemaNotNewer(run: (text: string) => Promise<Record<string, unknown>[]>): Promise<void> {
  const exists = await run(`select to_regclass('drizzle.__drizzle_migrations') as t`);
  if (!exists[0]?.t) return;
  const rows = await run('select max(created_at)::text as latest from drizzle.__drizzle_migrations');
  const latest = Number(rows[0]?.latest ?? 0);
  const known = latestKnownMigration();
  if (latest > known.when) {
    throw new SchemaTooNewError(
      `The database schema is newer than this version of Response (its last migration is from ${new Date(latest).toISOString()}, this build knows up to ${known.tag}). Upgrade Response before starting it against this database.`,
    );
  }
}

/** True when every migration this build knows has been applied. */
export async function migrationsCurrent(database: Database): Promise<boolean> {
  const rows = await database.query<{ latest: string | null }>('select max(created_at)::text as latest from drizzle.__drizzle_migrations');
  return Number(rows[0]?.latest ?? 0) >= latestKnownMigration().when;
}

export { sql };

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface BenchDatabase {
  kind: 'postgres' | 'embedded';
  /** Environment for Response: DATABASE_URL or DATA_DIR. */
  env: Record<string, string>;
  /** Environment for the bare baseline server: the same driver, its own table or directory. */
  baselineEnv: Record<string, string>;
  drop(): Promise<void>;
}

/** A fresh database per run: a new database on the given server, or a temporary embedded data directory. */
export async function freshBenchDatabase(serverUrl: string | undefined): Promise<BenchDatabase> {
  if (!serverUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'response-bench-'));
    return {
      kind: 'embedded',
      env: { DATA_DIR: join(dir, 'app') },
      baselineEnv: { BASELINE_DATA_DIR: join(dir, 'baseline') },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `response_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    kind: 'postgres',
    env: { DATABASE_URL: url.toString() },
    baselineEnv: { BASELINE_DATABASE_URL: url.toString() },
    drop: async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`).catch(() => undefined);
      await c.end();
    },
  };
}

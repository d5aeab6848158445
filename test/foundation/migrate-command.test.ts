// `response migrate` (`npm run cli -- migrate`), the Kubernetes init container's migrations step: it brings the
// schema up to this build, and several at once (every pod of a rollout) are safe.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { migrateCommand } from '../../src/main/cli/migrate-command.js';
import type { CliIo } from '../../src/main/cli-commands.js';
import { acquireEmbeddedLock } from '../../src/store/embedded-lock.js';
import { latestKnownMigration, migrationsCurrent, openDatabase, SchemaTooNewError, type DatabaseOptions } from '../../src/store/database.js';
import { freshDatabase } from '../support/test-database.js';

const postgres = Boolean(process.env.DATABASE_URL);
const dataDir = mkdtempSync(join(tmpdir(), 'response-migrate-'));
const fresh = await freshDatabase();
// On the embedded database, a data directory that outlives each open (the memory one would not).
const options: DatabaseOptions = postgres ? fresh.options : { kind: 'embedded', dataDir };
const io: CliIo = { env: {}, openDatabase: () => openDatabase(options), acquireEmbeddedLock };

afterAll(async () => {
  await fresh.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Runs `migrate` `times` times (at once on PostgreSQL); the exit codes and the lines printed. */
async function migrate(times = 1): Promise<{ codes: number[]; printed: string[] }> {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  try {
    const run = () => migrateCommand.run(['migrate'], io);
    // The embedded database takes one process at a time (its lock); PostgreSQL serialises on the migration lock.
    const codes: number[] = [];
    if (postgres) codes.push(...(await Promise.all(Array.from({ length: times }, run))));
    else for (let i = 0; i < times; i++) codes.push(await run());
    return { codes, printed: log.mock.calls.map((c) => String(c[0])) };
  } finally {
    log.mockRestore();
  }
}

describe('migrate', () => {
  it('is the command `migrate` and nothing longer', () => {
    expect(migrateCommand.matches(['migrate'])).toBe(true);
    expect(migrateCommand.matches(['migrate', 'down'])).toBe(false);
    expect(migrateCommand.matches(['migrations'])).toBe(false);
  });

  it('brings an empty database up to this build and says so', async () => {
    const { codes, printed } = await migrate();
    expect(codes).toEqual([0]);
    expect(printed).toEqual([
      expect.stringMatching(new RegExp(`^The (postgres|embedded) database is up to date \\(last migration ${latestKnownMigration().tag}\\)\\.$`)),
    ]);
    const database = await openDatabase(options);
    try {
      expect(await migrationsCurrent(database)).toBe(true);
    } finally {
      await database.close();
    }
  });

  it('run again, or by several pods at once, finds nothing to do', async () => {
    const { codes, printed } = await migrate(3);
    expect(codes).toEqual([0, 0, 0]);
    expect(printed).toHaveLength(3);
    expect(new Set(printed).size).toBe(1);
  });

  it('refuses a schema newer than this build, as the server does', async () => {
    const database = await openDatabase(options);
    try {
      await database.query('insert into drizzle.__drizzle_migrations (hash, created_at) values ($1, $2)', ['from-the-future', latestKnownMigration().when + 1]);
    } finally {
      await database.close();
    }
    await expect(migrate()).rejects.toBeInstanceOf(SchemaTooNewError);
  });
});

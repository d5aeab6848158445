import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openDatabase, SchemaTooNewError, type DatabaseOptions } from '../../src/store/database.js';
import { freshDatabase } from '../support/test-database.js';

it('refuses to run against a schema newer than this build, with a clear message', async () => {
  const fresh = await freshDatabase();
  const dir = mkdtempSync(join(tmpdir(), 'response-schema-'));
  const options: DatabaseOptions = fresh.url ? fresh.options : { kind: 'embedded', dataDir: dir };
  try {
    const db = await openDatabase(options);
    // A later release ran its migration here.
    await db.query(`insert into drizzle.__drizzle_migrations (hash, created_at) values ('from-the-future', $1)`, [Date.now() + 86_400_000]);
    await db.close();
    const reopened = openDatabase(options);
    await expect(reopened).rejects.toBeInstanceOf(SchemaTooNewError);
    await expect(reopened).rejects.toThrow(/schema is newer than this version of Response.*Upgrade Response/);
  } finally {
    await fresh.drop();
    rmSync(dir, { recursive: true, force: true });
  }
});

// Only PostgreSQL serves several processes; the embedded database's lock file test covers the other case.
it.skipIf(!process.env.DATABASE_URL)('applies migrations once when several processes start together (PostgreSQL only)', async () => {
  const fresh = await freshDatabase();
  try {
    const dbs = await Promise.all([0, 1, 2].map(() => openDatabase(fresh.options)));
    const [row] = await dbs[0]!.query<{ n: string }>('select count(*)::text as n from drizzle.__drizzle_migrations');
    const files = (await import('node:fs')).readdirSync('src/store/migrations').filter((f) => f.endsWith('.sql'));
    expect(Number(row?.n)).toBe(files.length);
    await Promise.all(dbs.map((d) => d.close()));
  } finally {
    await fresh.drop();
  }
});

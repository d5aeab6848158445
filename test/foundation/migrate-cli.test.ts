import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { latestKnownMigration } from '../../src/store/database.js';
import { runCli } from '../support/processes.js';
import { freshDatabase } from '../support/test-database.js';

// `migrate` (`response migrate` installed, a deploy's migrations step): brings the configured database up to this
// version and exits, on whichever database the run uses (a fresh PostgreSQL database, or the embedded one).
const dataDir = mkdtempSync(join(tmpdir(), 'response-migrate-'));
const fresh = await freshDatabase();
afterAll(async () => {
  await fresh.drop();
  rmSync(dataDir, { recursive: true, force: true });
});
const env = { DATA_DIR: dataDir, DATABASE_URL: fresh.url ?? '' };

describe('npm run cli -- migrate', () => {
  it('migrates an empty database, then finds nothing to do', async () => {
    const kind = fresh.url ? 'postgres' : 'embedded';
    for (const run of ['first', 'again']) {
      const migrated = await runCli(['migrate'], env);
      expect(migrated.code, `${run}: ${migrated.stderr}`).toBe(0);
      expect(migrated.stdout).toContain(`The ${kind} database is up to date (last migration ${latestKnownMigration().tag}).`);
    }
  }, 60_000);

  it('takes no arguments: anything after it is an unknown command', async () => {
    const wrong = await runCli(['migrate', '--now'], env);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('Unknown command "migrate --now"');
  });
});

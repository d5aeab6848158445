import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseOptions } from '../../src/store/database.js';
import { inboxStore } from '../../src/store/repositories/inbox-repo.js';
import { freshDatabase } from '../support/test-database.js';

const run = promisify(execFile);

/** The CLI on the configured database: a fresh PostgreSQL database when DATABASE_URL is set, else an embedded one in a temporary directory. */
async function configuredDatabase(): Promise<{ options: DatabaseOptions; env: Record<string, string>; drop(): Promise<void> }> {
  if (process.env.DATABASE_URL) {
    const fresh = await freshDatabase();
    return { options: fresh.options, env: { DATABASE_URL: fresh.url ?? '' }, drop: fresh.drop };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'response-inbox-cli-'));
  return { options: { kind: 'embedded', dataDir }, env: { DATABASE_URL: '', DATA_DIR: dataDir }, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
}

describe('npm run cli -- inbox', () => {
  let drop: (() => Promise<void>) | undefined;
  afterAll(async () => drop?.());

  it('lists the deliveries that gave up and queues them again; refuses bad ids with its usage', async () => {
    const configured = await configuredDatabase();
    drop = configured.drop;
    const cli = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'src/main/cli.ts', 'inbox', ...args], { env: { ...process.env, ...configured.env } });

    const database = await openDatabase(configured.options);
    const inbox = inboxStore(database.db);
    const now = new Date('2026-12-03T08:00:00Z');
    const recorded = await Promise.all(
      ['Ev1', 'Ev2'].map((id) => inbox.record({ key: `event:${id}`, kind: 'event app_mention', payload: { type: 'event_callback', event_id: id } }, now, now)),
    );
    const [failedId, doneId] = recorded.map((r) => (r.recorded ? r.id : 0));
    await inbox.markFailed(failedId!, 'An API error occurred:\nfatal_error', now, null);
    await inbox.markDone(doneId!, now);
    await database.close();

    expect((await cli('failed')).stdout).toMatch(new RegExp(`^${failedId}\\t2026-12-03T08:00:00.000Z\\tevent app_mention\\tevent:Ev1\\t1 attempts\\tAn API error occurred: fatal_error$`, 'm'));
    const retried = await cli('retry', String(failedId), String(doneId));
    expect(retried.stdout).toContain(`Queued 1 failed delivery again (${failedId})`);
    expect(retried.stdout).toContain(`left alone: ${doneId}`);
    expect((await cli('failed')).stdout.trim()).toBe('No failed deliveries.');
    const bad = await cli('retry', 'nope').catch((err: { code: number; stderr: string }) => err);
    expect(bad).toMatchObject({ code: 2 });
    expect((bad as { stderr: string }).stderr).toContain('inbox retry --all');

    // Queued from scratch: pending, due now, attempts back to 0, the last error kept for the record.
    const reopened = await openDatabase(configured.options);
    try {
      const rows = await reopened.query<{ id: string; status: string; attempts: number; last_error: string | null }>('select id, status, attempts, last_error from inbox order by id');
      // Which of the two got the lower id depends on how their inserts interleaved: compare by id.
      const expected: [number, string, number][] = [
        [Number(failedId), 'pending', 0],
        [Number(doneId), 'done', 1],
      ];
      expect(rows.map((r) => [Number(r.id), r.status, r.attempts])).toEqual(expected.sort((a, b) => a[0] - b[0]));
      expect(await inboxStore(reopened.db).claimDue(new Date(), new Date(Date.now() + 1000), 10)).toMatchObject([{ id: failedId, key: 'event:Ev1', attempts: 1, payload: { event_id: 'Ev1' } }]);
    } finally {
      await reopened.close();
    }
  }, 60_000);
});

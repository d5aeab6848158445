import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { declareIncident } from '../../src/core/incident/declare.js';
import { OutboxDispatcher } from '../../src/jobs/outbox-dispatcher.js';
import { createStore } from '../../src/store/create-store.js';
import { openDatabase } from '../../src/store/database.js';
import { outboxQueue } from '../../src/store/repositories/outbox-queue-repo.js';
import { useFreshDatabase } from '../support/test-database.js';
import { TestClock } from '../support/test-clock.js';

const run = promisify(execFile);
const logger = pino({ level: 'silent' });
const db = useFreshDatabase();

describe('retrying deliveries that gave up', () => {
  it('lists them with why, and sends them again from scratch once the cause is fixed', async () => {
    const clock = new TestClock();
    const dispatcher = new OutboxDispatcher({ queue: outboxQueue(db()), clock, logger, pollMs: 60_000 });
    const store = createStore(db().db, { afterOutboxCommit: () => dispatcher.kick() });
    let scopeAdded = false;
    const delivered: number[] = [];
    dispatcher.subscribe({
      name: 'private-channel',
      topics: ['incident.declared'],
      handle: async (d) => {
        if (!scopeAdded) throw Object.assign(new Error('An API error occurred: missing_scope'), { permanent: true });
        delivered.push(d.incidentId ?? 0);
      },
    });
    dispatcher.subscribe({ name: 'healthy', topics: ['incident.declared'], handle: async () => undefined });
    const incident = await declareIncident({ store }, { actor: { kind: 'system', job: 'test' }, clock }, { report: 'Needs a private channel' });
    await dispatcher.idle();

    const failed = await outboxQueue(db()).listFailed(100);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ subscriber: 'private-channel', topic: 'incident.declared', incidentId: incident.id, attempts: 1, lastError: 'An API error occurred: missing_scope' });
    const failedId = failed[0]!.id;
    const [healthy] = await db().query<{ id: string }>("select id from outbox where subscriber = 'healthy'");

    // Only failed deliveries are queued again; a done one, or an unknown id, is left alone.
    scopeAdded = true;
    expect(await outboxQueue(db()).retryFailed([failedId, Number(healthy!.id), 987_654], clock.now())).toEqual([failedId]);
    expect(await outboxQueue(db()).listFailed(100)).toEqual([]);
    const [row] = await db().query<{ attempts: number; last_error: string | null; done_at: unknown }>('select attempts, last_error, done_at from outbox where id = $1', [failedId]);
    expect(row).toEqual({ attempts: 0, last_error: null, done_at: null });

    dispatcher.kick();
    await dispatcher.idle();
    expect(delivered).toEqual([incident.id]);
    expect(await outboxQueue(db()).retryFailed('all', clock.now())).toEqual([]);
    await dispatcher.stop();
  });
});

describe('npm run cli -- outbox', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'response-outbox-cli-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const cli = (...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'src/main/cli.ts', 'outbox', ...args], { env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir } });

  it('lists and retries on the configured database, and refuses bad ids with its usage', async () => {
    const database = await openDatabase({ kind: 'embedded', dataDir });
    await database.query(
      "insert into outbox (topic, subscriber, payload, incident_id, attempts, last_error, failed_at) values ('incident.declared', 'slack.auto-channel', '{}', 7, 1, 'An API error occurred: missing_scope', now())",
    );
    await database.close();

    const listed = await cli('failed');
    expect(listed.stdout).toMatch(/^1\t\S+Z\tslack\.auto-channel\tincident 7\t1 attempts\tAn API error occurred: missing_scope$/m);
    const retried = await cli('retry', '1', '2');
    expect(retried.stdout).toContain('Queued 1 failed delivery again (1)');
    expect(retried.stdout).toContain('left alone: 2');
    expect((await cli('failed')).stdout.trim()).toBe('No failed deliveries.');
    const bad = await cli('retry', 'nope').catch((err: { code: number; stderr: string }) => err);
    expect(bad).toMatchObject({ code: 2 });
    expect((bad as { stderr: string }).stderr).toContain('outbox retry --all');
  }, 150_000); // several CLI processes through tsx: seconds alone, far more on a busy CI machine
});

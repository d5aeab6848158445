import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { webhooksCommand } from '../../src/main/cli/webhooks-command.js';
import type { CliIo } from '../../src/main/cli/types.js';
import { openDatabase, type DatabaseOptions } from '../../src/store/database.js';
import { webhookQueue } from '../../src/store/repositories/webhook-queue-repo.js';
import { webhookRepo } from '../../src/store/repositories/webhook-repo.js';
import { freshDatabase } from '../support/test-database.js';

const run = promisify(execFile);

/** The configured database: a fresh PostgreSQL one when DATABASE_URL is set, else an embedded one in a temporary directory. */
async function configuredDatabase(): Promise<{ options: DatabaseOptions; env: Record<string, string>; drop(): Promise<void> }> {
  if (process.env.DATABASE_URL) {
    const fresh = await freshDatabase();
    return { options: fresh.options, env: { DATABASE_URL: fresh.url ?? '' }, drop: fresh.drop };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'response-webhooks-cli-'));
  return {
    options: { kind: 'embedded', dataDir },
    env: { DATABASE_URL: '', DATA_DIR: dataDir },
    drop: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

describe('npm run cli -- webhooks', () => {
  let drop: (() => Promise<void>) | undefined;
  afterAll(async () => drop?.());

  it('adds, lists, shows deliveries, redelivers failed ones and removes; bad input is refused naming what to fix', async () => {
    const configured = await configuredDatabase();
    drop = configured.drop;
    // The first command through the real entry point (it is wired there); the rest in-process, which is much faster.
    const added = await run(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/main/cli.ts',
        'webhooks',
        'add',
        'https://hooks.example.com/response',
        '--events',
        'incident.declared,incident.resolved',
        '--description',
        'Warehouse',
      ],
      {
        env: { ...process.env, ...configured.env },
      },
    );
    expect(added.stdout.trim()).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(added.stderr).toContain('Added webhook endpoint 1');
    // One database for the in-process commands (each would open and close its own: slow on the embedded one).
    const shared = await openDatabase(configured.options);
    const io: CliIo = { env: {}, openDatabase: async () => ({ ...shared, close: async () => undefined }), acquireEmbeddedLock: () => () => undefined };
    const cli = async (...args: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
      const error = vi.spyOn(console, 'error').mockImplementation((line: string) => void err.push(line));
      try {
        const code = await webhooksCommand.run(['webhooks', ...args], io).catch((e: unknown) => {
          err.push(e instanceof Error ? e.message : String(e));
          return 1;
        });
        return { code, stdout: out.join('\n'), stderr: err.join('\n') };
      } finally {
        log.mockRestore();
        error.mockRestore();
      }
    };
    const fails = cli;
    expect((await cli('list')).stdout.trim()).toBe(
      '1\tenabled\thttps://hooks.example.com/response\tincident.declared,incident.resolved\tpublic only\tWarehouse',
    );

    // A delivery that gave up, as the sender leaves one.
    {
      const now = new Date('2026-12-03T08:00:00Z');
      const [deliveryId] = await webhookRepo(shared).fanOut(
        { eventId: 'evt-1', eventType: 'incident.declared', incidentId: 7, private: false, payload: '{}' },
        now,
      );
      await webhookQueue(shared).recordAttempt(deliveryId!, 8, { statusCode: 500, durationMs: 42, error: 'HTTP 500: down' }, { state: 'failed' }, now);
    }
    expect((await cli('deliveries', '1', '--failed')).stdout.trim()).toBe(
      '1\t2026-12-03T08:00:00.000Z\tincident.declared\tincident 7\tfailed\t0 attempts\tHTTP 500\t42 ms\tHTTP 500: down',
    );
    expect((await cli('redeliver', '1', '--failed')).stdout).toContain('Queued 1 delivery again (1)');
    expect((await cli('deliveries', '1', '--failed')).stdout.trim()).toBe('No failed deliveries.');

    const http = await fails('add', 'http://hooks.example.com/response');
    expect(http.code).toBe(1);
    expect(http.stderr).toContain('url: must use https://');
    expect((await fails('add', 'https://x.example.com', '--events', 'incident.exploded')).stderr).toContain('unknown event type "incident.exploded"');
    expect(await fails('redeliver', '1')).toMatchObject({ code: 2 });
    expect((await fails('remove', '99')).stderr).toContain('Webhook endpoint 99 not found');
    expect((await cli('remove', '1')).stdout).toContain('Removed webhook endpoint 1');
    expect((await cli('list')).stdout).toContain('No webhook endpoints yet');
    await shared.close();
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, runCli, runEntry, waitForHealthy } from '../support/processes.js';

// These run the real entry points as a user would, on the embedded database in a temp DATA_DIR.
const dataDir = mkdtempSync(join(tmpdir(), 'response-embedded-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
// SANDBOX=false: this test is about the database, not the sandbox workspace (test/sandbox covers that).
const env = { DATA_DIR: dataDir, LOG_LEVEL: 'info', DATABASE_URL: '', SANDBOX: 'false' };

describe('the embedded database, one process at a time', () => {
  it('serves, refuses a second process, shuts down on SIGTERM, then lets the CLI in', async () => {
    const port = await freePort();
    const server = runEntry('src/main/server.ts', [], { ...env, PORT: String(port) });
    const baseUrl = `http://127.0.0.1:${port}`;
    await waitForHealthy(baseUrl, server);
    expect(server.output()).toContain('Slack is not configured');

    const second = await runCli(['token', 'list'], env);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/in use by another Response process \(pid \d+\)/);

    const secondServerPort = await freePort();
    const secondServer = runEntry('src/main/server.ts', [], { ...env, PORT: String(secondServerPort) });
    expect(await secondServer.exited).toBe(1);
    expect(secondServer.output()).toContain('in use by another Response process');

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);

    const created = await runCli(['token', 'create', 'ci-bot'], env);
    expect(created.code).toBe(0);
    const token = created.stdout.trim().split('\n').pop() ?? '';
    expect(token).toMatch(/^rsp_[A-Za-z0-9_-]{20,}$/);
    expect(created.stdout.trim()).toBe(token);

    const listed = await runCli(['token', 'list'], env);
    expect(listed.stdout).toContain('ci-bot');

    // Data survives a restart, and the CLI's token works against the server.
    const again = runEntry('src/main/server.ts', [], { ...env, PORT: String(port) });
    await waitForHealthy(baseUrl, again);
    const post = await fetch(`${baseUrl}/api/v1/incidents`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ report: 'Survives restarts' }) });
    expect(post.status).toBe(201);
    again.child.kill('SIGINT');
    expect(await again.exited).toBe(0);

    const revoked = await runCli(['token', 'revoke', 'ci-bot'], env);
    expect(revoked.code).toBe(0);
    const missing = await runCli(['token', 'revoke', 'ci-bot'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('not found');
  }, 180_000); // eight processes through tsx: about 30 s alone, three times that on a busy CI machine
});

describe('bad configuration', () => {
  it('stops at start with one line per problem and a non-zero exit', async () => {
    const proc = runEntry('src/main/server.ts', [], { PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', SLACK_SIGNING_SECRET: 'abc' });
    expect(await proc.exited).toBe(1);
    const out = proc.output();
    expect(out).toContain('PORT must be a number');
    expect(out).toContain('DATABASE_URL must be a postgres:// URL');
    expect(out).toContain('LOG_LEVEL must be one of');
    expect(out).toContain('SLACK_BOT_TOKEN is required when SLACK_SIGNING_SECRET is set');
  });
});

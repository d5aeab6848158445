/**
 * The sandbox as `npm start` runs it: the real server entry in a child process, no Slack settings, a temp
 * DATA_DIR. The sandbox API answers, a slash command travels the real wire and opens Response's modal, the
 * workspace survives a restart, `sandbox reset` clears it (refusing while the server runs), and with a Slack
 * token configured nothing of the sandbox exists.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startSlackEmulator } from '@response/slack-emulator';
import { freePort, runCli, runEntry, waitForHealthy, type Proc } from '../support/processes.js';

const dataDir = mkdtempSync(join(tmpdir(), 'response-sandbox-'));
const running: Proc[] = [];

async function start(env: Record<string, string> = {}): Promise<{ proc: Proc; baseUrl: string }> {
  const port = await freePort();
  const proc = runEntry('src/main/server.ts', [], { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, ...env });
  running.push(proc);
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHealthy(baseUrl, proc, 120_000);
  return { proc, baseUrl };
}

async function stop(proc: Proc): Promise<number | null> {
  proc.child.kill('SIGTERM');
  return proc.exited;
}

async function act(baseUrl: string, user: string, action: string, args: unknown[]) {
  const res = await fetch(`${baseUrl}/sandbox/api/act`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user, action, args }) });
  return { status: res.status, body: (await res.json()) as { ok: boolean; error?: string } };
}

async function state(baseUrl: string, user = 'U0ALICE') {
  const res = await fetch(`${baseUrl}/sandbox/api/state?user=${user}`);
  expect(res.status).toBe(200);
  return (await res.json()) as { channels: { name: string; messages: { text: string }[] }[]; modals: { view: { callback_id?: string } }[] };
}

const generalTexts = async (baseUrl: string) => (await state(baseUrl)).channels.find((c) => c.name === 'general')?.messages.map((m) => m.text) ?? [];

afterAll(async () => {
  for (const p of running) if (p.child.exitCode === null) p.child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the sandbox workspace, started by the server entry without Slack settings', () => {
  it('answers at /sandbox, drives Response over the wire, survives a restart and is reset by the CLI', async () => {
    let { proc, baseUrl } = await start();
    await expect.poll(() => proc.output()).toContain(`${baseUrl.replace('127.0.0.1', 'localhost')}/sandbox`);
    const page = await fetch(`${baseUrl}/sandbox`);
    expect([200, 503]).toContain(page.status); // 503 only when web/dist isn't built
    const first = await state(baseUrl);
    expect(first.channels.map((c) => c.name)).toEqual(expect.arrayContaining(['incidents', 'general']));

    // A slash command is signed and POSTed to /slack/events; Response answers with views.open.
    expect((await act(baseUrl, 'U0ALICE', 'slashCommand', ['/incident', 'Checkout is down', { channel: 'incidents' }])).body.ok).toBe(true);
    await expect.poll(async () => (await state(baseUrl)).modals.map((m) => m.view.callback_id), { timeout: 30_000 }).toContain('incident-report-dialog');
    expect((await act(baseUrl, 'U0ALICE', 'postMessage', ['general', 'kept across restarts'])).body.ok).toBe(true);
    // The client refuses what Slack's would: Erin isn't in #incidents.
    expect((await act(baseUrl, 'U0ERIN', 'postMessage', ['incidents', 'hi'])).status).toBe(409);

    // The running server holds the embedded lock: reset refuses.
    const refused = await runCli(['sandbox', 'reset'], { DATA_DIR: dataDir });
    expect(refused.code).toBe(1);
    expect(refused.stderr + refused.stdout).toMatch(/in use by another Response process/);

    expect(await stop(proc)).toBe(0);
    expect(existsSync(join(dataDir, 'sandbox-workspace.json'))).toBe(true);
    ({ proc, baseUrl } = await start());
    expect(await generalTexts(baseUrl)).toContain('kept across restarts');
    expect(await stop(proc)).toBe(0);

    const reset = await runCli(['sandbox', 'reset'], { DATA_DIR: dataDir });
    expect(reset.code).toBe(0);
    expect(reset.stdout).toMatch(/sandbox workspace and the embedded database/);
    expect(existsSync(join(dataDir, 'sandbox-workspace.json'))).toBe(false);
    ({ proc, baseUrl } = await start());
    expect(await generalTexts(baseUrl)).not.toContain('kept across restarts');
    expect((await (await fetch(`${baseUrl}/api/v1/incidents`, { headers: { accept: 'application/json' } })).status)).toBeLessThan(500);
    expect(await stop(proc)).toBe(0);
  }, 600_000);

  it('does not exist when a Slack workspace is configured', async () => {
    const slack = await startSlackEmulator({ signingSecret: 'real-secret', botToken: 'xoxb-real' });
    try {
      const { proc, baseUrl } = await start({ SLACK_BOT_TOKEN: 'xoxb-real', SLACK_SIGNING_SECRET: 'real-secret', SLACK_API_URL: slack.apiUrl, INCIDENT_CHANNEL: 'incidents', DATA_DIR: join(dataDir, 'real') });
      for (const path of ['/sandbox', '/sandbox/api/state', '/sandbox/api/events', '/sandbox/slack/openid/connect/authorize']) expect((await fetch(`${baseUrl}${path}`)).status, path).toBe(404);
      expect((await fetch(`${baseUrl}/sandbox/api/act`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(404);
      expect(proc.output()).not.toContain('sandbox workspace');
      expect(await stop(proc)).toBe(0);
    } finally {
      await slack.close();
    }
  }, 300_000);
});

/**
 * What `npm start` prints, from the real server entry: the banner with the URL to open comes first, requests
 * and the sandbox's polling stay out of `info`, a declared incident gets its line; LOG_LEVEL=debug still
 * gives operators one JSON record per request.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, runEntry, waitForHealthy, type Proc } from '../support/processes.js';

const dataDir = mkdtempSync(join(tmpdir(), 'response-terminal-'));
const running: Proc[] = [];

afterAll(() => {
  for (const p of running) if (p.child.exitCode === null) p.child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(name: string, env: Record<string, string>): Promise<{ proc: Proc; baseUrl: string }> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const proc = runEntry('src/main/server.ts', [], { PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: baseUrl, DATA_DIR: join(dataDir, name), ...env });
  running.push(proc);
  return { proc, baseUrl };
}

async function act(baseUrl: string, action: string, args: unknown[]): Promise<void> {
  const res = await fetch(`${baseUrl}/sandbox/api/act`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'U0ALICE', action, args }) });
  expect(res.status, action).toBe(200);
}

/** What a newcomer does: the page polls its state, they declare an incident, something asks the API. */
async function useIt(baseUrl: string): Promise<void> {
  for (let i = 0; i < 5; i++) expect((await fetch(`${baseUrl}/sandbox/api/state?user=U0ALICE`)).status).toBe(200);
  expect((await fetch(`${baseUrl}/api/v1/incidents?status=open`)).status).toBe(401);
  await act(baseUrl, 'slashCommand', ['/incident', 'Checkout is down', { channel: 'incidents' }]);
  let viewId: string | undefined;
  await expect
    .poll(
      async () => {
        const state = (await (await fetch(`${baseUrl}/sandbox/api/state?user=U0ALICE`)).json()) as { modals: { view: { id: string; callback_id?: string } }[] };
        viewId = state.modals.find((m) => m.view.callback_id === 'incident-report-dialog')?.view.id;
        return viewId;
      },
      { timeout: 20_000 },
    )
    .toBeTruthy();
  await act(baseUrl, 'submitView', [viewId, {}]);
}

describe('what the terminal says', () => {
  it('prints the banner first and then only what matters; LOG_LEVEL=debug logs every request', async () => {
    // Both at once: each start costs seconds on a small machine.
    const [pretty, debug] = await Promise.all([start('pretty', { LOG_FORMAT: 'pretty' }), start('debug', { LOG_FORMAT: 'json', LOG_LEVEL: 'debug' })]);
    await Promise.all([waitForHealthy(pretty.baseUrl, pretty.proc, 120_000), waitForHealthy(debug.baseUrl, debug.proc, 120_000)]);
    await Promise.all([useIt(pretty.baseUrl), useIt(debug.baseUrl)]);

    // LOG_FORMAT=pretty (what a terminal gets by default): the banner, then sentences.
    // The reporter's name once Slack's users are synced; their id if the declaration beat the sync.
    await expect.poll(() => pretty.proc.output(), { timeout: 20_000 }).toMatch(new RegExp(`\\d Incident #1 declared by (Alice Nguyen|U0ALICE): ${pretty.baseUrl}/incidents/1\\n`));
    pretty.proc.child.kill('SIGTERM');
    expect(await pretty.proc.exited).toBe(0);
    const lines = pretty.proc.output().split('\n').filter((l) => l.trim() !== '');
    expect(lines[0]?.trim()).toBe(`Response is running: open ${pretty.baseUrl}/sandbox`);
    expect(lines.slice(1, 6).join('\n')).toContain('sandbox workspace');
    expect(lines.some((l) => / Slack connected$/.test(l))).toBe(true);
    for (const noise of ['/healthz', '/sandbox/api', '/api/v1/incidents', '/slack/events', 'incoming request', 'request completed', 'Server listening', '{"level"']) {
      expect(pretty.proc.output(), noise).not.toContain(noise);
    }
    // Banner, Slack connected, the incident, shutting down: a screenful, not a flood.
    expect(lines.length).toBeLessThan(15);

    // JSON at debug: every request, one record each, with what an operator filters on.
    debug.proc.child.kill('SIGTERM');
    expect(await debug.proc.exited).toBe(0);
    const records = debug.proc
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { level: number; msg: string; open?: string; req?: { method: string; url: string }; res?: { statusCode: number }; responseTime?: number; component?: string });
    // JSON keeps time order (no banner-first there); the banner is one record with the URL as a field.
    expect(records.filter((r) => r.open)).toMatchObject([{ level: 30, open: `${debug.baseUrl}/sandbox` }]);
    const api = records.filter((r) => r.req?.url === '/api/v1/incidents');
    expect(api).toHaveLength(1);
    expect(api[0]).toMatchObject({ level: 20, msg: 'GET /api/v1/incidents → 401 in ' + String(api[0]?.responseTime) + ' ms', req: { method: 'GET' }, res: { statusCode: 401 } });
    expect(records.some((r) => r.req?.url === '/slack/events' && r.res?.statusCode === 200)).toBe(true);
    // The sandbox's polling is trace, and the query string (sign-in codes…) is never logged.
    expect(records.filter((r) => r.req?.url.startsWith('/sandbox/api/state'))).toEqual([]);
    expect(debug.proc.output()).not.toContain('status=open');
    // Slack SDK bodies are trace too: debug stays about requests.
    expect(records.filter((r) => r.component === 'slack-sdk')).toEqual([]);
    expect(records.filter((r) => r.msg.startsWith('Incident #1 declared'))).toHaveLength(1);
  }, 180_000);
});

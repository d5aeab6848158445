/**
 * Who can reach the sandbox, where it runs at all, and that its people stay in it: only loopback clients
 * unless SANDBOX=share, never in production unless named, and a sandbox sign-in (the seeded admin's) is
 * worthless once the same data serves a real Slack workspace.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { sandboxRoutes } from '../../src/sandbox/routes.js';
import { startSlackEmulator } from '@response/slack-emulator';
import { freePort, runEntry, waitForHealthy, type Proc } from '../support/processes.js';

const dataDir = mkdtempSync(join(tmpdir(), 'response-sandbox-exposure-'));
const running: Proc[] = [];

afterAll(() => {
  for (const p of running) if (p.child.exitCode === null) p.child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(env: Record<string, string>): Promise<{ proc: Proc; baseUrl: string }> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const proc = runEntry('src/main/server.ts', [], { PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: baseUrl, DATA_DIR: dataDir, ...env });
  running.push(proc);
  await waitForHealthy(baseUrl, proc, 120_000);
  return { proc, baseUrl };
}

async function stop(proc: Proc): Promise<number | null> {
  proc.child.kill('SIGTERM');
  return proc.exited;
}

/** Sign in with Slack through the sandbox's own "who are you?" page, as `user`; returns the cookie header. */
async function signInThroughSandbox(baseUrl: string, user: string): Promise<string> {
  const cookies = new Map<string, string>();
  const keep = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      cookies.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
    }
  };
  const header = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const login = await fetch(`${baseUrl}/auth/login`, { redirect: 'manual' });
  keep(login);
  const authorize = new URL(login.headers.get('location') ?? '');
  expect(authorize.pathname).toBe('/sandbox/slack/openid/connect/authorize');
  authorize.searchParams.set('user', user);
  const picked = await fetch(authorize, { redirect: 'manual' });
  const back = await fetch(picked.headers.get('location') ?? '', { redirect: 'manual', headers: { cookie: header() } });
  expect(back.status).toBe(302);
  keep(back);
  return header();
}

describe('the sandbox answers only this machine unless shared', () => {
  it('refuses other machines on every sandbox path, and serves loopback and SANDBOX=share', async () => {
    const emulator = await startSlackEmulator({ signingSecret: 's' });
    const local = Fastify();
    const shared = Fastify();
    try {
      sandboxRoutes(local, { emulator });
      sandboxRoutes(shared, { emulator, share: true });
      const from = (app: typeof local, remoteAddress: string, url: string, method: 'GET' | 'POST' = 'GET') =>
        app.inject({ method, url, remoteAddress, ...(method === 'POST' ? { payload: { user: 'U0CAROL', action: 'postMessage', args: ['general', 'hi'] } } : {}) });

      for (const [method, url] of [
        ['GET', '/sandbox'],
        ['GET', '/sandbox/api/state?user=U0CAROL'],
        ['POST', '/sandbox/api/act'],
        ['GET', '/sandbox/slack/openid/connect/authorize?user=U0CAROL'],
      ] as const) {
        const refused = await from(local, '192.168.1.20', url, method);
        expect(refused.statusCode, url).toBe(403);
        expect(refused.json().error.message).toContain('SANDBOX=share');
      }
      expect(emulator.messages('general')).toHaveLength(0); // the refused act did nothing
      expect((await from(local, '::ffff:10.0.0.7', '/sandbox/api/state?user=U0CAROL')).statusCode).toBe(403);
      expect((await from(local, '127.0.0.1', '/sandbox/api/state?user=U0CAROL')).statusCode).toBe(200);
      expect((await from(local, '::1', '/sandbox/api/state?user=U0CAROL')).statusCode).toBe(200);
      expect((await from(local, '::ffff:127.0.0.1', '/sandbox/api/state?user=U0CAROL')).statusCode).toBe(200);
      expect((await from(shared, '192.168.1.20', '/sandbox/api/state?user=U0CAROL')).statusCode).toBe(200);
    } finally {
      await local.close();
      await shared.close();
      await emulator.close();
    }
  });
});

describe('where the sandbox runs, and what its identities are worth', () => {
  it('does not start in production unless named, and says how to connect Slack instead', async () => {
    const { proc, baseUrl } = await start({ NODE_ENV: 'production', DATA_DIR: join(dataDir, 'prod') });
    expect((await fetch(`${baseUrl}/sandbox/api/state`)).status).toBe(404);
    await expect.poll(() => proc.output()).toContain('No Slack workspace connected and no sandbox');
    expect(proc.output()).toContain('SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode) and INCIDENT_CHANNEL');
    expect(await stop(proc)).toBe(0);
  }, 180_000);

  it('named and shared in production it warns; over Socket Mode it drives Response; its admin signs in as admin; a real workspace refuses her cookie', async () => {
    let { proc, baseUrl } = await start({ NODE_ENV: 'production', SANDBOX: 'share', SANDBOX_SOCKET_MODE: 'true' });
    await expect.poll(() => proc.output()).toContain('runs in production because it was asked for by name');
    expect(proc.output()).toContain('including its workspace admin, who may create API tokens');
    expect(proc.output()).toContain('sandbox workspace over Socket Mode');

    // A slash command travels as a Socket Mode envelope; Response answers with views.open.
    const act = await fetch(`${baseUrl}/sandbox/api/act`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: 'U0ALICE', action: 'slashCommand', args: ['/incident', 'Checkout is down', { channel: 'incidents' }] }),
    });
    expect(act.status).toBe(200);
    await expect
      .poll(async () => ((await (await fetch(`${baseUrl}/sandbox/api/state?user=U0ALICE`)).json()) as { modals: { view: { callback_id?: string } }[] }).modals.map((m) => m.view.callback_id), {
        timeout: 30_000,
      })
      .toContain('incident-report-dialog');

    const cookie = await signInThroughSandbox(baseUrl, 'U0CAROL');
    const me = (await (await fetch(`${baseUrl}/api/v1/me`, { headers: { cookie } })).json()) as { user: { slack_id: string }; is_admin: boolean };
    expect(me).toMatchObject({ user: { slack_id: 'U0CAROL' }, is_admin: true });
    expect(await stop(proc)).toBe(0);

    // The same data, now serving a real workspace: the sandbox admin's session is not one of its sessions.
    const slack = await startSlackEmulator({ signingSecret: 'real-secret', botToken: 'xoxb-real' });
    try {
      ({ proc, baseUrl } = await start({ SLACK_BOT_TOKEN: 'xoxb-real', SLACK_SIGNING_SECRET: 'real-secret', SLACK_API_URL: slack.apiUrl, INCIDENT_CHANNEL: 'incidents' }));
      expect((await fetch(`${baseUrl}/api/v1/me`, { headers: { cookie } })).status).toBe(401);
      expect(await stop(proc)).toBe(0);
    } finally {
      await slack.close();
    }
  }, 300_000);
});

/**
 * The sandbox's pages on the main server, without a browser: its address is the workspace's (channel links
 * and permalinks Response builds open the sandbox page), and the "Sign in with Slack" picker offers the person
 * the sandbox page is playing first (told by the `sandbox-user` cookie the page sets), under the sandbox's CSP.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxRoutes } from '../../src/sandbox/routes.js';
import { readWorkspaceFile, writeWorkspaceFile } from '../../src/sandbox/workspace-file.js';
import { buildInitialState, startSlackEmulator, type SlackEmulator } from '@response/slack-emulator';

describe('the sandbox pages', () => {
  const distDir = `${mkdtempSync(join(tmpdir(), 'response-sandbox-pages-'))}/`;
  let emulator: SlackEmulator;
  let http: FastifyInstance;

  beforeAll(async () => {
    writeFileSync(join(distDir, 'sandbox.html'), '<!doctype html><title>sandbox page</title>');
    emulator = await startSlackEmulator({ signingSecret: 's', workspaceUrl: 'http://localhost:3000/sandbox/' });
    http = Fastify();
    await http.register(fastifyStatic, { root: distDir, serve: false });
    sandboxRoutes(http, { emulator, distDir });
  });
  afterAll(async () => {
    await http?.close();
    await emulator?.close();
    rmSync(distDir, { recursive: true, force: true });
  });

  it('serves the sandbox page at the archive paths a channel link and a permalink name', async () => {
    for (const url of ['/sandbox', '/sandbox/archives/C0INCIDENTS', '/sandbox/archives/C0INCIDENTS/p1712345678123456?thread_ts=1712345678.000100&cid=C0INCIDENTS']) {
      const res = await http.inject({ url, remoteAddress: '127.0.0.1' });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain('sandbox page');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    }
    expect((await http.inject({ url: '/sandbox/archives/C0INCIDENTS', remoteAddress: '203.0.113.9' })).statusCode).toBe(403);
  });

  it('offers the played person first on the sign-in page, styled, with no inline script', async () => {
    const url = '/sandbox/slack/openid/connect/authorize?redirect_uri=http%3A%2F%2Flocalhost%3A3000%2Fauth%2Fcallback&state=x';
    const res = await http.inject({ url, remoteAddress: '127.0.0.1', headers: { cookie: 'other=1; sandbox-user=U0DAVE' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
    expect(res.body).not.toMatch(/<script/i);
    expect([...res.body.matchAll(/data-user="(\w+)"/g)].map((m) => m[1])).toEqual(['U0DAVE', 'U0ALICE', 'U0BOB', 'U0CAROL', 'U0ERIN']);
    expect(res.body).toMatch(/<a class="continue primary" href="[^"]*user=U0DAVE[^"]*" autofocus>Continue as Dave Kim<\/a>/);
    const plain = await http.inject({ url, remoteAddress: '127.0.0.1' });
    expect(plain.body).not.toContain('class="continue primary"');
  });
});

describe('a sandbox workspace saved before the bot had its manifest name', () => {
  it('is read back with the bot called "incident", as the manifest and @incident call it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'response-sandbox-bot-'));
    try {
      const file = join(dir, 'sandbox-workspace.json');
      writeWorkspaceFile(file, buildInitialState({ bot: { displayName: 'Incident Bot' } }, 'xoxb-sandbox'));
      const state = readWorkspaceFile(file)!;
      expect(state.bot.displayName).toBe('incident');
      expect(state.users.find((u) => u.id === state.bot.userId)?.real_name).toBe('incident');
      expect(buildInitialState({}, 'xoxb-sandbox').bot.displayName).toBe('incident');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

import { existsSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { handleControl, openIdPage, type SlackEmulator } from '@response/slack-emulator';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { CONTENT_SECURITY_POLICY, webDistDir } from '../http/routes/web-static.js';
import { sandboxView } from './view-model.js';

export interface SandboxRouteDeps {
  emulator: SlackEmulator;
  /** SANDBOX=share: answer other machines too. Otherwise only loopback clients reach the sandbox. */
  share?: boolean;
  /** Built web assets (tests may point elsewhere). */
  distDir?: string;
}

const securityHeaders = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
  'x-content-type-options': 'nosniff',
};

/**
 * The sandbox page and its browser API, on the main server:
 *   GET  /sandbox                              the Slack look-alike (web/sandbox.html)
 *   GET  /sandbox/archives/C…[/p…]             the same page, opened on that channel (and message)
 *   GET  /sandbox/api/state?user=U…            what that person's Slack client would show
 *   GET  /sandbox/api/events                   server-sent `change` events (then re-read the state)
 *   POST /sandbox/api/act {user,action,args}   a person acts: the emulator signs and POSTs it to /slack/events
 *   GET  /sandbox/slack/openid/connect/authorize  Sign in with Slack's "who are you?" page
 */
export function sandboxRoutes(http: FastifyInstance, deps: SandboxRouteDeps): void {
  const { emulator } = deps;
  // Whoever reaches the sandbox can be anyone in it, the workspace admin included (who may create API
  // tokens): by default only this machine may. Judged on the TCP peer, never on headers a client can forge.
  if (!deps.share) {
    http.addHook('onRequest', async (request, reply) => {
      if (!isSandboxPath(request.url) || isLoopback(request.socket.remoteAddress)) return;
      return reply.code(403).send({
        error: {
          code: 'forbidden',
          message: 'The sandbox answers only on the machine it runs on: whoever uses it can act as any sandbox person, including its admin. Open it from that machine, or start Response with SANDBOX=share to let others in.',
        },
      });
    });
  }
  const distDir = deps.distDir ?? webDistDir;
  const streams = new Set<ServerResponse>();
  let pending: NodeJS.Timeout | undefined;
  // Many Web API calls arrive in a burst (a headline render, a channel's setup): one event per 100 ms is plenty.
  emulator.onChange(() => {
    pending ??= setTimeout(() => {
      pending = undefined;
      for (const s of streams) s.write('event: change\ndata: {}\n\n');
    }, 100);
  });
  // Open event streams would hold graceful shutdown until its deadline; end them first.
  http.addHook('preClose', (done) => {
    if (pending) clearTimeout(pending);
    for (const s of streams) s.end();
    streams.clear();
    done();
  });

  const page = async (_request: unknown, reply: FastifyReply) => {
    reply.headers({ ...securityHeaders, 'cache-control': 'no-cache' });
    if (!existsSync(`${distDir}sandbox.html`)) return reply.code(503).type('text/plain; charset=utf-8').send('The sandbox page is not built yet. Run `npm run build:web` (or `npm start`, which builds it), then reload.');
    return reply.sendFile('sandbox.html', distDir);
  };
  http.get('/sandbox', { schema: { hide: true } }, page);
  // The sandbox is the workspace's address (auth.test's url): channel links and message permalinks Response
  // builds, /sandbox/archives/C…[/p…], open the page on that channel (and message).
  http.get('/sandbox/archives/:channel', { schema: { hide: true } }, page);
  http.get('/sandbox/archives/:channel/:message', { schema: { hide: true } }, page);

  // The page re-reads its state after every change and keeps an event stream open: polling, logged at trace.
  const polled = { schema: { hide: true }, config: { requestLogLevel: 'trace' as const } };
  http.get<{ Querystring: { user?: string } }>('/sandbox/api/state', polled, async (request, reply) => {
    const state = emulator.state;
    const people = state.users.filter((u) => !u.is_bot && !u.deleted);
    const me = people.find((u) => u.id === request.query.user)?.id ?? people[0]?.id;
    if (!me) return reply.code(404).send({ ok: false, error: 'no_people' });
    return reply.header('cache-control', 'no-store').send(sandboxView(state, me));
  });

  http.get('/sandbox/api/events', polled, (request, reply) => {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write('retry: 1000\n\nevent: change\ndata: {}\n\n');
    streams.add(res);
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    request.raw.on('close', () => {
      clearInterval(keepAlive);
      streams.delete(res);
    });
  });

  http.post<{ Body: unknown }>('/sandbox/api/act', { schema: { hide: true } }, async (request, reply) => {
    // JSON only (Fastify refuses other bodies): a cross-site form can't make a sandbox person act.
    const answer = await handleControl(emulator, 'POST', '/_emulator/act', new URLSearchParams(), JSON.stringify(request.body ?? {}));
    emulator.notifyChange();
    return reply.code(answer?.status ?? 404).send(answer?.body ?? { ok: false, error: 'not_found' });
  });

  http.get('/sandbox/slack/openid/connect/authorize', { schema: { hide: true } }, async (request, reply) => {
    const query = new URLSearchParams(request.url.split('?')[1] ?? '');
    // The sandbox page keeps the person being played in this cookie: the picker offers them first.
    const played = /(?:^|;\s*)sandbox-user=([A-Z0-9]+)/.exec(request.headers.cookie ?? '')?.[1];
    const page = openIdPage(emulator.workspace, '/openid/connect/authorize', query, { preselect: played });
    if (!page) return reply.code(404).send({ ok: false, error: 'not_found' });
    emulator.notifyChange();
    return reply
      .code(page.status)
      .headers({ ...securityHeaders, ...page.headers })
      .send(page.body);
  });
}

function isSandboxPath(url: string): boolean {
  const path = url.split('?')[0] ?? '';
  return path === '/sandbox' || path.startsWith('/sandbox/');
}

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 (a dual-stack listener reports those). */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4.startsWith('127.') || address === '::1';
}

/** With Slack configured the sandbox doesn't exist: its paths are plain 404s, not the web UI's page. */
export function sandboxAbsentRoutes(http: FastifyInstance, why: 'slack' | 'off' | 'production' = 'slack'): void {
  const message = {
    slack: 'The sandbox runs only when SLACK_BOT_TOKEN is unset',
    off: 'The sandbox is off (SANDBOX=false)',
    production: 'The sandbox does not run in production unless asked for by name (SANDBOX=true)',
  }[why];
  const notFound = async (_request: unknown, reply: { code(n: number): { send(b: unknown): unknown } }) => reply.code(404).send({ error: { code: 'not_found', message } });
  http.all('/sandbox', { schema: { hide: true } }, notFound);
  http.all('/sandbox/*', { schema: { hide: true } }, notFound);
}

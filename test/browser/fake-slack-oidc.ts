import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for Slack's OpenID Connect endpoints, used until the shared Slack emulator serves
 * them: an authorize page that sends the browser straight back with a code, and the two Web API
 * methods (`openid.connect.token`, `openid.connect.userInfo`). Every other Web API method says ok.
 */
export interface FakeSlackOidc {
  url: string;
  apiUrl: string;
  authorizeUrl: string;
  /** Who the next sign-in will be. */
  user: { id: string; name: string; email: string; teamId: string };
  calls: { method: string; body: string }[];
  /** Resolves with the first recorded call of `method` whose decoded body passes `where`. */
  waitForCall(method: string, where: (decodedBody: string) => boolean, timeoutMs?: number): Promise<string>;
  close(): Promise<void>;
}

function decodeBody(body: string): string {
  try {
    return JSON.stringify(Object.fromEntries(new URLSearchParams(body)));
  } catch {
    return body;
  }
}

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

export async function startFakeSlackOidc(): Promise<FakeSlackOidc> {
  const codes = new Map<string, { nonce: string | null }>();
  const tokens = new Set<string>();
  let n = 0;
  const state: FakeSlackOidc = {
    url: '',
    apiUrl: '',
    authorizeUrl: '',
    user: { id: 'U0ALICE', name: 'Alice Nguyen', email: 'alice@acme.example', teamId: 'T0TEAM' },
    calls: [],
    close: async () => {},
    waitForCall: async (method, where, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const hit = state.calls.map((c) => ({ ...c, decoded: decodeBody(c.body) })).find((c) => c.method === method && where(c.decoded));
        if (hit) return hit.decoded;
        if (Date.now() > deadline) throw new Error(`no ${method} call matched within ${timeoutMs} ms; calls: ${state.calls.map((c) => c.method).join(', ')}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', state.url);
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const json = (status: number, value: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(value));
      };
      if (url.pathname === '/openid/connect/authorize') {
        const code = `code-${++n}`;
        codes.set(code, { nonce: url.searchParams.get('nonce') });
        const back = new URL(url.searchParams.get('redirect_uri') ?? '');
        back.searchParams.set('code', code);
        back.searchParams.set('state', url.searchParams.get('state') ?? '');
        res.writeHead(302, { location: back.toString() });
        return res.end();
      }
      const method = url.pathname.replace(/^\/api\//, '');
      state.calls.push({ method, body });
      const params = new URLSearchParams(body);
      if (method === 'openid.connect.token') {
        const grant = codes.get(params.get('code') ?? '');
        if (!grant) return json(200, { ok: false, error: 'invalid_code' });
        codes.delete(params.get('code') ?? '');
        const access = `xoxp-fake-${++n}`;
        tokens.add(access);
        const idToken = `${b64({ alg: 'none' })}.${b64({ sub: state.user.id, nonce: grant.nonce, 'https://slack.com/user_id': state.user.id, 'https://slack.com/team_id': state.user.teamId })}.`;
        return json(200, { ok: true, access_token: access, token_type: 'Bearer', id_token: idToken });
      }
      if (method === 'openid.connect.userInfo') {
        const auth = req.headers.authorization?.replace(/^Bearer\s+/i, '') ?? params.get('token') ?? '';
        if (!tokens.has(auth)) return json(200, { ok: false, error: 'invalid_auth' });
        return json(200, {
          ok: true,
          sub: state.user.id,
          'https://slack.com/user_id': state.user.id,
          'https://slack.com/team_id': state.user.teamId,
          email: state.user.email,
          email_verified: true,
          name: state.user.name,
        });
      }
      if (method === 'auth.test') return json(200, { ok: true, url: 'https://acme.slack.com/', team: 'Acme Corp', user: 'incident_bot', team_id: state.user.teamId, user_id: 'U0BOT', bot_id: 'B0BOT' });
      if (method === 'chat.postMessage') return json(200, { ok: true, channel: params.get('channel'), ts: `${Math.floor(Date.now() / 1000)}.${String(++n).padStart(6, '0')}` });
      if (method === 'conversations.info') return json(200, { ok: true, channel: { id: params.get('channel'), name: 'incidents', is_member: true, is_private: false } });
      return json(200, { ok: true });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.apiUrl = `${state.url}/api/`;
  state.authorizeUrl = `${state.url}/openid/connect/authorize`;
  state.close = () => new Promise((resolve) => server.close(() => resolve()));
  return state;
}

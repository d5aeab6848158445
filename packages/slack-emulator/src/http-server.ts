import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface HttpAnswer {
  status: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON, strings as they are. */
  body: unknown;
  /** The body already serialised as JSON, if it was (sent instead of serialising it again). */
  json?: string;
}

export interface Routes {
  api(method: string, args: Record<string, unknown>, bearer: string | undefined): Promise<HttpAnswer>;
  responseUrl(id: string, body: unknown): Promise<HttpAnswer>;
  /** Everything else: OpenID pages, the sandbox control API. */
  other(method: string, path: string, query: URLSearchParams, raw: string): Promise<HttpAnswer | undefined>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Slack accepts both: the WebClient sends form-encoded (nested values as JSON strings), others send JSON. */
export function parseArgs(raw: string, contentType: string | undefined, query: URLSearchParams): Record<string, unknown> {
  const args: Record<string, unknown> = Object.fromEntries(query.entries());
  if (!raw) return args;
  if (contentType?.includes('application/json')) {
    try {
      const parsed = JSON.parse(raw) as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) Object.assign(args, parsed);
    } catch {
      args.__invalid_json = true;
    }
    return args;
  }
  for (const [k, v] of new URLSearchParams(raw)) args[k] = v;
  return args;
}

/** Web API paths are plain (`/api/method?query`): split them rather than build a URL per call (a twentieth of the emulator's CPU under load). */
function requestUrl(raw: string): { pathname: string; searchParams: URLSearchParams } {
  if (!raw.startsWith('/api/')) return new URL(raw, 'http://emulator.local');
  const q = raw.indexOf('?');
  return q < 0 ? { pathname: raw, searchParams: new URLSearchParams() } : { pathname: raw.slice(0, q), searchParams: new URLSearchParams(raw.slice(q + 1)) };
}

function send(res: ServerResponse, a: HttpAnswer): void {
  const isText = typeof a.body === 'string';
  res.writeHead(a.status, {
    'Content-Type': isText ? (a.headers?.['content-type'] ?? 'text/plain; charset=utf-8') : 'application/json; charset=utf-8',
    ...a.headers,
  });
  res.end(isText ? a.body : (a.json ?? JSON.stringify(a.body)));
}

export function createEmulatorServer(routes: Routes): Server {
  return createServer((req, res) => {
    void (async () => {
      const url = requestUrl(req.url ?? '/');
      const raw = await readBody(req);
      const api = /^\/api\/([A-Za-z0-9_.]+)$/.exec(url.pathname);
      if (api?.[1] && (req.method === 'POST' || req.method === 'GET')) {
        const args = parseArgs(raw, req.headers['content-type'], url.searchParams);
        if (args.__invalid_json) return send(res, { status: 200, body: { ok: false, error: 'invalid_json' } });
        const auth = req.headers.authorization;
        const bearer = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : undefined;
        return send(res, await routes.api(api[1], args, bearer));
      }
      const hook = /^\/response\/([A-Za-z0-9]+)$/.exec(url.pathname);
      if (hook?.[1] && req.method === 'POST') {
        let body: unknown;
        try {
          body = raw.startsWith('{') ? JSON.parse(raw) : { text: raw };
        } catch {
          return send(res, { status: 400, body: 'invalid_payload' });
        }
        return send(res, await routes.responseUrl(hook[1], body));
      }
      const other = await routes.other(req.method ?? 'GET', url.pathname, url.searchParams, raw);
      send(res, other ?? { status: 404, body: 'not_found' });
    })().catch((err: unknown) => {
      if (!res.headersSent) send(res, { status: 500, body: { ok: false, error: 'internal_error', detail: String(err) } });
      else res.end();
    });
  });
}

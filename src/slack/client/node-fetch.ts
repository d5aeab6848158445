import http from 'node:http';
import https from 'node:https';

/**
 * A `fetch` for the Slack SDK's `fetch` option, over Node's own HTTP client with keep-alive.
 *
 * Why: every Web API call the SDK makes goes through `fetch`, and Node's built-in `fetch` (undici's
 * WHATWG layer: Request, Response, web streams, a transferable AbortSignal per call) costs about
 * 0.3 ms of CPU per call more than `http.request` on a kept-alive socket. `/incident` makes one call
 * (`views.open`) per ack, so under a flood of slash commands that was a third of Response's CPU and
 * the acks waited behind it (bench/README.md, finding 7).
 *
 * It takes only what the SDK sends for Web API methods: a URL, a string body, `redirect: 'error'`,
 * an optional signal. Anything else (file uploads with FormData, redirects to follow, a Request
 * object) goes to the platform's `fetch` unchanged. Bodies are read whole (Web API answers are
 * small JSON documents); no compression is asked for, so none has to be undone.
 */
export interface NodeFetchOptions {
  /** Per attempt: a call with no answer by then fails with a `TimeoutError` (as `AbortSignal.timeout` would). 0 = none. */
  timeoutMs: number;
  /** Sockets per host kept open and reused (Slack's own limit on concurrent calls is far below this). */
  maxSockets?: number;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** The parts of a fetch `Response` the SDK reads (status, headers, text, arrayBuffer), from a finished Node response. */
class BufferedResponse {
  readonly ok: boolean;
  readonly redirected = false;
  readonly type = 'basic';
  readonly bodyUsed = false;
  readonly headers: Headers;

  constructor(
    readonly url: string,
    readonly status: number,
    readonly statusText: string,
    rawHeaders: string[],
    private readonly bytes: Buffer,
  ) {
    this.ok = status >= 200 && status < 300;
    this.headers = new Headers();
    for (let i = 0; i + 1 < rawHeaders.length; i += 2) this.headers.append(rawHeaders[i] as string, rawHeaders[i + 1] as string);
  }

  async text(): Promise<string> {
    return this.bytes.toString('utf8');
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.bytes.toString('utf8'));
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const copy = new ArrayBuffer(this.bytes.byteLength);
    new Uint8Array(copy).set(this.bytes);
    return copy;
  }
}

function timeoutError(): DOMException {
  return new DOMException('The operation was aborted due to timeout', 'TimeoutError');
}

function plainHeaders(headers: RequestInit['headers']): Record<string, string> {
  if (!headers) return {};
  if (headers instanceof Headers || Array.isArray(headers)) return Object.fromEntries(new Headers(headers));
  return { ...(headers as Record<string, string>) };
}

export function createNodeFetch(options: NodeFetchOptions): typeof fetch {
  const maxSockets = options.maxSockets ?? 64;
  const agents: Record<string, http.Agent> = {
    'http:': new http.Agent({ keepAlive: true, maxSockets, scheduling: 'lifo' }),
    'https:': new https.Agent({ keepAlive: true, maxSockets, scheduling: 'lifo' }),
  };
  // The SDK calls a handful of method URLs over and over; parse each once.
  const parsed = new Map<string, URL>();
  const urlOf = (input: string): URL => {
    let url = parsed.get(input);
    if (!url) {
      if (parsed.size >= 1000) parsed.clear();
      url = new URL(input);
      parsed.set(input, url);
    }
    return url;
  };

  const platformFetch = (input: Parameters<typeof fetch>[0], init?: RequestInit): Promise<Response> => {
    if (options.timeoutMs <= 0) return globalThis.fetch(input, init);
    const timeout = AbortSignal.timeout(options.timeoutMs);
    return globalThis.fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout });
  };

  const nodeFetch = (input: Parameters<typeof fetch>[0], init: RequestInit = {}): Promise<Response> => {
    const body = init.body;
    const simple =
      (typeof input === 'string' || input instanceof URL) &&
      (body === undefined || body === null || typeof body === 'string') &&
      (init.redirect === 'error' || init.redirect === 'manual');
    if (!simple) return platformFetch(input, init);
    const url = typeof input === 'string' ? urlOf(input) : input;
    const agent = agents[url.protocol];
    if (!agent) return platformFetch(input, init);

    return new Promise<Response>((resolve, reject) => {
      const signal = init.signal ?? undefined;
      if (signal?.aborted) return reject(signal.reason);
      const headers = plainHeaders(init.headers);
      if (typeof body === 'string') headers['content-length'] = String(Buffer.byteLength(body));
      const transport = url.protocol === 'https:' ? https : http;
      const req = transport.request(url, { method: init.method ?? 'GET', headers, agent });
      let timer: NodeJS.Timeout | undefined;
      let settled = false;
      const finish = () => {
        settled = true;
        if (timer) clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      const fail = (err: unknown) => {
        if (settled) return;
        finish();
        req.destroy();
        reject(err);
      };
      const onAbort = () => fail(signal?.reason);
      if (options.timeoutMs > 0) timer = setTimeout(() => fail(timeoutError()), options.timeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      req.on('error', (err) => fail(new TypeError('fetch failed', { cause: err })));
      req.on('response', (res) => {
        const status = res.statusCode ?? 0;
        if (init.redirect === 'error' && REDIRECTS.has(status)) {
          res.resume();
          return fail(new TypeError('fetch failed', { cause: new Error(`unexpected redirect (${status}) from ${url.href}`) }));
        }
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', (err) => fail(new TypeError('fetch failed', { cause: err })));
        res.on('end', () => {
          if (settled) return;
          finish();
          const bytes = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
          // Only the fields the SDK reads are real; the cast is the price of `fetch`'s DOM type.
          resolve(new BufferedResponse(url.href, status, res.statusMessage ?? '', res.rawHeaders, bytes) as unknown as Response);
        });
      });
      req.end(typeof body === 'string' ? body : undefined);
    });
  };
  return nodeFetch as typeof fetch;
}

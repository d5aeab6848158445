import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The common part of Response's local stand-ins for vendor APIs (PagerDuty, Statuspage, Jira,
 * Linear, webhook receivers). Each stand-in is a small stateful HTTP server written from the
 * vendor's public documentation; tests and the sandbox talk to it over real HTTP, exactly as
 * Response talks to the vendor. This base records every call and can be told to answer the next
 * matching requests with a fault (the vendor's own error body, a 429 with Retry-After, a 500).
 */

export interface StandInRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  rawBody: string;
  /** The body parsed as JSON when it is JSON (else undefined). */
  body: unknown;
}

export interface StandInReply {
  status?: number;
  headers?: Record<string, string>;
  /** Sent as JSON unless it is a string. */
  body?: unknown;
}

export type StandInHandler = (req: StandInRequest) => StandInReply | Promise<StandInReply>;

export interface RecordedCall {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | undefined>;
  body: unknown;
  rawBody: string;
  status: number;
  at: Date;
}

/** What the next matching requests get instead of the real answer. */
export interface Fault {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** How many requests get it (default 1). */
  times?: number;
  method?: string;
  /** A path or a pattern the path must match (default: every path). */
  path?: string | RegExp;
}

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: StandInHandler;
}

export class StandInServer {
  private readonly routes: Route[] = [];
  private readonly faults: (Fault & { left: number })[] = [];
  private readonly recorded: RecordedCall[] = [];
  private server: Server | null = null;
  private base = '';

  constructor(readonly vendor: string) {}

  /** Adds a route; `path` may hold `:name` segments, read from `req.params`. */
  route(method: string, path: string, handler: StandInHandler): this {
    const names: string[] = [];
    const source = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\?:([a-zA-Z_]+)/g, (_m, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    this.routes.push({ method: method.toUpperCase(), pattern: new RegExp(`^${source}/?$`), names, handler });
    return this;
  }

  /** The next matching request(s) get `fault` instead of the real answer. */
  failNext(fault: Fault): void {
    this.faults.push({ ...fault, left: fault.times ?? 1 });
  }

  /** Drops every fault not yet used up. */
  clearFaults(): void {
    this.faults.length = 0;
  }

  /** Calls received so far, oldest first; optionally only those to `method` `path` (a pattern matches the path). */
  calls(method?: string, path?: string | RegExp): RecordedCall[] {
    return this.recorded.filter((c) => (!method || c.method === method.toUpperCase()) && (!path || (typeof path === 'string' ? c.path === path : path.test(c.path))));
  }

  clearCalls(): void {
    this.recorded.length = 0;
  }

  /** The base URL (no trailing slash) once started. */
  get url(): string {
    return this.base;
  }

  async start(port = 0, host = '127.0.0.1'): Promise<string> {
    const server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    const address = server.address() as AddressInfo;
    this.base = `http://${host}:${address.port}`;
    return this.base;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const method = (req.method ?? 'GET').toUpperCase();
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]));
    let body: unknown;
    if (rawBody && /json/i.test(headers['content-type'] ?? '')) {
      try {
        body = JSON.parse(rawBody);
      } catch {
        body = undefined;
      }
    }
    const reply = await this.answer({ method, path: url.pathname, params: {}, query: url.searchParams, headers, rawBody, body }).catch(
      (err: unknown): StandInReply => ({ status: 500, body: { error: `${this.vendor} stand-in failed: ${err instanceof Error ? err.message : String(err)}` } }),
    );
    const status = reply.status ?? 200;
    this.recorded.push({ method, path: url.pathname, query: Object.fromEntries(url.searchParams), headers, body, rawBody, status, at: new Date() });
    const text = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    const type = reply.body === undefined || typeof reply.body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8';
    res.writeHead(status, { 'content-type': type, ...reply.headers });
    res.end(text);
  }

  private async answer(req: StandInRequest): Promise<StandInReply> {
    const fault = this.faults.find((f) => f.left > 0 && (!f.method || f.method.toUpperCase() === req.method) && (!f.path || (typeof f.path === 'string' ? f.path === req.path : f.path.test(req.path))));
    if (fault) {
      fault.left -= 1;
      if (fault.left === 0) this.faults.splice(this.faults.indexOf(fault), 1);
      return { status: fault.status, body: fault.body, headers: fault.headers };
    }
    for (const route of this.routes) {
      if (route.method !== req.method) continue;
      const match = route.pattern.exec(req.path);
      if (!match) continue;
      const params = Object.fromEntries(route.names.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? '')]));
      return route.handler({ ...req, params });
    }
    return { status: 404, body: { error: `${this.vendor} stand-in has no route ${req.method} ${req.path}` } };
  }
}

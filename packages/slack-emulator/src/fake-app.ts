import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySlackSignature } from './signing.js';

/** One request the fake app received, decoded the way an app would decode it. */
export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** The signature and timestamp checked out (5-minute window, HMAC over the raw bytes). */
  verified: boolean;
  kind: 'event' | 'command' | 'interaction' | 'unknown';
  /** Events: the envelope. Interactions: the decoded `payload`. Commands: the form fields. */
  body: { [key: string]: unknown };
}

export interface FakeAppAnswer {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
}

export type FakeAppHandler = (req: ReceivedRequest) => FakeAppAnswer | undefined | Promise<FakeAppAnswer | undefined>;

export interface FakeSlackApp {
  url: string;
  requests: ReceivedRequest[];
  setHandler(handler: FakeAppHandler): void;
  close(): Promise<void>;
}

function decode(raw: string, contentType: string | undefined): Pick<ReceivedRequest, 'kind' | 'body'> {
  try {
    if (contentType?.includes('application/json')) return { kind: 'event', body: JSON.parse(raw) as ReceivedRequest['body'] };
    const form = Object.fromEntries(new URLSearchParams(raw));
    if (typeof form.payload === 'string') return { kind: 'interaction', body: JSON.parse(form.payload) as ReceivedRequest['body'] };
    if (typeof form.command === 'string') return { kind: 'command', body: form };
  } catch {
    // fall through: a malformed body is still recorded
  }
  return { kind: 'unknown', body: {} };
}

/**
 * A minimal Slack app endpoint: verifies signatures like Bolt (401 when they fail), records every request and
 * answers with whatever the handler returns (default: 200, empty body; url_verification echoes the challenge).
 * Useful to test the emulator itself and to watch what a real app would receive.
 */
export async function startFakeSlackApp(opts: { signingSecret: string; handler?: FakeAppHandler }): Promise<FakeSlackApp> {
  let handler: FakeAppHandler = opts.handler ?? (() => undefined);
  const requests: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const rawBody = Buffer.concat(chunks).toString('utf8');
        const header = (name: string) => {
          const v = req.headers[name];
          return Array.isArray(v) ? v[0] : v;
        };
        const verified = verifySlackSignature({
          signingSecret: opts.signingSecret,
          rawBody,
          timestamp: header('x-slack-request-timestamp'),
          signature: header('x-slack-signature'),
        });
        const received: ReceivedRequest = { headers: req.headers, rawBody, verified, ...decode(rawBody, header('content-type')) };
        requests.push(received);
        if (!verified) {
          res.writeHead(401).end('invalid signature');
          return;
        }
        if (received.body.type === 'url_verification') {
          res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ challenge: received.body.challenge }));
          return;
        }
        const answer = (await handler(received)) ?? {};
        if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
        const isJson = answer.body !== undefined && typeof answer.body !== 'string';
        res.writeHead(answer.status ?? 200, { ...(isJson ? { 'Content-Type': 'application/json' } : {}), ...answer.headers });
        res.end(answer.body === undefined ? '' : isJson ? JSON.stringify(answer.body) : String(answer.body));
      })().catch(() => res.writeHead(500).end());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/slack/events`,
    requests,
    setHandler: (h) => {
      handler = h;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

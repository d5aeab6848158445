import { signSlackRequest } from '../signing.js';
import type { SocketModeServer } from '../socket-mode/socket-server.js';
import type { DeliveryResult } from './delivery-result.js';

export type { DeliveryResult } from './delivery-result.js';

export interface EventDelivery extends DeliveryResult {
  eventId: string;
  envelope: { [key: string]: unknown };
}

export interface DeliveryLogEntry {
  kind: 'event' | 'command' | 'interaction' | 'raw';
  /** `event.type`, the command, or the interaction `type`. */
  name: string;
  body: string;
  result: DeliveryResult;
}

export interface RawRequest {
  body: string;
  contentType?: string;
  /** Override the signed timestamp (seconds), e.g. ten minutes ago to test the replay guard. */
  timestamp?: number;
  /** Send this signature instead of the computed one. */
  signature?: string;
  headers?: Record<string, string>;
}

/** Signs and POSTs requests to the app like Slack does, and keeps track of in-flight deliveries for `idle()`. */
export class Deliverer {
  readonly log: DeliveryLogEntry[] = [];
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly opts: {
      signingSecret: string;
      appUrl: () => string | undefined;
      /** When it returns a server, deliveries travel over Socket Mode instead of HTTP. */
      socket?: () => SocketModeServer | undefined;
      clock: () => number;
      ackTimeoutMs: number;
      /** A promise to wait for before sending (a Slack outage holds deliveries until it ends); undefined: go. */
      gate?: () => Promise<void> | undefined;
    },
  ) {}

  async send(kind: DeliveryLogEntry['kind'], name: string, req: RawRequest): Promise<DeliveryResult> {
    const wait = this.opts.gate?.();
    const p = wait ? wait.then(() => this.post(req)) : this.post(req);
    this.inFlight.add(p);
    try {
      const result = await p;
      this.log.push({ kind, name, body: req.body, result });
      if (this.log.length > 1000) this.log.splice(0, this.log.length - 1000);
      return result;
    } finally {
      this.inFlight.delete(p);
    }
  }

  /** Tracks background work (event deliveries triggered by API calls) so `idle()` can wait for it. */
  track<T>(p: Promise<T>): Promise<T> {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p)).catch(() => undefined);
    return p;
  }

  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private async post(req: RawRequest): Promise<DeliveryResult> {
    const socket = this.opts.socket?.();
    if (socket) {
      // The same payload, in an envelope: Slack signs nothing on the socket, the link itself is the proof.
      const retryNum = req.headers?.['X-Slack-Retry-Num'];
      return socket.deliver(req.body, req.contentType, retryNum ? { attempt: Number(retryNum), reason: req.headers?.['X-Slack-Retry-Reason'] } : {});
    }
    const url = this.opts.appUrl();
    const started = Date.now();
    if (!url) return { status: 0, body: '', headers: {}, late: false, durationMs: 0, error: 'no_app_url' };
    const ts = req.timestamp ?? Math.floor(this.opts.clock() / 1000);
    const signed = signSlackRequest(this.opts.signingSecret, req.body, ts);
    const headers: Record<string, string> = {
      'Content-Type': req.contentType ?? 'application/json',
      'User-Agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
      ...signed,
      ...(req.signature !== undefined ? { 'X-Slack-Signature': req.signature } : {}),
      ...req.headers,
    };
    try {
      // A hung app must not hang the emulator (and close()) forever; Slack itself gives up after 3 s.
      const res = await fetch(url, { method: 'POST', headers, body: req.body, redirect: 'manual', signal: AbortSignal.timeout(30_000) });
      const body = await res.text();
      const durationMs = Date.now() - started;
      let json: unknown;
      try {
        json = body ? (JSON.parse(body) as unknown) : undefined;
      } catch {
        json = undefined;
      }
      return {
        status: res.status,
        body,
        json,
        headers: Object.fromEntries(res.headers.entries()),
        late: durationMs > this.opts.ackTimeoutMs,
        durationMs,
      };
    } catch (err) {
      return { status: 0, body: '', headers: {}, late: false, durationMs: Date.now() - started, error: err instanceof Error ? err.message : String(err) };
    }
  }
}

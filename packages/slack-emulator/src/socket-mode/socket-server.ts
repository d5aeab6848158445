import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { DeliveryResult } from '../driver/delivery-result.js';
import type { SlackObject } from '../types.js';
import { acceptsResponsePayload, envelopeFor, type EnvelopeType } from './envelopes.js';

/** `warning` comes first (the link will close soon), then `refresh_requested`; `link_disabled` means Socket Mode was turned off. */
export type DisconnectReason = 'warning' | 'refresh_requested' | 'link_disabled';

/** One envelope sent to the app, as the emulator saw it go out and (maybe) come back acknowledged. */
export interface SocketEnvelopeRecord {
  envelopeId: string;
  type: EnvelopeType;
  /** events_api only: 0 the first time, then 1, 2, 3 for Slack's redeliveries. */
  retryAttempt?: number;
  retryReason?: string;
  connection: number;
  payload: SlackObject;
  /** The ack's payload (`{}` when it carried nothing); absent while unacknowledged. */
  ack?: SlackObject;
  /** The ack arrived but was thrown away (`dropAcks`), as if lost on the way. */
  ackDropped?: boolean;
}

export interface SocketModeServerOptions {
  appId: string;
  /** Slack's ack window (3 s): an events_api envelope not acked by then is sent again. */
  ackTimeoutMs: number;
  /** How many times an unacknowledged events_api envelope is redelivered (Slack: 3). */
  retries: number;
  /** How long a delivery waits for an open connection (the app reconnecting) before it fails. */
  connectWaitMs: number;
  /** Slack pings every connection; clients close a link that stays silent for 30 s. */
  pingIntervalMs: number;
  /** `http://host:port/` of the emulator: WebSocket URLs are handed out on the same port. */
  baseUrl: () => string;
}

interface Connection {
  id: number;
  socket: WebSocket;
  ping: NodeJS.Timeout;
  /** Told to go (refresh_requested, link_disabled): nothing new is sent on it. */
  closing: boolean;
}

const LINK_PATH = '/link/';
/** apps.connections.open's URLs are short-lived and single-use. */
const TICKET_TTL_MS = 30_000;
/** Commands and interactions aren't retried; a delivery gives up on an ack after this (like the HTTP driver's timeout). */
const HARD_ACK_TIMEOUT_MS = 30_000;
/** Slack closes a link it asked the app to leave if the app doesn't. */
const CLOSE_AFTER_DISCONNECT_MS = 2000;
const MAX_RECORDS = 1000;
const DEBUG_INFO = { host: 'applink-emulator', build_number: 1, approximate_connection_time: 18060 };

/**
 * Slack's Socket Mode, server side: apps.connections.open mints single-use WebSocket URLs, a connection
 * gets `hello`, then envelopes (`events_api`, `slash_commands`, `interactive`) each with an envelope_id the
 * app acks (`{envelope_id, payload?}`). Unacked events are redelivered with `retry_attempt`; `disconnect`
 * messages ask the app to reconnect. Several connections share the work, round-robin, as on Slack.
 */
export class SocketModeServer {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly tickets = new Map<string, number>();
  private readonly connections = new Map<number, Connection>();
  private readonly pending = new Map<string, (payload: SlackObject | undefined) => void>();
  private readonly waiters = new Set<() => void>();
  private readonly records: SocketEnvelopeRecord[] = [];
  private nextConnection = 0;
  private turn = 0;
  private readonly drops: { left: number; where?: (r: SocketEnvelopeRecord) => boolean }[] = [];
  private closing = false;

  constructor(private readonly o: SocketModeServerOptions) {}

  /** Serves the WebSocket links on the emulator's HTTP server. */
  attach(server: Server): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => this.upgrade(req, socket, head));
  }

  /** A fresh `ws://…/link/?ticket=…` URL (apps.connections.open). */
  openTicket(now = Date.now()): string {
    for (const [t, expires] of this.tickets) if (expires < now) this.tickets.delete(t);
    const ticket = randomUUID();
    this.tickets.set(ticket, now + TICKET_TTL_MS);
    return `${this.o.baseUrl().replace(/^http/, 'ws')}${LINK_PATH.slice(1)}?ticket=${ticket}&app_id=${this.o.appId}`;
  }

  /** Open connections that may receive envelopes. */
  get connectionCount(): number {
    return this.open().length;
  }

  /** Every envelope sent, oldest first (the last thousand). */
  envelopes(type?: EnvelopeType): SocketEnvelopeRecord[] {
    return this.records.filter((r) => !type || r.type === type);
  }

  /**
   * The next `n` acks (of envelopes matching `where`, if given) are lost on the way: Slack sees no ack and,
   * for events, redelivers.
   */
  dropAcks(n = 1, where?: (envelope: SocketEnvelopeRecord) => boolean): void {
    this.drops.push({ left: n, ...(where ? { where } : {}) });
  }

  /** Resolves once at least `n` connections are open. */
  async waitForConnections(n = 1, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.open().length < n) {
      if (Date.now() > deadline) throw new Error(`slack-emulator: no ${n} Socket Mode connection(s) within ${timeoutMs} ms`);
      await this.nextChange(deadline);
    }
  }

  /** Sends `disconnect` to every open connection; except for `warning`, Slack then closes the link itself. Returns how many were told. */
  disconnect(reason: DisconnectReason = 'refresh_requested'): number {
    const open = this.open();
    for (const c of open) {
      c.socket.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: DEBUG_INFO.host } }));
      if (reason === 'warning') continue;
      c.closing = true;
      setTimeout(() => c.socket.close(1000), CLOSE_AFTER_DISCONNECT_MS).unref();
    }
    return open.length;
  }

  /**
   * Delivers one HTTP-shaped body as an envelope and waits for its ack. Events are sent again, with
   * `retry_attempt` counting up, while unacked within the window; commands and interactions wait once.
   */
  async deliver(body: string, contentType: string | undefined, retry: { attempt?: number; reason?: string } = {}): Promise<DeliveryResult> {
    const started = Date.now();
    const failed = (error: string): DeliveryResult => ({ status: 0, body: '', headers: {}, late: true, durationMs: Date.now() - started, error });
    const env = envelopeFor(body, contentType);
    if (!env) return failed('invalid_payload');
    const accepts = acceptsResponsePayload(env.type, env.payload);
    const isEvent = env.type === 'events_api';
    let attempt = retry.attempt ?? 0;
    let reason = retry.reason ?? '';
    for (let tries = 0; tries <= (isEvent ? this.o.retries : 0); tries++, attempt++, reason = 'timeout') {
      const conn = await this.connection(Date.now() + this.o.connectWaitMs);
      if (!conn) return failed('no_socket_connection');
      const envelopeId = randomUUID();
      const record: SocketEnvelopeRecord = { envelopeId, type: env.type, ...(isEvent ? { retryAttempt: attempt, retryReason: reason } : {}), connection: conn.id, payload: env.payload };
      this.records.push(record);
      if (this.records.length > MAX_RECORDS) this.records.splice(0, this.records.length - MAX_RECORDS);
      const acked = this.ackOf(envelopeId, isEvent ? this.o.ackTimeoutMs : Math.max(HARD_ACK_TIMEOUT_MS, this.o.ackTimeoutMs));
      conn.socket.send(
        JSON.stringify({
          envelope_id: envelopeId,
          payload: env.payload,
          type: env.type,
          accepts_response_payload: accepts,
          ...(isEvent ? { retry_attempt: attempt, retry_reason: reason } : {}),
        }),
      );
      const payload = await acked;
      if (!payload) continue;
      const durationMs = Date.now() - started;
      // An empty ack is the socket's empty 200; Slack ignores payloads where it reads none.
      const answer = accepts && Object.keys(payload).length > 0 ? payload : undefined;
      return { status: 200, body: answer ? JSON.stringify(answer) : '', json: answer, headers: {}, late: durationMs > this.o.ackTimeoutMs, durationMs };
    }
    return failed('no_ack');
  }

  /** The emulator is stopping: deliveries no longer wait for the app to (re)connect. */
  shutdown(): void {
    this.closing = true;
    this.wake();
  }

  /** Closes every link (the emulator is stopping). */
  async close(): Promise<void> {
    this.shutdown();
    for (const resolve of this.pending.values()) resolve(undefined);
    this.pending.clear();
    for (const c of this.connections.values()) {
      clearInterval(c.ping);
      c.socket.terminate();
    }
    this.connections.clear();
    this.wake();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://emulator.local');
    const ticket = url.searchParams.get('ticket') ?? '';
    const expires = this.tickets.get(ticket);
    if (url.pathname !== LINK_PATH || expires === undefined || expires < Date.now()) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.tickets.delete(ticket);
    this.wss.handleUpgrade(req, socket, head, (ws) => this.connected(ws));
  }

  private connected(socket: WebSocket): void {
    const id = ++this.nextConnection;
    const ping = setInterval(() => socket.ping(), this.o.pingIntervalMs);
    ping.unref();
    const conn: Connection = { id, socket, ping, closing: false };
    this.connections.set(id, conn);
    socket.on('message', (data: RawData, isBinary: boolean) => {
      if (!isBinary) this.received(data.toString());
    });
    socket.on('close', () => {
      clearInterval(ping);
      this.connections.delete(id);
      this.wake();
    });
    socket.on('error', () => socket.terminate());
    socket.send(JSON.stringify({ type: 'hello', num_connections: this.open().length, debug_info: DEBUG_INFO, connection_info: { app_id: this.o.appId } }));
    this.wake();
  }

  /** An ack may arrive on any of the app's connections (it may have reconnected since). */
  private received(text: string): void {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (!message || typeof message !== 'object') return;
    const { envelope_id: envelopeId, payload } = message as { envelope_id?: unknown; payload?: unknown };
    if (typeof envelopeId !== 'string') return;
    const record = this.records.find((r) => r.envelopeId === envelopeId);
    const drop = record && this.drops.find((d) => d.left > 0 && (!d.where || d.where(record)));
    if (record && drop) {
      drop.left--;
      if (drop.left === 0) this.drops.splice(this.drops.indexOf(drop), 1);
      record.ackDropped = true;
      return;
    }
    const ack = payload && typeof payload === 'object' && !Array.isArray(payload) ? (payload as SlackObject) : {};
    if (record) record.ack = ack;
    const resolve = this.pending.get(envelopeId);
    this.pending.delete(envelopeId);
    resolve?.(ack);
  }

  private ackOf(envelopeId: string, timeoutMs: number): Promise<SlackObject | undefined> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(envelopeId);
        resolve(undefined);
      }, timeoutMs);
      this.pending.set(envelopeId, (payload) => {
        clearTimeout(timer);
        resolve(payload);
      });
    });
  }

  private open(): Connection[] {
    return [...this.connections.values()].filter((c) => !c.closing && c.socket.readyState === c.socket.OPEN);
  }

  /** Round-robin over open connections; waits (the app may be reconnecting) until the deadline. */
  private async connection(deadline: number): Promise<Connection | undefined> {
    for (;;) {
      const open = this.open();
      if (open.length > 0) return open[this.turn++ % open.length];
      if (this.closing || Date.now() >= deadline) return undefined;
      await this.nextChange(deadline);
    }
  }

  private nextChange(deadline: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, deadline - Date.now()));
      this.waiters.add(done);
    });
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }
}

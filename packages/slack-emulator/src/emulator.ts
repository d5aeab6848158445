import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WorkspaceReader } from './accessors.js';
import { handleApiCall, type RecordedCall } from './api.js';
import { SlackUserActor } from './driver/actor.js';
import { Deliverer, type DeliveryLogEntry, type DeliveryResult, type EventDelivery, type RawRequest } from './driver/deliver.js';
import { eventEnvelope, nextEventId } from './driver/envelope.js';
import type { DriverHost } from './driver/host.js';
import { EventRetryScheduler, eventRetryPolicy, type EventRetriesOption, type ScheduledRetry } from './event-retries.js';
import { Faults, type FaultSpec, type OutageSpec, type RateLimitedCounts, type RateLimitsOption } from './faults.js';
import { rateLimitFloorMs, type ResolvedRateLimits, type WorkloadItem } from './rate-limits.js';
import { createEmulatorServer } from './http-server.js';
import { allMethods } from './methods/index.js';
import type { OpenIdClient } from './methods/openid.js';
import { issueOpenIdCode } from './openid.js';
import { openIdPage } from './openid-pages.js';
import { handleControl } from './control-api.js';
import { handleResponseUrl } from './response-url.js';
import { buildInitialState, type WorkspaceSeed } from './seed.js';
import { SocketModeServer, type DisconnectReason, type SocketEnvelopeRecord } from './socket-mode/socket-server.js';
import { issueTrigger } from './triggers.js';
import type { EmulatorState, SlackObject } from './types.js';
import { Workspace } from './workspace.js';

export interface SlackEmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  signingSecret: string;
  /** The bot token the app uses; default `xoxb-test`. */
  botToken?: string;
  /** Where events, commands and interactions are POSTed (e.g. http://127.0.0.1:3000/slack/events). */
  appUrl?: string;
  seed?: WorkspaceSeed;
  /** A previous `snapshot()`; wins over `seed`. */
  initialState?: EmulatorState;
  /** Milliseconds since the epoch; default Date.now. Drives ts values, event_time and trigger expiry. */
  clock?: () => number;
  /** Whether the app has chat:write.public (default true); without it posting needs membership (`not_in_channel`). */
  chatWritePublic?: boolean;
  /** Slack expires trigger ids after 3 s; raise it for slow machines. */
  triggerTtlMs?: number;
  /** Answers slower than this are flagged `late` (Slack's ack window is 3 s). */
  ackTimeoutMs?: number;
  /** Only deliver these event types (the app's subscriptions); default: all. */
  eventTypes?: string[];
  /**
   * Re-deliver events the app failed (non-2xx, no answer, or late). A number: up to that many retries, each
   * at once after the previous answer (default 0). `'slack'` (or `{ retries, delaysMs }`): Slack's schedule,
   * 3 retries at once, after 1 and after 5 minutes (divided by `speedUp`), decided at the ack deadline.
   */
  eventRetries?: EventRetriesOption;
  /**
   * Opt-in rate limits answered with 429 + Retry-After: `'slack'` (Slack's documented tiers, per-channel posting;
   * `{ preset: 'slack', speedUp, tiers, methods, postPerChannel, postPerWorkspace }` to adjust), or sliding
   * windows per method, e.g. `{ 'chat.postMessage': { limit: 1, windowMs: 1000 } }`.
   */
  rateLimits?: RateLimitsOption;
  /**
   * Slack's clock runs this many times faster (default 1): event retry delays, and the refill of Slack's rate
   * limits unless `rateLimits.speedUp` says otherwise. For fast tests and a shorter benchmark.
   */
  speedUp?: number;
  /** Checked by openid.connect.token when given. */
  openid?: OpenIdClient;
  /**
   * Serve /_emulator/* (state, calls, faults, and acting as any person) for the browser sandbox. Off by
   * default: anyone who can reach it can impersonate every user.
   */
  controlApi?: boolean;
  /**
   * The workspace's address as auth.test, team.info and permalinks report it (with a trailing slash); default
   * `https://<domain>.slack.com/`. The sandbox names its own page, so links Response builds open there.
   */
  workspaceUrl?: string;
  /** Base URL for response_urls and OpenID pages when the emulator sits behind a proxy. */
  publicUrl?: string;
  /**
   * Deliver events, commands and interactions over Socket Mode (the app connects with
   * apps.connections.open) instead of signed POSTs to `appUrl`. Default false.
   */
  socketMode?: boolean;
  /** The app-level token (`xapp-…`) apps.connections.open accepts; default `xapp-test`. */
  appToken?: string;
  /** Socket Mode: redeliveries of an unacknowledged event (Slack: 3; default 3). */
  socketRetries?: number;
  /** Socket Mode: how long a delivery waits for the app to (re)connect; default 10 s. */
  socketConnectWaitMs?: number;
}

export interface DeliverEventOptions {
  /** Re-send a previous envelope byte for byte (Slack retries carry the same event_id and body). */
  eventId?: string;
  retryNum?: number;
  retryReason?: string;
}

export class SlackEmulator extends WorkspaceReader implements DriverHost {
  readonly faults: Faults;
  private readonly recorded: RecordedCall[] = [];
  private readonly envelopes = new Map<string, string>();
  private backgroundChain: Promise<unknown> = Promise.resolve();
  private currentAppUrl: string | undefined;
  private readonly changeListeners = new Set<() => void>();
  readonly deliverer: Deliverer;
  /** Slack's Socket Mode endpoint: connections, envelopes sent and acked, `disconnect`, lost acks. */
  readonly socket: SocketModeServer;
  private socketMode: boolean;
  private readonly retries: EventRetryScheduler | undefined;
  private closing = false;
  /** @internal the workspace shared with the driver. */
  readonly workspace: Workspace;
  url = '';

  constructor(
    private readonly options: SlackEmulatorOptions,
    private server?: Server,
  ) {
    const ws = new Workspace(options.initialState ?? buildInitialState(options.seed ?? {}, options.botToken ?? 'xoxb-test'), options.clock ?? Date.now, options.workspaceUrl ? `${options.workspaceUrl.replace(/\/+$/, '')}/` : undefined);
    super(ws);
    this.workspace = ws;
    this.faults = new Faults(options.rateLimits, ws.clock, (c) => ws.channel(c)?.id ?? c, options.speedUp);
    const ackTimeoutMs = options.ackTimeoutMs ?? 3000;
    this.currentAppUrl = options.appUrl;
    this.socketMode = options.socketMode ?? false;
    this.socket = new SocketModeServer({
      appId: ws.state.team.appId,
      ackTimeoutMs: options.ackTimeoutMs ?? 3000,
      retries: options.socketRetries ?? 3,
      connectWaitMs: options.socketConnectWaitMs ?? 10_000,
      pingIntervalMs: 10_000,
      baseUrl: () => this.url,
    });
    this.deliverer = new Deliverer({
      signingSecret: options.signingSecret,
      appUrl: () => this.currentAppUrl,
      socket: () => (this.socketMode ? this.socket : undefined),
      clock: ws.clock,
      ackTimeoutMs,
      gate: () => this.outageGate(),
    });
    const retries = options.eventRetries;
    if (retries !== undefined && typeof retries !== 'number') {
      this.retries = new EventRetryScheduler({
        policy: eventRetryPolicy(retries),
        ackTimeoutMs,
        speedUp: options.speedUp ?? 1,
        track: (p) => void this.deliverer.track(p).catch(() => undefined),
      });
    }
  }

  /** While an outage that holds deliveries lasts, deliveries wait (polled: its end may be a fake clock's). */
  private outageGate(): Promise<void> | undefined {
    if (!this.faults.outageActive?.holdDeliveries || this.closing) return undefined;
    return (async () => {
      while (this.faults.outageActive?.holdDeliveries && !this.closing) await new Promise((r) => setTimeout(r, 20));
    })();
  }

  /** `http://host:port/api/`, with the trailing slash the WebClient's `slackApiUrl` expects. */
  get apiUrl(): string {
    return `${this.url}api/`;
  }

  get appUrl(): string | undefined {
    return this.currentAppUrl;
  }

  get state(): EmulatorState {
    return this.ws.state;
  }

  get botToken(): string {
    return this.ws.state.bot.token;
  }

  setAppUrl(url: string | undefined): void {
    this.currentAppUrl = url;
  }

  /** The app-level token apps.connections.open accepts. */
  get appToken(): string {
    return this.options.appToken ?? 'xapp-test';
  }

  get usesSocketMode(): boolean {
    return this.socketMode;
  }

  /** Switches deliveries between Socket Mode and signed POSTs to the app URL. */
  setSocketMode(on: boolean): void {
    this.socketMode = on;
  }

  /** Socket Mode: every envelope sent so far, with its ack (see SocketEnvelopeRecord). */
  socketEnvelopes(type?: SocketEnvelopeRecord['type']): SocketEnvelopeRecord[] {
    return this.socket.envelopes(type);
  }

  /** Socket Mode: asks the app's connections to reconnect, as Slack does every few hours. */
  requestReconnect(reason: DisconnectReason = 'refresh_requested'): number {
    return this.socket.disconnect(reason);
  }

  /** A deep copy of the whole state, JSON-serialisable, to pass back as `initialState` later. */
  snapshot(): EmulatorState {
    return structuredClone(this.ws.state);
  }

  /**
   * Calls `listener` after anything that may have changed the workspace: every Web API and response_url call,
   * and control-API actions (the sandbox's live updates and saving). Returns the unsubscribe function.
   */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Tells `onChange` listeners the workspace may have changed (callers that drive people in-process). */
  notifyChange(): void {
    for (const listener of this.changeListeners) {
      try {
        listener();
      } catch {
        // A listener's failure is its own; the API answer must not depend on it.
      }
    }
  }

  /** Replaces the whole workspace with a snapshot (pending events and views in flight are dropped). */
  restore(state: EmulatorState): void {
    this.ws.state = structuredClone(state);
    this.ws.outbox.length = 0;
    this.notifyChange();
  }

  async listen(): Promise<void> {
    const methods = allMethods(this.options.openid);
    const server = createEmulatorServer({
      api: async (method, args, bearer) => {
        const answer = await handleApiCall(
          {
            ws: this.ws,
            methods,
            faults: this.faults,
            calls: this.recorded,
            baseUrl: () => this.publicUrl,
            triggerTtlMs: this.options.triggerTtlMs ?? 3000,
            chatWritePublic: this.options.chatWritePublic ?? true,
            appToken: this.appToken,
            openSocket: () => this.socket.openTicket(),
          },
          method,
          args,
          bearer,
        );
        this.flushInBackground();
        this.notifyChange();
        return answer;
      },
      responseUrl: async (id, body) => {
        // Slack being down (an outage that holds deliveries) takes its response_urls down with it.
        if (this.faults.outageActive?.holdDeliveries) return { status: 503, body: { ok: false, error: 'service_unavailable' } };
        const answer = handleResponseUrl(this.ws, id, (body ?? {}) as SlackObject);
        this.flushInBackground();
        this.notifyChange();
        return answer;
      },
      other: async (method, path, query, raw) => {
        if (path.startsWith('/_emulator/')) {
          if (!this.options.controlApi) return undefined;
          const answer = await handleControl(this, method, path, query, raw);
          if (method === 'POST') this.notifyChange();
          return answer;
        }
        return method === 'GET' ? openIdPage(this.ws, path, query) : undefined;
      },
    });
    this.server = server;
    this.socket.attach(server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port ?? 0, this.options.host ?? '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    this.url = `http://${this.options.host ?? '127.0.0.1'}:${port}/`;
  }

  get publicUrl(): string {
    return this.options.publicUrl?.replace(/\/?$/, '/') ?? this.url;
  }

  async close(): Promise<void> {
    // Deliveries waiting for an app that is gone fail now instead of holding idle() for their wait.
    this.closing = true;
    this.retries?.close();
    this.socket.shutdown();
    await this.idle();
    // Upgraded sockets are detached from the HTTP server: close() would wait for them forever.
    await this.socket.close();
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  // ── calls and faults ────────────────────────────────────────────────────────────────────────────

  calls(method?: string): RecordedCall[] {
    return this.recorded.filter((c) => !method || c.method === method);
  }

  lastCall(method?: string): RecordedCall | undefined {
    return this.calls(method).at(-1);
  }

  clearCalls(): void {
    this.recorded.length = 0;
  }

  failNext(method: string, spec?: FaultSpec): void {
    this.faults.failNext(method, spec);
  }

  /**
   * The Web API fails every call: `true` → HTTP 500; `{ status: 503 }` → `service_unavailable`; `forMs` ends it
   * by itself (emulator clock); `holdDeliveries` sends nothing to the app until it ends. `false` ends it.
   */
  setOutage(on: boolean | OutageSpec): void {
    this.faults.setOutage(on);
  }

  /** Slack is down: every Web API call answers 503 `service_unavailable`, nothing is delivered, for `forMs` (or until `setOutage(false)`). */
  slackOutage(forMs?: number): void {
    this.faults.setOutage({ status: 503, holdDeliveries: true, ...(forMs !== undefined ? { forMs } : {}) });
  }

  /** Replaces the rate limits in force (as the `rateLimits` option; buckets start full); `false` turns them off. */
  setRateLimits(spec: RateLimitsOption | false): void {
    this.faults.setRateLimits(spec);
  }

  /** Slack's limits in force (with `rateLimits: 'slack'`), else null: what `rateLimitFloorMs` computes from. */
  get rateLimits(): ResolvedRateLimits | null {
    return this.faults.slackLimits;
  }

  /** Every 429 answered: the total, and per method the count and the emulator-clock time of each. */
  rateLimited(): RateLimitedCounts {
    return this.faults.rateLimited();
  }

  /** The least time (ms) Slack's limits in force let `workload` take; 0 when Slack's limits are off. */
  rateLimitFloorMs(workload: readonly WorkloadItem[]): number {
    const limits = this.faults.slackLimits;
    return limits ? rateLimitFloorMs(limits, workload) : 0;
  }

  /** Retries scheduled on Slack's schedule (`eventRetries: 'slack'`), in order, with their waits in Slack time. */
  scheduledEventRetries(): ScheduledRetry[] {
    return [...(this.retries?.scheduled ?? [])];
  }

  /** Event retries scheduled on Slack's schedule and not yet sent. */
  get pendingEventRetries(): number {
    return this.retries?.pending ?? 0;
  }

  // ── deliveries ──────────────────────────────────────────────────────────────────────────────────

  /** Wraps `event` in an event_callback envelope (or re-sends a stored one by eventId) and POSTs it, signed. */
  async deliverEvent(event: SlackObject, opts: DeliverEventOptions = {}): Promise<EventDelivery> {
    const stored = opts.eventId ? this.envelopes.get(opts.eventId) : undefined;
    const eventId = opts.eventId ?? nextEventId(this.ws);
    const body = stored ?? JSON.stringify(eventEnvelope(this.ws, event, eventId));
    this.envelopes.set(eventId, body);
    if (this.envelopes.size > 1000) this.envelopes.delete(this.envelopes.keys().next().value as string);
    const retry: Record<string, string> = opts.retryNum
      ? { 'X-Slack-Retry-Num': String(opts.retryNum), 'X-Slack-Retry-Reason': opts.retryReason ?? 'http_timeout' }
      : {};
    const name = typeof event.type === 'string' ? event.type : 'event';
    // Slack's schedule (not for explicit re-sends, nor Socket Mode, whose server retries envelopes itself).
    if (this.retries && !opts.retryNum && !this.socketMode) {
      const first = await this.retries.deliver((headers) => this.deliverer.send('event', name, { body, headers }));
      return { ...first, eventId, envelope: JSON.parse(body) as SlackObject };
    }
    let result = await this.deliverer.send('event', name, { body, headers: retry });
    const legacyRetries = typeof this.options.eventRetries === 'number' ? this.options.eventRetries : 0;
    for (let n = 1; n <= legacyRetries && (result.status < 200 || result.status > 299 || result.late); n++) {
      if (result.headers['x-slack-no-retry'] === '1') break;
      const reason = result.late ? 'http_timeout' : result.status === 0 ? 'connection_failed' : 'http_error';
      result = await this.deliverer.send('event', name, { body, headers: { 'X-Slack-Retry-Num': String(n), 'X-Slack-Retry-Reason': reason } });
    }
    return { ...result, eventId, envelope: JSON.parse(body) as SlackObject };
  }

  emitEvent(event: SlackObject): Promise<EventDelivery | null> {
    return this.wants(event) ? this.deliverEvent(event) : Promise.resolve(null);
  }

  /** Delivers every event waiting in the outbox, in order, and awaits them (used by the driver). */
  async flushEvents(): Promise<EventDelivery[]> {
    const out: EventDelivery[] = [];
    for (const e of this.ws.drainEvents()) if (this.wants(e)) out.push(await this.deliverEvent(e));
    return out;
  }

  /** Events caused by Web API calls go out after the API answer, one after another, like Slack's queue. */
  private flushInBackground(): void {
    const events = this.ws.drainEvents().filter((e) => this.wants(e));
    if (events.length === 0 || (!this.currentAppUrl && !this.socketMode)) return;
    const run = this.backgroundChain.then(async () => {
      await new Promise((r) => setImmediate(r));
      for (const e of events) await this.inTurn(this.deliverEvent(e));
    });
    this.backgroundChain = this.deliverer.track(run).catch(() => undefined);
  }

  /**
   * The queue waits for a delivery's answer; with Slack's retries on, only until the ack deadline, as Slack
   * stops waiting then too (a slow app must not hold every later event behind it). The delivery goes on.
   */
  private inTurn(delivery: Promise<unknown>): Promise<unknown> {
    if (!this.retries) return delivery;
    void this.deliverer.track(delivery).catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise((r) => (timer = setTimeout(r, this.options.ackTimeoutMs ?? 3000)));
    return Promise.race([delivery, deadline]).finally(() => clearTimeout(timer));
  }

  private wants(event: SlackObject): boolean {
    const types = this.options.eventTypes;
    return !types || types.includes(String(event.type));
  }

  /** Sends an arbitrary signed (or deliberately mis-signed) request to the app. */
  sendRaw(req: RawRequest): Promise<DeliveryResult> {
    return this.deliverer.send('raw', 'raw', req);
  }

  /** Sends url_verification and reports whether the app echoed the challenge. */
  async verifyUrl(): Promise<boolean> {
    const challenge = `challenge-${Date.now()}`;
    const body = JSON.stringify({ token: this.ws.state.team.verificationToken, challenge, type: 'url_verification' });
    const r = await this.deliverer.send('event', 'url_verification', { body });
    return r.status === 200 && r.body.includes(challenge);
  }

  deliveries(kind?: DeliveryLogEntry['kind']): DeliveryLogEntry[] {
    return this.deliverer.log.filter((d) => !kind || d.kind === kind);
  }

  /** Resolves once no delivery to the app is in flight (including events caused by the app's own API calls). */
  idle(): Promise<void> {
    return this.deliverer.idle();
  }

  /** Polls until `check` returns a truthy value (the app works after acking, so tests wait for effects). */
  async waitFor<T>(check: () => T | undefined | null | false, opts: { timeoutMs?: number; intervalMs?: number } = {}): Promise<T> {
    const deadline = Date.now() + (opts.timeoutMs ?? 5000);
    for (;;) {
      const v = check();
      if (v) return v;
      if (Date.now() > deadline) throw new Error('slack-emulator: waitFor timed out');
      await new Promise((r) => setTimeout(r, opts.intervalMs ?? 10));
    }
  }

  /** Waits for the n-th (default first) call of `method`, optionally matching `where`. */
  waitForCall(method: string, opts: { where?: (c: RecordedCall) => boolean; count?: number; timeoutMs?: number } = {}): Promise<RecordedCall> {
    return this.waitFor(() => this.calls(method).filter((c) => !opts.where || opts.where(c))[(opts.count ?? 1) - 1], opts);
  }

  // ── playing people ──────────────────────────────────────────────────────────────────────────────

  as(userId: string): SlackUserActor {
    const user = this.ws.user(userId);
    if (!user || user.deleted) throw new Error(`slack-emulator: no user ${userId}`);
    // The bot acts through the Web API (the app), never through the client driver.
    if (user.is_bot) throw new Error(`slack-emulator: ${userId} is a bot; use the Web API`);
    return new SlackUserActor(this, userId);
  }

  issueTrigger(userId: string): string {
    return issueTrigger(this.ws, userId);
  }

  issueOpenIdCode(userId: string, opts?: { clientId?: string; nonce?: string; redirectUri?: string }): string {
    return issueOpenIdCode(this.ws, userId, opts);
  }
}

export async function startSlackEmulator(options: SlackEmulatorOptions): Promise<SlackEmulator> {
  const emulator = new SlackEmulator(options);
  await emulator.listen();
  return emulator;
}

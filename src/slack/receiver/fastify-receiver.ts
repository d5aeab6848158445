import type { App as BoltApp, Receiver, ReceiverEvent } from '@slack/bolt';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { Clock } from '../../core/shared/context.js';
import { recognisedEnvelope, urlVerificationSchema } from '../schemas.js';
import { verifySlackSignature } from './verify-signature.js';

export const SLACK_EVENTS_PATH = '/slack/events';

export interface FastifyReceiverOptions {
  http: FastifyInstance;
  signingSecret: string;
  clock: Clock;
  logger: Logger;
  /** Slack gives up after 3 s; if a listener hasn't acked by then we answer 200 ourselves. */
  ackTimeoutMs?: number;
  /** Told how long each ack took, by payload kind (metrics). */
  onAck?: (kind: string, seconds: number) => void;
  /**
   * Most requests handled after their ack that may run at once. Past it, new requests wait for a
   * slot before they are acked: a flood that arrives faster than it can be handled then slows
   * Slack down instead of piling up in memory (default 128).
   */
  maxInFlight?: number;
  /**
   * Payloads whose ack carries nothing (button presses, the known slash command) are answered
   * before Bolt's middleware runs, as Events API deliveries always are. Listeners still call ack();
   * it does nothing then.
   */
  acksWithoutBody?: (body: Record<string, unknown>) => boolean;
}

/** Decodes a raw body the way Slack sends it: JSON (events), form fields (slash commands) or `payload=` JSON (interactivity). */
export function parseSlackBody(raw: string, contentType: string | undefined): Record<string, unknown> | null {
  try {
    if ((contentType ?? '').includes('application/json')) {
      const parsed: unknown = JSON.parse(raw);
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
    }
    const form = new URLSearchParams(raw);
    const payload = form.get('payload');
    if (payload !== null) {
      const parsed: unknown = JSON.parse(payload);
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : null;
    }
    return Object.fromEntries(form);
  } catch {
    return null;
  }
}

/**
 * Bolt's receiver on our own Fastify server: every Slack request arrives at POST /slack/events.
 * The signature is checked on the raw bytes before anything else; the request is acked as soon
 * as a listener calls ack() (events: at once), and the listener's slow work carries on after the
 * response (Bolt's processBeforeResponse: false).
 */
export class FastifySlackReceiver implements Receiver {
  private bolt: BoltApp | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly waiting: (() => void)[] = [];
  private lastOverloadWarning = 0;

  constructor(private readonly o: FastifyReceiverOptions) {}

  init(app: BoltApp): void {
    this.bolt = app;
  }

  async start(): Promise<void> {}

  /** Waits for work started by acked requests (shutdown and tests). */
  async stop(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  async idle(): Promise<void> {
    await this.stop();
  }

  /**
   * Resolves when fewer than maxInFlight requests are being handled. After Slack's ack window
   * nearly passes it resolves anyway: the request is handled late rather than dropped.
   */
  private async slot(): Promise<void> {
    const max = this.o.maxInFlight ?? 128;
    if (this.inFlight.size < max) return;
    let wake: () => void = () => undefined;
    const freed = new Promise<void>((resolve) => (wake = resolve));
    this.waiting.push(wake);
    const timer = setTimeout(() => {
      const i = this.waiting.indexOf(wake);
      if (i >= 0) this.waiting.splice(i, 1);
      wake();
    }, Math.max(0, (this.o.ackTimeoutMs ?? 2500) - 500));
    await freed;
    clearTimeout(timer);
    if (this.inFlight.size >= max && Date.now() - this.lastOverloadWarning > 10_000) {
      this.lastOverloadWarning = Date.now();
      this.o.logger.warn({ inFlight: this.inFlight.size, max }, 'slack: requests arrive faster than they are handled; handling them late');
    }
  }

  async register(): Promise<void> {
    await this.o.http.register(async (scope) => {
      // Encapsulated: the raw-body parsers apply to this route only, not to the REST API.
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 1024 * 1024 }, (_req, body, done) => done(null, body));
      scope.post(SLACK_EVENTS_PATH, (request, reply) => this.handle(request, reply));
    });
  }

  private async handle(request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
    const raw = typeof request.body === 'string' ? request.body : '';
    const header = (name: string) => {
      const v = request.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const check = verifySlackSignature({
      signingSecret: this.o.signingSecret,
      timestamp: header('x-slack-request-timestamp'),
      signature: header('x-slack-signature'),
      rawBody: raw,
      nowSeconds: Math.floor(this.o.clock.now().getTime() / 1000),
    });
    if (!check.ok) {
      this.o.logger.warn({ reason: check.reason }, 'slack: rejected a request with a bad signature');
      return reply.code(401).send({ ok: false, error: 'invalid_signature' });
    }
    const body = parseSlackBody(raw, header('content-type'));
    if (!body) {
      this.o.logger.warn('slack: unreadable request body; acked and ignored');
      return reply.code(200).send('');
    }
    const verification = urlVerificationSchema.safeParse(body);
    if (verification.success) return reply.code(200).send({ challenge: verification.data.challenge });
    if (body.ssl_check) return reply.code(200).send('');
    if (!recognisedEnvelope(body)) {
      this.o.logger.warn({ type: body.type }, 'slack: payload not understood; acked and ignored');
      return reply.code(200).send('');
    }
    if (!this.bolt) return reply.code(503).send('');
    await this.slot();

    let settle: (response: unknown) => void = () => undefined;
    const acked = new Promise<unknown>((resolve) => (settle = resolve));
    let isAcked = false;
    const retryNum = header('x-slack-retry-num');
    const event: ReceiverEvent = {
      body,
      retryNum: retryNum ? Number(retryNum) : undefined,
      retryReason: header('x-slack-retry-reason'),
      ack: async (response?: unknown) => {
        if (isAcked) return;
        isAcked = true;
        settle(response);
      },
    };
    const kind = typeof body.type === 'string' ? body.type : typeof body.command === 'string' ? 'slash_command' : 'unknown';
    // Slack ignores the body of an Events API ack, and some payloads' acks carry nothing: answer
    // those now, and start Bolt once this turn of the event loop has acked whatever else arrived with it.
    if (body.type === 'event_callback' || this.o.acksWithoutBody?.(body)) {
      isAcked = true;
      reply.code(200).send('');
      this.o.onAck?.(kind, reply.elapsedTime / 1000);
      this.process(event, true);
      return reply;
    }
    this.process(event, false);
    const timer = setTimeout(() => void event.ack(), this.o.ackTimeoutMs ?? 2500);
    const response = await acked;
    clearTimeout(timer);
    this.o.onAck?.(kind, reply.elapsedTime / 1000);
    if (response === undefined || response === null || response === '') return reply.code(200).send('');
    return reply.code(200).send(response);
  }

  /**
   * Hands a request to Bolt and tracks it until its listeners finish (the in-flight limit, idle()).
   * `afterThisTurn` starts Bolt on the next turn of the event loop (setImmediate), so the acks of the
   * other requests read in this turn go out before any of their work; it counts as in flight at once.
   */
  private process(event: ReceiverEvent, afterThisTurn: boolean): void {
    const bolt = this.bolt as BoltApp;
    const run = () => bolt.processEvent(event);
    const started = afterThisTurn ? new Promise<void>((resolve) => setImmediate(resolve)).then(run) : run();
    const work: Promise<void> = started
      .catch((err: unknown) => this.o.logger.error({ err }, 'slack: a listener failed'))
      .finally(() => {
        // Nothing acked (no listener matched, or it failed first): Slack still gets its 200.
        void event.ack();
        this.inFlight.delete(work);
        this.waiting.shift()?.();
      });
    this.inFlight.add(work);
  }
}

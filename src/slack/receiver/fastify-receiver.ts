import type { App as BoltApp, Receiver } from '@slack/bolt';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { urlVerificationSchema } from '../schemas.js';
import { SlackIntake, type SlackIntakeOptions } from './slack-intake.js';
import { verifySlackSignature } from './verify-signature.js';

export const SLACK_EVENTS_PATH = '/slack/events';

export interface FastifyReceiverOptions extends SlackIntakeOptions {
  http: FastifyInstance;
  signingSecret: string;
  /** Told how long each ack took, by payload kind (metrics). */
  onAck?: (kind: string, seconds: number) => void;
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
 * The signature is checked on the raw bytes before anything else; then the shared intake records
 * the delivery in the inbox, acks it (events: at once) and handles it after the response (Bolt's
 * processBeforeResponse: false). A delivery that could not be recorded is answered 503, so Slack
 * sends it again instead of it being acked and lost.
 */
export class FastifySlackReceiver implements Receiver {
  readonly intake: SlackIntake;

  constructor(private readonly o: FastifyReceiverOptions) {
    this.intake = new SlackIntake(o);
  }

  init(app: BoltApp): void {
    this.intake.init(app);
  }

  async start(): Promise<void> {}

  /** Waits for work started by acked requests (shutdown and tests). */
  async stop(): Promise<void> {
    await this.intake.stop();
  }

  async idle(): Promise<void> {
    await this.intake.idle();
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

    const retryNum = header('x-slack-retry-num');
    const kind = typeof body.type === 'string' ? body.type : typeof body.command === 'string' ? 'slash_command' : 'unknown';
    let response: unknown;
    try {
      await this.intake.receive(body, { retryNum: retryNum ? Number(retryNum) : undefined, retryReason: header('x-slack-retry-reason') }, async (r) => {
        response = r;
      });
    } catch (err) {
      this.o.logger.error({ err, kind }, 'slack: could not record a delivery; answered 503 so that Slack sends it again');
      return reply.code(503).send('');
    }
    this.o.onAck?.(kind, reply.elapsedTime / 1000);
    if (response === undefined || response === null || response === '') return reply.code(200).send('');
    return reply.code(200).send(response);
  }
}

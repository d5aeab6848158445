// A receiver of Response's outgoing webhooks, written from the Standard Webhooks specification
// (https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md,
// https://www.standardwebhooks.com/): it verifies `webhook-signature` (`v1,<base64 HMAC-SHA256>` of
// `<webhook-id>.<webhook-timestamp>.<body>`, keyed with the base64-decoded part of the `whsec_`
// secret) and the timestamp's tolerance, refuses bad ones with 401 as the spec's receivers do,
// records what it accepted, and can be told to fail (a 500, a 429 with Retry-After) through `failNext`.
import { verifyWebhook } from '../../core/webhook/signing.js';
import { StandInServer, type RecordedCall } from '../stand-in-server.js';

export interface ReceivedWebhook {
  path: string;
  id: string;
  timestamp: number;
  /** The parsed envelope. */
  body: { type: string; version: number; id: string; timestamp: string; incident_id: number | null; private: boolean; data: unknown };
  rawBody: string;
  headers: Record<string, string | undefined>;
}

export interface WebhookReceiverOptions {
  /** The signing secret of each path's endpoint (`whsec_…`); set later with `setSecret` once Response shows it. */
  secrets?: Record<string, string>;
  /** The receiver's clock, for the timestamp tolerance (tests move theirs). */
  now?: () => Date;
  toleranceSeconds?: number;
}

/** Accepts signed webhooks on any path under `/hooks/`; each path has its own secret (one per endpoint). */
export class WebhookReceiver extends StandInServer {
  private readonly secrets = new Map<string, string>();
  private readonly accepted: ReceivedWebhook[] = [];

  constructor(private readonly options: WebhookReceiverOptions = {}) {
    super('Webhook receiver');
    for (const [path, secret] of Object.entries(options.secrets ?? {})) this.secrets.set(path, secret);
    this.route('POST', '/hooks/:name', (req) => {
      const secret = this.secrets.get(req.path);
      if (!secret) return { status: 404, body: { error: `no endpoint at ${req.path}` } };
      const now = this.options.now?.() ?? new Date();
      const verified = verifyWebhook(secret, req.headers, req.rawBody, now, this.options.toleranceSeconds ?? 300);
      if (!verified.ok) return { status: 401, body: { error: `invalid signature: ${verified.reason}` } };
      if (!/^application\/json/i.test(req.headers['content-type'] ?? '') || req.body === undefined)
        return { status: 400, body: { error: 'expected a JSON body' } };
      this.accepted.push({
        path: req.path,
        id: req.headers['webhook-id'] as string,
        timestamp: Number(req.headers['webhook-timestamp']),
        body: req.body as ReceivedWebhook['body'],
        rawBody: req.rawBody,
        headers: req.headers,
      });
      return { status: 204 };
    });
  }

  /** The secret the endpoint at `path` signs with (from Response's create or rotate answer). */
  setSecret(path: string, secret: string): void {
    this.secrets.set(path, secret);
  }

  /** Webhooks that passed verification, oldest first (optionally only those to `path`). */
  received(path?: string): ReceivedWebhook[] {
    return this.accepted.filter((w) => !path || w.path === path);
  }

  /** Every POST, verified or not, with the status answered. */
  attempts(path?: string): RecordedCall[] {
    return this.calls('POST', path);
  }
}

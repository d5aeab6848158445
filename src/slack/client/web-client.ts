import { LogLevel, WebClient, type Logger as SlackLogger, type RetryOptions } from '@slack/web-api';
import type { Logger } from 'pino';
import { createNodeFetch } from './node-fetch.js';
import { SlackPacer, type SlackPacerOptions } from './slack-pacer.js';

/**
 * How hard a Web API call is retried before it fails (429 honours Retry-After; 5xx and network
 * errors back off exponentially). After that, outbox deliveries retry on their own schedule.
 */
export interface SlackRetryPolicy {
  retries: number;
  minTimeoutMs: number;
  maxTimeoutMs: number;
}

export const defaultSlackRetryPolicy: SlackRetryPolicy = { retries: 5, minTimeoutMs: 500, maxTimeoutMs: 30_000 };

/** Bolt and the Web API SDK log through their own interface; this sends it to our pino logger. */
export function slackLogger(logger: Logger): SlackLogger {
  const child = logger.child({ component: 'slack-sdk' });
  let level = LogLevel.WARN;
  const text = (args: unknown[]) => args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
  return {
    // The SDKs' debug output is every Web API request and response body: trace, so LOG_LEVEL=debug stays readable.
    debug: (...args) => child.trace(text(args)),
    info: (...args) => child.debug(text(args)),
    warn: (...args) => child.warn(text(args)),
    error: (...args) => child.error(text(args)),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

export interface SlackClientOptions {
  token: string;
  /** Told the outcome of every Web API call (metrics: calls and errors by method). */
  onCall?: (method: string, outcome: string) => void;
  apiUrl: string | undefined;
  retry: SlackRetryPolicy;
  logger: Logger;
  /**
   * Response's own budget per method (SLACK_PACING, SLACK_REPLICAS; slack-pacer.ts): calls wait for
   * their method's turn and a 429 holds only that method. Off (undefined): the SDK's own handling,
   * which on a 429 pauses every call the client makes.
   */
  pacing?: SlackPacerOptions;
}

/** How long one attempt at a Web API call may take before it is abandoned (and retried). */
const CALL_TIMEOUT_MS = 10_000;

/**
 * The WebClient options shared by our client and Bolt's (same API URL, retries and logging).
 * Calls go through Node's HTTP client with kept-alive sockets (node-fetch.ts), which enforces the
 * per-attempt time limit itself: the SDK's own (`timeout`) costs a transferable AbortSignal per call.
 */
export function slackClientOptions(o: Omit<SlackClientOptions, 'token'>) {
  const retryConfig: RetryOptions = {
    retries: o.retry.retries,
    factor: 2,
    minTimeout: o.retry.minTimeoutMs,
    maxTimeout: o.retry.maxTimeoutMs,
    randomize: true,
  };
  return {
    slackApiUrl: o.apiUrl,
    retryConfig,
    logger: slackLogger(o.logger),
    logLevel: LogLevel.WARN,
    fetch: createNodeFetch({ timeoutMs: CALL_TIMEOUT_MS }),
    timeout: 0,
  };
}

/** Arguments the Web API takes as JSON-encoded strings, and which are the bulk of a request (a modal, a headline). */
const JSON_ARGUMENTS = ['view', 'blocks', 'attachments'] as const;

/**
 * Encodes views and blocks to their JSON strings up front. The bytes on the wire are the same (the
 * SDK form-encodes objects as JSON strings itself), but the SDK also walks every object argument to
 * redact it for a debug log line it builds even when debug logging is off: for a modal that walk
 * was ~9% of the CPU an `/incident` costs.
 */
function encodeJsonArguments(options: Parameters<WebClient['apiCall']>[1]): Parameters<WebClient['apiCall']>[1] {
  if (!options || typeof options !== 'object') return options;
  let encoded: Record<string, unknown> | undefined;
  for (const key of JSON_ARGUMENTS) {
    const value = (options as Record<string, unknown>)[key];
    if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
      encoded ??= { ...options };
      encoded[key] = JSON.stringify(value);
    }
  }
  return (encoded ?? options) as Parameters<WebClient['apiCall']>[1];
}

/** A WebClient that reports every call's outcome. The SDK binds its named methods (chat.postMessage…) to `apiCall` at construction, so only a subclass sees them all. */
class ObservedWebClient extends WebClient {
  onCall: ((method: string, outcome: string) => void) | undefined;
  pacer: SlackPacer | undefined;
  /** How many times a call Slack answered with 429 is made again (after Retry-After) before it fails. */
  rateLimitRetries = 0;

  override async apiCall(...args: Parameters<WebClient['apiCall']>): ReturnType<WebClient['apiCall']> {
    const [method, options] = args;
    const pacer = this.pacer;
    if (!pacer) return this.observed(method, options);
    const channel = channelOf(options);
    // One call waits at most maxWaitMs in all, turns and 429s together: posts made once hold their key
    // for 60 s (post-once.ts), and must be done or have failed well before another worker may retry.
    const deadline = pacer.now() + pacer.maxWaitMs;
    for (let attempt = 0; ; attempt++) {
      const turn = pacer.take(method, channel, undefined, deadline);
      if (turn) {
        try {
          await turn;
        } catch (err) {
          this.onCall?.(method, 'paced_out');
          throw err;
        }
      }
      try {
        return await this.observed(method, options);
      } catch (err) {
        // A 429 is an answer: Slack did nothing, so making the call again is safe even for a post made once.
        const retryAfter = rateLimitedFor(err);
        if (retryAfter === undefined) throw err;
        pacer.pause(method, channel, retryAfter * 1000);
        if (attempt >= this.rateLimitRetries || pacer.now() + retryAfter * 1000 >= deadline) {
          // The outbox waits this long before it tries the delivery again.
          (err as { retryAfterMs?: number }).retryAfterMs = retryAfter * 1000;
          throw err;
        }
      }
    }
  }

  private async observed(method: string, options: Parameters<WebClient['apiCall']>[1]): ReturnType<WebClient['apiCall']> {
    try {
      const result = await super.apiCall(method, method.startsWith('files.') ? options : encodeJsonArguments(options));
      this.onCall?.(method, 'ok');
      return result;
    } catch (err) {
      this.onCall?.(method, slackErrorCode(err) ?? (rateLimitedFor(err) !== undefined ? 'ratelimited' : 'transport_error'));
      throw err;
    }
  }
}

/** The channel a call is about (posts are budgeted per channel). */
function channelOf(options: Parameters<WebClient['apiCall']>[1]): string | undefined {
  const channel = (options as { channel?: unknown } | undefined)?.channel;
  return typeof channel === 'string' ? channel : undefined;
}

/** Seconds Slack asked us to wait, when the call was answered 429 (the SDK's rate-limited error). */
function rateLimitedFor(err: unknown): number | undefined {
  const e = err as { code?: unknown; retryAfter?: unknown } | undefined;
  if (e?.code !== 'slack_webapi_rate_limited_error') return undefined;
  return typeof e.retryAfter === 'number' ? e.retryAfter : 1;
}

const singleAttemptClients = new WeakMap<WebClient, WebClient>();

/** Created once, in the composition root; every Slack call Response makes goes through it. */
export function createSlackClient(o: SlackClientOptions): WebClient {
  const pacer = o.pacing ? new SlackPacer(o.pacing) : undefined;
  // Paced, a 429 comes back to us (rejectRateLimitedCalls) and holds only its method; the SDK's own
  // handling would pause every call this client makes for the Retry-After.
  const client = new ObservedWebClient(o.token, { ...slackClientOptions(o), rejectRateLimitedCalls: pacer !== undefined });
  client.onCall = o.onCall;
  client.pacer = pacer;
  client.rateLimitRetries = o.retry.retries;
  // Its twin for posts made once (flows/post-once.ts): the SDK must not send a post again on its own
  // after a lost answer (a timeout, a 5xx), because Slack may have kept the first one. A 429 is
  // different (Slack kept nothing): paced, the twin waits Retry-After with the rest of its method and
  // makes the call again; unpaced, it fails at once and the caller retries on its own schedule. The
  // twin shares the budget, so posts made once and other calls take turns.
  const single = new ObservedWebClient(o.token, { ...slackClientOptions(o), retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
  single.onCall = o.onCall;
  single.pacer = pacer;
  single.rateLimitRetries = pacer ? o.retry.retries : 0;
  singleAttemptClients.set(client, single);
  return client;
}

/** The client that makes each call once (no SDK retries); the client itself when it has no such twin (a test's own client). */
export function singleAttemptClient(client: WebClient): WebClient {
  return singleAttemptClients.get(client) ?? client;
}

/** A call that got no answer from Slack (network error, timeout, 5xx): it may or may not have taken effect. */
export function isUnanswered(err: unknown): boolean {
  const code = (err as { code?: unknown } | undefined)?.code;
  return code === 'slack_webapi_request_error' || code === 'slack_webapi_http_error';
}

/** The Slack error code of a failed call (`name_taken`, `ratelimited`…), if it was a platform error. */
export function slackErrorCode(err: unknown): string | undefined {
  const data = (err as { data?: { error?: unknown } } | undefined)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}

/** Slack errors that mean "try again later" (everything else Slack answers with ok:false is final). */
const TRANSIENT_CODES = new Set(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'team_added_to_org']);

/**
 * Marks a failed Slack call as permanent for the outbox (`err.permanent = true`) when retrying
 * can't help: Slack answered with a definite error such as `channel_not_found` or `invalid_blocks`.
 * Transport errors, 5xx and rate limits stay retryable.
 */
export function classifySlackFailure(err: unknown): unknown {
  const code = slackErrorCode(err);
  if (code && !TRANSIENT_CODES.has(code) && err && typeof err === 'object') (err as { permanent?: boolean }).permanent = true;
  return err;
}

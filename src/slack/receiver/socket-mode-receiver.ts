import type { App as BoltApp, Receiver } from '@slack/bolt';
import { SocketModeClient, type Logger as SlackLogger } from '@slack/socket-mode';
import type { RetryOptions } from '@slack/web-api';
import { SlackIntake, type SlackIntakeOptions } from './slack-intake.js';

/** Slack's retry info for a delivery (events only; absent on the first attempt). */
export interface DeliveryRetry {
  retryNum: number | undefined;
  retryReason: string | undefined;
}

/** Sends the ack for one envelope; the payload is what an HTTP answer's body would have been. */
export type EnvelopeAck = (response?: unknown) => Promise<void>;

/** The intake's options (the inbox, back-pressure, which acks carry nothing) plus the link's own. */
export interface SocketModeReceiverOptions extends SlackIntakeOptions {
  appToken: string;
  /** For apps.connections.open: the configured SLACK_API_URL and retries. */
  clientOptions: { slackApiUrl?: string; retryConfig?: RetryOptions };
  slackLogger: SlackLogger;
  /** Told how long each ack took, by payload kind (metrics). */
  onAck?: (kind: string, seconds: number) => void;
  /** Waits between attempts to reconnect after a failed one (the first attempt is immediate). */
  reconnectBackoffMs?: number[];
}

const DEFAULT_BACKOFF_MS = [1000, 2000, 5000, 10_000, 30_000];

/**
 * Bolt's receiver over Slack's Socket Mode. Each envelope's body, retry info and ack go to the
 * intake the HTTP receiver shares (`SlackIntake`): recorded in the inbox, then acked — events and
 * empty-ack payloads at once, others when their listener acks (view submissions may ack with a
 * payload). An envelope that can't be recorded is not acked, so Slack delivers it again. Reconnection is ours, not the SDK's: a `disconnect` from Slack (refresh_requested) is
 * followed by a new connection at once instead of after the SDK's ping-timeout-long pause.
 * `stop()` stops taking envelopes (unacked ones are redelivered by Slack), waits for work in flight,
 * then closes the link.
 */
export class SocketModeSlackReceiver implements Receiver {
  readonly intake: SlackIntake;
  private readonly client: SocketModeClient;
  /** Envelopes taken but not yet acked (or refused): shutdown waits for them before the intake drains. */
  private readonly receiving = new Set<Promise<void>>();
  private accepting = false;
  private stopping = false;
  private reconnecting: Promise<void> | undefined;
  /** Ends a reconnection backoff early when shutdown begins. */
  private interruptBackoff: () => void = () => undefined;

  constructor(private readonly o: SocketModeReceiverOptions) {
    this.intake = new SlackIntake(o);
    this.client = new SocketModeClient({
      appToken: o.appToken,
      logger: o.slackLogger,
      autoReconnectEnabled: false,
      clientOptions: o.clientOptions,
    });
    this.client.on('slack_event', (args: { ack: EnvelopeAck; type: string; body: unknown; retry_num?: number; retry_reason?: string }) => {
      if (!this.accepting) return; // shutting down: no ack, so Slack hands it to the next connection
      const body = args.body && typeof args.body === 'object' ? (args.body as Record<string, unknown>) : {};
      // A first delivery says retry_attempt 0 and retry_reason "": the same as HTTP's absent headers.
      const retry = { retryNum: args.retry_num || undefined, retryReason: args.retry_reason || undefined };
      void this.accept(body, retry, args.ack);
    });
    // The link closed without us asking (Slack's disconnect, a dead peer): open a new one.
    this.client.on('disconnected', () => {
      if (!this.accepting || this.stopping || this.reconnecting) return;
      // Next turn: the SDK is still announcing this close to its own listeners.
      this.reconnecting = new Promise((r) => setImmediate(r))
        .then(() => this.reconnect())
        .finally(() => (this.reconnecting = undefined));
    });
  }

  init(app: BoltApp): void {
    this.intake.init(app);
  }

  /** Opens the first connection; rejects with Slack's answer when it can't (a bad app token, Socket Mode off). */
  async start(): Promise<void> {
    this.stopping = false;
    this.accepting = true;
    try {
      await this.client.start();
    } catch (err) {
      this.accepting = false;
      this.stopping = true;
      throw err instanceof Error ? err : new Error(`the connection closed before Slack said hello (${String(err)})`);
    }
  }

  /** Stops taking envelopes, waits for the work already taken (its acks still go out), then disconnects. */
  async stop(): Promise<void> {
    this.accepting = false;
    this.stopping = true;
    this.interruptBackoff();
    while (this.receiving.size > 0) await Promise.allSettled([...this.receiving]);
    await this.intake.stop();
    await this.reconnecting;
    await this.client.disconnect();
  }

  /** Resolves when no envelope is being handled (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.receiving.size > 0) await Promise.allSettled([...this.receiving]);
    await this.intake.idle();
  }

  /**
   * One envelope: its payload, Slack's retry info and the function that acks it. Resolves once it is
   * recorded and acked (or refused unacked); its handling goes on in the intake (`idle()` waits for it).
   */
  accept(body: Record<string, unknown>, retry: DeliveryRetry, ack: EnvelopeAck): Promise<void> {
    const received = Date.now();
    const kind = typeof body.type === 'string' ? body.type : typeof body.command === 'string' ? 'slash_command' : 'unknown';
    const ackOnce: EnvelopeAck = async (response) => {
      try {
        // The SDK sends a string as {text}; an empty ack is {}.
        await ack(response === undefined || response === null || response === '' ? undefined : response);
        this.o.onAck?.(kind, (Date.now() - received) / 1000);
      } catch (err) {
        // The link went away before the ack: Slack will redeliver an event; a command or click shows the user an error.
        this.o.logger.warn({ err, kind }, 'slack: could not ack a Socket Mode envelope');
      }
    };
    const taking: Promise<void> = this.intake
      .receive(body, retry, ackOnce)
      .catch((err: unknown) => this.o.logger.error({ err, kind }, 'slack: could not record a Socket Mode envelope; not acked, so Slack sends it again'))
      .finally(() => this.receiving.delete(taking));
    this.receiving.add(taking);
    return taking;
  }

  private async reconnect(): Promise<void> {
    for (let attempt = 0; !this.stopping; attempt++) {
      if (attempt > 0) {
        const backoff = this.o.reconnectBackoffMs ?? DEFAULT_BACKOFF_MS;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, backoff[Math.min(attempt - 1, backoff.length - 1)]);
          this.interruptBackoff = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        if (this.stopping) return;
      }
      try {
        await this.client.start();
        this.o.logger.info({ attempt }, 'slack: Socket Mode reconnected');
        return;
      } catch (err) {
        this.o.logger.warn({ err, attempt }, 'slack: Socket Mode reconnection failed; trying again');
      }
    }
  }
}

import type { App as BoltApp, ReceiverEvent } from '@slack/bolt';
import type { Logger } from 'pino';
import type { InboxDelivery, InboxStore } from '../../core/inbox/ports.js';
import type { Clock } from '../../core/shared/context.js';
import { recognisedEnvelope } from '../schemas.js';
import { inboxKeyOf } from './inbox-key.js';

/** What Bolt's listeners find in `context` for a recorded delivery: the key their effects are made once by. */
export const INBOX_KEY_PROPERTY = 'inboxKey';
/** …which attempt this is, and whether it is the last (a failure parks it). */
export const INBOX_PROPERTIES = { key: INBOX_KEY_PROPERTY, attempt: 'inboxAttempt', finalAttempt: 'inboxFinalAttempt' } as const;

export interface SlackIntakeOptions {
  clock: Clock;
  logger: Logger;
  /**
   * Where deliveries are recorded before they are acked. Without one nothing is recorded: only
   * for tests of the transport alone.
   */
  inbox?: InboxStore;
  /** Slack gives up after 3 s; if a listener hasn't acked by then we ack ourselves. */
  ackTimeoutMs?: number;
  /**
   * Most deliveries handled after their ack that may run at once. Past it, new ones wait for a
   * slot before they are recorded and acked: a flood that arrives faster than it can be handled
   * slows Slack down instead of piling up in memory (default 128).
   */
  maxInFlight?: number;
  /**
   * Payloads whose ack carries nothing (events always; button presses, the known slash command)
   * are acked as soon as they are recorded, before Bolt's middleware runs. Listeners still call
   * ack(); it does nothing then.
   */
  acksWithoutBody?: (body: Record<string, unknown>) => boolean;
  /** How long a delivery being handled is reserved for this process; renewed while it runs (default 15 s). */
  leaseMs?: number;
  /** Attempts before a delivery is parked as failed (default 5). */
  maxAttempts?: number;
}

export interface DeliveryMeta {
  retryNum?: number;
  retryReason?: string;
}

/** The transport's answer to Slack: called once per delivery, with the listener's ack payload (if any). */
export type IntakeAck = (response?: unknown) => Promise<void>;

/** Backoff between attempts: 2 s, 4 s, 8 s … capped at 5 min. */
export const inboxBackoffMs = (attempts: number) => Math.min(300_000, 1000 * 2 ** Math.max(1, attempts));

const isErrorsAck = (response: unknown) =>
  typeof response === 'object' && response !== null && (response as { response_action?: unknown }).response_action === 'errors';

/**
 * The transport-independent half of receiving from Slack, shared by the HTTP receiver and Socket
 * Mode: back-pressure, the inbox record (group-committed, before the ack), the ack, Bolt's
 * processing, and settling the record (done; retry later with backoff; parked as failed). The
 * replay loop hands due records back through `replay`, so a crash at any point after the ack
 * leaves a pending row that some replica handles again.
 */
export class SlackIntake {
  private bolt: BoltApp | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly leased = new Set<number>();
  private readonly waiting: (() => void)[] = [];
  private lastOverloadWarning = 0;
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(private readonly o: SlackIntakeOptions) {}

  init(bolt: BoltApp): void {
    this.bolt = bolt;
  }

  private get leaseMs(): number {
    return this.o.leaseMs ?? 15_000;
  }

  private leaseUntil(): Date {
    return new Date(this.o.clock.now().getTime() + this.leaseMs);
  }

  /**
   * Takes one delivery from a transport. Resolves once `ack` has been called (the delivery is
   * recorded by then); the handling carries on after. Rejects without acking when the delivery
   * could not be recorded: the transport then answers so that Slack sends it again (HTTP 5xx, no
   * Socket Mode ack).
   */
  async receive(body: Record<string, unknown>, meta: DeliveryMeta, ack: IntakeAck): Promise<void> {
    if (!this.bolt) throw new Error('the Slack intake is not started');
    if (!recognisedEnvelope(body)) {
      this.o.logger.warn({ type: body.type }, 'slack: payload not understood; acked and ignored');
      return ack();
    }
    await this.slot();
    const id = inboxKeyOf(body);
    let delivery: InboxDelivery | null = null;
    if (id && this.o.inbox) {
      const outcome = await this.o.inbox.record({ key: id.key, kind: id.kind, payload: body }, this.o.clock.now(), this.leaseUntil());
      if (!outcome.recorded) {
        // Slack's retry of a delivery recorded before: that record is handled (or retried) already.
        this.o.logger.debug({ key: id.key, retryNum: meta.retryNum }, 'slack: delivery recorded already; acked');
        return ack();
      }
      delivery = { id: outcome.id, key: id.key, kind: id.kind, payload: body, attempts: 1 };
    }
    let acked!: () => void;
    const ackedNow = new Promise<void>((resolve) => (acked = resolve));
    let answered = false;
    const answer = async (response?: unknown) => {
      if (answered) return;
      answered = true;
      try {
        await ack(response);
      } finally {
        acked();
      }
    };
    if (body.type === 'event_callback' || this.o.acksWithoutBody?.(body)) {
      const answering = answer();
      // Bolt starts on the next turn, so the acks of other deliveries read in this turn go out
      // before any work. It starts even if the ack fails: the delivery is recorded, so it is ours.
      this.process(body, meta, delivery, answer, true);
      return answering;
    }
    this.process(body, meta, delivery, answer, false);
    const timer = setTimeout(() => void answer().catch((err: unknown) => this.o.logger.warn({ err }, 'slack: could not ack a delivery')), this.o.ackTimeoutMs ?? 2500);
    await ackedNow;
    clearTimeout(timer);
  }

  /** Handles a due record again (the replay loop): resolves once it is settled. Nothing is sent to Slack as an ack. */
  replay(delivery: InboxDelivery): Promise<void> {
    return this.process(delivery.payload, {}, delivery, async () => undefined, false);
  }

  /** Waits for every delivery being handled (shutdown and tests). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  async stop(): Promise<void> {
    await this.idle();
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }

  /**
   * Resolves when fewer than maxInFlight deliveries are being handled. After Slack's ack window
   * nearly passes it resolves anyway: the delivery is handled late rather than dropped.
   */
  private async slot(): Promise<void> {
    const max = this.o.maxInFlight ?? 128;
    if (this.inFlight.size < max) return;
    let wake: () => void = () => undefined;
    const freed = new Promise<void>((resolve) => (wake = resolve));
    this.waiting.push(wake);
    const timer = setTimeout(
      () => {
        const i = this.waiting.indexOf(wake);
        if (i >= 0) this.waiting.splice(i, 1);
        wake();
      },
      Math.max(0, (this.o.ackTimeoutMs ?? 2500) - 500),
    );
    await freed;
    clearTimeout(timer);
    if (this.inFlight.size >= max && Date.now() - this.lastOverloadWarning > 10_000) {
      this.lastOverloadWarning = Date.now();
      this.o.logger.warn({ inFlight: this.inFlight.size, max }, 'slack: requests arrive faster than they are handled; handling them late');
    }
  }

  /** Keeps the leases of the records being handled here from running out while their handlers are slow. */
  private renewLeases(): void {
    if (this.heartbeat || !this.o.inbox) return;
    this.heartbeat = setInterval(
      () => {
        if (this.leased.size === 0) return;
        this.o.inbox
          ?.extendLease([...this.leased], this.leaseUntil())
          .catch((err: unknown) => this.o.logger.warn({ err }, 'slack: could not renew inbox leases'));
      },
      Math.max(100, Math.floor(this.leaseMs / 3)),
    );
    this.heartbeat.unref();
  }

  /**
   * Hands a delivery to Bolt and tracks it until its listeners finish and its record is settled.
   * A listener's error reaches here (Bolt's error handler rethrows) and schedules a retry.
   */
  private process(body: Record<string, unknown>, meta: DeliveryMeta, delivery: InboxDelivery | null, answer: IntakeAck, afterThisTurn: boolean): Promise<void> {
    const bolt = this.bolt as BoltApp;
    let ackResponse: unknown;
    const event: ReceiverEvent = {
      body,
      retryNum: meta.retryNum,
      retryReason: meta.retryReason,
      ack: async (response?: unknown) => {
        ackResponse ??= response;
        await answer(response);
      },
      ...(delivery
        ? {
            customProperties: {
              [INBOX_PROPERTIES.key]: delivery.key,
              [INBOX_PROPERTIES.attempt]: delivery.attempts,
              [INBOX_PROPERTIES.finalAttempt]: delivery.attempts >= (this.o.maxAttempts ?? 5),
            },
          }
        : {}),
    };
    if (delivery) {
      this.leased.add(delivery.id);
      this.renewLeases();
    }
    const run = () => bolt.processEvent(event);
    const started = afterThisTurn ? new Promise<void>((resolve) => setImmediate(resolve)).then(run) : Promise.resolve().then(run);
    const work: Promise<void> = started
      .then(
        () => this.settled(delivery, isErrorsAck(ackResponse)),
        (err: unknown) => this.failed(delivery, err),
      )
      .catch((err: unknown) => this.o.logger.error({ err, inboxId: delivery?.id }, 'slack: could not settle an inbox record; it will be handled again'))
      .finally(() => {
        // Nothing acked (no listener matched, or it failed first): Slack still gets its answer.
        void answer().catch(() => undefined);
        if (delivery) this.leased.delete(delivery.id);
        this.inFlight.delete(work);
        this.waiting.shift()?.();
      });
    this.inFlight.add(work);
    return work;
  }

  private async settled(delivery: InboxDelivery | null, rejected: boolean): Promise<void> {
    if (!delivery || !this.o.inbox) return;
    // Answered with field errors: nothing was done, and the same values may be sent again.
    if (rejected) await this.o.inbox.forget(delivery.id);
    else await this.o.inbox.markDone(delivery.id, this.o.clock.now());
  }

  private async failed(delivery: InboxDelivery | null, err: unknown): Promise<void> {
    const cause = (err as { original?: unknown }).original ?? err;
    const message = cause instanceof Error ? cause.message : String(cause);
    if (!delivery || !this.o.inbox) {
      this.o.logger.error({ err: cause }, 'slack: a listener failed');
      return;
    }
    const maxAttempts = this.o.maxAttempts ?? 5;
    const giveUp = delivery.attempts >= maxAttempts;
    const now = this.o.clock.now();
    this.o.logger[giveUp ? 'error' : 'warn'](
      { err: cause, inboxId: delivery.id, key: delivery.key, attempts: delivery.attempts, giveUp },
      giveUp ? 'slack: handling a delivery failed; parked as failed (npm run cli -- inbox failed)' : 'slack: handling a delivery failed; it will be retried',
    );
    await this.o.inbox.markFailed(delivery.id, message, now, giveUp ? null : new Date(now.getTime() + inboxBackoffMs(delivery.attempts)));
  }
}

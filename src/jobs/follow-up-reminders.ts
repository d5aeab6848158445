import type { Logger } from 'pino';
import { localDate } from '../core/action/due-date.js';
import { remindPastDueFollowUp } from '../core/action/remind-past-due.js';
import type { CoreDeps } from '../core/store-ports.js';
import type { Clock, Ctx } from '../core/shared/context.js';
import { Poller } from './poller.js';

export interface FollowUpRemindersOptions {
  core: CoreDeps;
  clock: Clock;
  logger: Logger;
  /** The team's zone: a follow-up is past due once its due date is over there. */
  timezone: string;
  sweepSeconds: number;
  /** At most this many reminders per sweep (the rest wait for the next). */
  batchSize?: number;
}

/**
 * The past-due sweep: each pass claims follow-ups whose due date is over (in the team's time zone)
 * and whose owner was not yet reminded, one transaction each, until none is left. Claiming is a
 * conditional update that skips rows another replica holds, so each follow-up is reminded once
 * across replicas; the DM itself goes out from the `action.past_due` event. Due dates are read
 * against the injectable clock (tests move it, then call `sweep()`).
 */
export class FollowUpReminders {
  private running: Promise<number> | undefined;
  private readonly poller: Poller;

  constructor(private readonly o: FollowUpRemindersOptions) {
    this.poller = new Poller({
      pollMs: o.sweepSeconds * 1000,
      pass: () => this.sweep(),
      onError: (err) => o.logger.error({ err }, 'follow-ups: past-due sweep failed'),
      rerunWhenKickedDuringPass: false,
    });
  }

  private ctx(): Ctx {
    return { actor: { kind: 'system', job: 'follow-up-reminders' }, clock: this.o.clock };
  }

  /** One pass over what is past due now; returns how many follow-ups were claimed. Concurrent calls share a pass. */
  sweep(): Promise<number> {
    this.running ??= this.sweepOnce().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async sweepOnce(): Promise<number> {
    const today = localDate(this.o.clock.now(), this.o.timezone);
    const limit = this.o.batchSize ?? 100;
    let claimed = 0;
    while (claimed < limit) {
      const action = await remindPastDueFollowUp(this.o.core, this.ctx(), today);
      if (!action) break;
      claimed += 1;
    }
    if (claimed > 0) this.o.logger.info({ claimed, today }, 'follow-ups: owners of past-due follow-ups are being reminded');
    return claimed;
  }

  start(): void {
    this.poller.start();
  }

  async stop(): Promise<void> {
    await this.poller.stop();
    await this.running?.catch(() => undefined);
  }
}

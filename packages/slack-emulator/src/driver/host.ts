import { SlackApiError } from '../errors.js';
import type { SlackObject } from '../types.js';
import type { Workspace } from '../workspace.js';
import type { Deliverer, EventDelivery } from './deliver.js';

/** What the driver needs from the emulator (kept as an interface so the driver doesn't import the server). */
export interface DriverHost {
  readonly workspace: Workspace;
  readonly deliverer: Deliverer;
  readonly publicUrl: string;
  flushEvents(): Promise<EventDelivery[]>;
  deliverEvent(event: SlackObject, opts?: { eventId?: string; retryNum?: number; retryReason?: string }): Promise<EventDelivery>;
  /** Delivers an event the workspace produced, unless the app isn't subscribed to its type. */
  emitEvent(event: SlackObject): Promise<EventDelivery | null>;
}

/**
 * Runs a person's action against the state. Slack's client would refuse an impossible action, so a test that
 * tries one gets an exception instead of a silently different world.
 */
export function act<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof SlackApiError) throw new Error(`slack-emulator: ${what} failed: ${err.code}`, { cause: err });
    throw err;
  }
}

export function formBody(payload: SlackObject): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

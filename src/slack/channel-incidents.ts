import { findIncidentByChannel } from '../core/incident/get.js';
import type { Incident } from '../core/incident/model.js';
import type { CoreDeps } from '../core/store-ports.js';
import { systemClock } from '../core/shared/context.js';

/**
 * Which incident a comms channel belongs to, remembered by this process. A busy channel sends
 * hundreds of messages a minute and most need only the incident's id (to count participants), so
 * the id is kept for a while instead of reading the incident row per message. A channel belongs to
 * one incident for good; the time limit only bounds how long a rare re-attachment goes unnoticed.
 * Channels that are not comms channels are not remembered: one may become one at any moment.
 */
export class ChannelIncidentIds {
  private readonly ids = new Map<string, { id: number; at: number }>();

  constructor(
    private readonly ttlMs = 60_000,
    private readonly maxChannels = 10_000,
  ) {}

  get(channelId: string, now = Date.now()): number | undefined {
    const hit = this.ids.get(channelId);
    if (!hit) return undefined;
    if (now - hit.at > this.ttlMs) {
      this.ids.delete(channelId);
      return undefined;
    }
    return hit.id;
  }

  remember(channelId: string, id: number, now = Date.now()): void {
    this.ids.delete(channelId);
    this.ids.set(channelId, { id, at: now });
    // Maps iterate in insertion order: the first key is the least recently remembered.
    if (this.ids.size > this.maxChannels) this.ids.delete(this.ids.keys().next().value as string);
  }
}

/** The incident of one event's channel: its id from the cache when known, the full row read at most once and only if asked for. */
export class EventIncident {
  private row: Promise<Incident | null> | undefined;

  constructor(
    private readonly core: CoreDeps,
    private readonly cache: ChannelIncidentIds,
    readonly channelId: string | undefined,
  ) {}

  async id(): Promise<number | null> {
    if (!this.channelId) return null;
    return this.cache.get(this.channelId) ?? (await this.get())?.id ?? null;
  }

  get(): Promise<Incident | null> {
    this.row ??= this.load();
    return this.row;
  }

  private async load(): Promise<Incident | null> {
    if (!this.channelId) return null;
    // Which incident a channel belongs to is the Slack edge's own routing (the verbs it calls authorise the person).
    const incident = await findIncidentByChannel(this.core, { actor: { kind: 'system', job: 'slack' }, clock: systemClock }, this.channelId);
    if (incident) this.cache.remember(this.channelId, incident.id);
    return incident;
  }
}

import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { SlackConfig } from '../config/config.js';
import type { CoreDeps } from '../core/store-ports.js';
import type { Clock } from '../core/shared/context.js';
import type { PluginRegistry } from '../plugins/registry.js';
import type { ChannelIncidentIds } from './channel-incidents.js';
import type { KeyedSerial } from './keyed-serial.js';
import type { LatestWins } from './latest-wins.js';
import type { IncidentView } from '../plugins/sdk/types.js';

export interface ResolvedChannel {
  id: string;
  name: string;
}

/** What Slack told us about ourselves at start-up (auth.test). */
export interface BotIdentity {
  userId: string;
  botId: string | undefined;
  teamId: string;
  url: string | null;
}

/**
 * Everything the Slack edge's flows share, built once by registerSlack and passed down as a
 * parameter (never looked up: what other parts need from Slack, registerSlack returns).
 */
export interface SlackRuntime {
  client: WebClient;
  core: CoreDeps;
  clock: Clock;
  logger: Logger;
  registry: PluginRegistry;
  config: SlackConfig;
  publicUrl: string;
  timezone: string;
  bot: BotIdentity;
  incidentChannel: ResolvedChannel;
  reportChannel: ResolvedChannel | null;
  /** The edge's own time limit per plugin handler (a safety net outside the registry's guard). */
  handlerTimeoutMs: number;
  /** Resolves when work started by already-acked Slack requests has finished (tests, shutdown). */
  idle(): Promise<void>;
  /** Handles events about the same Slack object (one channel's pins) in the order they arrived (see eventOrderKey). */
  inOrder: KeyedSerial;
  /**
   * One headline render at a time per incident in this process (two quick changes can't post two
   * headlines), and renders coalesce: a burst of changes is one follow-up render of the latest state.
   */
  headlineRenders: LatestWins;
  /** Comms channel → incident id, so a flood of messages doesn't read the incident per message. */
  channelIncidents: ChannelIncidentIds;
  /** Comms channels being created in this process, by incident: a double click or the auto-create racing a press joins the one running. */
  commsChannelCreations: Map<number, Promise<IncidentView>>;
  /** Slack ids whose profile this process has looked up (the database row's refreshedAt is the cross-replica truth). */
  knownProfiles: Set<string>;
}

import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { SlackConfig } from '../config/config.js';
import type { CoreDeps } from '../core/ports.js';
import type { Clock } from '../core/shared/context.js';
import type { PluginRegistry } from '../plugins/registry.js';
import type { ChannelIncidentIds } from './channel-incidents.js';
import type { KeyedSerial } from './keyed-serial.js';

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

/** Everything the Slack edge's flows share, built once by registerSlack. */
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
  /** Comms channel → incident id, so a flood of messages doesn't read the incident per message. */
  channelIncidents: ChannelIncidentIds;
}

// Built-in plugins are plain SDK values created before Slack is connected; they find the
// runtime through the client their handler context carries (one per app, so tests can run several).
const byClient = new WeakMap<WebClient, SlackRuntime>();
const byOwner = new WeakMap<object, SlackRuntime>();

export function bindRuntime(owner: object, runtime: SlackRuntime): void {
  byClient.set(runtime.client, runtime);
  byOwner.set(owner, runtime);
}

export function runtimeForClient(client: WebClient): SlackRuntime {
  const rt = byClient.get(client);
  if (!rt) throw new Error('Slack is not connected for this client');
  return rt;
}

/** The runtime of an app (for jobs such as the daily user refresh), or undefined when Slack is off. */
export function runtimeForApp(app: object): SlackRuntime | undefined {
  return byOwner.get(app);
}

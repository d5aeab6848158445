import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { SlackConfig } from '../../config/config.js';
import { createSlackClient, type SlackRetryPolicy } from '../client/web-client.js';
import type { SlackPacerOptions } from '../client/slack-pacer.js';
import type { BotIdentity, ResolvedChannel } from '../runtime.js';
import { identifyBot, resolveChannel } from './startup.js';

export interface SlackConnection {
  client: WebClient;
  bot: BotIdentity;
  incidentChannel: ResolvedChannel;
  reportChannel: ResolvedChannel | null;
}

/**
 * Step 1 of registerSlack: the one WebClient, then auth.test and the incident channels, failing
 * with a SlackStartupError that says what to fix.
 */
export async function connectSlack(
  config: SlackConfig,
  o: { retry: SlackRetryPolicy; logger: Logger; onApiCall?: (method: string, outcome: string) => void; pacing?: Omit<SlackPacerOptions, 'replicas'> },
): Promise<SlackConnection> {
  const pacing = config.pacing.enabled ? { ...o.pacing, replicas: config.pacing.replicas } : undefined;
  const client = createSlackClient({ token: config.botToken, apiUrl: config.apiUrl, retry: o.retry, logger: o.logger, onCall: o.onApiCall, pacing });
  const bot = await identifyBot(client);
  const incidentChannel = await resolveChannel(client, 'INCIDENT_CHANNEL', config.incidentChannel);
  const reportChannel = config.reportChannel ? await resolveChannel(client, 'INCIDENT_REPORT_CHANNEL', config.reportChannel) : null;
  return { client, bot, incidentChannel, reportChannel };
}

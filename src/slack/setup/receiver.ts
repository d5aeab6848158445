import type { Receiver } from '@slack/bolt';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { SlackConfig } from '../../config/config.js';
import type { InboxStore } from '../../core/inbox/ports.js';
import type { Clock } from '../../core/shared/context.js';
import { slackClientOptions, slackLogger, type SlackRetryPolicy } from '../client/web-client.js';
import { SLASH_COMMAND } from '../ids.js';
import { FastifySlackReceiver } from '../receiver/fastify-receiver.js';
import type { SlackIntake } from '../receiver/slack-intake.js';
import { SocketModeSlackReceiver } from '../receiver/socket-mode-receiver.js';
import { SlackStartupError } from './startup.js';

export interface ReceiverDeps {
  config: SlackConfig;
  /** Where POST /slack/events is mounted (HTTP transport only). */
  http: FastifyInstance;
  inbox: InboxStore;
  inboxLeaseMs: number;
  clock: Clock;
  logger: Logger;
  retry: SlackRetryPolicy;
  onAck?: (kind: string, seconds: number) => void;
}

export interface OpenedReceiver {
  receiver: Receiver;
  /** Records deliveries in the inbox before acking them and handles them from there (either transport). */
  intake: SlackIntake;
  socketMode: boolean;
  /** Resolves when work started by already-acked deliveries has finished. */
  idle(): Promise<void>;
  /** Stops taking deliveries and drains the intake (Socket Mode stops through Bolt, which calls it). */
  stop(): Promise<void>;
}

// Button presses ack empty (handleBlockActions), and so does /incident (handleSlashCommand); other
// commands get a reply in the ack. The same rule over HTTP and Socket Mode.
const acksWithoutBody = (body: Record<string, unknown>) => body.type === 'block_actions' || body.command === SLASH_COMMAND;

/**
 * Step 2 of registerSlack: Socket Mode when SLACK_APP_TOKEN is set, else our receiver on
 * POST /slack/events (which needs the signing secret).
 */
export async function openReceiver(d: ReceiverDeps): Promise<OpenedReceiver> {
  const common = { clock: d.clock, logger: d.logger, inbox: d.inbox, leaseMs: d.inboxLeaseMs, onAck: d.onAck, acksWithoutBody };
  if (d.config.appToken) {
    const { slackApiUrl, retryConfig } = slackClientOptions({ apiUrl: d.config.apiUrl, retry: d.retry, logger: d.logger });
    const socket = new SocketModeSlackReceiver({ ...common, appToken: d.config.appToken, clientOptions: { slackApiUrl, retryConfig }, slackLogger: slackLogger(d.logger) });
    return { receiver: socket, intake: socket.intake, socketMode: true, idle: () => socket.idle(), stop: () => socket.stop() };
  }
  if (!d.config.signingSecret) throw new SlackStartupError('SLACK_SIGNING_SECRET is required unless SLACK_APP_TOKEN (Socket Mode) is set');
  const http = new FastifySlackReceiver({ ...common, http: d.http, signingSecret: d.config.signingSecret });
  await http.register();
  return { receiver: http, intake: http.intake, socketMode: false, idle: () => http.idle(), stop: () => http.stop() };
}

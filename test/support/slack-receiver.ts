import { App as BoltApp } from '@slack/bolt';
import Fastify from 'fastify';
import pino from 'pino';
import { afterEach } from 'vitest';
import { systemClock } from '../../src/core/shared/context.js';
import { signSlackRequest } from '@response/slack-emulator';
import { slackLogger } from '../../src/slack/client/web-client.js';
import { FastifySlackReceiver, type FastifyReceiverOptions } from '../../src/slack/receiver/fastify-receiver.js';

const SECRET = 'receiver-secret';

/** What a test's listener gets: the payload, and `ack` typed loosely (Bolt types it per payload kind). */
export type TestListener = (args: { body: Record<string, unknown>; ack: (response?: unknown) => Promise<void> }) => Promise<void>;

/**
 * The real receiver on its own Fastify server and a real Bolt app with one listener, for tests of
 * the receiver alone: `post` signs and sends a raw body to POST /slack/events. Listeners usually
 * wait on a gate (`gate()`); every gate is opened and the server closed after each test.
 */
export function useSlackReceiver() {
  let running: { http: ReturnType<typeof Fastify>; receiver: FastifySlackReceiver } | undefined;
  const gates: (() => void)[] = [];
  afterEach(async () => {
    gates.splice(0).forEach((open) => open());
    await running?.receiver.stop();
    await running?.http.close();
    running = undefined;
  });

  return {
    gates,
    /** A promise the listener can await until the test opens it (gates.shift()?.()). */
    gate: () => new Promise<void>((resolve) => gates.push(resolve)),
    async start(options: Pick<FastifyReceiverOptions, 'maxInFlight' | 'acksWithoutBody'>, listener: TestListener) {
      const http = Fastify();
      const logger = pino({ level: 'silent' });
      const receiver = new FastifySlackReceiver({ http, signingSecret: SECRET, clock: systemClock, logger, ackTimeoutMs: 2500, ...options });
      await receiver.register();
      const bolt = new BoltApp({ receiver, token: 'xoxb-test', botId: 'B0BOT', botUserId: 'U0BOT', tokenVerificationEnabled: false, convoStore: false, logger: slackLogger(logger) });
      bolt.use(async ({ body, ack }) => listener({ body: body as Record<string, unknown>, ack: (ack ?? (async () => undefined)) as (response?: unknown) => Promise<void> }));
      await http.listen({ port: 0, host: '127.0.0.1' });
      running = { http, receiver };
      const address = http.server.address();
      const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/slack/events`;
      const post = async (body: string, contentType: string) => {
        const headers = { 'content-type': contentType, ...signSlackRequest(SECRET, body, Math.floor(Date.now() / 1000)) };
        const r = await fetch(url, { method: 'POST', headers, body });
        return { status: r.status, text: await r.text() };
      };
      return { receiver, post };
    },
  };
}

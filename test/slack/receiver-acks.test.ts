import { App as BoltApp } from '@slack/bolt';
import Fastify from 'fastify';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/shared/context.js';
import { signSlackRequest } from '../../src/slack-emulator/signing.js';
import { slackLogger } from '../../src/slack/client.js';
import { FastifySlackReceiver } from '../../src/slack/receiver/fastify-receiver.js';

const SECRET = 'acks-secret';

/**
 * The real receiver and Bolt. `/quiet` acks with nothing (acksWithoutBody), `/loud` answers in its
 * ack; each listener then waits until the test opens its gate.
 */
async function start() {
  const http = Fastify();
  const logger = pino({ level: 'silent' });
  const receiver = new FastifySlackReceiver({
    http,
    signingSecret: SECRET,
    clock: systemClock,
    logger,
    ackTimeoutMs: 2500,
    acksWithoutBody: (body) => body.command === '/quiet',
  });
  await receiver.register();
  const bolt = new BoltApp({ receiver, token: 'xoxb-test', botId: 'B0BOT', botUserId: 'U0BOT', tokenVerificationEnabled: false, convoStore: false, logger: slackLogger(logger) });
  const gates: (() => void)[] = [];
  const handled: string[] = [];
  bolt.use(async ({ body, ack }) => {
    const command = (body as { command?: string }).command ?? '';
    if (command === '/boom') throw new Error('listener failed before acking');
    // Bolt types ack per payload kind; this listener takes every kind (as register-slack's does).
    const done = ack as ((response?: unknown) => Promise<void>) | undefined;
    await done?.(command === '/loud' ? { text: 'answered in the ack' } : undefined);
    await new Promise<void>((resolve) => gates.push(resolve));
    handled.push(command);
  });
  await http.listen({ port: 0, host: '127.0.0.1' });
  const address = http.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/slack/events`;
  const send = async (command: string) => {
    const body = new URLSearchParams({ command, text: '', user_id: 'U1', channel_id: 'C1', trigger_id: '1.2.3', team_id: 'T1' }).toString();
    const headers = { 'content-type': 'application/x-www-form-urlencoded', ...signSlackRequest(SECRET, body, Math.floor(Date.now() / 1000)) };
    const r = await fetch(url, { method: 'POST', headers, body });
    return { status: r.status, text: await r.text() };
  };
  return { http, receiver, gates, handled, send };
}

let running: Awaited<ReturnType<typeof start>> | undefined;
afterEach(async () => {
  running?.gates.forEach((open) => open());
  await running?.receiver.stop();
  await running?.http.close();
  running = undefined;
});

const tick = () => new Promise((r) => setTimeout(r, 30));

describe('the Slack receiver’s acks', () => {
  it('answers a payload whose ack carries nothing at once, and still waits for its work before it is idle', async () => {
    running = await start();
    const { send, gates, handled, receiver } = running;
    expect(await send('/quiet')).toEqual({ status: 200, text: '' });
    await tick();
    // Acked, its listener still running: idle() must not resolve until the work is done.
    let idle = false;
    const waiting = receiver.idle().then(() => (idle = true));
    await tick();
    expect(idle).toBe(false);
    expect(gates).toHaveLength(1);
    gates.shift()?.();
    await waiting;
    expect(handled).toEqual(['/quiet']);
  });

  it('sends what a listener puts in its ack for other payloads', async () => {
    running = await start();
    expect(await running.send('/loud')).toEqual({ status: 200, text: JSON.stringify({ text: 'answered in the ack' }) });
  });

  it('still answers 200 when the listener fails before acking', async () => {
    running = await start();
    expect(await running.send('/boom')).toEqual({ status: 200, text: '' });
  });
});

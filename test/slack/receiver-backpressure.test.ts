import { App as BoltApp } from '@slack/bolt';
import Fastify from 'fastify';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/shared/context.js';
import { signSlackRequest } from '../../src/slack-emulator/signing.js';
import { FastifySlackReceiver } from '../../src/slack/receiver/fastify-receiver.js';

const SECRET = 'backpressure-secret';

/** The real receiver and a real Bolt app whose only listener waits until the test lets it finish. */
async function start(maxInFlight: number) {
  const http = Fastify();
  const receiver = new FastifySlackReceiver({ http, signingSecret: SECRET, clock: systemClock, logger: pino({ level: 'silent' }), maxInFlight, ackTimeoutMs: 2500 });
  await receiver.register();
  const bolt = new BoltApp({ receiver, token: 'xoxb-test', botId: 'B0BOT', botUserId: 'U0BOT', tokenVerificationEnabled: false, logger: undefined });
  const gates: (() => void)[] = [];
  const started: string[] = [];
  bolt.use(async ({ body }) => {
    started.push(String((body as { event_id?: string }).event_id));
    await new Promise<void>((resolve) => gates.push(resolve));
  });
  await http.listen({ port: 0, host: '127.0.0.1' });
  const address = http.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/slack/events`;
  const send = (eventId: string) => {
    const body = JSON.stringify({ type: 'event_callback', team_id: 'T0TEAM', api_app_id: 'A0APP', event_id: eventId, event_time: 1, event: { type: 'message', channel: 'C1', user: 'U1', text: 'hi', ts: '1.000001' } });
    const headers = { 'content-type': 'application/json', ...signSlackRequest(SECRET, body, Math.floor(Date.now() / 1000)) };
    return fetch(url, { method: 'POST', headers, body }).then((r) => r.status);
  };
  return { http, receiver, gates, started, send };
}

let running: Awaited<ReturnType<typeof start>> | undefined;
afterEach(async () => {
  running?.gates.forEach((open) => open());
  await running?.receiver.stop();
  await running?.http.close();
  running = undefined;
});

describe('the Slack receiver under a flood', () => {
  it('acks events at once while there is room, then holds new ones until handling catches up', async () => {
    running = await start(2);
    const { send, gates, started } = running;
    expect(await send('Ev1')).toBe(200);
    expect(await send('Ev2')).toBe(200);
    let thirdAnswered = false;
    const third = send('Ev3').then((status) => {
      thirdAnswered = true;
      return status;
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(thirdAnswered).toBe(false);
    expect(started).toEqual(['Ev1', 'Ev2']);
    gates.shift()?.();
    expect(await third).toBe(200);
    await new Promise((r) => setTimeout(r, 20));
    expect(started).toEqual(['Ev1', 'Ev2', 'Ev3']);
  });

  it('never drops a request: past the ack window it is handled anyway', async () => {
    running = await start(1);
    const { send, started } = running;
    expect(await send('EvA')).toBe(200);
    const t0 = Date.now();
    expect(await send('EvB')).toBe(200);
    const waited = Date.now() - t0;
    expect(waited).toBeGreaterThanOrEqual(1900);
    await new Promise((r) => setTimeout(r, 20));
    expect(started).toEqual(['EvA', 'EvB']);
  });
});

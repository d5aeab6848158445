import { describe, expect, it } from 'vitest';
import { useSlackReceiver } from '../support/slack-receiver.js';

const slack = useSlackReceiver();

/**
 * The real receiver and Bolt. `/quiet` acks with nothing (acksWithoutBody), `/loud` answers in its
 * ack, `/boom` fails before acking; each listener then waits until the test opens its gate.
 */
async function start() {
  const handled: string[] = [];
  const { receiver, post } = await slack.start({ acksWithoutBody: (body) => body.command === '/quiet' }, async ({ body, ack }) => {
    const command = String(body.command ?? '');
    if (command === '/boom') throw new Error('listener failed before acking');
    await ack(command === '/loud' ? { text: 'answered in the ack' } : undefined);
    await slack.gate();
    handled.push(command);
  });
  const send = (command: string) =>
    post(new URLSearchParams({ command, text: '', user_id: 'U1', channel_id: 'C1', trigger_id: '1.2.3', team_id: 'T1' }).toString(), 'application/x-www-form-urlencoded');
  return { receiver, handled, send };
}

const tick = () => new Promise((r) => setTimeout(r, 30));

describe('the Slack receiver’s acks', () => {
  it('answers a payload whose ack carries nothing at once, and still waits for its work before it is idle', async () => {
    const { send, handled, receiver } = await start();
    expect(await send('/quiet')).toEqual({ status: 200, text: '' });
    await tick();
    // Acked, its listener still running: idle() must not resolve until the work is done.
    let idle = false;
    const waiting = receiver.idle().then(() => (idle = true));
    await tick();
    expect(idle).toBe(false);
    expect(slack.gates).toHaveLength(1);
    slack.gates.shift()?.();
    await waiting;
    expect(handled).toEqual(['/quiet']);
  });

  it('sends what a listener puts in its ack for other payloads', async () => {
    const { send } = await start();
    expect(await send('/loud')).toEqual({ status: 200, text: JSON.stringify({ text: 'answered in the ack' }) });
  });

  it('still answers 200 when the listener fails before acking', async () => {
    const { send } = await start();
    expect(await send('/boom')).toEqual({ status: 200, text: '' });
  });
});

import { describe, expect, it } from 'vitest';
import { useSlackReceiver } from '../support/slack-receiver.js';

const slack = useSlackReceiver();

/** The real receiver and Bolt, whose only listener waits until the test lets it finish. */
async function start(maxInFlight: number) {
  const started: string[] = [];
  const { post } = await slack.start({ maxInFlight }, async ({ body }) => {
    started.push(String(body.event_id));
    await slack.gate();
  });
  const send = async (eventId: string) => {
    const body = JSON.stringify({ type: 'event_callback', team_id: 'T0TEAM', api_app_id: 'A0APP', event_id: eventId, event_time: 1, event: { type: 'message', channel: 'C1', user: 'U1', text: 'hi', ts: '1.000001' } });
    return (await post(body, 'application/json')).status;
  };
  return { started, send };
}

describe('the Slack receiver under a flood', () => {
  it('acks events at once while there is room, then holds new ones until handling catches up', async () => {
    const { send, started } = await start(2);
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
    slack.gates.shift()?.();
    expect(await third).toBe(200);
    await new Promise((r) => setTimeout(r, 20));
    expect(started).toEqual(['Ev1', 'Ev2', 'Ev3']);
  });

  it('never drops a request: past the ack window it is handled anyway', async () => {
    const { send, started } = await start(1);
    expect(await send('EvA')).toBe(200);
    const t0 = Date.now();
    expect(await send('EvB')).toBe(200);
    const waited = Date.now() - t0;
    expect(waited).toBeGreaterThanOrEqual(1900);
    await new Promise((r) => setTimeout(r, 20));
    expect(started).toEqual(['EvA', 'EvB']);
  });
});

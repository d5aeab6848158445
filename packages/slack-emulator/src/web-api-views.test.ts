import { LogLevel, WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSlackEmulator, type SlackEmulator } from './index.js';
import { fixture, failure, startEmulatorWithClient } from '../test/web-api-client.js';

const declareView = () => {
  const {
    id: _i,
    team_id: _t,
    state: _s,
    hash: _h,
    previous_view_id: _p,
    root_view_id: _r,
    app_id: _a,
    app_installed_team_id: _ai,
    bot_id: _b,
    ...view
  } = (fixture('api-views-open-ok.json') as { view: Record<string, unknown> }).view;
  return view;
};

let emulator: SlackEmulator;
let client: WebClient;

beforeEach(async () => {
  ({ emulator, client } = await startEmulatorWithClient());
});
afterEach(() => emulator.close());

describe('views.*', () => {
  it('opens a modal with a single-use trigger and echoes the fixture shape', async () => {
    const trigger = emulator.issueTrigger('U0ALICE');
    const res = await client.views.open({ trigger_id: trigger, view: declareView() as never });
    const expected = (fixture('api-views-open-ok.json') as { view: Record<string, unknown> }).view;
    expect(Object.keys(res.view ?? {})).toEqual(Object.keys(expected));
    expect(res.view?.blocks).toEqual(expected.blocks);
    expect(res.view).toMatchObject({
      type: 'modal',
      root_view_id: res.view?.id,
      previous_view_id: null,
      state: { values: {} },
      app_id: 'A0APP',
      bot_id: 'B0BOT',
    });
    expect(emulator.openViews('U0ALICE').map((v) => v.id)).toEqual([res.view?.id]);
    expect((await failure(client.views.open({ trigger_id: trigger, view: declareView() as never }))).error).toBe('exchanged_trigger_id');
    expect((await failure(client.views.open({ trigger_id: '1.2.abc', view: declareView() as never }))).error).toBe('invalid_trigger_id');
    expect((await failure(client.views.open({ trigger_id: 'nonsense', view: declareView() as never }))).error).toBe('invalid_trigger_id');
  });

  it('refuses a view over 250 KB of JSON, sent as the WebClient sends it (a string) or as a JSON body object', async () => {
    const trigger = emulator.issueTrigger('U0ALICE');
    // Each block is within Block Kit's limits; together they are too large.
    const blocks = Array.from({ length: 100 }, (_, i) => ({ type: 'section', block_id: `b${i}`, text: { type: 'mrkdwn', text: 'x'.repeat(2900) } }));
    const big = { ...declareView(), blocks };
    expect((await failure(client.views.open({ trigger_id: trigger, view: big as never }))).error).toBe('view_too_large');
    const asJson = await fetch(`${emulator.apiUrl}views.open`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${emulator.botToken}` },
      body: JSON.stringify({ trigger_id: trigger, view: big }),
    });
    expect(((await asJson.json()) as { error: string }).error).toBe('view_too_large');
    expect((await client.views.open({ trigger_id: trigger, view: declareView() as never })).ok).toBe(true);
  });

  it('expires triggers after the configured window', async () => {
    let now = Date.now();
    const e = await startSlackEmulator({ signingSecret: 's', clock: () => now });
    const c = new WebClient('xoxb-test', { slackApiUrl: e.apiUrl, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR });
    const trigger = e.issueTrigger('U0BOB');
    now += 3001;
    expect((await failure(c.views.open({ trigger_id: trigger, view: declareView() as never }))).error).toBe('expired_trigger_id');
    await e.close();
  });

  it('validates the view like the invalid_arguments fixture, without consuming the trigger', async () => {
    const trigger = emulator.issueTrigger('U0ALICE');
    const view = { ...declareView(), title: { type: 'plain_text', text: 'Declare a brand new incident' } };
    const { response_metadata, error, ok } = await failure(client.views.open({ trigger_id: trigger, view: view as never }));
    expect({ ok, error, response_metadata }).toEqual(fixture('api-views-open-invalid-arguments.json'));
    const meta = 'x'.repeat(3001);
    expect((await failure(client.views.open({ trigger_id: trigger, view: { ...declareView(), private_metadata: meta } as never }))).error).toBe(
      'invalid_arguments',
    );
    expect((await client.views.open({ trigger_id: trigger, view: declareView() as never })).ok).toBe(true);
  });

  it('updates by id or external_id with hash checks, pushes up to three, publishes Home', async () => {
    const opened = await client.views.open({ trigger_id: emulator.issueTrigger('U0ALICE'), view: { ...declareView(), external_id: 'ext-1' } as never });
    const id = opened.view!.id!;
    const updated = await client.views.update({
      view_id: id,
      hash: opened.view!.hash!,
      view: { type: 'modal', title: { type: 'plain_text', text: 'Step 2' }, blocks: [] },
    });
    expect(updated.view).toMatchObject({ id, title: { text: 'Step 2' } });
    expect(updated.view?.hash).not.toBe(opened.view?.hash);
    expect(
      (
        await failure(
          client.views.update({ view_id: id, hash: opened.view!.hash!, view: { type: 'modal', title: { type: 'plain_text', text: 'x' }, blocks: [] } }),
        )
      ).error,
    ).toBe('hash_conflict');
    expect(
      (await failure(client.views.update({ view_id: 'V0NOPE', view: { type: 'modal', title: { type: 'plain_text', text: 'x' }, blocks: [] } }))).error,
    ).toBe('not_found');
    const small = { type: 'modal' as const, title: { type: 'plain_text' as const, text: 'More' }, blocks: [] };
    const pushed = await client.views.push({ trigger_id: emulator.issueTrigger('U0ALICE'), view: small });
    expect(pushed.view).toMatchObject({ previous_view_id: id, root_view_id: id });
    await client.views.push({ trigger_id: emulator.issueTrigger('U0ALICE'), view: small });
    expect((await failure(client.views.push({ trigger_id: emulator.issueTrigger('U0ALICE'), view: small }))).error).toBe('push_limit_reached');
    emulator.state.views[id]!.open = false;
    expect((await failure(client.views.update({ view_id: id, view: small }))).error).toBe('not_found');
    const home = await client.views.publish({
      user_id: 'U0BOB',
      view: { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Your incidents' } }] },
    });
    expect(home.view).toMatchObject({ type: 'home' });
    expect(emulator.homeView('U0BOB')?.view).toMatchObject({ blocks: [{ text: { text: 'Your incidents', verbatim: false } }] });
  });
});

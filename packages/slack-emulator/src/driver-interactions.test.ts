import { LogLevel, WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixture } from '../test/web-api-client.js';
import { startFakeSlackApp, startSlackEmulator, type FakeSlackApp, type SlackEmulator } from './index.js';

const SECRET = 'f00dfeedf00dfeedf00dfeedf00dfeed';
const keys = (o: unknown) => Object.keys(o as object);
const viewFixture = (fixture('api-views-open-ok.json') as { view: Record<string, unknown> }).view;
const card = (fixture('api-chat-postMessage-ok.json') as { message: { blocks: object[] } }).message.blocks;
/** The declare modal as the app sends it (without the fields Slack adds). */
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
  } = viewFixture;
  return view;
};

let emulator: SlackEmulator;
let app: FakeSlackApp;
let client: WebClient;
const interactions = () => app.requests.filter((r) => r.kind === 'interaction').map((r) => r.body);

beforeEach(async () => {
  app = await startFakeSlackApp({ signingSecret: SECRET });
  emulator = await startSlackEmulator({ signingSecret: SECRET, appUrl: app.url });
  client = new WebClient('xoxb-test', { slackApiUrl: emulator.apiUrl, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR });
});
afterEach(async () => {
  await emulator.close();
  await app.close();
});

async function openDeclareModal(user = 'U0ALICE'): Promise<string> {
  app.setHandler(async (req) => {
    if (req.kind === 'command') await client.views.open({ trigger_id: String(req.body.trigger_id), view: declareView() as never });
    return undefined;
  });
  await emulator.as(user).slashCommand('/incident', 'declare');
  const view = emulator.openViews(user)[0];
  if (!view) throw new Error('no modal');
  return view.id;
}

describe('slash commands', () => {
  it('sends the form fields of slash-command.json in order, signed, with a usable trigger', async () => {
    const viewId = await openDeclareModal();
    const [req] = app.requests;
    expect(req?.verified).toBe(true);
    expect(req?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(keys(req?.body)).toEqual(keys(fixture('slash-command.json')));
    expect(req?.rawBody).toContain('text=declare&');
    expect(emulator.view(viewId)?.view).toMatchObject({ callback_id: 'incident_declare', title: { text: 'Declare incident' } });
  });

  it('shows an immediate answer as an ephemeral or an in_channel message', async () => {
    app.setHandler(() => ({ body: { text: 'Usage: /incident declare <title>' } }));
    const result = await emulator.as('U0BOB').slashCommand('/incident', 'help');
    expect(result).toMatchObject({ status: 200, triggerId: expect.stringMatching(/^\d+\.\d+\.[0-9a-f]+$/) });
    expect(emulator.ephemerals('U0BOB')).toEqual([expect.objectContaining({ text: 'Usage: /incident declare <title>', channel: 'C0INCIDENTS' })]);
    app.setHandler(() => ({ body: { response_type: 'in_channel', text: 'Declared INC-1' } }));
    await emulator.as('U0BOB').slashCommand('/incident', 'declare x');
    expect(emulator.messages('incidents').map((m) => m.text)).toEqual(['Declared INC-1']);
  });

  it('posts through the response_url like Slack (ephemeral by default, 5 uses)', async () => {
    app.setHandler(() => undefined);
    const { responseUrl } = await emulator.as('U0ALICE').slashCommand('/incident', 'list');
    const post = (body: object) => fetch(responseUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post({ text: 'Working on it' })).status).toBe(200);
    expect((await post({ response_type: 'in_channel', text: 'Everyone sees this' })).status).toBe(200);
    expect(emulator.ephemerals('U0ALICE').map((e) => e.text)).toEqual(['Working on it']);
    expect(emulator.messages('incidents').map((m) => m.text)).toEqual(['Everyone sees this']);
    for (let i = 0; i < 3; i++) await post({ text: `n${i}` });
    expect((await post({ text: 'sixth' })).status).toBe(404);
  });
});

describe('block_actions', () => {
  it('clicks a button on a message with the fixture payload shape, and response_url replaces it', async () => {
    const { ts } = await client.chat.postMessage({ channel: 'C0INCIDENTS', text: 'INC-42', blocks: card as never });
    const result = await emulator.as('U0BOB').clickButton('incidents', ts!, 'incident_acknowledge');
    const payload = interactions()[0]!;
    expect(keys(payload)).toEqual(keys(fixture('interaction-block-actions-button.json')));
    expect(payload).toMatchObject({
      type: 'block_actions',
      user: { id: 'U0BOB', username: 'bob' },
      container: { type: 'message', message_ts: ts, channel_id: 'C0INCIDENTS', is_ephemeral: false },
      channel: { id: 'C0INCIDENTS', name: 'incidents' },
      message: { ts, blocks: card },
      actions: [{ ...(fixture('interaction-block-actions-button.json') as { actions: object[] }).actions[0], action_ts: expect.any(String) }],
    });
    expect(keys(payload.message)).toEqual(keys((fixture('interaction-block-actions-button.json') as { message: object }).message));
    expect(result.triggerId).toBe(payload.trigger_id);
    await client.views.open({ trigger_id: result.triggerId, view: declareView() as never });
    const replaced = await fetch(String(payload.response_url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ replace_original: true, text: 'Acknowledged' }),
    });
    expect(replaced.status).toBe(200);
    expect(emulator.message('incidents', ts!)).toMatchObject({ text: 'Acknowledged' });
    expect(emulator.message('incidents', ts!)).not.toHaveProperty('blocks');
    await expect(emulator.as('U0BOB').clickButton('incidents', ts!, 'incident_acknowledge')).rejects.toThrow(/no element incident_acknowledge/);
  });

  it('clicks buttons in ephemerals, picks values in selects, and tells buttons apart by value', async () => {
    const select = { type: 'static_select', action_id: 'sev', options: [{ text: { type: 'plain_text', text: 'SEV1' }, value: 'sev1' }] };
    const buttons = [1, 2].map((n) => ({ type: 'button', action_id: 'open', value: `INC-${n}`, text: { type: 'plain_text', text: `INC-${n}` } }));
    // action_ids must be unique within a block, so same-named buttons live in separate blocks (one per incident).
    const blocks = [...buttons.map((b) => ({ type: 'actions', elements: [b] })), { type: 'actions', elements: [select] }];
    await client.chat.postEphemeral({ channel: 'C0INCIDENTS', user: 'U0ALICE', text: 'x', blocks });
    const eph = emulator.ephemerals('U0ALICE')[0]!;
    await emulator.as('U0ALICE').clickButton('incidents', eph.ts, 'open', { value: 'INC-2' });
    expect(interactions()[0]).toMatchObject({ container: { is_ephemeral: true }, actions: [{ value: 'INC-2' }] });
    expect(interactions()[0]).not.toHaveProperty('message');
    await emulator.as('U0ALICE').selectOption('incidents', eph.ts, 'sev', 'sev1');
    expect(interactions()[1]).toMatchObject({ actions: [{ type: 'static_select', selected_option: { value: 'sev1', text: { text: 'SEV1', emoji: true } } }] });
    await expect(emulator.as('U0ALICE').selectOption('incidents', eph.ts, 'sev', 'sev9')).rejects.toThrow(/no option/);
    await expect(emulator.as('U0BOB').clickButton('incidents', eph.ts, 'open')).rejects.toThrow(/no message/);
  });
});

describe('modals', () => {
  it('submits state.values exactly like interaction-view-submission.json', async () => {
    const viewId = await openDeclareModal();
    const alice = emulator.as('U0ALICE');
    // Typing and picking a person don't dispatch (plain input blocks); the severity select has dispatch_action.
    expect(await alice.setViewValue(viewId, 'title_input', 'Checkout API returning 500s')).toBeNull();
    expect(await alice.setViewValue(viewId, 'commander_select', 'U0ALICE')).toBeNull();
    await alice.selectViewOption(viewId, 'severity_select', 'sev1');
    const change = interactions()[0]!;
    const inModal = fixture('interaction-block-actions-in-modal.json') as { actions: object[]; view: { state: object } };
    expect(keys(change)).toEqual(keys(inModal));
    expect(change.actions).toEqual([{ ...inModal.actions[0], action_ts: expect.any(String) }]);
    expect(JSON.stringify((change.view as { state: object }).state)).toBe(JSON.stringify(inModal.view.state));
    const result = await alice.submitView(viewId, { customer_impact: { impact_radio: 'customer_facing' } });
    const submission = fixture('interaction-view-submission.json') as { view: { state: unknown } };
    expect(keys(result.payload)).toEqual(keys(submission));
    // Byte-for-byte, so key order (block order) matches Slack's too.
    expect(JSON.stringify((result.payload.view as { state: unknown }).state)).toBe(JSON.stringify(submission.view.state));
    expect(keys(result.payload.view)).toEqual(keys(submission.view));
    expect(result).toMatchObject({ status: 200, viewOpen: false });
    expect(emulator.openViews('U0ALICE')).toEqual([]);
  });

  it('refuses impossible submissions and keeps the modal open on response_action errors', async () => {
    const viewId = await openDeclareModal();
    const alice = emulator.as('U0ALICE');
    await expect(alice.submitView(viewId, { incident_title: { title_input: 'x' } })).rejects.toThrow(/required input incident_commander/);
    await expect(alice.submitView(viewId, { nope: { x: 'y' } })).rejects.toThrow(/no input nope\/x/);
    app.setHandler(() => ({ body: { response_action: 'errors', errors: { incident_title: 'Too vague' } } }));
    const values = {
      incident_title: { title_input: 'x' },
      incident_commander: { commander_select: 'U0BOB' },
      incident_severity: { severity_select: 'sev2' },
      customer_impact: { impact_radio: 'internal' },
    };
    const r = await alice.submitView(viewId, values);
    expect(r).toMatchObject({ responseAction: 'errors', errors: { incident_title: 'Too vague' }, viewOpen: true });
    app.setHandler(() => ({
      body: {
        response_action: 'update',
        view: { type: 'modal', title: { type: 'plain_text', text: 'Thanks' }, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Declared' } }] },
      },
    }));
    expect(await alice.submitView(viewId, values)).toMatchObject({ responseAction: 'update', viewOpen: true });
    expect(emulator.view(viewId)?.view).toMatchObject({ title: { text: 'Thanks' } });
    app.setHandler(() => undefined);
    expect(await alice.submitView(viewId)).toMatchObject({ viewOpen: false });
  });

  it('submits number inputs as text and date-time pickers as UNIX seconds, as Slack does', async () => {
    const view = {
      type: 'modal',
      title: { type: 'plain_text', text: 'Details' },
      submit: { type: 'plain_text', text: 'Save' },
      blocks: [
        { type: 'input', block_id: 'count', label: { type: 'plain_text', text: 'Count' }, element: { type: 'number_input', action_id: 'v', is_decimal_allowed: false } },
        { type: 'input', block_id: 'at', label: { type: 'plain_text', text: 'When' }, element: { type: 'datetimepicker', action_id: 'v', initial_date_time: 1795500000 } },
        { type: 'input', block_id: 'link', optional: true, label: { type: 'plain_text', text: 'Link' }, element: { type: 'url_text_input', action_id: 'v' } },
      ],
    };
    app.setHandler(async (req) => {
      if (req.kind === 'command') await client.views.open({ trigger_id: String(req.body.trigger_id), view: view as never });
      return undefined;
    });
    await emulator.as('U0ALICE').slashCommand('/incident', '');
    const viewId = emulator.openViews('U0ALICE')[0]!.id;
    const alice = emulator.as('U0ALICE');
    await expect(alice.submitView(viewId, { count: { v: '1.5' } })).rejects.toThrow(/only whole numbers/);
    await expect(alice.submitView(viewId, { count: { v: '3' }, at: { v: 'tomorrow' } })).rejects.toThrow(/UNIX seconds/);
    const r = await alice.submitView(viewId, { count: { v: '3' } });
    // Untouched, the picker submits its initial time.
    expect((r.payload.view as { state: unknown }).state).toEqual({
      values: {
        count: { v: { type: 'number_input', value: '3' } },
        at: { v: { type: 'datetimepicker', selected_date_time: 1795500000 } },
        link: { v: { type: 'url_text_input', value: null } },
      },
    });
  });

  it('delivers view_closed for notify_on_close modals, and button clicks inside views', async () => {
    const view = {
      type: 'modal',
      notify_on_close: true,
      title: { type: 'plain_text', text: 'Runbook' },
      blocks: [{ type: 'actions', elements: [{ type: 'button', action_id: 'page', text: { type: 'plain_text', text: 'Page SRE' } }] }],
    };
    app.setHandler(async (req) => {
      if (req.kind === 'command') await client.views.open({ trigger_id: String(req.body.trigger_id), view: view as never });
      return undefined;
    });
    await emulator.as('U0BOB').slashCommand('/incident', 'runbook');
    const viewId = emulator.openViews('U0BOB')[0]!.id;
    await emulator.as('U0BOB').clickViewButton(viewId, 'page');
    expect(interactions()[0]).toMatchObject({ container: { type: 'view', view_id: viewId }, actions: [{ action_id: 'page', type: 'button' }] });
    await emulator.as('U0BOB').closeView(viewId);
    expect(keys(interactions()[1])).toEqual(keys(fixture('interaction-view-closed.json')));
    expect(interactions()[1]).toMatchObject({ type: 'view_closed', is_cleared: false, view: { id: viewId } });
    await expect(emulator.as('U0BOB').closeView(viewId)).rejects.toThrow(/closed/);
  });
});

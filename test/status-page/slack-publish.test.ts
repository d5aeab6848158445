/**
 * Publishing from Slack's update modal, end to end through the emulator: the modal's "Status page"
 * part publishes with its own wording and component impacts, starts the next update from what was
 * published, says what is missing, and a private incident's modal offers no publishing at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackTestApp, type SlackTestApp } from '../support/slack-test-app.js';
import { declareViaSlack } from '../plugins/helpers.js';
import { NO_INTEGRATIONS } from '../../src/config/integrations/index.js';
import { STATUS_PAGE } from './fixtures.js';
import { renderPublishBlocks } from '../../src/plugins/builtin/status-updates/publish-blocks.js';
import type { IncidentView } from '../../src/plugins/sdk/types.js';

describe('publishing from the Slack update modal', { timeout: 60_000 }, () => {
  let t: SlackTestApp;
  beforeAll(async () => {
    t = await startSlackTestApp({ env: { AUTO_CREATE_CHANNEL: 'true' }, integrations: { ...NO_INTEGRATIONS, statusPage: STATUS_PAGE } });
  });
  afterAll(() => t?.close());

  const openModal = async (channel: string) => {
    const welcome = t.emulator.messages(channel).find((m: any) => (m.blocks ?? []).some((b: any) => b.block_id === 'status_update'))!;
    await t.emulator.as('U0ALICE').clickButton(channel, welcome.ts, 'post-status-update-button');
    await t.settle();
    return t.emulator.openViews('U0ALICE').at(-1)!;
  };
  const statusJson = async () => (await (await fetch(`${t.baseUrl}/status.json`)).json()) as any;

  it('publishes with the public wording and impacts, and the next modal starts from them', async () => {
    const { id, channel } = await declareViaSlack(t, 'Payments backend db failover');
    const view = await openModal(channel);
    const blocks = view.view.blocks as any[];
    expect(blocks.find((b) => b.block_id === 'update_publish').element.initial_options).toBeUndefined();
    expect(blocks.find((b) => b.block_id === 'update_impact_partial_outage').element.options.map((o: any) => o.value)).toEqual(['api', 'dashboard', 'payments']);

    // Chosen without a public message: said next to it, nothing posted.
    const missing = await t.emulator.as('U0ALICE').submitView(view.id, { update_message: { value: 'db-3 failover, internal' }, update_publish: { value: ['publish'] } });
    expect(missing.responseAction).toBe('errors');
    expect(Object.keys(missing.errors ?? {})).toEqual(['update_public_body']);
    // No title the first time: said next to the title.
    const untitled = await t.emulator.as('U0ALICE').submitView(view.id, { update_message: { value: 'db-3 failover, internal' }, update_publish: { value: ['publish'] }, update_public_body: { value: 'Some payments fail.' } });
    expect(Object.keys(untitled.errors ?? {})).toEqual(['update_public_title']);

    const ok = await t.emulator.as('U0ALICE').submitView(view.id, {
      update_message: { value: 'db-3 failover, internal' },
      update_publish: { value: ['publish'] },
      update_public_title: { value: 'Card payments failing' },
      update_public_body: { value: 'Some card payments fail. We are on it.' },
      update_impact_partial_outage: { value: ['payments'] },
      update_impact_degraded_performance: { value: ['api'] },
    });
    expect(ok.responseAction).toBeUndefined();
    await t.settle();
    const page = await statusJson();
    const published = page.incidents.find((i: any) => i.title === 'Card payments failing');
    expect(published.components).toEqual({ payments: 'partial_outage', api: 'degraded_performance' });
    expect(published.updates.map((u: any) => u.body)).toEqual(['Some card payments fail. We are on it.']);
    expect(JSON.stringify(page)).not.toContain('db-3');
    // The channel's update shows what the public was told, beside the internal text.
    const posted = t.emulator.messages(channel).find((m: any) => String(m.text ?? '').startsWith('📣 Status update')) as any;
    expect(posted.blocks.find((b: any) => b.block_id === 'update_public').text.text).toContain('Some card payments fail. We are on it.');
    const latest = (await t.api('GET', `/api/v1/incidents/${id}`)).body.latest_update;
    expect(latest).toMatchObject({ message: 'db-3 failover, internal', published: true });

    // The next modal starts published, with the title and the impacts as they are.
    const next = (await openModal(channel)).view.blocks as any[];
    expect(next.find((b) => b.block_id === 'update_publish').element.initial_options.map((o: any) => o.value)).toEqual(['publish']);
    expect(next.find((b) => b.block_id === 'update_public_title').element.initial_value).toBe('Card payments failing');
    expect(next.find((b) => b.block_id === 'update_impact_partial_outage').element.initial_options.map((o: any) => o.value)).toEqual(['payments']);
    expect(next.find((b) => b.block_id === 'update_impact_degraded_performance').element.initial_options.map((o: any) => o.value)).toEqual(['api']);
  });

  it("offers no publishing on a private incident's modal (incidents are made private when declared)", () => {
    const blocks = renderPublishBlocks({ id: 9, private: true } as IncidentView, STATUS_PAGE.components, null) as any[];
    expect(blocks.some((b) => b.block_id === 'update_publish')).toBe(false);
    expect(JSON.stringify(blocks)).toContain('private, so it is never published');
  });
});

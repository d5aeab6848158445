/**
 * Custom fields through Slack (the emulator): the declare form shows the chosen type's fields with
 * the element for each kind (required at declaration: a required input) and redraws them on a type
 * switch; the headline shows the flagged ones; the edit form changes them; and Close, from the
 * headline or `@incident close`, asks for a field required at close in a form instead of closing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackTestApp, type SlackTestApp } from '../support/slack-test-app.js';
import { mention, pressHeadlineButton } from '../support/slack-flows.js';
import { FIELDS } from './custom-fields-process.js';

const blocks = (view: unknown): any[] => (view as { blocks: any[] }).blocks;
const block = (view: unknown, id: string): any => blocks(view).find((b) => b.block_id === id);
const fieldBlocks = (view: unknown) => blocks(view).filter((b) => String(b.block_id).startsWith('field:'));

describe('custom fields in Slack', { timeout: 60_000 }, () => {
  let t: SlackTestApp;
  beforeAll(async () => {
    t = await startSlackTestApp({ env: { AUTO_CREATE_CHANNEL: 'true', REMINDER_SEVERITY_ENABLED: 'false', REMINDER_CLOSE_ENABLED: 'false' }, process: FIELDS });
  });
  afterAll(() => t?.close());

  it('declares with the fields of the type picked, each with its own element, and shows the flagged ones on the headline', async () => {
    await t.emulator.as('U0ALICE').slashCommand('/incident', 'Acme cannot log in');
    await t.settle();
    const opened = t.emulator.openViews('U0ALICE').at(-1)!;
    // The default type has every field but the customer (customer-facing only).
    expect(fieldBlocks(opened.view).map((b) => [b.block_id, b.element.type, b.optional])).toEqual([
      ['field:region', 'static_select', true],
      ['field:systems', 'multi_static_select', true],
      ['field:root_cause', 'plain_text_input', true],
      ['field:responder', 'users_select', true],
      ['field:runbook', 'url_text_input', true],
      ['field:detected_at', 'datetimepicker', true],
      ['field:customers_affected', 'number_input', true],
    ]);
    expect(block(opened.view, 'field:root_cause')).toMatchObject({ hint: { text: 'What made it happen' }, element: { multiline: true } });

    await t.emulator.as('U0ALICE').setViewValue(opened.id, 'value', 'eu', { blockId: 'field:region' });
    await t.emulator.as('U0ALICE').setViewValue(opened.id, 'value', 'customer', { blockId: 'incident_kind' });
    await t.settle();
    const redrawn = t.emulator.view(opened.id)!;
    // Customer-facing: the customer field first, required to declare; the region picked so far is kept.
    expect(fieldBlocks(redrawn.view)[0]).toMatchObject({ block_id: 'field:customer', optional: false, element: { type: 'plain_text_input', multiline: false } });
    expect(block(redrawn.view, 'field:region').element.initial_option.value).toBe('eu');

    // Slack won't submit a required input left empty.
    await expect(t.emulator.as('U0ALICE').submitView(opened.id, { incident_kind: { value: 'customer' } })).rejects.toThrow(/required input field:customer/);
    const r = await t.emulator.as('U0ALICE').submitView(opened.id, {
      incident_kind: { value: 'customer' },
      'field:customer': { value: 'Acme *Corp* <b>' },
      'field:region': { value: 'eu' },
      'field:systems': { value: ['api', 'web'] },
      'field:responder': { value: 'U0BOB' },
      'field:runbook': { value: 'https://runbooks.example.com/login' },
      'field:detected_at': { value: '1795500000' },
      'field:customers_affected': { value: '42' },
    });
    expect(r.responseAction).toBeUndefined();
    await t.settle();
    const incident = (await t.api('GET', '/api/v1/incidents?limit=1')).body.results[0];
    expect(incident).toMatchObject({ type: 'customer', report: 'Acme cannot log in' });
    expect(incident.custom_fields).toEqual({
      customer: 'Acme *Corp* <b>',
      region: 'eu',
      systems: ['api', 'web'],
      responder: 'U0BOB',
      runbook: 'https://runbooks.example.com/login',
      detected_at: new Date(1795500000 * 1000).toISOString(),
      customers_affected: 42,
    });
    const headline = (await t.headline(incident.id))!;
    expect(headline.blocks.find((b: any) => b.block_id === 'custom_fields').text.text).toBe('🗂️ *Customer:* Acme *Corp* &lt;b&gt;\n*Region:* Europe');
  });

  it('refuses a bad value in the form next to its field', async () => {
    await t.emulator.as('U0ALICE').slashCommand('/incident', 'Bad link');
    await t.settle();
    const opened = t.emulator.openViews('U0ALICE').at(-1)!;
    const r = await t.emulator.as('U0ALICE').submitView(opened.id, { 'field:runbook': { value: 'ftp://files.example.com' } });
    expect(r).toMatchObject({ responseAction: 'errors', errors: { 'field:runbook': 'Must be an http or https link' } });
    await t.emulator.as('U0ALICE').closeView(opened.id);
  });

  it('edits fields in the Edit form: the changed ones only', async () => {
    const { body: created } = await t.api('POST', '/api/v1/incidents', { report: 'Edit me', custom_fields: { region: 'us', systems: ['db'] } });
    await t.settle();
    await pressHeadlineButton(t, 'U0ALICE', created.id, 'edit-incident-button');
    const edit = t.emulator.openViews('U0ALICE').at(-1)!;
    expect(block(edit.view, 'field:region').element.initial_option.value).toBe('us');
    expect(block(edit.view, 'field:systems').element.initial_options.map((o: any) => o.value)).toEqual(['db']);
    await t.emulator.as('U0ALICE').submitView(edit.id, { 'field:region': { value: 'apac' } });
    await t.settle();
    const { body } = await t.api('GET', `/api/v1/incidents/${created.id}`);
    expect(body.custom_fields).toEqual({ region: 'apac', systems: ['db'] });
    const { body: timeline } = await t.api('GET', `/api/v1/incidents/${created.id}/timeline`);
    expect(timeline.results.filter((e: any) => e.metadata?.update_type === 'custom_field').map((e: any) => e.text)).toEqual([
      'Region changed from "United States" to "Asia-Pacific" (by <@U0ALICE>)',
    ]);
  });

  it('Close on the headline asks for a field required at close in a form, and submitting it closes', async () => {
    const { body: created } = await t.api('POST', '/api/v1/incidents', { report: 'Needs a root cause' });
    await t.settle();
    await pressHeadlineButton(t, 'U0ALICE', created.id, 'close-incident-button');
    expect((await t.api('GET', `/api/v1/incidents/${created.id}`)).body.status).toBe('investigating');
    const form = t.emulator.openViews('U0ALICE').at(-1)!;
    expect(form.view).toMatchObject({ callback_id: 'incident-close-dialog', submit: { text: 'Close incident' } });
    expect(fieldBlocks(form.view).map((b) => [b.block_id, b.optional])).toEqual([['field:root_cause', false]]);
    await t.emulator.as('U0ALICE').submitView(form.id, { 'field:root_cause': { value: 'A full disk on the primary' } });
    await t.settle();
    const { body } = await t.api('GET', `/api/v1/incidents/${created.id}`);
    expect(body).toMatchObject({ status: 'resolved', custom_fields: { root_cause: 'A full disk on the primary' } });
    const { body: timeline } = await t.api('GET', `/api/v1/incidents/${created.id}/timeline`);
    const texts = timeline.results.map((e: any) => e.text);
    expect(texts).toContain('Root cause set to "A full disk on the primary" (by <@U0ALICE>)');
    expect(texts).toContain('Incident resolved (by <@U0ALICE>)');
  });

  it('a status update that would resolve it is refused next to its status, naming the field', async () => {
    const { body: created } = await t.api('POST', '/api/v1/incidents', { report: 'Resolved by an update' });
    await t.settle();
    const channel = (await t.api('GET', `/api/v1/incidents/${created.id}`)).body.comms_channel.channel_id;
    await t.emulator.as('U0ALICE').join(channel);
    await t.settle();
    const welcome = t.emulator.messages(channel).find((m: any) => (m.blocks ?? []).some((b: any) => b.block_id === 'status_update'))!;
    await t.emulator.as('U0ALICE').clickButton(channel, welcome.ts, 'post-status-update-button');
    await t.settle();
    const view = t.emulator.openViews('U0ALICE').at(-1)!;
    const r = await t.emulator.as('U0ALICE').submitView(view.id, { update_status: { value: 'resolved' }, update_message: { value: 'All fixed' } });
    expect(r).toMatchObject({ responseAction: 'errors', errors: { update_status: 'Fill in Root cause (custom_fields.root_cause) before closing this incident' } });
    expect((await t.api('GET', `/api/v1/incidents/${created.id}`)).body.status).toBe('investigating');
    await t.emulator.as('U0ALICE').closeView(view.id);
  });

  it('`@incident close` offers a button to the form rather than closing', async () => {
    const { body: created } = await t.api('POST', '/api/v1/incidents', { report: 'Closed from the channel' });
    await t.settle();
    const channel = (await t.api('GET', `/api/v1/incidents/${created.id}`)).body.comms_channel.channel_id;
    await t.emulator.as('U0ALICE').join(channel);
    await t.settle();
    await mention(t, 'U0ALICE', channel, 'close');
    expect((await t.api('GET', `/api/v1/incidents/${created.id}`)).body.status).toBe('investigating');
    const offer = t.emulator.ephemerals('U0ALICE', channel).at(-1)!;
    expect(offer.text).toBe(`Before incident ${created.id} closes, your team needs: Root cause.`);
    await t.emulator.as('U0ALICE').clickButton(channel, offer.ts, 'close-with-fields-button');
    await t.settle();
    const form = t.emulator.openViews('U0ALICE').at(-1)!;
    expect(form.view.callback_id).toBe('incident-close-dialog');
    await t.emulator.as('U0ALICE').submitView(form.id, { 'field:root_cause': { value: 'Expired certificate' } });
    await t.settle();
    expect((await t.api('GET', `/api/v1/incidents/${created.id}`)).body).toMatchObject({ status: 'resolved', custom_fields: { root_cause: 'Expired certificate' } });
  });
});

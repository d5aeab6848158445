/**
 * Incident types (response.config.ts `types`) through Slack, the API and the reminders: the declare
 * form asks which and redraws itself for the type picked (views.update on its dispatched select),
 * the type sets the severity, privacy and channel prefix, shows on the headline, is editable and
 * filterable, its roles are nudged, and a type removed from the config stays readable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackTestApp, type SlackTestApp } from '../support/slack-test-app.js';
import { botTexts } from '../plugins/helpers.js';
import { TYPES } from './scale.js';

const SCRIBE = "🎭 This incident doesn't have a Scribe. Please set one with `@incident role scribe ...`";
const block = (view: unknown, id: string): any => ((view as { blocks: any[] }).blocks).find((b) => b.block_id === id);

describe('incident types', { timeout: 60_000 }, () => {
  let t: SlackTestApp;
  beforeAll(async () => {
    t = await startSlackTestApp({ env: { AUTO_CREATE_CHANNEL: 'true', REMINDER_SEVERITY_ENABLED: 'false', REMINDER_CLOSE_ENABLED: 'false' }, process: TYPES });
  });
  afterAll(() => t?.close());

  it('asks the type first and redraws the open form for the type picked, keeping what was typed', async () => {
    await t.emulator.as('U0ALICE').slashCommand('/incident', 'Suspicious logins on admin accounts');
    await t.settle();
    const opened = t.emulator.openViews('U0ALICE').at(-1)!;
    const picker = block(opened.view, 'incident_kind');
    expect((opened.view as { blocks: unknown[] }).blocks[0]).toMatchObject({ block_id: 'incident_kind', dispatch_action: true });
    expect(picker.element.options.map((o: any) => o.value)).toEqual(['default', 'security', 'customer']);
    expect(picker.element.initial_option.value).toBe('default');
    expect(block(opened.view, 'severity').element.initial_option).toBeUndefined();

    await t.emulator.as('U0ALICE').setViewValue(opened.id, 'value', 'security', { blockId: 'incident_kind' });
    await t.settle();
    const redrawn = t.emulator.view(opened.id)!;
    expect(redrawn.view.hash).not.toBe(opened.view.hash);
    expect(block(redrawn.view, 'incident_kind').element.initial_option.value).toBe('security');
    expect(block(redrawn.view, 'severity').element.initial_option.value).toBe('critical');
    expect(block(redrawn.view, 'report').element.initial_value).toBe('Suspicious logins on admin accounts');
    // Security is private by default: the box comes ticked (unticking it would declare a public one).
    expect(block(redrawn.view, 'private').element.initial_options.map((o: any) => o.value)).toEqual(['private']);
    expect(block(opened.view, 'private').element.initial_options).toBeUndefined();

    await t.emulator.as('U0ALICE').submitView(opened.id, { incident_kind: { value: 'security' }, severity: { value: 'critical' } });
    await t.settle();
    const { body } = await t.api('GET', '/api/v1/incidents?limit=1');
    const incident = body.results[0];
    expect(incident).toMatchObject({ type: 'security', severity: 'critical', private: true });
    expect(incident.comms_channel.channel_name).toMatch(/^sec-\d+-suspicious-logins/);
  });

  it('shows the type on the headline, nudges the roles the type needs, and lets it be changed', async () => {
    const { body: created } = await t.api('POST', '/api/v1/incidents', { report: 'Checkout errors', type: 'customer' });
    expect(created).toMatchObject({ type: 'customer', severity: 'major', private: false });
    await t.settle();
    const headline = (await t.headline(created.id))!;
    expect(headline.blocks.find((b: any) => b.block_id === 'type').text.text).toBe('🏷️ Type: Customer-facing');

    // Security needs a scribe; customer-facing does not.
    const { body: security } = await t.api('POST', '/api/v1/incidents', { report: 'Leaked key', type: 'security', private: false });
    await t.settle();
    t.clock.advance(2 * 60_000);
    await t.app.reminders.sweep();
    await t.settle();
    const channelOf = async (id: number) => (await t.api('GET', `/api/v1/incidents/${id}`)).body.comms_channel.channel_id;
    expect(botTexts(t, await channelOf(security.id))).toContain(SCRIBE);
    expect(botTexts(t, await channelOf(created.id))).not.toContain(SCRIBE);

    const changed = await t.api('PATCH', `/api/v1/incidents/${created.id}`, { type: 'default' });
    expect(changed.body.type).toBe('default');
    const timeline = (await t.api('GET', `/api/v1/incidents/${created.id}/timeline`)).body.results;
    expect(timeline.map((e: any) => e.text)).toContainEqual(expect.stringContaining('Incident type changed from customer to default'));
    await t.settle();
    // A headline of the default type says so too: every incident of a team with types has one.
    expect((await t.headline(created.id))!.blocks.find((b: any) => b.block_id === 'type').text.text).toBe('🏷️ Type: Default');
  });

  it('validates and filters by type, lists the types, and keeps a type removed from the config readable', async () => {
    const bad = await t.api('POST', '/api/v1/incidents', { report: 'Nope', type: 'outage' });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatchObject({ field: 'type' });
    expect(bad.body.error.message).toContain('must be one of default, security, customer');
    expect((await t.api('GET', '/api/v1/incidents?type=outage')).status).toBe(422);

    const { body: types } = await t.api('GET', '/api/v1/types');
    expect(types.results[1]).toEqual({ key: 'security', label: 'Security', description: 'Breaches, leaks, abuse', default_severity: 'critical', private_by_default: true, channel_prefix: 'sec', roles: ['scribe'], required_fields: [] });

    const security = (await t.api('GET', '/api/v1/incidents?type=security')).body.results;
    expect(security.length).toBeGreaterThanOrEqual(2);
    expect(security.every((i: any) => i.type === 'security')).toBe(true);

    const { body: old } = await t.api('POST', '/api/v1/incidents', { report: 'From the old config', type: 'default' });
    await t.app.database.query(`update incidents set type = 'outage' where id = ${Number(old.id)}`);
    const kept = await t.api('PATCH', `/api/v1/incidents/${old.id}`, { report: 'From the old config (edited)', type: 'outage' });
    expect(kept.status).toBe(200);
    expect(kept.body.type).toBe('outage');
    const doc = await t.api('GET', `/api/v1/incidents/${old.id}/postmortem.md`);
    expect(String(doc.body)).toContain('**Type:** Outage');
  });
});

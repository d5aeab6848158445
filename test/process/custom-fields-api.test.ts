/**
 * Custom fields (response.config.ts `fields`) through the REST API: listed, declared and edited with
 * values checked against the definitions (422 naming `custom_fields.<key>`), changes on the timeline,
 * in the domain event and the change log, list filters on select and user fields, a field required
 * at close blocking the close until given, and a value of a field removed from the config kept readable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { FIELDS } from './custom-fields-process.js';

describe('custom fields through the API', { timeout: 60_000 }, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ appOptions: { process: FIELDS } });
  });
  afterAll(() => t?.close());

  it('lists the configured fields', async () => {
    const { status, body } = await t.api('GET', '/api/v1/fields');
    expect(status).toBe(200);
    expect(body.results.map((f: { key: string }) => f.key)).toEqual(['customer', 'region', 'systems', 'root_cause', 'responder', 'runbook', 'detected_at', 'customers_affected']);
    expect(body.results[0]).toEqual({ key: 'customer', label: 'Customer', help: 'Which customer reported it', kind: 'text', options: [], types: ['customer'], required_at: 'declare', show_in_headline: true });
    expect(body.results[1].options).toEqual([{ key: 'eu', label: 'Europe' }, { key: 'us', label: 'United States' }, { key: 'apac', label: 'Asia-Pacific' }]);
  });

  it('declares with typed values, and refuses a missing required field or a bad value naming it', async () => {
    const missing = await t.api('POST', '/api/v1/incidents', { report: 'Acme cannot log in', type: 'customer' });
    expect(missing.status).toBe(422);
    expect(missing.body.error).toMatchObject({ code: 'validation', field: 'custom_fields.customer' });
    expect(missing.body.error.message).toContain('Customer (custom_fields.customer) is required');
    const security = await t.api('POST', '/api/v1/incidents', { report: 'Leaked key', type: 'security', custom_fields: { region: 'eu' } });
    expect(security.body.error).toMatchObject({ field: 'custom_fields.detected_at' });

    for (const [values, field, words] of [
      [{ region: 'mars' }, 'custom_fields.region', 'must be one of eu, us, apac'],
      [{ systems: ['api', 'nope'] }, 'custom_fields.systems', 'must be one of'],
      [{ customers_affected: '12' }, 'custom_fields.customers_affected', 'must be a number'],
      [{ runbook: 'javascript:alert(1)' }, 'custom_fields.runbook', 'http or https'],
      [{ responder: 'bob' }, 'custom_fields.responder', 'Slack user id'],
      [{ detected_at: 'yesterday' }, 'custom_fields.detected_at', 'ISO 8601'],
      [{ unknown_thing: 'x' }, 'custom_fields.unknown_thing', 'is not a configured field'],
      // The customer field belongs to customer-facing incidents only.
      [{ customer: 'Acme' }, 'custom_fields.customer', 'is not a field of default incidents'],
    ] as const) {
      const r = await t.api('POST', '/api/v1/incidents', { report: 'Bad value', custom_fields: values });
      expect(r.status, JSON.stringify(values)).toBe(422);
      expect(r.body.error.field).toBe(field);
      expect(r.body.error.message).toContain(words);
    }

    const ok = await t.api('POST', '/api/v1/incidents', {
      report: 'Acme cannot log in',
      type: 'customer',
      custom_fields: {
        customer: '  <b>Acme</b> & *Co*  ',
        region: 'eu',
        systems: ['api', 'db', 'api'],
        responder: 'U0BOB',
        runbook: 'https://runbooks.example.com/login',
        detected_at: '2026-11-23T10:05:00+01:00',
        customers_affected: 1250.5,
      },
    });
    expect(ok.status).toBe(201);
    // Stored as typed, exactly: text trimmed only, a multi select without repeats, the time in UTC.
    expect(ok.body.custom_fields).toEqual({
      customer: '<b>Acme</b> & *Co*',
      region: 'eu',
      systems: ['api', 'db'],
      responder: 'U0BOB',
      runbook: 'https://runbooks.example.com/login',
      detected_at: '2026-11-23T09:05:00.000Z',
      customers_affected: 1250.5,
    });
    expect((await t.api('GET', `/api/v1/incidents/${ok.body.id}`)).body.custom_fields).toEqual(ok.body.custom_fields);
  });

  it('edits fields: others kept, changes on the timeline and in the change log, null clears', async () => {
    const { body: created } = await t.api('POST', '/api/v1/incidents', { report: 'Slow checkout', custom_fields: { region: 'us', customers_affected: 3 } });
    const edited = await t.api('PATCH', `/api/v1/incidents/${created.id}`, { custom_fields: { region: 'apac', customers_affected: null, responder: 'U0CAROL' } });
    expect(edited.status).toBe(200);
    expect(edited.body.custom_fields).toEqual({ region: 'apac', responder: 'U0CAROL' });
    const bad = await t.api('PATCH', `/api/v1/incidents/${created.id}`, { custom_fields: { region: 'nowhere' } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.field).toBe('custom_fields.region');

    const { body: timeline } = await t.api('GET', `/api/v1/incidents/${created.id}/timeline`);
    const texts = timeline.results.map((e: { text: string }) => e.text);
    expect(texts).toContain('Region changed from "United States" to "Asia-Pacific" (by API token "test")');
    expect(texts).toContain('Customers affected cleared (by API token "test")');
    expect(texts).toContain('Responder set to "<@U0CAROL>" (by API token "test")');
    const entry = timeline.results.find((e: { text: string }) => e.text.startsWith('Region changed'));
    expect(entry.metadata).toEqual({ update_type: 'custom_field', key: 'region', old_value: 'us', new_value: 'apac' });

    const { body: events } = await t.api('GET', `/api/v1/events?incident_id=${created.id}`);
    const update = events.results.find((e: { payload: { change: string } }) => e.payload.change === 'updated');
    expect(update.payload.fields).toEqual(['custom_fields.region', 'custom_fields.responder', 'custom_fields.customers_affected']);
    expect(update.payload.incident.custom_fields).toEqual({ region: 'apac', responder: 'U0CAROL' });
    const outbox = await t.app.database.query<{ payload: { data: { changes: unknown[] } } }>(
      `select payload from outbox where incident_id = ${Number(created.id)} and topic = 'incident.updated' and subscriber is null`,
    );
    expect(outbox[0]!.payload.data.changes).toEqual([
      { field: 'custom_field', key: 'region', old: 'us', new: 'apac' },
      { field: 'custom_field', key: 'responder', old: null, new: 'U0CAROL' },
      { field: 'custom_field', key: 'customers_affected', old: 3, new: null },
    ]);
  });

  it('filters the list by select, multi select and user fields, and refuses filters it cannot apply', async () => {
    const a = (await t.api('POST', '/api/v1/incidents', { report: 'Filter A', custom_fields: { region: 'eu', systems: ['web', 'db'], responder: 'U0DAVE' } })).body;
    const b = (await t.api('POST', '/api/v1/incidents', { report: 'Filter B', custom_fields: { region: 'us', systems: ['web'] } })).body;
    const ids = async (query: string) => (await t.api('GET', `/api/v1/incidents?limit=200&${query}`)).body.results.map((i: { id: number }) => i.id);
    expect(await ids('field.responder=U0DAVE')).toEqual([a.id]);
    expect(await ids('field.systems=web&field.region=us')).toEqual([b.id]);
    const web = await ids('field.systems=web');
    expect(web).toContain(a.id);
    expect(web).toContain(b.id);
    expect(await ids('field.region=eu&q=filter')).toEqual([a.id]);
    for (const [query, field] of [
      ['field.region=mars', 'field.region'],
      ['field.root_cause=x', 'field.root_cause'],
      ['field.nope=x', 'field.nope'],
    ] as const) {
      const r = await t.api('GET', `/api/v1/incidents?${query}`);
      expect(r.status, query).toBe(422);
      expect(r.body.error.field).toBe(field);
    }
  });

  it('exports fields in the CSV, one column each, honouring field filters', async () => {
    const a = (await t.api('POST', '/api/v1/incidents', { report: 'CSV fields', custom_fields: { region: 'apac', systems: ['api', 'db'], responder: 'U0ERIN', customers_affected: 12 } })).body;
    const res = await fetch(`${t.baseUrl}/api/v1/incidents.csv?field.region=apac&field.responder=U0ERIN`, { headers: { authorization: `Bearer ${t.token}` } });
    expect(res.status).toBe(200);
    const [header, ...rows] = (await res.text()).trim().split('\r\n');
    const columns = header!.split(',');
    expect(columns.slice(-8)).toEqual(['field.customer', 'field.region', 'field.systems', 'field.root_cause', 'field.responder', 'field.runbook', 'field.detected_at', 'field.customers_affected']);
    expect(rows).toHaveLength(1);
    // Cells split at commas outside quotes (none of these values holds a quote).
    const cells = rows[0]!.match(/("[^"]*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, '').replace(/^"|"$/g, ''));
    const cell = (name: string) => cells[columns.indexOf(name)];
    expect(cell('id')).toBe(String(a.id));
    expect(cell('field.region')).toBe('Asia-Pacific');
    expect(cell('field.systems')).toBe('API, Database');
    expect(cell('field.responder')).toBe('U0ERIN');
    expect(cell('field.customers_affected')).toBe('12');
  });

  it('counts incidents by each single-select field in insights, options in configured order', async () => {
    const before = (await t.api('GET', '/api/v1/insights')).body.by_field;
    expect(before.map((f: { key: string }) => f.key)).toEqual(['region']);
    const count = (body: any, value: string) => body.by_field[0].counts.find((c: { value: string }) => c.value === value).count;
    await t.api('POST', '/api/v1/incidents', { report: 'Insights EU 1', custom_fields: { region: 'eu' } });
    await t.api('POST', '/api/v1/incidents', { report: 'Insights EU 2', custom_fields: { region: 'eu' } });
    await t.api('POST', '/api/v1/incidents', { report: 'Insights none' });
    const { body } = await t.api('GET', '/api/v1/insights');
    expect(body.by_field[0].counts.map((c: { value: string; label: string }) => [c.value, c.label])).toEqual([
      ['eu', 'Europe'],
      ['us', 'United States'],
      ['apac', 'Asia-Pacific'],
      ['none', 'No region'],
    ]);
    expect(count(body, 'eu') - count({ by_field: before }, 'eu')).toBe(2);
    expect(count(body, 'none') - count({ by_field: before }, 'none')).toBe(1);
  });

  it('refuses to close while a field required at close is empty, naming it, and closes once it is given', async () => {
    const { body: created } = await t.api('POST', '/api/v1/incidents', { report: 'Database failover' });
    const refused = await t.api('PATCH', `/api/v1/incidents/${created.id}`, { status: 'resolved' });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'validation', field: 'custom_fields.root_cause' });
    expect(refused.body.error.message).toBe('Fill in Root cause (custom_fields.root_cause) before closing this incident');
    // A status update that resolves it is a close too.
    const update = await t.api('POST', `/api/v1/incidents/${created.id}/updates`, { status: 'resolved', message: 'Fixed' });
    expect(update.status).toBe(422);
    expect(update.body.error.field).toBe('custom_fields.root_cause');
    expect((await t.api('GET', `/api/v1/incidents/${created.id}`)).body.status).toBe('investigating');
    const closed = await t.api('PATCH', `/api/v1/incidents/${created.id}`, { status: 'resolved', custom_fields: { root_cause: 'A full disk on the primary' } });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'resolved', custom_fields: { root_cause: 'A full disk on the primary' } });
  });

  it('keeps the value of a field removed from the config: readable, kept through edits', async () => {
    const { body: created } = await t.api('POST', '/api/v1/incidents', { report: 'From the old config', custom_fields: { region: 'eu' } });
    // As if an earlier config had a "severity_reason" field.
    await t.app.database.query(`update incidents set custom_fields = custom_fields || '{"severity_reason": "Card payments failed"}'::jsonb where id = ${Number(created.id)}`);
    const edited = await t.api('PATCH', `/api/v1/incidents/${created.id}`, { report: 'From the old config (edited)', custom_fields: { region: 'us' } });
    expect(edited.status).toBe(200);
    expect(edited.body.custom_fields).toEqual({ region: 'us', severity_reason: 'Card payments failed' });
    // Sending the stored value back is no change; a new value for it is refused.
    expect((await t.api('PATCH', `/api/v1/incidents/${created.id}`, { custom_fields: { severity_reason: 'Card payments failed' } })).status).toBe(200);
    const refused = await t.api('PATCH', `/api/v1/incidents/${created.id}`, { custom_fields: { severity_reason: 'Other' } });
    expect(refused.body.error.field).toBe('custom_fields.severity_reason');
    expect((await t.api('GET', `/api/v1/incidents/${created.id}`)).body.custom_fields.severity_reason).toBe('Card payments failed');
    // The postmortem lists configured fields by label, then removed ones by key, as typed (escaped).
    const doc = String((await t.api('GET', `/api/v1/incidents/${created.id}/postmortem.md`)).body);
    expect(doc).toContain('## Fields\n\n- **Region:** United States\n- **severity\\_reason:** Card payments failed');
  });
});

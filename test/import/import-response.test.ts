import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importResponse, type ImportReport } from '../../src/store/import/response/import-response.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { exported, naiveToIso, responseSourceDatabase, sourceServerUrl } from './response-source.js';

const SERVER = sourceServerUrl();
// The importer reads a real PostgreSQL (Response's database); without one to load the dump into, skip.
const suite = SERVER ? describe : describe.skip;

// New York is UTC-5 all December: the naive times must move by five hours.
const ZONE = 'America/New_York';
const OFFSET = '-05:00';
const SEVERITY: Record<string, string> = { '1': 'critical', '2': 'major', '3': 'minor', '4': 'trivial' };
const HEADLINES = 'C0INCIDENTS';

suite('import response: the real dump, compared with the original API', () => {
  let t: TestApp;
  let source: { url: string; drop: () => Promise<void> };
  let first: ImportReport;
  const run = () => importResponse(t.app.database, { from: source.url, timeZone: ZONE, dryRun: false, headlineChannelId: HEADLINES });
  const counts = async () =>
    Object.fromEntries(
      await Promise.all(
        ['incidents', 'users', 'comms_channels', 'headline_posts', 'timeline_events', 'actions', 'participants', 'events', 'import_sources'].map(async (table) => {
          const [row] = await t.app.database.query<{ n: number }>(`select count(*)::int as n from ${table}`);
          return [table, row?.n];
        }),
      ),
    );

  beforeAll(async () => {
    source = await responseSourceDatabase(SERVER as string);
    t = await startTestApp();
    first = await run();
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await source?.drop();
  });

  it('imports every row of the dump, with no problems', () => {
    expect(first.found).toEqual({ users: 3, incidents: 21, comms_channels: 15, headline_posts: 21, timeline_events: 44, pinned_messages: 17, actions: 25, participants: 38, events: 83 });
    expect(first.written).toEqual(first.found);
    expect(first.incidents.new).toHaveLength(21);
    expect(first.problems).toEqual([]);
  });

  it('answers each incident as the original did, with its id', async () => {
    const original = exported('incidents.json').results as any[];
    expect(original).toHaveLength(21);
    for (const o of original) {
      const { status, body } = await t.api('GET', `/api/v1/incidents/${o.id}`);
      expect(status, `incident ${o.id}`).toBe(200);
      expect({
        id: body.id,
        report: body.report,
        summary: body.summary,
        impact: body.impact,
        severity: body.severity,
        report_only: body.report_only,
        status: body.status,
        report_time: body.report_time,
        start_time: body.start_time,
        end_time: body.end_time,
        lead: body.lead ? [body.lead.slack_id, body.lead.display_name, body.lead.full_name] : null,
        reporter: body.reporter ? [body.reporter.slack_id, body.reporter.display_name, body.reporter.full_name] : null,
        comms_channel: body.comms_channel ? { channel_id: body.comms_channel.channel_id, channel_name: body.comms_channel.channel_name } : null,
      }).toEqual({
        id: o.id,
        report: o.report,
        summary: o.summary,
        impact: o.impact,
        severity: o.severity === null ? null : SEVERITY[o.severity],
        report_only: o.report_only,
        status: o.is_closed ? 'resolved' : o.report_only ? 'reported' : 'investigating',
        report_time: naiveToIso(o.report_time, OFFSET),
        start_time: naiveToIso(o.start_time, OFFSET),
        end_time: naiveToIso(o.end_time, OFFSET),
        lead: o.lead ? [o.lead.external_id, o.lead.display_name, o.lead.full_name] : null,
        reporter: o.reporter ? [o.reporter.external_id, o.reporter.display_name, o.reporter.full_name] : null,
        comms_channel: o.comms_channel,
      });
    }
  });

  it("answers each incident's timeline and actions as the original did", async () => {
    const perIncident = exported('incident-timelines-and-actions.json') as any[];
    expect(perIncident).toHaveLength(21);
    let entries = 0;
    let pins = 0;
    for (const { incident, timeline, actions } of perIncident) {
      const ours = await t.api('GET', `/api/v1/incidents/${incident}/timeline`);
      expect(ours.body.next).toBeNull();
      const byId = new Map((ours.body.results as any[]).map((e) => [e.id, e]));
      expect([...byId.keys()].sort((a, b) => a - b), `timeline of ${incident}`).toEqual((timeline.results as any[]).map((e) => e.id).sort((a, b) => a - b));
      for (const o of timeline.results as any[]) {
        const e = byId.get(o.id);
        expect([e.event_type, e.text, e.timestamp]).toEqual([o.event_type, o.text, naiveToIso(o.timestamp, OFFSET)]);
        if (o.event_type === 'slack_pin') {
          pins++;
          expect([e.metadata.channel_id, e.metadata.message_ts, e.metadata.author.slack_id]).toEqual([o.metadata.channel_id, o.metadata.message_ts, o.metadata.author.external_id]);
        } else {
          expect(e.metadata).toEqual(o.metadata);
        }
        entries++;
      }
      const ourActions = await t.api('GET', `/api/v1/incidents/${incident}/actions`);
      expect(ourActions.body.next).toBeNull();
      expect(
        (ourActions.body.results as any[]).map((a) => ({ id: a.id, details: a.details, done: a.done, owner: a.assignee?.slack_id ?? null, done_at: a.done_at, due_date: a.due_date, created_at: a.created_at })),
        `actions of ${incident}`,
      ).toEqual(
        (actions.results as any[])
          .map((a) => ({ id: a.id, details: a.details, done: a.done, owner: a.user?.external_id ?? null, done_at: naiveToIso(a.done_date, OFFSET), due_date: a.due_date, created_at: naiveToIso(a.created_date, OFFSET) }))
          .sort((a, b) => a.id - b.id),
      );
    }
    expect([entries, pins]).toEqual([44, 17]);
  });

  it('answers the change log with the original events, payloads parsed', async () => {
    const original = exported('events.json').results as any[];
    const { status, body } = await t.api('GET', '/api/v1/events?from=2026-12-01T00:00:00Z&to=2026-12-31T00:00:00Z&limit=200');
    expect(status).toBe(200);
    const ours = (body.results as any[]).filter((e) => e.payload?.imported_from === 'response');
    expect(ours.map((e) => [e.payload.source_event_id, e.event_type, e.timestamp])).toEqual(original.map((o) => [o.id, o.event_type, naiveToIso(o.timestamp, OFFSET)]));
    for (const [i, o] of original.entries()) {
      const { imported_from: _from, source_event_id: _id, ...payload } = ours[i].payload;
      expect(payload).toEqual(o.payload);
    }
  });

  it('keeps pins as our pins, so pinning the same message again here does not double it', async () => {
    const [row] = await t.app.database.query<{ n: number }>(`select count(*)::int as n from timeline_events where source_key like 'slack_pin:%'`);
    expect(row?.n).toBe(17);
    const [headline] = await t.app.database.query<{ channel_id: string; message_ts: string }>(`select channel_id, message_ts from headline_posts where incident_id = 2`);
    expect(headline).toEqual({ channel_id: HEADLINES, message_ts: '1796280975.000005' });
  });

  it('continues the id sequences above the imported ids', async () => {
    const { status, body } = await t.api('POST', '/api/v1/incidents', { report: 'Declared after the import' });
    expect(status).toBe(201);
    expect(body.id).toBe(22);
  });

  it('changes nothing when run again', async () => {
    const before = await counts();
    const again = await run();
    expect(again.incidents).toEqual({ new: [], changed: [], unchanged: first.incidents.new, skipped: [] });
    expect(Object.values(again.written).every((n) => n === 0)).toBe(true);
    expect(await counts()).toEqual(before);
  });

  it('imports only the new and changed incidents after the original moved on', async () => {
    const client = new pg.Client({ connectionString: source.url });
    await client.connect();
    try {
      await client.query(`update response_incident set summary = 'Card auth fixed by rollback' where id = 2`);
      await client.query(`delete from response_pinnedmessage where timeline_event_id = 3`);
      await client.query(`delete from response_timelineevent where id = 3`);
      // An incident the original numbers 23 (22 is taken here by the one declared above).
      await client.query(
        `insert into response_incident (id, report, report_time, start_time, end_time, summary, impact, severity, lead_id, reporter_id, report_only, private)
         values (23, 'Search is slow', '2026-12-04 09:00:00', '2026-12-04 08:55:00', null, null, null, '3', 1, 2, false, false)`,
      );
      await client.query(`insert into response_event (id, "timestamp", event_type, payload) values (500, '2026-12-04 09:00:01', 'incident_event', '{"id": 23, "report": "Search is slow"}')`);
    } finally {
      await client.end();
    }
    const before = await counts();
    const next = await run();
    expect(next.incidents.new).toEqual([23]);
    expect(next.incidents.changed).toEqual([2]);
    expect(next.incidents.unchanged).toHaveLength(20);
    expect(next.written.events).toBe(1);
    expect((await t.api('GET', '/api/v1/incidents/2')).body.summary).toBe('Card auth fixed by rollback');
    const timeline = (await t.api('GET', '/api/v1/incidents/2/timeline')).body.results as any[];
    expect(timeline.map((e) => e.id).sort()).toEqual([1, 2]);
    const declared = (await t.api('GET', '/api/v1/incidents/23')).body;
    expect([declared.report, declared.severity, declared.start_time]).toEqual(['Search is slow', 'minor', '2026-12-04T13:55:00.000Z']);
    expect(await counts()).toEqual({ ...before, incidents: before.incidents + 1, timeline_events: before.timeline_events - 1, events: before.events + 1, import_sources: before.import_sources + 1 });
  });
});

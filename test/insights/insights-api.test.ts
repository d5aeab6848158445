/**
 * GET /api/v1/insights over HTTP: the new figures beside the old ones, the type and severity
 * filters, and 422s naming the parameter. The figures' arithmetic is in insights-figures.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { TestClock } from '../support/test-clock.js';

let t: TestApp;
const clock = new TestClock('2026-11-02T09:00:00Z');
beforeAll(async () => {
  t = await startTestApp({ clock });
  const a = await t.api('POST', '/api/v1/incidents', { report: 'Payments failing', severity: 'critical' });
  clock.advanceMinutes(12);
  expect((await t.api('POST', `/api/v1/incidents/${a.body.id}/updates`, { status: 'identified', message: 'A bad deploy' })).status).toBe(201);
  await t.api('POST', `/api/v1/incidents/${a.body.id}/actions`, { details: 'Add a canary' });
  clock.advanceMinutes(30);
  await t.api('POST', '/api/v1/incidents', { report: 'Slow logins', severity: 'minor' });
});
afterAll(() => t?.close());

const range = 'from=2026-11-01T00:00:00Z&to=2026-11-03T00:00:00Z';

describe('GET /api/v1/insights', () => {
  it('carries the response figures beside the counts and time to resolve', async () => {
    const res = await t.api('GET', `/api/v1/insights?${range}`);
    expect(res.status).toBe(200);
    const b = res.body;
    expect(Object.keys(b)).toEqual(
      expect.arrayContaining(['per_week', 'time_to_resolve', 'open_now', 'busiest_leads', 'time_to_first_update', 'time_to_identify', 'update_cadence', 'people', 'follow_ups', 'by_type', 'by_severity']),
    );
    expect(b.time_to_first_update.overall).toEqual({ count: 1, median_seconds: 720, p90_seconds: 720 });
    expect(b.time_to_first_update.by_severity[0]).toEqual({ severity: 'critical', count: 1, median_seconds: 720, p90_seconds: 720 });
    expect(b.time_to_identify.overall).toMatchObject({ count: 1, median_seconds: 720 });
    // critical's cadence is 15 minutes from declaration (no channel without Slack): 12 minutes is on cadence.
    expect(b.update_cadence).toMatchObject({ on_cadence: 1, late: 0, unscheduled: 0, late_by: { count: 0, median_seconds: null } });
    expect(b.follow_ups).toEqual({ created: 1, done: 0, open: 1, overdue: 0 });
    expect(b.by_type).toEqual([{ type: 'default', count: 2 }]);
    expect(b.by_severity.map((s: { severity: string }) => s.severity)).toEqual(['critical', 'major', 'minor', 'trivial', 'none']);
    expect(b.people).toEqual({ incidents: 0, distinct_people: 0, per_incident: { median: null, p90: null }, person_hours: { total: 0, median: null, p90: null } });
    expect(b).toMatchObject({ type: null, severity: null });
  });

  it('filters by type and severity', async () => {
    const minor = (await t.api('GET', `/api/v1/insights?${range}&severity=minor`)).body;
    expect(minor).toMatchObject({ severity: 'minor', time_to_first_update: { overall: { count: 0 } }, follow_ups: { created: 0 } });
    expect(minor.by_severity.find((s: { severity: string }) => s.severity === 'minor').count).toBe(1);
    expect(minor.by_severity.find((s: { severity: string }) => s.severity === 'critical').count).toBe(0);
    const byType = (await t.api('GET', `/api/v1/insights?${range}&type=default`)).body;
    expect(byType.by_type).toEqual([{ type: 'default', count: 2 }]);
  });

  it('documents the filters and the CSV export in the OpenAPI document', async () => {
    const doc = (await t.api('GET', '/api/v1/openapi.json')).body;
    const names = (path: string) => (doc.paths[path].get.parameters as { name: string }[]).map((p) => p.name);
    expect(names('/api/v1/insights')).toEqual(expect.arrayContaining(['from', 'to', 'type', 'severity']));
    expect(names('/api/v1/incidents.csv')).toEqual(expect.arrayContaining(['status', 'severity', 'type', 'q', 'from', 'to']));
    expect(names('/api/v1/incidents.csv')).not.toContain('cursor');
  });

  it('answers 422 naming a bad parameter', async () => {
    for (const [query, field] of [
      ['type=nope', 'type'],
      ['severity=sev9', 'severity'],
      ['severity=NOT%20A%20KEY', 'severity'],
      ['from=yesterday', 'from'],
      ['from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z', 'from'],
    ]) {
      const res = await t.api('GET', `/api/v1/insights?${query}`);
      expect(res.status, query).toBe(422);
      expect(JSON.stringify(res.body.error), query).toContain(field);
    }
  });
});

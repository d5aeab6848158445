import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachCommsChannel } from '../../src/core/channel/attach-comms-channel.js';
import { systemClock } from '../../src/core/shared/context.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const declare = async (body: Record<string, unknown>) => {
  const res = await t.api('POST', '/api/v1/incidents', body);
  expect(res.status).toBe(201);
  return res.body;
};

describe('declaring', () => {
  it('creates an incident with every documented field', async () => {
    const inc = await declare({ report: 'Checkout API returning 500s', summary: 'Payments fail', impact: 'All EU customers', severity: 'major', lead: 'U0ALICE', reporter: 'U0BOB' });
    expect(inc).toMatchObject({
      report: 'Checkout API returning 500s',
      summary: 'Payments fail',
      impact: 'All EU customers',
      severity: 'major',
      status: 'investigating',
      report_only: false,
      private: false,
      reporter: { slack_id: 'U0BOB', display_name: 'U0BOB', full_name: null },
      lead: { slack_id: 'U0ALICE' },
      end_time: null,
      comms_channel: null,
      doc_url: `http://localhost:0/incidents/${inc.id}`,
    });
    expect(typeof inc.duration_seconds).toBe('number');
    expect(new Date(inc.start_time).toISOString()).toBe(inc.start_time);
    const timeline = await t.api('GET', `/api/v1/incidents/${inc.id}/timeline`);
    expect(timeline.body.results.map((e: any) => e.event_type)).toEqual(['incident_declared']);
  });

  it('stores user text exactly as typed', async () => {
    const text = '<script>alert(1)</script> & <@U0ALICE> <https://x.example|link> "quotes"';
    const inc = await declare({ report: 'Escaping', summary: text });
    expect((await t.api('GET', `/api/v1/incidents/${inc.id}`)).body.summary).toBe(text);
  });

  it('report-only incidents start as reported', async () => {
    const inc = await declare({ report: 'Happened yesterday', report_only: true });
    expect(inc.status).toBe('reported');
  });

  it.each([
    [{}, 'report'],
    [{ report: '   ' }, 'report'],
    [{ report: 'x'.repeat(201) }, 'report'],
    [{ report: 'ok', severity: 'sev9' }, 'severity'],
    [{ report: 'ok', lead: 'not-a-user' }, 'lead'],
    [{ report: 'ok', colour: 'red' }, ''],
  ])('rejects %j with 422 naming the field', async (body, field) => {
    const res = await t.api('POST', '/api/v1/incidents', body);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('validation');
    if (field) expect(res.body.error.message).toContain(field);
  });

  it('answers malformed JSON with 400', async () => {
    const res = await t.api('POST', '/api/v1/incidents', '{"report": ');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('malformed');
  });

  it('answers a missing incident with 404 and a bad id with 422', async () => {
    expect((await t.api('GET', '/api/v1/incidents/999999')).status).toBe(404);
    expect((await t.api('GET', '/api/v1/incidents/abc')).status).toBe(422);
  });

  it('offers no DELETE: incidents are records', async () => {
    const inc = await declare({ report: 'Keep me' });
    const res = await t.api('DELETE', `/api/v1/incidents/${inc.id}`);
    expect(res.status).toBe(404);
    expect((await t.api('GET', `/api/v1/incidents/${inc.id}`)).status).toBe(200);
  });
});

describe('updating', () => {
  it('writes one incident_update entry per changed field, with old and new values and who', async () => {
    const inc = await declare({ report: 'Old title', severity: 'minor' });
    const res = await t.api('PATCH', `/api/v1/incidents/${inc.id}`, { report: 'New title', summary: 'Now we know', severity: 'critical', lead: 'U0BOB', status: 'identified' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ report: 'New title', summary: 'Now we know', severity: 'critical', lead: { slack_id: 'U0BOB' }, status: 'identified' });
    const entries = (await t.api('GET', `/api/v1/incidents/${inc.id}/timeline`)).body.results.filter((e: any) => e.event_type === 'incident_update');
    const byType = Object.fromEntries(entries.map((e: any) => [e.metadata.update_type, e]));
    expect(Object.keys(byType).sort()).toEqual(['incident_lead', 'incident_report', 'incident_severity', 'incident_status', 'incident_summary']);
    expect(byType.incident_severity.metadata).toEqual({ update_type: 'incident_severity', old_value: 'minor', new_value: 'critical' });
    expect(byType.incident_severity.text).toBe('Incident severity updated from minor to critical (by API token "test")');
    expect(byType.incident_report.text).toContain('Incident title updated from "Old title" to "New title"');
    expect(byType.incident_summary.text).toContain('Incident summary added: "Now we know"');
    expect(byType.incident_lead.text).toContain('<@U0BOB> was added as incident lead');
    expect(byType.incident_lead.actor).toMatchObject({ kind: 'api_token', tokenName: 'test' });
  });

  it('can unset a severity (the original could not)', async () => {
    const inc = await declare({ report: 'Unset me', severity: 'major' });
    const res = await t.api('PATCH', `/api/v1/incidents/${inc.id}`, { severity: null });
    expect(res.body.severity).toBeNull();
  });

  it('writes nothing when nothing changes', async () => {
    const inc = await declare({ report: 'Same', severity: 'major' });
    await t.api('PATCH', `/api/v1/incidents/${inc.id}`, { severity: 'major', report: 'Same' });
    const entries = (await t.api('GET', `/api/v1/incidents/${inc.id}/timeline`)).body.results;
    expect(entries).toHaveLength(1);
  });

  it('resolving stamps the end time, reopening clears it', async () => {
    const inc = await declare({ report: 'Lifecycle' });
    const closed = await t.api('PATCH', `/api/v1/incidents/${inc.id}`, { status: 'resolved' });
    expect(closed.body.status).toBe('resolved');
    expect(closed.body.end_time).not.toBeNull();
    const reopened = await t.api('PATCH', `/api/v1/incidents/${inc.id}`, { status: 'monitoring' });
    expect(reopened.body).toMatchObject({ status: 'monitoring', end_time: null });
  });

  it('setting an end time resolves; an end before the start is refused', async () => {
    const inc = await declare({ report: 'Times' });
    const start = '2026-11-20T08:00:00.000Z';
    const res = await t.api('PATCH', `/api/v1/incidents/${inc.id}`, { start_time: start, end_time: '2026-11-20T09:30:00Z' });
    expect(res.body).toMatchObject({ status: 'resolved', start_time: start, end_time: '2026-11-20T09:30:00.000Z', duration_seconds: 5400 });
    const bad = await t.api('PATCH', `/api/v1/incidents/${inc.id}`, { end_time: '2026-11-19T00:00:00Z' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.field).toBe('end_time');
  });

  it.each([
    [{ status: 'exploded' }, 'status'],
    [{ status: 'reported' }, 'status'],
    [{ start_time: 'yesterday' }, 'start_time'],
    [{ report: '' }, 'report'],
    [{ lead: 42 }, 'lead'],
  ])('rejects %j with 422', async (body, field) => {
    const inc = await declare({ report: 'Validate me' });
    const res = await t.api('PATCH', `/api/v1/incidents/${inc.id}`, body);
    expect(res.status).toBe(422);
    expect(res.body.error.message).toContain(field);
  });
});

describe('listing', () => {
  it('pages newest first across several pages without gaps or repeats', async () => {
    const fresh = await startTestApp();
    try {
      const ids: number[] = [];
      for (let i = 0; i < 7; i++) ids.push((await fresh.api('POST', '/api/v1/incidents', { report: `Incident ${i}` })).body.id);
      const seen: number[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res: any = await fresh.api('GET', `/api/v1/incidents?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        expect(res.status).toBe(200);
        seen.push(...res.body.results.map((i: any) => i.id));
        cursor = res.body.next;
        pages++;
      } while (cursor);
      expect(pages).toBe(3);
      expect(seen).toEqual([...ids].reverse());
    } finally {
      await fresh.close();
    }
  });

  it('filters by status, severity, text and start time', async () => {
    const a = await declare({ report: 'Database replica lag', severity: 'critical', summary: 'postgres falling behind' });
    const b = await declare({ report: 'Slow dashboard', severity: 'trivial' });
    await t.api('PATCH', `/api/v1/incidents/${b.id}`, { status: 'resolved' });
    const ids = async (query: string) => (await t.api('GET', `/api/v1/incidents?limit=200&${query}`)).body.results.map((i: any) => i.id);
    expect(await ids('severity=critical')).toContain(a.id);
    expect(await ids('severity=critical')).not.toContain(b.id);
    expect(await ids('status=resolved')).toContain(b.id);
    expect(await ids('status=open')).not.toContain(b.id);
    expect(await ids('status=open')).toContain(a.id);
    expect(await ids('q=replica')).toEqual([a.id]);
    expect(await ids('q=postg')).toEqual([a.id]);
    expect(await ids('q=' + encodeURIComponent('dash'))).toEqual([b.id]);
    expect(await ids('from=2100-01-01T00:00:00Z')).toEqual([]);
    expect(await ids(`to=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).toContain(a.id);
  });

  it('lists each incident exactly as it reads alone: people, comms channel, times and all', async () => {
    const full = await declare({ report: 'Listed like its doc', summary: 'sum', impact: 'imp', severity: 'minor', lead: 'U0ALICE', reporter: 'U0BOB' });
    await attachCommsChannel(t.app.core, { actor: { kind: 'system', job: 'test' }, clock: systemClock }, full.id, { channelId: 'C0LISTED', channelName: 'inc-listed' });
    await t.api('PATCH', `/api/v1/incidents/${full.id}`, { status: 'resolved' });
    const bare = await declare({ report: 'No lead, no channel' });
    const listed = (await t.api('GET', '/api/v1/incidents?limit=200')).body.results as any[];
    for (const id of [full.id, bare.id]) {
      const alone = (await t.api('GET', `/api/v1/incidents/${id}`)).body;
      // duration_seconds counts to now for an open incident, so it may tick between the two reads.
      const { duration_seconds: _d1, ...inList } = listed.find((i) => i.id === id);
      const { duration_seconds: _d2, ...read } = alone;
      expect(inList).toEqual(read);
    }
    expect(listed.find((i) => i.id === full.id)).toMatchObject({ lead: { slack_id: 'U0ALICE' }, reporter: { slack_id: 'U0BOB' }, comms_channel: { channel_id: 'C0LISTED', channel_name: 'inc-listed' }, status: 'resolved' });
    expect(listed.find((i) => i.id === full.id).end_time).not.toBeNull();
  });

  it('rejects bad paging and filter values with 422', async () => {
    for (const q of ['limit=0', 'limit=201', 'cursor=garbage', 'status=bogus', 'severity=huge', 'from=notadate']) {
      const res = await t.api('GET', `/api/v1/incidents?${q}`);
      expect(res.status, q).toBe(422);
    }
  });
});

describe('authentication', () => {
  it('refuses requests without a token, with an unknown token, or with a revoked one', async () => {
    const none = await fetch(`${t.baseUrl}/api/v1/incidents`);
    expect(none.status).toBe(401);
    expect(((await none.json()) as any).error.code).toBe('unauthenticated');
    expect((await t.api('GET', '/api/v1/incidents', undefined, { authorization: 'Bearer nope' })).status).toBe(401);
    const { createApiToken } = await import('../../src/core/token/create-token.js');
    const { revokeApiToken } = await import('../../src/core/token/manage-tokens.js');
    const ctx = { actor: { kind: 'system' as const, job: 'test' }, clock: t.app.clock };
    const { secret } = await createApiToken(t.app.core, ctx, 'short-lived');
    expect((await t.api('GET', '/api/v1/incidents', undefined, { authorization: `Bearer ${secret}` })).status).toBe(200);
    await revokeApiToken(t.app.core, ctx, 'short-lived');
    expect((await t.api('GET', '/api/v1/incidents', undefined, { authorization: `Bearer ${secret}` })).status).toBe(401);
  });

  it('checks auth before reading the body', async () => {
    const res = await fetch(`${t.baseUrl}/api/v1/incidents`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{bad json' });
    expect(res.status).toBe(401);
  });

  it('serves health, the OpenAPI document and the docs without a token', async () => {
    expect(await (await fetch(`${t.baseUrl}/healthz`)).json()).toEqual({ status: 'ok' });
    const spec = (await (await fetch(`${t.baseUrl}/api/v1/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/v1/incidents', '/api/v1/incidents/{id}', '/api/v1/incidents/{id}/actions', '/api/v1/incidents/{id}/timeline/{event_id}']));
    expect((await fetch(`${t.baseUrl}/api/docs/`)).status).toBe(200);
  });
});

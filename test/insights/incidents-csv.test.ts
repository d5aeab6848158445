/**
 * GET /api/v1/incidents.csv through the running app: every field, RFC 4180 quoting, formula
 * injection kept as text, the list's filters and privacy rule, and paging through more incidents
 * than one page of the list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvField } from '../../src/http/presenters/present-incident-csv.js';
import type { SlackTestApp } from '../support/slack-test-app.js';
import { signIn, startSignInApp, type Jar } from '../support/web-session.js';

/** An RFC 4180 reader, written from the RFC (quoted fields, "" inside them, CRLF records). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  expect(field).toBe(''); // the last record ends with CRLF
  return rows;
}

let t: SlackTestApp;
const csv = async (query = '', jar?: Jar) => {
  const res = await fetch(`${t.baseUrl}/api/v1/incidents.csv${query}`, { headers: jar ? { cookie: jar.header() } : { authorization: `Bearer ${t.token}` } });
  const text = await res.text();
  return { res, text, rows: res.status === 200 ? parseCsv(text) : [] };
};
const asObjects = (rows: string[][]) => rows.slice(1).map((r) => Object.fromEntries(rows[0]!.map((h, i) => [h, r[i]])));

beforeAll(async () => {
  t = await startSignInApp();
});
afterAll(() => t?.close());

describe('the incident list as CSV', () => {
  it('writes every field, quotes per RFC 4180 and keeps formulas as text', async () => {
    const a = await t.api('POST', '/api/v1/incidents', {
      report: '=HYPERLINK("http://evil.example","click")',
      summary: 'Payments, refunds and "chargebacks"\r\nall failing',
      impact: '@SUM(A1:A9)',
      severity: 'critical',
      lead: 'U0CAROL',
      reporter: 'U0ALICE',
    });
    expect(a.status).toBe(201);
    const b = await t.api('POST', '/api/v1/incidents', { report: '-1+2 slow logins', summary: '+44 numbers failing', severity: 'minor' });
    await t.api('PATCH', `/api/v1/incidents/${b.body.id}`, { status: 'resolved', end_time: new Date(Date.parse(b.body.start_time) + 3_720_000).toISOString() });

    await t.settle(); // the comms channels are created
    const { res, rows } = await csv();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="incidents-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(rows[0]).toEqual([
      'id', 'report', 'severity', 'severity_label', 'type', 'type_label', 'status', 'private', 'report_only', 'reporter', 'reporter_slack_id', 'lead', 'lead_slack_id',
      'roles', 'report_time', 'start_time', 'end_time', 'duration_seconds', 'duration', 'comms_channel', 'comms_channel_url', 'doc_url', 'summary', 'impact', 'created_at', 'updated_at',
    ]);
    const byId = new Map(asObjects(rows).map((r) => [Number(r.id), r]));
    const first = byId.get(a.body.id)!;
    expect(first).toMatchObject({
      report: `'=HYPERLINK("http://evil.example","click")`,
      summary: 'Payments, refunds and "chargebacks"\r\nall failing',
      impact: "'@SUM(A1:A9)",
      severity: 'critical',
      severity_label: 'Critical',
      type: 'default',
      type_label: 'Default',
      status: 'investigating',
      private: 'false',
      reporter_slack_id: 'U0ALICE',
      lead_slack_id: 'U0CAROL',
      end_time: '',
      doc_url: `${a.body.doc_url}`,
    });
    // The same channel and link as the JSON (a channel is made for an incident declared through the API when Slack is set up).
    const json = (await t.api('GET', `/api/v1/incidents/${a.body.id}`)).body;
    expect(first.comms_channel).toBe(json.comms_channel ? `#${json.comms_channel.channel_name}` : '');
    expect(first.comms_channel_url).toBe(json.comms_channel?.url ?? '');
    expect(first.roles).toMatch(/: .*\(U0CAROL\)$/);
    const second = byId.get(b.body.id)!;
    expect(second).toMatchObject({ report: "'-1+2 slow logins", summary: "'+44 numbers failing", status: 'resolved', duration_seconds: '3720', duration: '1 hr 2 mins' });
    // Newest first, as the list.
    expect(asObjects(rows).map((r) => Number(r.id))).toEqual((await t.api('GET', '/api/v1/incidents?limit=200')).body.results.map((i: { id: number }) => i.id));
  });

  it('quotes and defuses single fields exactly', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('=1,2')).toBe(`"'=1,2"`);
    expect(csvField('\t=cmd')).toBe("'\t=cmd");
    expect(csvField(null)).toBe('');
    expect(csvField(42)).toBe('42');
    expect(csvField(false)).toBe('false');
  });

  it('honours the list filters, and refuses bad ones in JSON naming the parameter', async () => {
    const minor = await csv('?severity=minor');
    expect(asObjects(minor.rows).map((r) => r.severity)).toEqual(['minor']);
    const resolved = await csv('?status=resolved');
    expect(asObjects(resolved.rows).every((r) => r.status === 'resolved')).toBe(true);
    const search = await csv('?q=logins');
    expect(asObjects(search.rows).map((r) => r.report)).toEqual(["'-1+2 slow logins"]);
    const bad = await csv('?severity=sev9');
    expect(bad.res.status).toBe(422);
    expect(JSON.parse(bad.text).error).toMatchObject({ field: 'severity' });
    const badStatus = await csv('?status=sleeping');
    expect(badStatus.res.status).toBe(422);
    expect(badStatus.text).toContain('status');
  });

  it('leaves out private incidents the caller may not see, as the list does', async () => {
    const secret = await t.api('POST', '/api/v1/incidents', { report: 'Leaked key', private: true, lead: 'U0BOB' });
    expect(secret.status).toBe(201);
    const alice = (await signIn(t, '/', 'U0ALICE')).jar; // in the workspace, not in the incident
    const bob = (await signIn(t, '/', 'U0BOB')).jar; // its lead
    const aliceIds = asObjects((await csv('', alice)).rows).map((r) => Number(r.id));
    expect(aliceIds).not.toContain(secret.body.id);
    expect(aliceIds.length).toBeGreaterThan(0);
    const bobRows = asObjects((await csv('', bob)).rows);
    expect(bobRows.find((r) => Number(r.id) === secret.body.id)).toMatchObject({ report: 'Leaked key', private: 'true', lead_slack_id: 'U0BOB' });
  });

  it('pages through more incidents than one page of the list, each once', async () => {
    await t.app.database.query(
      `insert into incidents (report, severity, type, status, report_time, start_time)
       select 'Bulk ' || n, 'trivial', 'default', 'investigating', now() - n * interval '1 minute', now() - n * interval '1 minute' from generate_series(1, 450) n`,
    );
    const { rows } = await csv('?severity=trivial');
    const ids = asObjects(rows).map((r) => Number(r.id));
    expect(ids).toHaveLength(450);
    expect(new Set(ids).size).toBe(450);
    expect(asObjects(rows).map((r) => r.report)).toEqual(Array.from({ length: 450 }, (_, i) => `Bulk ${i + 1}`));
  });
});

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importResponseCommand } from '../../src/main/cli/import-response-command.js';
import type { CliIo } from '../../src/main/cli/types.js';
import type { Database } from '../../src/store/database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { freshDatabase } from '../support/test-database.js';
import { responseSourceDatabase, sourceServerUrl } from './response-source.js';

const SERVER = sourceServerUrl();
// The importer reads a real PostgreSQL (Response's database); without one to load the dump into, skip.
const suite = SERVER ? describe : describe.skip;

const TABLES = ['incidents', 'users', 'comms_channels', 'headline_posts', 'timeline_events', 'actions', 'participants', 'events', 'import_sources'];

suite('import response: dry run, incidents declared here, databases that are not Response', () => {
  let t: TestApp;
  let source: { url: string; drop: () => Promise<void> };
  let other: { url: string | null; drop: () => Promise<void> };

  /** Runs the CLI command as `npm run cli` would, against the test app's database (left open). */
  async function cli(...args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const database: Database = { ...t.app.database, close: async () => {} };
    const io: CliIo = { env: { TIMEZONE: 'UTC' }, openDatabase: async () => database, acquireEmbeddedLock: () => () => {} };
    const code = await importResponseCommand({ log: (l) => out.push(l), error: (l) => err.push(l) }).run(['import', 'response', ...args], io);
    return { code, out: out.join('\n'), err: err.join('\n') };
  }
  const counts = async () =>
    Promise.all(TABLES.map(async (table) => (await t.app.database.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0]?.n));

  beforeAll(async () => {
    source = await responseSourceDatabase(SERVER as string);
    other = await freshDatabase(SERVER as string);
    t = await startTestApp();
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await source?.drop();
    await other?.drop();
  });

  it('refuses a database that is not Response, naming what is missing', async () => {
    const before = await counts();
    const { code, err } = await cli('--from', other.url as string);
    expect(code).toBe(1);
    expect(err).toContain('This is not a Response database');
    expect(err).toContain('table django_migrations');
    expect(err).toContain('table response_incident');
    expect(err).not.toMatch(/\n\s+at /);
    expect(await counts()).toEqual(before);
  });

  it('says so when the URL is wrong or the server unreachable', async () => {
    expect(await cli('--from', 'not a url')).toMatchObject({ code: 1, err: expect.stringContaining('--from is not a URL') });
    expect(await cli('--from', 'mysql://localhost/response')).toMatchObject({ code: 1, err: expect.stringContaining('must be a postgres:// URL') });
    expect(await cli('--from', 'postgres://postgres@127.0.0.1:1/response')).toMatchObject({ code: 1, err: expect.stringContaining('Cannot connect to the Response database at 127.0.0.1:1/response') });
    expect(await cli()).toMatchObject({ code: 2, err: expect.stringContaining('--from is required') });
    expect(await cli('--from', source.url, '--timezone', 'Mars/Olympus')).toMatchObject({ code: 2, err: expect.stringContaining('--timezone must be an IANA time zone') });
  });

  it('prints counts and problems on a dry run, and writes nothing', async () => {
    // Incident 1 is declared here first: the import must never overwrite it.
    expect((await t.api('POST', '/api/v1/incidents', { report: 'Ours, not the original' })).body.id).toBe(1);
    // Alice is known here already (from Slack), without a full name or email.
    await t.app.database.query(`insert into users (slack_id, display_name) values ('U0ALICE', 'Alice (Slack)')`);
    const before = await counts();
    const { code, out } = await cli('--from', source.url, '--dry-run');
    expect(code).toBe(0);
    expect(out).toContain('Dry run: nothing was written.');
    expect(out).toContain('incidents: 20 to write (21 in the source)');
    expect(out).toContain('timeline events: 44 to write (44 in the source)');
    expect(out).toContain('users: 3 to write (3 in the source)');
    expect(out).toContain('Incidents: 20 new, 0 changed, 0 unchanged, 1 skipped.');
    expect(out).toContain('Incident 1 ("Payments are failing") was skipped: incident 1 was declared here');
    expect(out).toContain('21 headline posts were not imported: give --headline-channel');
    expect(await counts()).toEqual(before);
  });

  it('imports the rest and leaves the incident declared here alone', async () => {
    const { code, out } = await cli('--from', source.url, '--headline-channel', 'C0INCIDENTS');
    expect(code).toBe(0);
    expect(out).toContain('Incidents: 20 new, 0 changed, 0 unchanged, 1 skipped.');
    expect((await t.api('GET', '/api/v1/incidents/1')).body.report).toBe('Ours, not the original');
    expect((await t.api('GET', '/api/v1/incidents/2')).body.report).toBe('Card auth is timing out #101');
    const [alice] = await t.app.database.query(`select display_name, full_name, email from users where slack_id = 'U0ALICE'`);
    expect(alice).toEqual({ display_name: 'Alice (Slack)', full_name: 'Alice Archer', email: 'alice@example.com' });
    const again = await cli('--from', source.url, '--headline-channel', 'C0INCIDENTS');
    expect(again.out).toContain('Incidents: 0 new, 0 changed, 20 unchanged, 1 skipped.');
    expect((await t.api('GET', '/api/v1/incidents/1')).body.report).toBe('Ours, not the original');
  });

  it('never leaves half an incident when one of its rows fails', async () => {
    const client = new pg.Client({ connectionString: source.url });
    await client.connect();
    try {
      await client.query(`alter table response_action alter column details drop not null`);
      await client.query(
        `insert into response_incident (id, report, report_time, start_time, end_time, summary, impact, severity, lead_id, reporter_id, report_only, private)
         values (40, 'Broken import', '2026-12-04 09:00:00', '2026-12-04 09:00:00', null, null, null, '2', 1, 1, false, false)`,
      );
      await client.query(`insert into response_commschannel (id, channel_id, incident_id, channel_name) values (40, 'C40', 40, 'inc-broken')`);
      await client.query(`insert into response_action (id, details, done, incident_id, user_id, created_date) values (40, null, false, 40, 1, '2026-12-04 09:01:00')`);
    } finally {
      await client.end();
    }
    const before = await counts();
    const { code, out } = await cli('--from', source.url, '--headline-channel', 'C0INCIDENTS');
    expect(code).toBe(0);
    expect(out).toContain('Incident 40 was not imported (');
    expect(out).toContain('Incidents: 0 new, 0 changed, 20 unchanged, 2 skipped.');
    expect((await t.api('GET', '/api/v1/incidents/40')).status).toBe(404);
    const [channel] = await t.app.database.query(`select 1 from comms_channels where channel_id = 'C40'`);
    expect(channel).toBeUndefined();
    expect(await counts()).toEqual(before);
  });
});

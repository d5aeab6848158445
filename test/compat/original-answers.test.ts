import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importResponse } from '../../src/store/import/response/import-response.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { TestClock } from '../support/test-clock.js';
import { exported, responseSourceDatabase, sourceServerUrl } from '../import/response-source.js';
import { fromOriginal, fromOriginalAction, fromOriginalIncident, fromOriginalTimelineEvent, toMilliseconds } from './normalise.js';

const SERVER = sourceServerUrl();
// The importer reads a real PostgreSQL (Response's database); without one to load the dump into, skip.
const suite = SERVER ? describe : describe.skip;

// The dump's naive times are the original's wall clock (its demo runs with TIME_ZONE = "UTC" and
// USE_TZ = False: the stored `+00` values carry the same digits as its API printed). Read them in a
// zone (--timezone) and print them in the same zone (TIMEZONE) and they are the original's digits
// again, whichever zone it is. New York rather than UTC, so that a time read or printed in the wrong
// zone (UTC being the default of both) cannot pass.
const ZONE = 'America/New_York';

suite("Response's API, still answered: the real dump through /core/, compared with the original's answers", () => {
  let t: TestApp;
  let source: { url: string; drop: () => Promise<void> };
  const clock = new TestClock('2026-12-03T12:00:00Z');

  beforeAll(async () => {
    source = await responseSourceDatabase(SERVER as string);
    t = await startTestApp({ env: { TIMEZONE: ZONE }, clock });
    const report = await importResponse(t.app.database, { from: source.url, timeZone: ZONE, dryRun: false, headlineChannelId: 'C0INCIDENTS' });
    expect(report.problems).toEqual([]);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await source?.drop();
  });

  const get = async (path: string) => {
    const { status, body } = await t.api('GET', path);
    expect(status, `GET ${path}: ${JSON.stringify(body)}`).toBe(200);
    return body;
  };

  it('answers /core/incidents/ as the original did, whole objects in the same order', async () => {
    const original = exported('incidents.json');
    expect(await get('/core/incidents/?limit=1000')).toEqual(fromOriginal(original, fromOriginalIncident));
  });

  it('answers /core/incidents/bymonth/2026/12/ as the original did', async () => {
    const original = exported('incidents-bymonth-2026-12.json');
    expect(original.count).toBe(21);
    expect(await get('/core/incidents/bymonth/2026/12/?limit=1000')).toEqual(fromOriginal(original, fromOriginalIncident));
    // November on the same calendar has none.
    expect(await get('/core/incidents/bymonth/2026/11/')).toEqual({ count: 0, next: null, previous: null, results: [] });
  });

  it('answers each /core/incidents/{id}/ as the original listed it', async () => {
    for (const o of exported('incidents.json').results) {
      expect(await get(`/core/incidents/${o.id}/`), `incident ${o.id}`).toEqual(fromOriginalIncident(o));
    }
  });

  it("answers each incident's timeline and actions as the original did, and each entry and action alone", async () => {
    const perIncident = exported('incident-timelines-and-actions.json') as any[];
    expect(perIncident).toHaveLength(21);
    for (const { incident, timeline, actions } of perIncident) {
      expect(await get(`/core/incidents/${incident}/timeline/events/?limit=1000`), `timeline of ${incident}`).toEqual(fromOriginal(timeline, fromOriginalTimelineEvent));
      expect(await get(`/core/incidents/${incident}/actions/?limit=1000`), `actions of ${incident}`).toEqual(fromOriginal(actions, fromOriginalAction));
      for (const e of timeline.results) expect(await get(`/core/incidents/${incident}/timeline/events/${e.id}/`)).toEqual(fromOriginalTimelineEvent(e));
      for (const a of actions.results) expect(await get(`/core/incidents/${incident}/actions/${a.id}/`)).toEqual(fromOriginalAction(a));
    }
  });

  it('answers /core/actions/ and each /core/actions/{id}/ as the original did', async () => {
    const original = exported('actions.json');
    expect(await get('/core/actions/?limit=1000')).toEqual(fromOriginal(original, fromOriginalAction));
    for (const a of original.results) expect(await get(`/core/actions/${a.id}/`)).toEqual(fromOriginalAction(a));
  });

  it('answers /core/users/ as the original did', async () => {
    expect(await get('/core/users/')).toEqual(exported('users.json'));
  });

  it('answers /core/events/ over the dump’s days as the original did, payloads as it wrote them', async () => {
    const original = exported('events.json');
    expect(original.count).toBe(83);
    // Naive bounds, on TIMEZONE's wall clock like the original's.
    expect(await get('/core/events/?from=2026-12-01&to=2026-12-31T23:59:59&limit=1000')).toEqual(
      fromOriginal(original, (e: any) => ({ ...e, timestamp: toMilliseconds(e.timestamp) })),
    );
  });

  it('answers /core/events/ without from/to with the last day, as the original did', async () => {
    // The dump's events are at 06:56 in New York (11:56Z) on 3 December 2026.
    clock.set('2026-12-03T12:00:00Z');
    expect((await get('/core/events/')).count).toBe(83);
    clock.set('2026-12-04T11:50:00Z');
    expect((await get('/core/events/')).count).toBe(83);
    clock.set('2026-12-04T12:00:00Z');
    expect(await get('/core/events/')).toEqual({ count: 0, next: null, previous: null, results: [] });
    // `from` alone runs to now; `to` alone from a day before now.
    const late = await get('/core/events/?from=2026-12-03T06:56:40');
    expect(late.count).toBeGreaterThan(0);
    expect(late.count).toBeLessThan(83);
    expect(late.results.every((e: any) => e.timestamp >= '2026-12-03T06:56:40')).toBe(true);
    expect((await get('/core/events/?to=2026-12-03T06:56:40')).count).toBe(0);
    clock.set('2026-12-03T12:00:00Z');
    expect((await get('/core/events/?to=2026-12-03T06:56:40')).count).toBe(83 - late.count);
  });
  it('pages by limit and offset with links as DRF writes them (absolute, query sorted, limit kept)', async () => {
    const all = (await get('/core/incidents/?limit=1000')).results.map((i: any) => i.id);
    const base = `${t.baseUrl}/core/incidents/`;
    const first = await get('/core/incidents/?limit=5');
    expect([first.count, first.results.map((i: any) => i.id), first.next, first.previous]).toEqual([21, all.slice(0, 5), `${base}?limit=5&offset=5`, null]);
    const second = await get(first.next.slice(t.baseUrl.length));
    expect([second.results.map((i: any) => i.id), second.next, second.previous]).toEqual([all.slice(5, 10), `${base}?limit=5&offset=10`, `${base}?limit=5`]);
    expect((await get('/core/incidents/?offset=7&limit=5')).previous).toBe(`${base}?limit=5&offset=2`);
    // Other parameters are kept, and the keys sorted.
    expect((await get('/core/incidents/?offset=5&limit=5&format=json')).next).toBe(`${base}?format=json&limit=5&offset=10`);
    // The default limit is 100: it shows in the links.
    const shifted = await get('/core/incidents/?offset=1');
    expect([shifted.results.length, shifted.next, shifted.previous]).toEqual([20, null, `${base}?limit=100`]);
    // Walking `next` visits every incident once.
    const seen: number[] = [];
    for (let path: string | null = '/core/incidents/?limit=4'; path; ) {
      const page: any = await get(path.startsWith('http') ? path.slice(t.baseUrl.length) : path);
      seen.push(...page.results.map((i: any) => i.id));
      path = page.next;
    }
    expect(seen).toEqual(all);
    const last = await get('/core/incidents/?limit=5&offset=20');
    expect([last.results.length, last.next]).toEqual([1, null]);
    expect(await get('/core/incidents/?offset=50')).toEqual({ count: 21, next: null, previous: `${base}?limit=100`, results: [] });
  });

  it('builds links from the host and scheme the client used (behind a proxy too)', async () => {
    const { body } = await t.api('GET', '/core/actions/?limit=10', undefined, { 'x-forwarded-host': 'incidents.example.com', 'x-forwarded-proto': 'https' });
    expect(body.next).toBe('https://incidents.example.com/core/actions/?limit=10&offset=10');
    const timeline = await get('/core/incidents/2/timeline/events/?limit=1&offset=1');
    expect([timeline.count, timeline.results.map((e: any) => e.id), timeline.next, timeline.previous]).toEqual([3, [2], `${t.baseUrl}/core/incidents/2/timeline/events/?limit=1&offset=2`, `${t.baseUrl}/core/incidents/2/timeline/events/?limit=1`]);
  });

  it('pages users by number, 500 a page unless page_size says', async () => {
    const base = `${t.baseUrl}/core/users/`;
    const first = await get('/core/users/?page_size=2');
    expect([first.count, first.results.map((u: any) => u.external_id), first.next, first.previous]).toEqual([3, ['U0ALICE', 'U0BOB'], `${base}?page=2&page_size=2`, null]);
    const second = await get('/core/users/?page=2&page_size=2');
    expect([second.results.map((u: any) => u.external_id), second.next, second.previous]).toEqual([['U0CAROL'], null, `${base}?page_size=2`]);
    const { status, body } = await t.api('GET', '/core/users/?page=3&page_size=2');
    expect([status, body.detail, body.error.field]).toEqual([404, 'Invalid page.', 'page']);
  });
});

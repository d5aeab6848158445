import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Input PostgreSQL cannot take (ids past `integer`, NUL, year 0000, hand-made cursors) is a 422
// naming the field on both databases, and search treats `%` and `_` as the characters they are.
let t: TestApp;
let incident: number;
beforeAll(async () => {
  t = await startTestApp();
  incident = (await t.api('POST', '/api/v1/incidents', { report: 'Checkout: 100% of payments fail' })).body.id;
  await t.api('POST', '/api/v1/incidents', { report: 'Search is slow' });
});
afterAll(() => t?.close());

const expectFieldError = (res: { status: number; body: any }, field: string) => {
  expect(res.status, JSON.stringify(res.body)).toBe(422);
  expect(res.body.error.field).toBe(field);
  expect(res.body.error.message).toContain(field);
};

describe('ids', () => {
  it('2³¹ and more on every {id} route is a 422 naming the parameter; the largest integer is a plain 404', async () => {
    for (const path of ['/api/v1/incidents/2147483648', '/api/v1/incidents/99999999999/timeline', '/api/v1/incidents/2147483648/actions', '/api/v1/incidents/2147483648/postmortem.md'])
      expectFieldError(await t.api('GET', path), 'id');
    expectFieldError(await t.api('PATCH', `/api/v1/incidents/${incident}/actions/2147483648`, { done: true }), 'action_id');
    expectFieldError(await t.api('DELETE', `/api/v1/incidents/${incident}/timeline/9007199254740993`), 'event_id');
    expect((await t.api('GET', '/api/v1/incidents/2147483647')).status).toBe(404);
    expect((await t.api('PATCH', `/api/v1/incidents/${incident}/actions/2147483647`, { done: true })).status).toBe(404);
  });

  it('an id written any other way than digits is not an id', async () => {
    for (const id of ['1e3', '0x10', '-1', '0', '%20' + incident, '1.5']) expectFieldError(await t.api('GET', `/api/v1/incidents/${id}`), 'id');
  });
});

describe('the NUL character', () => {
  it('is refused in text fields, JSON metadata (at any depth) and path parameters, naming the field', async () => {
    expectFieldError(await t.api('POST', '/api/v1/incidents', { report: 'a\u0000b' }), 'report');
    expectFieldError(await t.api('PATCH', `/api/v1/incidents/${incident}`, { summary: '\u0000' }), 'summary');
    expectFieldError(await t.api('POST', `/api/v1/incidents/${incident}/actions`, { details: 'x\u0000' }), 'details');
    const res = await t.api('POST', `/api/v1/incidents/${incident}/timeline`, { text: 'ok', metadata: { a: [{ b: 'c\u0000' }] } });
    expectFieldError(res, 'metadata.a.0.b');
    expectFieldError(await t.api('GET', '/api/v1/users/U0%00ALICE'), 'slack_id');
    expectFieldError(await t.api('GET', '/api/v1/incidents?q=a%00b'), 'q');
    // Nothing half-written: the incident is as it was.
    expect((await t.api('GET', `/api/v1/incidents/${incident}`)).body.summary).toBeNull();
  });
});

describe('dates', () => {
  it('year 0000 (no such year in PostgreSQL) is a 422 on from, to and the timestamps; 0001 and 9999 work', async () => {
    expectFieldError(await t.api('GET', '/api/v1/incidents?from=0000-01-01T00:00:00Z'), 'from');
    expectFieldError(await t.api('GET', '/api/v1/events?to=0000-12-31T23:59:59Z'), 'to');
    expectFieldError(await t.api('POST', `/api/v1/incidents/${incident}/timeline`, { text: 'x', timestamp: '0000-06-01T00:00:00Z' }), 'timestamp');
    expectFieldError(await t.api('POST', `/api/v1/incidents/${incident}/actions`, { details: 'x', due_date: '0000-01-01' }), 'due_date');
    const ok = await t.api('GET', '/api/v1/incidents?from=0001-01-01T00:00:00Z&to=9999-12-31T23:59:59Z');
    expect(ok.status).toBe(200);
    expect(ok.body.results).toHaveLength(2);
  });
});

describe('search', () => {
  it('q=% and q=_ are the characters, not LIKE wildcards', async () => {
    const titles = async (q: string) => (await t.api('GET', `/api/v1/incidents?q=${encodeURIComponent(q)}`)).body.results.map((i: any) => i.report);
    expect(await titles('%')).toEqual(['Checkout: 100% of payments fail']);
    expect(await titles('_')).toEqual([]);
    expect(await titles('slow')).toEqual(['Search is slow']);
    expect(await titles('  ')).toHaveLength(2);
    const users = await t.api('GET', '/api/v1/users?q=%25');
    expect(users.status).toBe(200);
    expect(users.body.results).toEqual([]);
  });
});

describe('cursors', () => {
  it('a hand-made cursor that SQL could not take is a 422 on cursor', async () => {
    const cursor = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    expectFieldError(await t.api('GET', `/api/v1/incidents?cursor=${cursor(['0000-01-01T00:00:00Z', 1])}`), 'cursor');
    expectFieldError(await t.api('GET', `/api/v1/incidents?cursor=${cursor(['not a date', 1])}`), 'cursor');
    expectFieldError(await t.api('GET', `/api/v1/incidents?cursor=${cursor(['2026-01-01T00:00:00Z', 2 ** 31])}`), 'cursor');
    expectFieldError(await t.api('GET', `/api/v1/incidents/${incident}/actions?cursor=${cursor([1e300])}`), 'cursor');
    expectFieldError(await t.api('GET', `/api/v1/users?cursor=${cursor(['a\u0000', 1])}`), 'cursor');
  });
});

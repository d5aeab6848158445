/**
 * A team's own severity scale (response.config.ts `severities`): the API validates against it and
 * lists it, insights order by it, a severity private by default makes declarations private, and an
 * old incident keeps a severity removed from the config, still readable and editable around.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_INCIDENT_PROCESS } from '../../src/core/shared/incident-process.js';
import { parseIncidentProcess } from '../../src/config/incident-process.js';
import { SCALE } from './scale.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('configured severities through the API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ appOptions: { process: SCALE } });
  });
  afterAll(() => t?.close());

  it('lists the scale most severe first, with what each implies', async () => {
    const { status, body } = await t.api('GET', '/api/v1/severities');
    expect(status).toBe(200);
    expect(body.results.map((s: { key: string }) => s.key)).toEqual(['sev1', 'sev2', 'sev3']);
    expect(body.results[0]).toEqual({ key: 'sev1', label: 'SEV1 Critical', emoji: '🔴', rank: 1, description: 'Everyone is affected', private_by_default: true, auto_create_channel: true });
    expect(body.results[2]).toMatchObject({ private_by_default: false, auto_create_channel: null });
  });

  it('takes a configured key and refuses any other, naming the field and the choices', async () => {
    const ok = await t.api('POST', '/api/v1/incidents', { report: 'Search is slow', severity: 'sev2' });
    expect(ok.status).toBe(201);
    expect(ok.body.severity).toBe('sev2');
    for (const bad of ['major', 'SEV2', 'sev9']) {
      const r = await t.api('POST', '/api/v1/incidents', { report: 'Nope', severity: bad });
      expect(r.status, bad).toBe(422);
      expect(JSON.stringify(r.body), bad).toMatch(/severity/);
    }
    const refused = await t.api('PATCH', `/api/v1/incidents/${ok.body.id}`, { severity: 'critical' });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ field: 'severity' });
    expect(refused.body.error.message).toContain('must be one of sev1, sev2, sev3');
    expect((await t.api('GET', '/api/v1/incidents?severity=sev2')).body.results.map((i: { id: number }) => i.id)).toContain(ok.body.id);
    expect((await t.api('GET', '/api/v1/incidents?severity=major')).status).toBe(422);
  });

  it('makes an incident of a severity private by default private, unless the declarer says otherwise', async () => {
    const byDefault = await t.api('POST', '/api/v1/incidents', { report: 'Card data exposure', severity: 'sev1' });
    expect(byDefault.body.private).toBe(true);
    const chosen = await t.api('POST', '/api/v1/incidents', { report: 'Whole site down', severity: 'sev1', private: false });
    expect(chosen.body.private).toBe(false);
    const other = await t.api('POST', '/api/v1/incidents', { report: 'Typo on the home page', severity: 'sev3' });
    expect(other.body.private).toBe(false);
  });

  it('keeps a severity removed from the config on old incidents: shown, kept through edits, counted after the scale', async () => {
    const { body: old } = await t.api('POST', '/api/v1/incidents', { report: 'From before the new scale', severity: 'sev3' });
    // As if declared under an earlier config whose scale had "major".
    await t.app.database.query(`update incidents set severity = 'major' where id = ${Number(old.id)}`);
    expect((await t.api('GET', `/api/v1/incidents/${old.id}`)).body.severity).toBe('major');
    const edited = await t.api('PATCH', `/api/v1/incidents/${old.id}`, { report: 'From before the new scale (renamed)', severity: 'major' });
    expect(edited.status).toBe(200);
    expect(edited.body.severity).toBe('major');
    const doc = await t.api('GET', `/api/v1/incidents/${old.id}/postmortem.md`);
    expect(doc.body).toContain('**Severity:** ❔ Major');

    const { body: insights } = await t.api('GET', '/api/v1/insights');
    expect(insights.open_now.map((r: { severity: string }) => r.severity)).toEqual(['sev1', 'sev2', 'sev3', 'major', 'none']);
    expect(insights.open_now.find((r: { severity: string }) => r.severity === 'major').count).toBe(1);
    expect(insights.per_week.at(-1)).toMatchObject({ sev1: 2, sev2: 1, major: 1 });

    const moved = await t.api('PATCH', `/api/v1/incidents/${old.id}`, { severity: 'sev2' });
    expect(moved.body.severity).toBe('sev2');
    // Once moved off, the old key can't be chosen again.
    expect((await t.api('PATCH', `/api/v1/incidents/${old.id}`, { severity: 'major' })).status).toBe(422);
  });
});

describe('the severity scale in response.config.ts', () => {
  const problems = (settings: unknown) => {
    try {
      parseIncidentProcess(settings, 'response.config.ts');
      return [];
    } catch (err) {
      return (err as { problems: string[] }).problems;
    }
  };

  it('defaults to critical, major, minor and trivial', () => {
    expect(parseIncidentProcess({}, 'x').severities.map((s) => [s.key, s.rank])).toEqual([
      ['critical', 1],
      ['major', 2],
      ['minor', 3],
      ['trivial', 4],
    ]);
    expect(DEFAULT_INCIDENT_PROCESS.statusUpdates.cadenceMinutes).toEqual({ critical: 15, major: 30, minor: 60, trivial: null });
  });

  it('names each mistake', () => {
    expect(problems({ severities: [] })).toEqual(['response.config.ts: severities must list at least one severity']);
    expect(problems({ severities: [{ key: 'a', label: 'A', emoji: '🔴', rank: 1 }, { key: 'a', label: 'B', emoji: '🟠', rank: 1 }] })).toEqual([
      'response.config.ts: severities must not repeat a key',
      'response.config.ts: severities must not repeat a rank',
    ]);
    expect(problems({ severities: [{ key: 'none', label: 'None', emoji: '⚪', rank: 1 }] })).toEqual(['response.config.ts: severities.0.key must not be none, week or week_start (reserved)']);
    expect(problems({ severities: [{ key: 'sev1', label: 'S1', emoji: '🔴', rank: 1 }], statusUpdates: { cadenceMinutes: { critical: 15 } } })).toEqual([
      'response.config.ts: statusUpdates.cadenceMinutes.critical is not a configured severity (severities: sev1)',
    ]);
  });

  it('drops the default cadences of default severities a custom scale leaves out', () => {
    expect(SCALE.statusUpdates.cadenceMinutes).toEqual({ sev1: 10, sev2: 30 });
  });
});

/**
 * Each insights figure computed over a seeded set whose answers are worked out by hand (PostgreSQL
 * with DATABASE_URL, else the embedded database). Everything is seeded through the core verbs with a
 * clock moved by hand, so every time below is exact.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { addAction } from '../../src/core/action/add-action.js';
import { attachCommsChannel } from '../../src/core/channel/attach-comms-channel.js';
import { recordChannelMembership } from '../../src/core/channel/record-channel-membership.js';
import { declareIncident } from '../../src/core/incident/declare.js';
import { updateIncident } from '../../src/core/incident/update.js';
import { getInsights } from '../../src/core/insights/get-insights.js';
import type { InsightsAnswer } from '../../src/core/insights/ports.js';
import { recordParticipantMessage } from '../../src/core/participant/record-message.js';
import type { Ctx } from '../../src/core/shared/context.js';
import { DomainError } from '../../src/core/shared/errors.js';
import { DEFAULT_INCIDENT_PROCESS, type IncidentProcess } from '../../src/core/shared/incident-process.js';
import { postStatusUpdate } from '../../src/core/status-update/post-status-update.js';
import type { CoreDeps } from '../../src/core/store-ports.js';
import { createStore } from '../../src/store/create-store.js';
import { insightsRepo } from '../../src/store/repositories/insights-repo.js';
import { TestClock } from '../support/test-clock.js';
import { useFreshDatabase } from '../support/test-database.js';

const db = useFreshDatabase();
const T0 = new Date('2026-11-02T09:00:00Z'); // a Monday
const clock = new TestClock(T0);
const alice: Ctx = { actor: { kind: 'slack_user', slackId: 'U0ALICE' }, clock };
const system: Ctx = { actor: { kind: 'system', job: 'test' }, clock };
const process: IncidentProcess = {
  ...DEFAULT_INCIDENT_PROCESS,
  types: [
    DEFAULT_INCIDENT_PROCESS.types[0]!,
    { key: 'security', label: 'Security', description: '', defaultSeverity: null, privateByDefault: null, channelPrefix: null, roles: [], requiredFields: [] },
  ],
};
const MIN = 60_000;
let deps: CoreDeps & { insights: ReturnType<typeof insightsRepo> };
const at = (ms: number) => clock.set(new Date(ms));
const range = { from: new Date(T0.getTime() - 86400_000), to: new Date(T0.getTime() + 7 * 86400_000) };
const insights = (over: { type?: string; severity?: string } = {}): Promise<InsightsAnswer> => getInsights(deps, alice, { ...range, ...over });

beforeAll(async () => {
  deps = { store: createStore(db().db), process, insights: insightsRepo(db().db) };
  const t0 = T0.getTime();

  // An older incident, outside the range: none of its updates, people or follow-ups may count.
  at(t0 - 30 * 86400_000);
  const old = await declareIncident(deps, alice, { report: 'Old outage', severity: 'critical' });
  await postStatusUpdate(deps, alice, old.id, { status: 'identified', message: 'Found it' });
  await addAction(deps, alice, old.id, { details: 'Old follow-up' });
  await recordParticipantMessage(deps, system, old.id, 'U0ERIN', clock.now());

  // A: critical, with a channel (cadence 15 minutes). Updates at +10 (due +15: on cadence), +40 (due +25: 15 minutes late),
  // +50 (due +55) and +60 resolved (due +65). Alice in the channel from the start, Carol from +20, Bob posts at +5 and +30.
  at(t0);
  const a = await declareIncident(deps, alice, { report: 'Payments failing', severity: 'critical' });
  await attachCommsChannel(deps, alice, a.id, { channelId: 'C0A', channelName: 'inc-payments' });
  await recordChannelMembership(deps, system, a.id, 'U0ALICE', true);
  await recordChannelMembership(deps, system, a.id, 'U0BOT', true);
  await db().query(`update users set is_bot = true where slack_id = 'U0BOT'`);
  at(t0 + 5 * MIN);
  await recordParticipantMessage(deps, system, a.id, 'U0BOB', clock.now());
  at(t0 + 10 * MIN);
  await postStatusUpdate(deps, alice, a.id, { status: 'investigating', message: 'Looking' });
  at(t0 + 20 * MIN);
  await recordChannelMembership(deps, system, a.id, 'U0CAROL', true);
  at(t0 + 30 * MIN);
  await recordParticipantMessage(deps, system, a.id, 'U0BOB', clock.now());
  at(t0 + 40 * MIN);
  await postStatusUpdate(deps, alice, a.id, { status: 'identified', message: 'A bad deploy' });
  at(t0 + 50 * MIN);
  await postStatusUpdate(deps, alice, a.id, { status: 'monitoring', message: 'Rolled back' });
  at(t0 + 60 * MIN);
  await postStatusUpdate(deps, alice, a.id, { status: 'resolved', message: 'All good' });
  await addAction(deps, alice, a.id, { details: 'Add a canary' });

  // B: major, no channel (the first update is due 30 minutes after declaration), still open. Updates at +20 promising
  // the next in 10 minutes (on cadence), +45 (due +30: 15 minutes late), +50 promising none (due +55: on cadence),
  // +70 (nothing was due: unscheduled). Dave posts at +10 and +30.
  const t1 = t0 + 86400_000;
  at(t1);
  const b = await declareIncident(deps, alice, { report: 'Slow logins', severity: 'major' });
  at(t1 + 10 * MIN);
  await recordParticipantMessage(deps, system, b.id, 'U0DAVE', clock.now());
  at(t1 + 20 * MIN);
  await postStatusUpdate(deps, alice, b.id, { status: 'investigating', message: 'Looking', nextUpdateInMinutes: 10 });
  at(t1 + 30 * MIN);
  await recordParticipantMessage(deps, system, b.id, 'U0DAVE', clock.now());
  at(t1 + 45 * MIN);
  await postStatusUpdate(deps, alice, b.id, { status: 'identified', message: 'A hot shard' });
  at(t1 + 50 * MIN);
  await postStatusUpdate(deps, alice, b.id, { status: 'investigating', message: 'Not that after all', nextUpdateInMinutes: null });
  at(t1 + 70 * MIN);
  await postStatusUpdate(deps, alice, b.id, { status: 'monitoring', message: 'Better' });

  // C: a security incident of minor severity, no updates, two follow-ups: one done, one past due.
  at(t0 + 2 * 86400_000);
  const c = await declareIncident(deps, alice, { report: 'Leaked key', severity: 'minor', type: 'security' });
  await addAction(deps, alice, c.id, { details: 'Rotate the key', done: true });
  await addAction(deps, alice, c.id, { details: 'Audit access', dueDate: '2026-11-03' });

  // D: trivial, identified by a status change made in the doc (no status update), 5 minutes after declaration.
  at(t0 + 3 * 86400_000);
  const d = await declareIncident(deps, alice, { report: 'Typo on the status page', severity: 'trivial' });
  at(t0 + 3 * 86400_000 + 5 * MIN);
  await updateIncident(deps, alice, d.id, { status: 'identified' });

  at(t0 + 5 * 86400_000);
});

describe('insights beyond time to resolve', () => {
  it('times the first update from declaration: per severity and overall, median and 90th percentile', async () => {
    const i = await insights();
    // A: 10 minutes, B: 20 minutes; C has none and is not counted.
    expect(i.timeToFirstUpdate.overall).toEqual({ count: 2, medianSeconds: 900, p90Seconds: 600 + 0.9 * 600 });
    expect(i.timeToFirstUpdate.bySeverity.find((s) => s.severity === 'critical')).toEqual({ severity: 'critical', count: 1, medianSeconds: 600, p90Seconds: 600 });
    expect(i.timeToFirstUpdate.bySeverity.find((s) => s.severity === 'minor')).toEqual({ severity: 'minor', count: 0, medianSeconds: null, p90Seconds: null });
    expect(i.timeToFirstUpdate.bySeverity.map((s) => s.severity)).toEqual(['critical', 'major', 'minor', 'trivial', 'none']);
  });

  it('times identification from declaration to the first move to identified', async () => {
    const i = await insights();
    // A: 40 minutes, B: 45 minutes (its later move back to investigating and on doesn't count again), D: 5 minutes
    // (a status change without a status update, from the timeline).
    expect(i.timeToIdentify.overall.count).toBe(3);
    expect(i.timeToIdentify.overall.medianSeconds).toBeCloseTo(2400, 6);
    expect(i.timeToIdentify.overall.p90Seconds).toBeCloseTo(2400 + 0.8 * 300, 6);
    expect(i.timeToIdentify.bySeverity.find((s) => s.severity === 'trivial')).toEqual({ severity: 'trivial', count: 1, medianSeconds: 300, p90Seconds: 300 });
  });

  it('compares each update with when it was due: on cadence, late (and by how much), unscheduled', async () => {
    const { updateCadence: c } = await insights();
    expect({ onCadence: c.onCadence, late: c.late, unscheduled: c.unscheduled }).toEqual({ onCadence: 5, late: 2, unscheduled: 1 });
    expect(c.lateBy).toEqual({ count: 2, medianSeconds: 900, p90Seconds: 900 });
    expect(c.bySeverity.find((s) => s.severity === 'critical')).toEqual({ severity: 'critical', onCadence: 3, late: 1, unscheduled: 0 });
    expect(c.bySeverity.find((s) => s.severity === 'major')).toEqual({ severity: 'major', onCadence: 2, late: 1, unscheduled: 1 });
  });

  it('counts people involved and their person-hours (time in the channel, bots left out)', async () => {
    const { people } = await insights();
    // A: Alice 60 min (in the channel from declaration to resolution), Carol 40 (joined at +20), Bob 25 (first to last post).
    // B: Dave 20 minutes (posted, never joined). The range's old incident (Erin) is outside.
    expect(people.incidents).toBe(2);
    expect(people.distinctPeople).toBe(4);
    expect(people.perIncident).toEqual({ median: 2, p90: 1 + 0.9 * 2 });
    expect(people.personHours.total).toBeCloseTo(145 / 60, 2);
    expect(people.personHours.median).toBeCloseTo(72.5 / 60, 2);
    expect(people.personHours.p90).toBeCloseTo((20 + 0.9 * 105) / 60, 2);
  });

  it('counts follow-ups created, done, open and past due', async () => {
    expect((await insights()).followUps).toEqual({ created: 3, done: 1, open: 2, overdue: 1 });
  });

  it('counts incidents by type (configured order) and by severity (by rank, zeros included)', async () => {
    const i = await insights();
    expect(i.byType).toEqual([
      { type: 'default', count: 3 },
      { type: 'security', count: 1 },
    ]);
    expect(i.bySeverity).toEqual([
      { severity: 'critical', count: 1 },
      { severity: 'major', count: 1 },
      { severity: 'minor', count: 1 },
      { severity: 'trivial', count: 1 },
      { severity: 'none', count: 0 },
    ]);
    expect(i.timeToResolve.find((r) => r.severity === 'critical')).toMatchObject({ count: 1, medianSeconds: 3600 });
  });

  it('filters every figure by type and by severity', async () => {
    const security = await insights({ type: 'security' });
    expect(security.byType).toEqual([{ type: 'security', count: 1 }]);
    expect(security.followUps).toEqual({ created: 2, done: 1, open: 1, overdue: 1 });
    expect(security.timeToFirstUpdate.overall.count).toBe(0);
    expect(security.people.incidents).toBe(0);
    expect(security.perWeek.reduce((n, w) => n + Object.values(w.counts).reduce((m, v) => m + v, 0), 0)).toBe(1);

    const major = await insights({ severity: 'major' });
    expect(major.timeToFirstUpdate.overall).toEqual({ count: 1, medianSeconds: 1200, p90Seconds: 1200 });
    expect({ on: major.updateCadence.onCadence, late: major.updateCadence.late, unscheduled: major.updateCadence.unscheduled }).toEqual({ on: 2, late: 1, unscheduled: 1 });
    expect(major.people.distinctPeople).toBe(1);
    expect(major.openNow.find((r) => r.severity === 'major')?.count).toBe(1);
    expect(major.openNow.find((r) => r.severity === 'minor')?.count).toBe(0);
  });

  it('refuses a type or severity that is not configured, naming the field', async () => {
    for (const [field, value] of [
      ['type', 'nope'],
      ['severity', 'sev9'],
    ] as const) {
      const err = await insights({ [field]: value }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(DomainError);
      expect((err as DomainError).code).toBe('VALIDATION');
      expect((err as DomainError).message).toContain(field);
    }
  });
});

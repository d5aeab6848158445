/**
 * The update cadence end to end on the notification scheduler, with the injectable clock: the first
 * update falls due one cadence after the comms channel was created and is nudged (the lead, else the
 * channel), nudged again once overdue, not again for that due time; a new update sets a new due
 * time; resolving stops it; a severity without a cadence is never nudged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackTestApp, type SlackTestApp } from '../support/slack-test-app.js';
import { botTexts, declareViaSlack } from '../plugins/helpers.js';

describe('status update cadence', { timeout: 120_000 }, () => {
  let t: SlackTestApp;
  const incidents: Record<'major' | 'minor' | 'trivial', { id: number; channel: string }> = {} as never;
  let origin: number;
  beforeAll(async () => {
    t = await startSlackTestApp({
      env: { AUTO_CREATE_CHANNEL: 'true', REMINDER_LEAD_ENABLED: 'false', REMINDER_SEVERITY_ENABLED: 'false', REMINDER_CLOSE_ENABLED: 'false' },
    });
    t.clock.offsetMs = Date.parse('2026-11-24T10:00:00Z') - Date.now();
    for (const severity of ['major', 'minor', 'trivial'] as const) {
      incidents[severity] = await declareViaSlack(t, `A ${severity} incident`);
      await t.api('PATCH', `/api/v1/incidents/${incidents[severity].id}`, { severity, ...(severity === 'major' ? { lead: 'U0BOB' } : {}) });
    }
    await t.settle();
    // Times below are minutes after the last channel was created (all three were made within a second).
    const last = await t.app.core.store.incidents.get(incidents.trivial.id);
    origin = last!.commsChannel!.createdAt.getTime() + 1000;
  });
  afterAll(() => t?.close());

  /** Sets the clock to `minutes` after the channels were created and runs a sweep, as the loop does every few seconds. */
  async function at(minutes: number) {
    t.clock.offsetMs = origin + minutes * 60_000 - Date.now();
    await t.app.reminders.sweep();
    await t.settle();
  }
  async function through(from: number, to: number) {
    for (let m = from; m <= to; m++) await at(m);
  }
  const nudges = (severity: keyof typeof incidents) => botTexts(t, incidents[severity].channel).filter((m) => /^(📣|⏰) .*status update/.test(m));

  it('nudges the lead when the first update falls due and once more when overdue', async () => {
    await through(1, 29);
    expect(nudges('major')).toEqual([]);
    await at(30);
    expect(nudges('major')).toHaveLength(1);
    expect(nudges('major')[0]).toMatch(/^📣 <@U0BOB> \(Incident lead\), a status update is due now .*No status update has been posted yet/);
    await through(31, 39);
    expect(nudges('major')).toHaveLength(1);
    await at(40);
    expect(nudges('major')).toHaveLength(2);
    expect(nudges('major')[1]).toMatch(/^⏰ <@U0BOB> \(Incident lead\), the status update due at .* is 10 min overdue/);
    await through(41, 50);
    expect(nudges('major')).toHaveLength(2);
  });

  it('asks the channel when there is no lead, and never nudges a severity without a cadence', async () => {
    await at(60);
    expect(nudges('minor')).toHaveLength(1);
    expect(nudges('minor')[0]).toMatch(/^📣 Team, a status update is due now/);
    expect(nudges('trivial')).toEqual([]);
    // Each nudge carries the button that opens the update modal.
    const nudge = t.emulator.messages(incidents.minor.channel).at(-1) as any;
    expect(nudge.blocks[0].accessory.action_id).toBe('post-status-update-button');
  });

  it('a new update sets the next due time; resolving stops the nudges', async () => {
    const before = nudges('major').length;
    await t.api('POST', `/api/v1/incidents/${incidents.major.id}/updates`, { status: 'identified', message: 'Found it', next_update_in_minutes: 15 });
    await through(61, 74);
    expect(nudges('major')).toHaveLength(before);
    await at(76);
    expect(nudges('major')).toHaveLength(before + 1);
    expect(nudges('major').at(-1)).toMatch(/The last update was posted 1[56] min ago/);
    await t.api('POST', `/api/v1/incidents/${incidents.major.id}/updates`, { status: 'resolved', message: 'Fixed' });
    await t.settle();
    await through(77, 80);
    await at(200);
    expect(nudges('major')).toHaveLength(before + 1);
    // Sweeps before the first nudge are recorded as skipped checks, never as posts: only nudges count.
    const [row] = await t.app.database.query<{ sent: number; completed_reason: string | null }>(
      "select sent, completed_reason from notification_schedules where key = 'status_update_cadence' and incident_id = $1",
      [incidents.major.id],
    );
    expect(row).toEqual({ sent: before + 1, completed_reason: 'resolved' });
    expect(nudges('trivial')).toEqual([]);
  });

  it('reopening starts the cadence again: the last update said resolved, so a new one is asked for at once', async () => {
    const before = nudges('major').length;
    await t.api('PATCH', `/api/v1/incidents/${incidents.major.id}`, { status: 'investigating' });
    await t.settle();
    // The check runs each minute: the first after reopening finds the update due.
    await through(201, 202);
    expect(nudges('major')).toHaveLength(before + 1);
    expect(nudges('major').at(-1)).toMatch(/^(📣|⏰) <@U0BOB> \(Incident lead\), .*status update/);
    // An update after reopening sets the next due time as usual.
    await t.api('POST', `/api/v1/incidents/${incidents.major.id}/updates`, { status: 'investigating', message: 'It is back', next_update_in_minutes: 20 });
    await through(203, 221);
    expect(nudges('major')).toHaveLength(before + 1);
    await at(223);
    expect(nudges('major')).toHaveLength(before + 2);
  });
});

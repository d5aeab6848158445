import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_INCIDENT_PROCESS } from '../../src/core/shared/incident-process.js';
import { startSlackTestApp, type SlackTestApp } from '../support/slack-test-app.js';
import { botTexts, declareViaSlack, mention } from '../plugins/helpers.js';

const LEAD = "👩‍🚒 This incident doesn't have a lead. Please set one with `@incident lead ...`";
const SCRIBE = "🎭 This incident doesn't have a Scribe. Please set one with `@incident role scribe ...`";
const COMMS = "🎭 This incident doesn't have a Communications lead. Please set one with `@incident role comms ...`";

// Required roles are nudged like the lead always was: the test moves the shared clock and sweeps,
// as the background loop does, and counts what reached the comms channel.
describe('required-role reminders', { timeout: 60_000 }, () => {
  let t: SlackTestApp;
  beforeAll(async () => {
    const process = { ...DEFAULT_INCIDENT_PROCESS, roles: DEFAULT_INCIDENT_PROCESS.roles.map((r) => (r.key === 'scribe' ? { ...r, required: true } : r)) };
    t = await startSlackTestApp({ env: { AUTO_CREATE_CHANNEL: 'true', REMINDER_SEVERITY_ENABLED: 'false', REMINDER_CLOSE_ENABLED: 'false' }, process });
    t.clock.offsetMs = Date.parse('2026-11-24T10:00:00Z') - Date.now();
  });
  afterAll(async () => t?.close());

  const count = (channel: string, text: string) => botTexts(t, channel).filter((m) => m === text).length;
  async function minutes(n: number) {
    for (let i = 0; i < n; i++) {
      t.clock.advance(60_000);
      await t.app.reminders.sweep();
    }
    await t.settle();
  }

  it('nudges each required role while nobody holds it (the lead under its old key), and stops once someone does', async () => {
    const { channel } = await declareViaSlack(t);
    await minutes(2);
    expect(count(channel, LEAD)).toBe(1);
    expect(count(channel, SCRIBE)).toBe(1);
    await minutes(2);
    expect(count(channel, SCRIBE)).toBe(2);
    await mention(t, channel, 'role scribe <@U0BOB>');
    await minutes(10);
    expect(count(channel, SCRIBE)).toBe(2);
    expect(count(channel, LEAD)).toBe(5);
    // Communications lead is not required here: never nudged.
    expect(count(channel, COMMS)).toBe(0);
    const rows = await t.app.database.query<{ key: string; sent: number; completed_reason: string | null }>(
      "select key, sent, completed_reason from notification_schedules where key like 'remind_%' order by key",
    );
    expect(rows).toEqual([
      { key: 'remind_incident_lead', sent: 5, completed_reason: expect.any(String) },
      { key: 'remind_role_scribe', sent: 2, completed_reason: 'condition_met' },
    ]);
  });
});

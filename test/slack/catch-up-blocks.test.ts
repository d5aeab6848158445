import { describe, expect, it } from 'vitest';
import type { CatchUp, IncidentView, TimelineEntry } from '../../src/plugins/sdk/types.js';
import { renderCatchUp } from '../../src/plugins/builtin/commands/catch-up-blocks.js';

const at = new Date('2026-11-23T10:30:00Z');
const started = new Date('2026-11-23T10:00:00Z');
const alice = { id: 1, slackId: 'U0ALICE', displayName: 'alice', fullName: 'Alice Nguyen' };
const bob = { id: 2, slackId: 'U0BOB', displayName: 'bob', fullName: 'Bob Okafor' };

const incident: IncidentView = {
  id: 42,
  report: 'Checkout <API> returning 500s & timeouts',
  customFields: {},
  fieldValues: [],
  summary: null,
  impact: null,
  severity: 'major',
  type: 'default',
  incidentType: null,
  severityLevel: { key: 'major', label: 'Major', emoji: '🌧️', rank: 2, configured: true },
  status: 'identified',
  reportOnly: false,
  private: false,
  reporter: alice,
  lead: bob,
  reportTime: started,
  startTime: started,
  endTime: null,
  commsChannel: { channelId: 'C0INC', channelName: 'inc-42-checkout', createdAt: started },
  createdAt: started,
  updatedAt: at,
  duration: '30 mins',
  docUrl: 'http://response.test/incidents/42',
  isResolved: false,
  roles: [],
};

const entry = (id: number, minutesAgo: number, text: string, extra: Partial<TimelineEntry> = {}): TimelineEntry => ({
  id,
  incidentId: 42,
  timestamp: new Date(at.getTime() - minutesAgo * 60_000),
  text,
  eventType: 'text',
  metadata: null,
  sourceKey: null,
  actor: null,
  createdAt: at,
  updatedAt: at,
  ...extra,
});

const pinned = entry(7, 12, 'Rolled back <!channel> the deploy', {
  eventType: 'slack_pin',
  metadata: { permalink: 'https://acme.slack.com/archives/C0INC/p1700000000000100' },
});
const severity = entry(6, 20, 'Incident severity set to major (by <@U0BOB>)', { eventType: 'incident_update', metadata: { update_type: 'incident_severity' } });

const catchUp: CatchUp = {
  incident,
  at,
  since: new Date(at.getTime() - 25 * 60_000),
  sinceReason: 'your_last_post',
  changes: [pinned, severity],
  hasMoreChanges: false,
  keyEvents: [pinned, severity, entry(1, 30, 'Incident declared by <@U0ALICE>', { eventType: 'incident_declared' })],
  openActions: [
    {
      id: 3,
      incidentId: 42,
      details: 'Add a canary stage',
      done: false,
      doneAt: null,
      dueDate: '2026-11-30',
      priority: null,
      type: null,
      loggedBy: alice,
      assignee: bob,
      source: { key: 'slack_message:C0INC:1700000000.000200', url: 'https://acme.slack.com/archives/C0INC/p1700000000000200' },
      issue: null,
      createdAt: at,
      updatedAt: at,
    },
  ],
  openActionsTotal: 1,
  roles: [
    { role: 'lead', name: 'Incident lead', user: bob },
    { role: 'comms', name: 'Communications lead', user: alice },
    { role: 'scribe', name: 'Scribe', user: null },
  ],
  latestUpdate: {
    id: 4,
    incidentId: 42,
    status: 'identified',
    message: 'Bad deploy of the <checkout> service; rolling back',
    nextSteps: 'Watch error rates',
    nextUpdateAt: new Date(at.getTime() + 10 * 60_000),
    postedBy: bob,
    actor: null,
    postedAt: new Date(at.getTime() - 20 * 60_000),
    publication: null,
  },
};

describe('catch-up Block Kit', () => {
  it('lists what changed, open actions and key events, each line linked to its source', () => {
    expect(renderCatchUp(catchUp, incident)).toMatchSnapshot();
  });

  it('says when nothing changed and nothing is open, and counts the default window', () => {
    const quiet = renderCatchUp({ ...catchUp, sinceReason: 'default_window', changes: [], openActions: [], openActionsTotal: 0, keyEvents: [], latestUpdate: null }, incident);
    const text = JSON.stringify(quiet.blocks);
    expect(text).toContain('No status update yet.* Post the first with `@incident update`.');
    expect(text).toContain('What changed in the last 30 minutes*\\n_Nothing new on the timeline._');
    expect(text).toContain('Open actions (0)*\\n_None._');
    expect(text).not.toContain('key events');
  });

  it("a plugin's written summary replaces the lists; the title stays escaped", () => {
    const written = renderCatchUp(catchUp, incident, { written: { text: 'Checkout is degraded; a rollback is under way.', by: 'my-summary' } });
    const text = JSON.stringify(written.blocks);
    expect(text).toContain('Checkout &lt;API&gt; returning 500s &amp; timeouts');
    expect(text).toContain('Checkout is degraded; a rollback is under way.');
    expect(text).toContain('Written by my-summary');
    expect(text).not.toContain('Open actions');
  });
});

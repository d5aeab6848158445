import { validateMessageBlocks, validateView } from '@response/slack-emulator';
import { describe, expect, it } from 'vitest';
import type { DueNudge } from '../../src/core/status-update/find-due-nudge.js';
import type { StatusUpdateSnapshot } from '../../src/core/events/domain-events.js';
import type { Incident } from '../../src/core/incident/model.js';
import { renderNudge } from '../../src/plugins/builtin/status-updates/nudge.js';
import { renderUpdateModal } from '../../src/plugins/builtin/status-updates/modal.js';
import { updatePrompt } from '../../src/plugins/builtin/status-updates/open-update-modal.js';
import type { IncidentView } from '../../src/plugins/sdk/types.js';
import { renderStatusUpdate } from '../../src/slack/blocks/status-update.js';

const at = new Date('2026-11-23T10:00:00Z');
const bob = { id: 2, slackId: 'U0BOB', displayName: 'bob', fullName: 'Bob Okafor' };
const incident: IncidentView = {
  id: 42,
  report: 'Checkout API returning 500s',
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
  reporter: bob,
  lead: bob,
  reportTime: at,
  startTime: at,
  endTime: null,
  commsChannel: { channelId: 'C0INC42', channelName: 'inc-42', createdAt: at },
  createdAt: at,
  updatedAt: at,
  duration: '5 mins',
  docUrl: 'http://response.test/incidents/42',
  isResolved: false,
  roles: [],
};
const update: StatusUpdateSnapshot = {
  id: 7,
  status: 'identified',
  message: 'A bad deploy of the card gateway <v2.3> & its config',
  next_steps: 'Roll back, then watch error rates',
  next_update_at: '2026-11-23T10:30:00.000Z',
  posted_by: { slack_id: 'U0BOB', display_name: 'bob', full_name: 'Bob Okafor' },
  posted_at: '2026-11-23T10:00:00.000Z',
  published: false,
  public: null,
};
const on = { id: 42, report: incident.report, severityLevel: incident.severityLevel, docUrl: incident.docUrl };

describe('status update blocks', () => {
  it('renders an update with next steps and its due time, and a resolved one without', () => {
    const full = renderStatusUpdate(update, on);
    expect(full).toMatchSnapshot();
    expect(validateMessageBlocks(full.blocks as any)).toEqual([]);
    const resolved = renderStatusUpdate({ ...update, status: 'resolved', next_steps: null, next_update_at: null, posted_by: null }, { ...on, severityLevel: null }, 'API token "ops"');
    expect(resolved).toMatchSnapshot();
    expect(JSON.stringify(resolved.blocks)).not.toContain('Next steps');
    expect(resolved.blocks.at(-1)).toMatchObject({ elements: [{ text: expect.stringContaining('no further updates are planned') }] });
  });

  it('keeps a long message within Slack limits, linking the doc', () => {
    const long = renderStatusUpdate({ ...update, message: 'x'.repeat(2800), next_steps: 'y'.repeat(2800) }, on);
    expect(validateMessageBlocks(long.blocks as any)).toEqual([]);
  });

  it('renders the modal (status starts at the incident’s, next update at the cadence) and the @incident update prompt', () => {
    const modal = renderUpdateModal(incident, 30, 'Rolled back');
    expect(modal).toMatchSnapshot();
    expect(validateView(modal as any)).toEqual([]);
    const none = renderUpdateModal({ ...incident, status: 'reported' }, null);
    expect((none.blocks[1] as any).element.initial_option.value).toBe('investigating');
    expect((none.blocks[4] as any).element.initial_value).toBeUndefined();
    expect(updatePrompt(incident, '')).toMatchSnapshot();
  });
});

describe('cadence nudge text', () => {
  const base: DueNudge = {
    incident: incident as Incident,
    level: 'due',
    dueAt: new Date('2026-11-23T10:30:00Z'),
    overdueAt: new Date('2026-11-23T10:40:00Z'),
    latest: { id: 7, incidentId: 42, status: 'identified', message: 'x', nextSteps: null, nextUpdateAt: new Date('2026-11-23T10:30:00Z'), postedBy: bob, actor: null, postedAt: at, publication: null },
    recipient: { kind: 'person', slackId: 'U0BOB', role: 'lead' },
  };
  it('asks the lead when due, and again (overdue) ten minutes later', () => {
    expect(renderNudge(base, new Date('2026-11-23T10:30:00Z'))).toMatchSnapshot();
    expect(renderNudge({ ...base, level: 'overdue' }, new Date('2026-11-23T10:41:00Z')).text).toMatchSnapshot();
  });
  it('asks the Communications lead, or the channel, and says when no update was posted yet', () => {
    expect(renderNudge({ ...base, recipient: { kind: 'person', slackId: 'U0ERIN', role: 'comms' } }, new Date('2026-11-23T10:30:00Z')).text).toMatchSnapshot();
    expect(renderNudge({ ...base, latest: null, recipient: { kind: 'channel' } }, new Date('2026-11-23T10:30:00Z')).text).toMatchSnapshot();
    expect(renderNudge({ ...base, latest: null, level: 'overdue', recipient: { kind: 'channel' } }, new Date('2026-11-23T10:45:00Z')).text).toMatchSnapshot();
  });
});

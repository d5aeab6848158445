import { describe, expect, it } from 'vitest';
import { renderHeadline } from '../../src/slack/blocks/headline.js';
import { renderEditModal } from '../../src/slack/blocks/edit-modal.js';
import { renderRoleAssignedDm } from '../../src/slack/blocks/role-assigned.js';
import { roleReminder } from '../../src/plugins/builtin/reminders/index.js';
import { splitRole } from '../../src/plugins/builtin/commands/role.js';
import { DEFAULT_INCIDENT_PROCESS } from '../../src/core/shared/incident-process.js';
import type { IncidentView } from '../../src/plugins/sdk/types.js';

const at = new Date('2026-11-23T10:00:00Z');
const alice = { id: 1, slackId: 'U0ALICE', displayName: 'alice', fullName: 'Alice Nguyen' };
const bob = { id: 2, slackId: 'U0BOB', displayName: 'bob', fullName: 'Bob Okafor' };
const erin = { id: 5, slackId: 'U0ERIN', displayName: 'erin', fullName: 'Erin Walsh' };

const incident = (overrides: Partial<IncidentView> = {}): IncidentView => ({
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
  status: 'investigating',
  reportOnly: false,
  private: false,
  reporter: alice,
  lead: bob,
  roles: [
    { role: 'lead', name: 'Incident lead', user: bob },
    { role: 'comms', name: 'Communications lead', user: erin },
    { role: 'scribe', name: 'Scribe', user: bob },
  ],
  reportTime: at,
  startTime: at,
  endTime: null,
  commsChannel: { channelId: 'C0INC42', channelName: 'inc-42-checkout', createdAt: at },
  createdAt: at,
  updatedAt: at,
  duration: '5 mins',
  docUrl: 'http://response.test/incidents/42',
  isResolved: false,
  ...overrides,
});

describe('role Block Kit', () => {
  it('the headline shows the roles besides the lead on one line, only when someone holds one', () => {
    const blocks = renderHeadline(incident(), []).blocks;
    expect(blocks.slice(0, 4)).toMatchSnapshot();
    const onlyLead = renderHeadline(incident({ roles: [{ role: 'lead', name: 'Incident lead', user: bob }] }), []).blocks;
    expect(onlyLead.map((b) => b.block_id)).not.toContain('roles');
    // A private incident's headline (in the public incidents channel) names nobody.
    expect(JSON.stringify(renderHeadline(incident({ private: true }), []).blocks)).not.toContain('U0ERIN');
  });

  it('the edit modal has one prefilled user select per role besides the lead', () => {
    const view = renderEditModal(incident(), DEFAULT_INCIDENT_PROCESS);
    const roleBlocks = (view.blocks ?? []).filter((b) => b.block_id?.startsWith('role:'));
    expect(roleBlocks).toMatchSnapshot();
  });

  it('the DM to a new holder: role, description, checklist, where to go; a private incident keeps its title out', () => {
    const comms = DEFAULT_INCIDENT_PROCESS.roles[1]!;
    const dm = renderRoleAssignedDm({
      incident: { id: 42, report: 'Checkout API returning 500s', private: false, docUrl: 'http://response.test/incidents/42', commsChannelId: 'C0INC42' },
      role: comms,
      assignedBy: '<@U0ALICE>',
    });
    expect(dm).toMatchSnapshot();
    const secret = renderRoleAssignedDm({
      incident: { id: 43, report: 'Customer export leaked', private: true, docUrl: 'http://response.test/incidents/43', commsChannelId: null },
      role: { key: 'gone', name: 'gone', description: '', checklist: [] },
      assignedBy: null,
    });
    expect(JSON.stringify(secret)).not.toContain('leaked');
    expect(secret.blocks.map((b) => b.block_id)).toEqual(['role', 'where']);
    expect(secret.text).toBe('You are now gone for incident 43');
  });

  it('reads roles as typed and words the required-role nudge', () => {
    const roles = DEFAULT_INCIDENT_PROCESS.roles;
    expect(splitRole(roles, 'Communications   LEAD <@U0BOB>')).toMatchObject({ role: { key: 'comms' }, rest: '<@U0BOB>' });
    expect(splitRole(roles, 'lead me')).toMatchObject({ role: { key: 'lead' }, rest: 'me' });
    expect(splitRole(roles, 'scribes me')).toBeNull();
    expect(splitRole(roles, 'comm me')).toBeNull();
    expect(roleReminder({ key: 'ops', name: 'Ops liaison' })).toBe(
      "🎭 This incident doesn't have an Ops liaison. Please set one with `@incident role ops ...`",
    );
  });
});

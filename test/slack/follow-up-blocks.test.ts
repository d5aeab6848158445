import { describe, expect, it } from 'vitest';
import { validateMessageBlocks } from '@response/slack-emulator';
import type { Action } from '../../src/core/action/ports.js';
import { renderFollowUpsDm, renderPastDueReminder } from '../../src/slack/blocks/follow-ups.js';

const incident = { id: 42, report: 'Checkout API returning 500s', docUrl: 'https://response.example/incidents/42' };
const bob = { id: 2, slackId: 'U0BOB', displayName: 'bob', fullName: 'Bob Okafor' };
const at = new Date('2026-12-03T10:00:00Z');

function action(id: number, fields: Partial<Action>): Action {
  return { id, incidentId: 42, details: '', done: false, doneAt: null, dueDate: null, priority: null, type: null, loggedBy: null, assignee: bob, source: null, issue: null, createdAt: at, updatedAt: at, ...fields };
}

const fromMessage = action(7, {
  details: 'Add an alert on *checkout* error rates <!channel>',
  dueDate: '2026-12-01',
  source: { key: 'slack_message:C0INC:1764756000.000100', url: 'https://acme.slack.com/archives/C0INC/p1764756000000100' },
});
const written = action(9, { details: 'Update the status page template', dueDate: '2026-12-10' });
const undated = action(11, { details: 'Write the post-mortem' });

describe('follow-up DMs', () => {
  it('lists an owner’s open follow-ups after close: due dates (past due marked), source messages, the doc', () => {
    const dm = renderFollowUpsDm(incident, [fromMessage, written, undated], '2026-12-03');
    expect(dm).toMatchSnapshot();
    expect(validateMessageBlocks(dm.blocks)).toEqual([]);
    // A broadcast in a follow-up's text isn't repeated as one.
    expect(JSON.stringify(dm)).not.toContain('<!channel>');
  });

  it('says "an open follow-up" for one, and points to the doc for a list too long for one message', () => {
    expect(renderFollowUpsDm(incident, [written], '2026-12-03').blocks[0]).toMatchObject({ text: { text: expect.stringContaining('you own an open follow-up from it') } });
    const many = Array.from({ length: 45 }, (_, i) => action(100 + i, { details: `Follow-up ${i}` }));
    const dm = renderFollowUpsDm(incident, many, '2026-12-03');
    expect(dm.blocks.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(dm.blocks)).toContain('…and 5 more in <https://response.example/incidents/42|the incident doc>.');
    expect(validateMessageBlocks(dm.blocks)).toEqual([]);
  });

  it('links a follow-up tracked in Jira or Linear by its key, and not one still on its way', () => {
    const linked = action(12, { details: 'Add a canary stage', issue: { provider: 'jira', key: 'OPS-7', url: 'https://acme.atlassian.net/browse/OPS-7', state: 'linked' } });
    const pending = action(13, { details: 'Shard the index', issue: { provider: 'linear', key: null, url: null, state: 'requested' } });
    const text = JSON.stringify(renderFollowUpsDm(incident, [linked, pending], '2026-12-03').blocks);
    expect(text).toContain('<https://acme.atlassian.net/browse/OPS-7|OPS-7>');
    expect(text.match(/\|OPS-7>/g)).toHaveLength(1);
  });

  it('reminds an owner of one past-due follow-up', () => {
    const dm = renderPastDueReminder(incident, fromMessage, '2026-12-03');
    expect(dm).toMatchSnapshot();
    expect(validateMessageBlocks(dm.blocks)).toEqual([]);
  });
});

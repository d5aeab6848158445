import type { KnownBlock } from '@slack/types';
import { escapeMrkdwn, fitMrkdwn, SECTION_TEXT_MAX, truncate } from '../../plugins/sdk/slack-text.js';

export interface RoleAssignedDm {
  incident: { id: number; report: string; private: boolean; docUrl: string; commsChannelId: string | null };
  /** The role as configured (description and checklist empty when it no longer is). */
  role: { key: string; name: string; description: string; checklist: string[] };
  /** Who gave it, as the change log labels them (`<@U…>`, `API token "ci"`), or null when they took it themselves. */
  assignedBy: string | null;
}

/**
 * The DM the new holder of a role gets: which role in which incident, what it is for and its
 * checklist, and where to go. Pure, like every renderer. A private incident's title is not repeated
 * outside its channel (the DM outlives the holder's membership).
 */
export function renderRoleAssignedDm(dm: RoleAssignedDm): { text: string; blocks: KnownBlock[] } {
  const { incident, role } = dm;
  const title = incident.private ? `🔒 Incident ${incident.id}` : `Incident ${incident.id}: ${escapeMrkdwn(truncate(incident.report, 200))}`;
  const by = dm.assignedBy ? ` (given by ${dm.assignedBy})` : '';
  const where = incident.commsChannelId ? `<#${incident.commsChannelId}>` : `<${incident.docUrl}|the incident doc>`;
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      block_id: 'role',
      text: { type: 'mrkdwn', text: truncate(`🎭 You are now *${escapeMrkdwn(role.name)}* for *<${incident.docUrl}|${title}>*${by}.`, SECTION_TEXT_MAX) },
    },
  ];
  if (role.description)
    blocks.push({ type: 'section', block_id: 'description', text: { type: 'mrkdwn', text: fitMrkdwn(role.description, SECTION_TEXT_MAX, incident.docUrl) } });
  if (role.checklist.length > 0) {
    const items = role.checklist.map((line) => `☐ ${line}`).join('\n');
    blocks.push({
      type: 'section',
      block_id: 'checklist',
      text: { type: 'mrkdwn', text: fitMrkdwn(`*Checklist*\n${items}`, SECTION_TEXT_MAX, incident.docUrl) },
    });
  }
  blocks.push({
    type: 'context',
    block_id: 'where',
    elements: [{ type: 'mrkdwn', text: `Join the response in ${where}. \`@incident roles\` there shows who does what.` }],
  });
  const text = `You are now ${role.name} for incident ${incident.id}${role.description ? `: ${role.description}` : ''}`;
  return { text: truncate(text, 3000), blocks };
}

import type { ChannelRecord, SlackObject } from './types.js';
import type { Workspace } from './workspace.js';

/** A conversation object in the key order of api-conversations-create-ok.json, `is_member` from the bot's view. */
export function presentChannel(ws: Workspace, c: ChannelRecord, opts: { numMembers?: boolean; inList?: boolean } = {}): SlackObject {
  const team = ws.state.team.id;
  if (c.is_im) {
    return {
      id: c.id,
      created: c.created,
      is_archived: false,
      is_im: true,
      is_org_shared: false,
      context_team_id: team,
      updated: c.updated,
      user: c.user,
      is_user_deleted: ws.user(c.user ?? '')?.deleted ?? false,
      priority: 0,
    };
  }
  const lastRead = ws.messagesOf(c.id).at(-1)?.ts ?? '0000000000.000000';
  return {
    id: c.id,
    name: c.name,
    is_channel: !c.is_private,
    is_group: c.is_private,
    is_im: false,
    is_mpim: c.is_mpim,
    is_private: c.is_private,
    created: c.created,
    is_archived: c.is_archived,
    is_general: c.is_general,
    unlinked: 0,
    name_normalized: c.name,
    is_shared: false,
    is_org_shared: false,
    is_pending_ext_shared: false,
    pending_shared: [],
    context_team_id: team,
    updated: c.updated,
    parent_conversation: null,
    creator: c.creator,
    is_ext_shared: false,
    shared_team_ids: [team],
    pending_connected_team_ids: [],
    is_member: ws.isBotMember(c),
    // conversations.list entries carry no last_read (api-conversations-list.json); single-channel answers do.
    ...(ws.isBotMember(c) && !opts.inList ? { last_read: lastRead } : {}),
    topic: { ...c.topic },
    purpose: { ...c.purpose },
    previous_names: [...c.previous_names],
    ...(opts.numMembers ? { num_members: c.members.length } : {}),
  };
}

/** The conversation types filter of conversations.list / users.conversations. */
export function matchesTypes(c: ChannelRecord, types: string[]): boolean {
  const kinds = types.length ? types : ['public_channel'];
  if (c.is_im) return kinds.includes('im');
  if (c.is_mpim) return kinds.includes('mpim');
  return kinds.includes(c.is_private ? 'private_channel' : 'public_channel');
}

import type { SlackObject } from '../types.js';
import type { Workspace } from '../workspace.js';

/** `event_context` is opaque to apps; Slack's look like "4-" + base64url of a small JSON (see fixtures README). */
function eventContext(ws: Workspace, event: SlackObject): string {
  const channel =
    event.channel_id ??
    (typeof event.channel === 'string' ? event.channel : (event.channel as SlackObject | undefined)?.id) ??
    (event.item as SlackObject | undefined)?.channel;
  const json = JSON.stringify({ et: event.type, tid: ws.state.team.id, aid: ws.state.team.appId, ...(channel ? { cid: channel } : {}) });
  return `4-${Buffer.from(json).toString('base64url')}`;
}

export function nextEventId(ws: Workspace): string {
  const n = (ws.state.counters.event ?? 0) + 1;
  ws.state.counters.event = n;
  return `Ev0${String(n).padStart(9, '0')}`;
}

/** The `event_callback` envelope, in the key order of the fixtures (event-app-mention.json). */
export function eventEnvelope(ws: Workspace, event: SlackObject, eventId: string): SlackObject {
  const { team } = ws.state;
  const eventTs = typeof event.event_ts === 'string' ? event.event_ts : undefined;
  return {
    token: team.verificationToken,
    team_id: team.id,
    context_team_id: team.id,
    context_enterprise_id: null,
    api_app_id: team.appId,
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: eventTs ? Math.floor(Number(eventTs)) : ws.nowSeconds(),
    authorizations: [{ enterprise_id: null, team_id: team.id, user_id: ws.state.bot.userId, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
    event_context: eventContext(ws, event),
  };
}

/** `user` as interaction payloads carry it. */
export function payloadUser(ws: Workspace, userId: string): SlackObject {
  const u = ws.requireUser(userId);
  return { id: u.id, username: u.name, name: u.name, team_id: ws.state.team.id };
}

export function payloadTeam(ws: Workspace): SlackObject {
  return { id: ws.state.team.id, domain: ws.state.team.domain };
}

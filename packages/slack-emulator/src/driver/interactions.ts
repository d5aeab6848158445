import { issueResponseUrl } from '../response-url.js';
import { issueTrigger } from '../triggers.js';
import type { ChannelRecord, EphemeralRecord, SlackMessage, SlackObject, ViewRecord } from '../types.js';
import { viewWithState } from '../view-store.js';
import type { Workspace } from '../workspace.js';
import type { FoundElement } from './elements.js';
import { payloadTeam, payloadUser } from './envelope.js';

function actionTs(ws: Workspace): string {
  return `${ws.nowSeconds()}.${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
}

/** One entry of `actions[]`: element identity plus the value fields (button: text/value/style; selects: selected_*). */
export function actionObject(ws: Workspace, f: FoundElement, fields: SlackObject): SlackObject {
  const e = f.element;
  if (e.type === 'button') {
    return {
      action_id: e.action_id,
      block_id: f.blockId,
      text: e.text,
      ...(e.value !== undefined ? { value: e.value } : {}),
      ...(e.style !== undefined ? { style: e.style } : {}),
      type: 'button',
      action_ts: actionTs(ws),
    };
  }
  const { type: _t, ...values } = fields;
  return {
    type: e.type,
    action_id: e.action_id,
    block_id: f.blockId,
    ...values,
    ...(e.placeholder !== undefined ? { placeholder: e.placeholder } : {}),
    action_ts: actionTs(ws),
  };
}

/** The message as block_actions echoes it: bot messages without bot_profile, in the capture's key order. */
function echoMessage(m: SlackMessage): SlackObject {
  const { reactions: _r, pinned_to: _p, bot_profile: _b, ...rest } = structuredClone(m);
  if (!rest.bot_id || rest.subtype) return rest;
  const { bot_id, type, text, user, ts, app_id, blocks, team, ...others } = rest;
  return { bot_id, type, text, user, ts, app_id, ...(blocks ? { blocks } : {}), team, ...others };
}

/** block_actions from a message in a channel, shaped like interaction-block-actions-button.json. */
export function messageBlockActions(
  ws: Workspace,
  baseUrl: string,
  user: string,
  c: ChannelRecord,
  source: { message?: SlackMessage; ephemeral?: EphemeralRecord },
  action: SlackObject,
): { payload: SlackObject; triggerId: string } {
  const { team } = ws.state;
  const ts = source.message?.ts ?? source.ephemeral?.ts ?? '';
  const triggerId = issueTrigger(ws, user);
  const isEphemeral = source.ephemeral !== undefined;
  const message = source.message ? echoMessage(source.message) : {};
  const payload: SlackObject = {
    type: 'block_actions',
    user: payloadUser(ws, user),
    api_app_id: team.appId,
    token: team.verificationToken,
    container: {
      type: 'message',
      message_ts: ts,
      channel_id: c.id,
      is_ephemeral: isEphemeral,
      ...(source.message?.thread_ts ? { thread_ts: source.message.thread_ts } : {}),
    },
    trigger_id: triggerId,
    team: payloadTeam(ws),
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: c.id, name: c.is_im ? 'directmessage' : c.name },
    // Ephemeral messages are not echoed back: Slack doesn't keep them server-side.
    ...(isEphemeral ? {} : { message }),
    state: { values: {} },
    response_url: issueResponseUrl(ws, baseUrl, { user, channel: c.id, messageTs: ts, isEphemeral }),
    actions: [action],
  };
  return { payload, triggerId };
}

/** block_actions inside a modal or Home tab: container view, full view with state, no response_url. */
export function viewBlockActions(
  ws: Workspace,
  user: string,
  record: ViewRecord,
  values: ViewRecord['values'],
  action: SlackObject,
): { payload: SlackObject; triggerId: string } {
  const { team } = ws.state;
  const triggerId = issueTrigger(ws, user);
  const payload: SlackObject = {
    type: 'block_actions',
    user: payloadUser(ws, user),
    api_app_id: team.appId,
    token: team.verificationToken,
    container: { type: 'view', view_id: record.id },
    trigger_id: triggerId,
    team: payloadTeam(ws),
    enterprise: null,
    is_enterprise_install: false,
    view: { ...viewWithState(record), state: { values } },
    actions: [action],
  };
  return { payload, triggerId };
}

export function viewSubmission(ws: Workspace, user: string, record: ViewRecord): { payload: SlackObject; triggerId: string } {
  const { team } = ws.state;
  const triggerId = issueTrigger(ws, user);
  const payload: SlackObject = {
    type: 'view_submission',
    team: payloadTeam(ws),
    user: payloadUser(ws, user),
    api_app_id: team.appId,
    token: team.verificationToken,
    trigger_id: triggerId,
    view: viewWithState(record),
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
  return { payload, triggerId };
}

export function viewClosed(ws: Workspace, user: string, record: ViewRecord, isCleared: boolean): SlackObject {
  const { team } = ws.state;
  return {
    type: 'view_closed',
    team: payloadTeam(ws),
    user: payloadUser(ws, user),
    api_app_id: team.appId,
    token: team.verificationToken,
    view: viewWithState(record),
    is_cleared: isCleared,
    is_enterprise_install: false,
    enterprise: null,
  };
}

/** Slash command form fields, in the order Slack sends them (slash-command.json). */
export function slashCommandFields(
  ws: Workspace,
  baseUrl: string,
  user: string,
  c: ChannelRecord,
  command: string,
  text: string,
): { fields: [string, string][]; triggerId: string; responseUrl: string } {
  const { team } = ws.state;
  const triggerId = issueTrigger(ws, user);
  const responseUrl = issueResponseUrl(ws, baseUrl, { user, channel: c.id, isEphemeral: false });
  const u = ws.requireUser(user);
  const fields: [string, string][] = [
    ['token', team.verificationToken],
    ['team_id', team.id],
    ['team_domain', team.domain],
    ['channel_id', c.id],
    ['channel_name', c.is_im ? 'directmessage' : c.name],
    ['user_id', user],
    ['user_name', u.name],
    ['command', command],
    ['text', text],
    ['api_app_id', team.appId],
    ['is_enterprise_install', 'false'],
    ['response_url', responseUrl],
    ['trigger_id', triggerId],
  ];
  return { fields, triggerId, responseUrl };
}

import { SLACK_EVENTS_PATH } from '../receiver/fastify-receiver.js';
import { SLASH_COMMAND } from '../ids.js';

/**
 * Bot scopes, each for something the flows do (and nothing more):
 * app_mentions:read (@incident commands), channels:history (message.channels: participants,
 * keywords, edits of pinned messages), channels:read (resolve INCIDENT_CHANNEL, channel_rename,
 * member_joined_channel / member_left_channel for who may see a private incident,
 * find a taken channel name), channels:join (join the incidents and comms channels),
 * channels:manage (create, unarchive, invite, set topic, rename comms channels), chat:write
 * (headline, welcome, replies, ephemerals, DMs), commands (/incident), groups:write, groups:read
 * and groups:history (the same for a private incident's private channel: create, invite, rename,
 * membership, message.groups), pins:read (pin_added /
 * pin_removed for the timeline), reactions:read (reaction_added: ✅ makes a follow-up, 📌 a timeline
 * entry; reactions.get reads the message reacted to), reactions:write (✅ / ❓), users:read and users:read.email
 * (names and emails of the people in an incident; user_change keeps them current), bookmarks:write (the doc as a channel bookmark).
 * bookmarks:read, im:write and im:history: after a crash between a post (or bookmark) and its record,
 * Response looks for it before making it again (flows/post-once.ts); a DM is found in the bot's DM.
 */
export const BOT_SCOPES = [
  'app_mentions:read',
  'bookmarks:read',
  'bookmarks:write',
  'channels:history',
  'channels:join',
  'channels:manage',
  'channels:read',
  'chat:write',
  'commands',
  'groups:history',
  'groups:read',
  'groups:write',
  'im:history',
  'im:write',
  'pins:read',
  'reactions:read',
  'reactions:write',
  'users:read',
  'users:read.email',
] as const;

export const BOT_EVENTS = ['app_mention', 'channel_rename', 'member_joined_channel', 'member_left_channel', 'message.channels', 'message.groups', 'pin_added', 'pin_removed', 'reaction_added', 'user_change'] as const;

export interface ManifestInput {
  publicUrl: string;
  socketMode: boolean;
  /** Sign-in with Slack for the web UI (OpenID Connect) when a client id is configured. */
  webSignIn: boolean;
  appName?: string;
}

/** The Slack app manifest for this deployment: paste it into api.slack.com/apps → Create New App → From a manifest. */
export function slackManifest(input: ManifestInput): Record<string, unknown> {
  const base = input.publicUrl.replace(/\/+$/, '');
  const requestUrl = `${base}${SLACK_EVENTS_PATH}`;
  const name = input.appName ?? 'Response';
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: { name, description: 'Declare, coordinate and write up incidents from Slack', background_color: '#1d1c1d' },
    features: {
      bot_user: { display_name: 'incident', always_online: true },
      slash_commands: [
        {
          command: SLASH_COMMAND,
          ...(input.socketMode ? {} : { url: requestUrl }),
          description: 'Trigger an incident',
          usage_hint: "What's the problem?",
          should_escape: false,
        },
      ],
    },
    oauth_config: {
      ...(input.webSignIn ? { redirect_urls: [`${base}/auth/callback`] } : {}),
      scopes: { bot: [...BOT_SCOPES], ...(input.webSignIn ? { user: ['openid', 'profile', 'email'] } : {}) },
    },
    settings: {
      event_subscriptions: { ...(input.socketMode ? {} : { request_url: requestUrl }), bot_events: [...BOT_EVENTS] },
      interactivity: { is_enabled: true, ...(input.socketMode ? {} : { request_url: requestUrl }) },
      org_deploy_enabled: false,
      socket_mode_enabled: input.socketMode,
      token_rotation_enabled: false,
    },
  };
}

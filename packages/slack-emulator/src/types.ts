/**
 * State of the emulated workspace. Everything here is plain JSON (no Maps, Dates or class instances) so a
 * sandbox workspace can be saved with JSON.stringify(emulator.snapshot()) and restored via `initialState`.
 */
export type SlackObject = { [key: string]: unknown };

export interface TextObject {
  type: 'plain_text' | 'mrkdwn';
  text: string;
  emoji?: boolean;
  verbatim?: boolean;
}

export interface TeamInfo {
  id: string;
  name: string;
  domain: string;
  appId: string;
  /** The legacy verification token Slack still puts in every payload's `token` field. */
  verificationToken: string;
}

export interface BotIdentity {
  userId: string;
  botId: string;
  /** The bot user's `name` (username), e.g. `incident_bot`. */
  username: string;
  displayName: string;
  token: string;
}

export interface SlackUser extends SlackObject {
  id: string;
  team_id: string;
  name: string;
  deleted: boolean;
  real_name: string;
  is_bot: boolean;
  profile: SlackObject & { email?: string; real_name: string; display_name: string };
}

export interface TopicOrPurpose {
  value: string;
  creator: string;
  last_set: number;
}

export interface ChannelRecord {
  id: string;
  name: string;
  is_private: boolean;
  is_im: boolean;
  is_mpim: boolean;
  is_general: boolean;
  is_archived: boolean;
  created: number;
  creator: string;
  /** Milliseconds, as Slack reports `updated`. */
  updated: number;
  topic: TopicOrPurpose;
  purpose: TopicOrPurpose;
  previous_names: string[];
  members: string[];
  /** The other party of an IM channel. */
  user?: string;
}

export interface Reaction {
  name: string;
  users: string[];
  count: number;
}

export interface SlackMessage extends SlackObject {
  type: 'message';
  ts: string;
  text: string;
  user?: string;
  bot_id?: string;
  subtype?: string;
  blocks?: SlackObject[];
  thread_ts?: string;
  reply_count?: number;
  reply_users?: string[];
  latest_reply?: string;
  edited?: { user: string; ts: string };
  reactions?: Reaction[];
  pinned_to?: string[];
}

export interface EphemeralRecord {
  channel: string;
  user: string;
  ts: string;
  text: string;
  blocks?: SlackObject[];
  thread_ts?: string;
  /** Set once the ephemeral was replaced or deleted through a response_url. */
  deleted?: boolean;
}

export interface ViewRecord {
  id: string;
  user: string;
  kind: 'modal' | 'home';
  /** The view as Slack echoes it (normalised, with id, state, hash…). */
  view: SlackObject;
  /** Values the user typed so far: block_id → action_id → Slack state value. */
  values: Record<string, Record<string, SlackObject>>;
  open: boolean;
  rootViewId: string;
  previousViewId: string | null;
}

export interface PinRecord {
  ts: string;
  created: number;
  created_by: string;
}

export interface BookmarkRecord extends SlackObject {
  id: string;
  channel_id: string;
  title: string;
  link: string;
  emoji: string | null;
  type: string;
}

export interface TriggerRecord {
  user: string;
  issuedAt: number;
  used: boolean;
}

export interface ResponseUrlRecord {
  user: string;
  channel: string;
  /** The message the interaction came from (block_actions on a message). */
  messageTs?: string;
  isEphemeral: boolean;
  uses: number;
  issuedAt: number;
}

export interface OpenIdCodeRecord {
  user: string;
  clientId: string;
  nonce?: string;
  redirectUri?: string;
  issuedAt: number;
  used: boolean;
}

export interface EmulatorState {
  version: 1;
  team: TeamInfo;
  bot: BotIdentity;
  users: SlackUser[];
  channels: ChannelRecord[];
  messages: Record<string, SlackMessage[]>;
  ephemerals: EphemeralRecord[];
  views: Record<string, ViewRecord>;
  homeViews: Record<string, string>;
  pins: Record<string, PinRecord[]>;
  bookmarks: Record<string, BookmarkRecord[]>;
  triggers: Record<string, TriggerRecord>;
  responseUrls: Record<string, ResponseUrlRecord>;
  openid: {
    codes: Record<string, OpenIdCodeRecord>;
    userTokens: Record<string, string>;
    privateKeyPem?: string;
    keyId?: string;
  };
  counters: Record<string, number>;
  /** Last message ts handed out, in microseconds: Slack ts values are unique and increasing per channel. */
  lastTsMicros: number;
}

import type { BotIdentity, ChannelRecord, EmulatorState, SlackUser, TeamInfo } from './types.js';

/** A compact description of a person; expanded into Slack's full user object by `buildUser`. */
export interface PersonSeed {
  id: string;
  name: string;
  realName: string;
  email: string;
  title?: string;
  tz?: string;
  isAdmin?: boolean;
}

export interface ChannelSeed {
  id: string;
  name: string;
  isPrivate?: boolean;
  isGeneral?: boolean;
  members: string[];
  topic?: string;
  purpose?: string;
  creator?: string;
  created?: number;
}

export interface WorkspaceSeed {
  team?: Partial<TeamInfo>;
  bot?: Partial<Omit<BotIdentity, 'token'>>;
  people?: PersonSeed[];
  channels?: ChannelSeed[];
}

// The identities of /work/shared/slack-fixtures, so fixture-shaped assertions hold against the emulator.
export const DEFAULT_PEOPLE: PersonSeed[] = [
  { id: 'U0ALICE', name: 'alice', realName: 'Alice Nguyen', email: 'alice@acme.example', title: 'Site Reliability Engineer', tz: 'America/Los_Angeles' },
  { id: 'U0BOB', name: 'bob', realName: 'Bob Okafor', email: 'bob@acme.example', title: 'Backend Engineer', tz: 'Europe/London' },
  { id: 'U0CAROL', name: 'carol', realName: 'Carol Diaz', email: 'carol@acme.example', title: 'Engineering Manager', tz: 'America/New_York', isAdmin: true },
  { id: 'U0DAVE', name: 'dave', realName: 'Dave Kim', email: 'dave@acme.example', title: 'Support Lead', tz: 'Asia/Seoul' },
  { id: 'U0ERIN', name: 'erin', realName: 'Erin Walsh', email: 'erin@acme.example', title: 'Communications', tz: 'Europe/Dublin' },
];

export const DEFAULT_CHANNELS: ChannelSeed[] = [
  {
    id: 'C0GENERAL',
    name: 'general',
    isGeneral: true,
    creator: 'U0ALICE',
    created: 1700000000,
    members: ['U0ALICE', 'U0BOB', 'U0CAROL', 'U0DAVE', 'U0ERIN', 'U0BOT'],
    purpose: 'This is the one channel that will always include everyone.',
  },
  {
    id: 'C0INCIDENTS',
    name: 'incidents',
    creator: 'U0ALICE',
    created: 1710000000,
    members: ['U0ALICE', 'U0BOB', 'U0CAROL', 'U0BOT'],
    topic: 'Declare with /incident',
    purpose: 'Where incidents are declared and coordinated.',
  },
];

const TZ_OFFSETS: Record<string, [string, number]> = {
  'America/Los_Angeles': ['Pacific Standard Time', -28800],
  'America/New_York': ['Eastern Standard Time', -18000],
  'Europe/London': ['Greenwich Mean Time', 0],
  'Europe/Dublin': ['Greenwich Mean Time', 0],
  'Asia/Seoul': ['Korea Standard Time', 32400],
};

function avatar(id: string, size: number): string {
  return `https://secure.gravatar.com/avatar/${id.toLowerCase()}.jpg?s=${size}`;
}

function images(id: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of [24, 32, 48, 72, 192, 512]) out[`image_${s}`] = avatar(id, s);
  return out;
}

export function buildUser(team: TeamInfo, p: PersonSeed): SlackUser {
  const tz = p.tz ?? 'Europe/London';
  const [tzLabel, tzOffset] = TZ_OFFSETS[tz] ?? ['Coordinated Universal Time', 0];
  const [first = p.realName, ...rest] = p.realName.split(' ');
  return {
    id: p.id,
    team_id: team.id,
    name: p.name,
    deleted: false,
    color: '9f69e7',
    real_name: p.realName,
    tz,
    tz_label: tzLabel,
    tz_offset: tzOffset,
    profile: {
      title: p.title ?? '',
      phone: '',
      skype: '',
      real_name: p.realName,
      real_name_normalized: p.realName,
      display_name: p.name,
      display_name_normalized: p.name,
      fields: null,
      status_text: '',
      status_emoji: '',
      status_emoji_display_info: [],
      status_expiration: 0,
      avatar_hash: `g${p.id.toLowerCase()}`,
      email: p.email,
      first_name: first,
      last_name: rest.join(' '),
      ...images(p.id),
      status_text_canonical: '',
      team: team.id,
    },
    is_admin: p.isAdmin ?? false,
    is_owner: false,
    is_primary_owner: false,
    is_restricted: false,
    is_ultra_restricted: false,
    is_bot: false,
    is_app_user: false,
    updated: 1731000000,
    is_email_confirmed: true,
    who_can_share_contact_card: 'EVERYONE',
  };
}

export function buildBotUser(team: TeamInfo, bot: BotIdentity): SlackUser {
  return {
    id: bot.userId,
    team_id: team.id,
    name: bot.username,
    deleted: false,
    color: 'e7392d',
    real_name: bot.displayName,
    tz: 'America/Los_Angeles',
    tz_label: 'Pacific Standard Time',
    tz_offset: -28800,
    profile: {
      title: '',
      phone: '',
      skype: '',
      real_name: bot.displayName,
      real_name_normalized: bot.displayName,
      display_name: '',
      display_name_normalized: '',
      fields: null,
      status_text: '',
      status_emoji: '',
      status_emoji_display_info: [],
      status_expiration: 0,
      avatar_hash: 'gbot',
      api_app_id: team.appId,
      always_active: false,
      bot_id: bot.botId,
      first_name: bot.displayName,
      last_name: '',
      ...images(bot.userId),
      status_text_canonical: '',
      team: team.id,
    },
    is_admin: false,
    is_owner: false,
    is_primary_owner: false,
    is_restricted: false,
    is_ultra_restricted: false,
    is_bot: true,
    is_app_user: false,
    updated: 1731990000,
    is_email_confirmed: false,
    who_can_share_contact_card: 'EVERYONE',
  };
}

function buildChannel(c: ChannelSeed): ChannelRecord {
  const created = c.created ?? 1710000000;
  const creator = c.creator ?? 'U0ALICE';
  const text = (value: string | undefined) => ({ value: value ?? '', creator: value ? creator : '', last_set: value ? created : 0 });
  return {
    id: c.id,
    name: c.name,
    is_private: c.isPrivate ?? false,
    is_im: false,
    is_mpim: false,
    is_general: c.isGeneral ?? false,
    is_archived: false,
    created,
    creator,
    updated: created * 1000,
    topic: text(c.topic),
    purpose: text(c.purpose),
    previous_names: [],
    members: [...c.members],
  };
}

export function buildInitialState(seed: WorkspaceSeed, botToken: string): EmulatorState {
  const team: TeamInfo = {
    id: 'T0TEAM',
    name: 'Acme Corp',
    domain: 'acme',
    appId: 'A0APP',
    verificationToken: 'Jhj5dZrVaK7ZwHHjRyZWjbDl',
    ...seed.team,
  };
  // The manifest's bot user (src/slack/setup/manifest.ts: display_name `incident`), so `@incident` names it.
  const bot: BotIdentity = { userId: 'U0BOT', botId: 'B0BOT', username: 'incident_bot', displayName: 'incident', ...seed.bot, token: botToken };
  const people = seed.people ?? DEFAULT_PEOPLE;
  const channels = (seed.channels ?? DEFAULT_CHANNELS).map(buildChannel);
  return {
    version: 1,
    team,
    bot,
    users: [...people.map((p) => buildUser(team, p)), buildBotUser(team, bot)],
    channels,
    messages: Object.fromEntries(channels.map((c) => [c.id, []])),
    ephemerals: [],
    views: {},
    homeViews: {},
    pins: {},
    bookmarks: {},
    triggers: {},
    responseUrls: {},
    openid: { codes: {}, userTokens: {} },
    counters: {},
    lastTsMicros: 0,
  };
}

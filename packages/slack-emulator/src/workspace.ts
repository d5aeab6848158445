import { randomBytes, randomFillSync } from 'node:crypto';
import { fail } from './errors.js';
import type { ChannelRecord, EmulatorState, SlackMessage, SlackObject, SlackUser } from './types.js';

/**
 * The workspace: state plus the clock and id generators both the Web API and the driver use. Methods never
 * touch the network; events they cause go to the outbox, which the emulator delivers after the API answer is sent.
 */
export class Workspace {
  /** Events caused by the last mutation, waiting to be wrapped in `event_callback` envelopes and delivered. */
  outbox: SlackObject[] = [];

  constructor(
    public state: EmulatorState,
    readonly clock: () => number,
    private readonly fixedUrl?: string,
  ) {}

  /**
   * The workspace's own address, with a trailing slash, as auth.test and team.info report it and permalinks start
   * with: `https://<domain>.slack.com/` like Slack's, unless the emulator was given one (the sandbox's page).
   */
  get url(): string {
    return this.fixedUrl ?? `https://${this.state.team.domain}.slack.com/`;
  }

  emit(event: SlackObject): void {
    this.outbox.push(event);
  }

  drainEvents(): SlackObject[] {
    return this.outbox.splice(0);
  }

  nowSeconds(): number {
    return Math.floor(this.clock() / 1000);
  }

  /** Slack ts: "seconds.micro6", unique and increasing even when two messages land in the same microsecond. */
  nextTs(): string {
    const micros = Math.max(this.clock() * 1000, this.state.lastTsMicros + 1);
    this.state.lastTsMicros = micros;
    return formatTs(micros);
  }

  nextId(prefix: string, width = 8): string {
    const n = (this.state.counters[prefix] ?? 0) + 1;
    this.state.counters[prefix] = n;
    return `${prefix}${n.toString(36).toUpperCase().padStart(width, '0')}`;
  }

  user(id: string): SlackUser | undefined {
    return this.state.users.find((u) => u.id === id);
  }

  requireUser(id: string): SlackUser {
    return this.user(id) ?? fail('user_not_found');
  }

  channel(idOrName: string): ChannelRecord | undefined {
    const key = idOrName.replace(/^#/, '');
    return this.state.channels.find((c) => c.id === key) ?? this.state.channels.find((c) => c.name === key && !c.is_im);
  }

  /** What the bot can see: private channels it is not in look like they don't exist (Slack answers channel_not_found). */
  visibleChannel(id: string | undefined): ChannelRecord {
    if (!id) fail('channel_not_found');
    const c = this.state.channels.find((x) => x.id === id);
    if (!c) fail('channel_not_found');
    if ((c.is_private || c.is_im || c.is_mpim) && !c.members.includes(this.state.bot.userId)) fail('channel_not_found');
    return c;
  }

  isBotMember(c: ChannelRecord): boolean {
    return c.members.includes(this.state.bot.userId);
  }

  messagesOf(channelId: string): SlackMessage[] {
    return (this.state.messages[channelId] ??= []);
  }

  findMessage(channelId: string, ts: string): SlackMessage | undefined {
    return this.messagesOf(channelId).find((m) => m.ts === ts);
  }

  /** The IM channel between the bot and a user, created on first use like conversations.open does. */
  imWith(userId: string): { channel: ChannelRecord; created: boolean } {
    const existing = this.state.channels.find((c) => c.is_im && c.user === userId);
    if (existing) return { channel: existing, created: false };
    const now = this.nowSeconds();
    const channel: ChannelRecord = {
      id: this.nextId('D0', 8),
      name: userId,
      is_private: true,
      is_im: true,
      is_mpim: false,
      is_general: false,
      is_archived: false,
      created: now,
      creator: userId,
      updated: now * 1000,
      topic: { value: '', creator: '', last_set: 0 },
      purpose: { value: '', creator: '', last_set: 0 },
      previous_names: [],
      members: [userId, this.state.bot.userId],
      user: userId,
    };
    this.state.channels.push(channel);
    this.state.messages[channel.id] = [];
    return { channel, created: true };
  }

  botProfile(): SlackObject {
    const { team, bot } = this.state;
    return {
      id: bot.botId,
      app_id: team.appId,
      user_id: bot.userId,
      name: bot.displayName,
      icons: {
        image_36: 'https://a.slack-edge.com/80588/img/plugins/app/bot_36.png',
        image_48: 'https://a.slack-edge.com/80588/img/plugins/app/bot_48.png',
        image_72: 'https://a.slack-edge.com/80588/img/plugins/app/service_72.png',
      },
      deleted: false,
      updated: 1731990000,
      team_id: team.id,
    };
  }

  permalink(channelId: string, ts: string, threadTs?: string): string {
    const base = `${this.url}archives/${channelId}/p${ts.replace('.', '')}`;
    return threadTs && threadTs !== ts ? `${base}?thread_ts=${threadTs}&cid=${channelId}` : base;
  }

  /** `channel_type` as message events carry it. */
  channelType(c: ChannelRecord): 'channel' | 'group' | 'im' | 'mpim' {
    if (c.is_im) return 'im';
    if (c.is_mpim) return 'mpim';
    return c.is_private ? 'group' : 'channel';
  }
}

export function formatTs(micros: number): string {
  const s = Math.floor(micros / 1_000_000);
  const us = Math.floor(micros % 1_000_000);
  return `${s}.${String(us).padStart(6, '0')}`;
}

// Ids draw from a pool refilled 4 KiB at a time: a views.open mints a dozen (hash, block ids), and
// a randomBytes call each was a twentieth of the emulator's CPU under the benchmark's load.
const pool = Buffer.alloc(4096);
let poolAt = pool.length;

function random(bytes: number): Buffer {
  if (bytes > pool.length) return randomBytes(bytes);
  if (poolAt + bytes > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  poolAt += bytes;
  return pool.subarray(poolAt - bytes, poolAt);
}

export function randomHex(bytes: number): string {
  return random(bytes).toString('hex');
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Slack's generated block ids look like "x1Q2w": short, random, mixed case. */
export function randomBlockId(): string {
  let id = '';
  for (const b of random(5)) id += ALNUM[b % ALNUM.length];
  return id;
}

import type { BookmarkRecord, ChannelRecord, EphemeralRecord, SlackMessage, TopicOrPurpose, ViewRecord } from './types.js';
import type { Workspace } from './workspace.js';

const SYSTEM_SUBTYPES = new Set(['channel_topic', 'channel_purpose', 'channel_name', 'channel_join', 'channel_leave', 'channel_archive', 'channel_unarchive']);

/** Read-only views of the workspace for assertions. Everything returned is a copy. */
export class WorkspaceReader {
  constructor(protected readonly ws: Workspace) {}

  channel(idOrName: string): ChannelRecord | undefined {
    const c = this.ws.channel(idOrName);
    return c ? structuredClone(c) : undefined;
  }

  protected channelId(idOrName: string): string {
    const c = this.ws.channel(idOrName);
    if (!c) throw new Error(`slack-emulator: no channel ${idOrName}`);
    return c.id;
  }

  /**
   * Top-level messages, oldest first, with blocks, edits, reactions, pins and thread summary fields. System
   * messages ("set the channel topic", subtype channel_topic/channel_purpose) are left out unless asked for:
   * they are in conversations.history like on Slack, but tests almost always want what people and the bot wrote.
   */
  messages(channel: string, opts: { includeSystem?: boolean } = {}): SlackMessage[] {
    return structuredClone(
      this.ws
        .messagesOf(this.channelId(channel))
        .filter((m) => (!m.thread_ts || m.thread_ts === m.ts) && (opts.includeSystem || !SYSTEM_SUBTYPES.has(m.subtype ?? ''))),
    );
  }

  /** Replies in a thread (without the parent), oldest first. */
  replies(channel: string, threadTs: string): SlackMessage[] {
    return structuredClone(this.ws.messagesOf(this.channelId(channel)).filter((m) => m.thread_ts === threadTs && m.ts !== threadTs));
  }

  /** Every message in the channel, replies included, oldest first. */
  allMessages(channel: string): SlackMessage[] {
    return structuredClone(this.ws.messagesOf(this.channelId(channel)));
  }

  message(channel: string, ts: string): SlackMessage | undefined {
    const m = this.ws.findMessage(this.channelId(channel), ts);
    return m ? structuredClone(m) : undefined;
  }

  ephemerals(user?: string, channel?: string): EphemeralRecord[] {
    const cid = channel ? this.channelId(channel) : undefined;
    return structuredClone(this.ws.state.ephemerals.filter((e) => !e.deleted && (!user || e.user === user) && (!cid || e.channel === cid)));
  }

  /** Messages in the bot's DM with a user (both directions). */
  dms(user: string): SlackMessage[] {
    const im = this.ws.state.channels.find((c) => c.is_im && c.user === user);
    return im ? structuredClone(this.ws.messagesOf(im.id)) : [];
  }

  /** The id of the bot's DM channel with a user, if one was opened. */
  dmChannelId(user: string): string | undefined {
    return this.ws.state.channels.find((c) => c.is_im && c.user === user)?.id;
  }

  /** Open modals, oldest first (the last one is on top of its stack). */
  openViews(user?: string): ViewRecord[] {
    return structuredClone(Object.values(this.ws.state.views).filter((v) => v.open && v.kind === 'modal' && (!user || v.user === user)));
  }

  view(viewId: string): ViewRecord | undefined {
    const v = this.ws.state.views[viewId];
    return v ? structuredClone(v) : undefined;
  }

  homeView(user: string): ViewRecord | undefined {
    const id = this.ws.state.homeViews[user];
    return id ? this.view(id) : undefined;
  }

  bookmarks(channel: string): BookmarkRecord[] {
    return structuredClone(this.ws.state.bookmarks[this.channelId(channel)] ?? []);
  }

  topic(channel: string): TopicOrPurpose | undefined {
    return this.channel(channel)?.topic;
  }

  purpose(channel: string): TopicOrPurpose | undefined {
    return this.channel(channel)?.purpose;
  }

  members(channel: string): string[] {
    return this.channel(channel)?.members ?? [];
  }

  pins(channel: string): SlackMessage[] {
    const id = this.channelId(channel);
    return (this.ws.state.pins[id] ?? []).flatMap((p) => {
      const m = this.ws.findMessage(id, p.ts);
      return m ? [structuredClone(m)] : [];
    });
  }
}

import type { EmulatorState, SlackMessage, SlackObject } from '@response/slack-emulator';

/** What the sandbox page shows one person: the workspace as their Slack client would, nothing secret. */
export interface SandboxView {
  team: { id: string; name: string };
  bot: { userId: string; name: string };
  me: string;
  users: { id: string; name: string; realName: string; isBot: boolean }[];
  channels: {
    id: string;
    name: string;
    isPrivate: boolean;
    isIm: boolean;
    isArchived: boolean;
    topic: string;
    purpose: string;
    members: string[];
    pins: string[];
    bookmarks: { id: string; title: string; link: string }[];
    messages: SlackMessage[];
  }[];
  ephemerals: { channel: string; ts: string; text: string; blocks?: SlackObject[]; thread_ts?: string }[];
  /** Open modals, bottom of the stack first; the page shows the last. */
  modals: { id: string; view: SlackObject; values: Record<string, Record<string, SlackObject>> }[];
}

export function sandboxView(state: EmulatorState, me: string): SandboxView {
  const visible = state.channels.filter((c) => (c.is_im ? c.user === me : !c.is_private || c.members.includes(me)));
  return {
    team: { id: state.team.id, name: state.team.name },
    bot: { userId: state.bot.userId, name: state.bot.displayName },
    me,
    users: state.users.filter((u) => !u.deleted).map((u) => ({ id: u.id, name: u.profile.display_name || u.name, realName: u.real_name, isBot: u.is_bot })),
    channels: visible.map((c) => ({
      id: c.id,
      name: c.name,
      isPrivate: c.is_private,
      isIm: c.is_im,
      isArchived: c.is_archived,
      topic: c.topic.value,
      purpose: c.purpose.value,
      members: c.members,
      pins: (state.pins[c.id] ?? []).map((p) => p.ts),
      bookmarks: (state.bookmarks[c.id] ?? []).map((b) => ({ id: b.id, title: b.title, link: b.link })),
      messages: state.messages[c.id] ?? [],
    })),
    ephemerals: state.ephemerals
      .filter((e) => e.user === me && !e.deleted)
      .map((e) => ({ channel: e.channel, ts: e.ts, text: e.text, ...(e.blocks ? { blocks: e.blocks } : {}), ...(e.thread_ts ? { thread_ts: e.thread_ts } : {}) })),
    modals: Object.values(state.views)
      .filter((v) => v.open && v.kind === 'modal' && v.user === me)
      .map((v) => ({ id: v.id, view: v.view, values: v.values })),
  };
}

import { useCallback, useEffect, useMemo, useRef, useState, type MouseEvent, type ReactNode } from 'react';
import { act, fetchState, subscribe } from './api';
import { Blocks, type BlockContext, type ElementHandlers } from './blocks';
import { emoji } from './emoji';
import { ModalView, type FormValues } from './modal';
import { Mrkdwn } from './mrkdwn';
import type { Channel, ConfirmObj, Directory, Ephemeral, Message, SandboxState } from './types';

const REACTIONS = ['eyes', '+1', 'white_check_mark', 'fire'];
const SYSTEM = new Set(['channel_join', 'channel_leave', 'channel_topic', 'channel_purpose', 'channel_name', 'channel_archive', 'channel_unarchive']);

function timeOf(ts: string): string {
  return new Date(Number(ts) * 1000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

function initialUser(): string | null {
  return new URLSearchParams(location.search).get('as') ?? localStorage.getItem('sandbox-user');
}

/** The sandbox is the workspace's address: /sandbox/archives/C…[/p<ts without the dot>] opens that channel (and message). */
function linkedPlace(pathname = location.pathname): { channel: string | null; ts: string | null } {
  const m = /^\/sandbox\/archives\/([A-Z0-9]+)(?:\/p(\d{10})(\d{6}))?\/?$/.exec(pathname);
  return { channel: m?.[1] ?? null, ts: m?.[2] && m[3] ? `${m[2]}.${m[3]}` : null };
}

/** A message's permalink in the sandbox, as chat.getPermalink answers it. */
export function sandboxPermalink(channel: string, ts: string): string {
  return `/sandbox/archives/${channel}/p${ts.replace('.', '')}`;
}

interface Pending {
  confirm: ConfirmObj;
  resolve(ok: boolean): void;
}

function ConfirmDialog({ pending, dir }: { pending: Pending; dir: Directory }): ReactNode {
  const c = pending.confirm;
  return (
    <div className="sb-overlay sb-confirm" role="alertdialog" aria-modal="true">
      <div className="sb-modal small">
        <div className="sb-modal-title">{c.title?.text ?? 'Are you sure?'}</div>
        <div className="sb-modal-body">{c.text ? <Mrkdwn text={c.text.text} dir={dir} /> : null}</div>
        <div className="sb-modal-footer">
          <button type="button" className="sb-btn" onClick={() => pending.resolve(false)}>
            {c.deny?.text ?? 'Cancel'}
          </button>
          <button type="button" className={`sb-btn ${c.style === 'danger' ? 'danger' : 'primary'}`} onClick={() => pending.resolve(true)}>
            {c.confirm?.text ?? 'Yes'}
          </button>
        </div>
      </div>
    </div>
  );
}

/** The sandbox workspace: a small Slack client for the seeded people, on the real wire to Response. */
export function SandboxApp(): ReactNode {
  const [user, setUser] = useState<string | null>(initialUser);
  const [state, setState] = useState<SandboxState | null>(null);
  const [channelId, setChannelId] = useState<string | null>(() => linkedPlace().channel);
  // A permalink's message: scrolled to and highlighted until the person goes elsewhere.
  const [focusTs, setFocusTs] = useState<string | null>(() => linkedPlace().ts);
  const [showPins, setShowPins] = useState(false);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [modalErrors, setModalErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState<Pending | null>(null);
  const [showMembers, setShowMembers] = useState(false);
  const [reactingTo, setReactingTo] = useState<string | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const userRef = useRef(user);
  userRef.current = user;

  const inFlight = useRef(false);
  const again = useRef(false);
  // One fetch at a time, and one more after it if anything changed meanwhile: answers can't arrive out of
  // order, and the state shown is never older than the last change announced.
  const refresh = useCallback(async () => {
    if (inFlight.current) {
      again.current = true;
      return;
    }
    inFlight.current = true;
    try {
      do {
        again.current = false;
        const s = await fetchState(userRef.current);
        setState(s);
        if (!userRef.current) setUser(s.me);
      } while (again.current);
    } catch (err) {
      setNotice(err instanceof Error ? err.message : String(err));
    } finally {
      inFlight.current = false;
    }
  }, []);

  useEffect(() => subscribe(() => void refresh()), [refresh]);
  useEffect(() => {
    if (user) {
      localStorage.setItem('sandbox-user', user);
      // The sign-in page (same origin, no scripts allowed) reads this to offer the person being played first.
      document.cookie = `sandbox-user=${encodeURIComponent(user)}; path=/sandbox; max-age=31536000; samesite=lax`;
      // Keep ?as= in step with the switcher, so a reload (or a shared link) plays the same person.
      const url = new URL(location.href);
      if (url.searchParams.get('as') !== user) {
        url.searchParams.set('as', user);
        history.replaceState(null, '', url);
      }
    }
    void refresh();
  }, [user, refresh]);

  const me = state?.me ?? user ?? '';
  const botDm = state?.channels.find((c) => c.isIm);
  const channels = useMemo(() => (state?.channels ?? []).filter((c) => !c.isIm).sort((a, b) => Number(a.isArchived) - Number(b.isArchived) || a.name.localeCompare(b.name)), [state]);
  const current: Channel | undefined =
    state?.channels.find((c) => c.id === channelId) ?? (channelId === state?.bot.userId ? undefined : channels.find((c) => c.name === 'incidents') ?? channels[0]);
  const inBotDm = channelId === state?.bot.userId || (current?.isIm ?? false);
  // A link to a channel this person can't see (private, not a member) opens #incidents and says why.
  const unseen = Boolean(state && channelId && channelId !== state.bot.userId && !state.channels.some((c) => c.id === channelId));
  useEffect(() => {
    if (unseen) setNotice("That channel is private and you aren't a member (or it doesn't exist): play someone who is, with “You are” above.");
  }, [unseen]);

  // Ephemeral answers count too: a private reply arriving at the bottom must scroll into view like a message.
  const messageCount = (current?.messages.length ?? 0) + (state?.ephemerals.filter((e) => e.channel === current?.id).length ?? 0);
  useEffect(() => {
    const focused = focusTs ? listRef.current?.querySelector(`[data-ts="${focusTs}"]`) : null;
    if (focused) focused.scrollIntoView({ block: 'center' });
    else listRef.current?.scrollTo({ top: listRef.current.scrollHeight });
  }, [current?.id, messageCount, focusTs]);

  /** Goes to a channel (and message) the way a Slack link does, keeping the address bar in step. */
  const open = useCallback((channel: string, ts: string | null = null) => {
    setChannelId(channel);
    setFocusTs(ts);
    setShowPins(false);
    const url = new URL(location.href);
    url.pathname = ts ? sandboxPermalink(channel, ts) : `/sandbox/archives/${channel}`;
    history.replaceState(null, '', url);
  }, []);

  const dir: Directory = useMemo(
    () => ({
      user: (id) => {
        const u = state?.users.find((p) => p.id === id);
        return u ? (u.isBot ? (state?.bot.name ?? u.name) : u.realName) : id;
      },
      channel: (id) => state?.channels.find((c) => c.id === id)?.name,
    }),
    [state],
  );

  const run = useCallback(
    async (action: string, args: unknown[]) => {
      if (!state) return undefined;
      setBusy(true);
      setNotice(null);
      try {
        const r = await act(me, action, args);
        if (!r.ok) setNotice(r.error ?? 'Refused');
        return r;
      } finally {
        setBusy(false);
        void refresh();
      }
    },
    [me, state, refresh],
  );

  const target = current && !inBotDm ? current.id : (state?.bot.userId ?? '');
  const channelForActions = current?.id ?? target;

  const handlers = (ts: string, channel: string): ElementHandlers => ({
    button: (el, blockId) => void run('clickButton', [channel, ts, el.action_id, { value: el.value, blockId }]),
    select: (el, blockId, value) => void run('selectOption', [channel, ts, el.action_id, value, { blockId }]),
    confirm: (confirm) => new Promise<boolean>((resolve) => setPending({ confirm, resolve: (ok) => (setPending(null), resolve(ok)) })),
  });

  const ctxFor = (h: ElementHandlers): BlockContext => ({ dir, people: state?.users ?? [], handlers: h, busy });

  const send = async () => {
    const raw = text.trim();
    if (!raw || !state) return;
    const slash = /^\/(\S+)\s*([\s\S]*)$/.exec(raw);
    const r = slash ? await run('slashCommand', [`/${slash[1]}`, slash[2] ?? '', { channel: target }]) : await run('postMessage', [target, toWire(raw, state)]);
    if (r?.ok) {
      setText('');
      setFocusTs(null);
    }
  };

  const top = state?.modals.at(-1);
  const visibleEphemerals = (state?.ephemerals ?? []).filter((e) => e.channel === current?.id);
  const isMember = !current || current.isIm || current.members.includes(me);

  if (!state) return <div className="sb-loading">Loading the sandbox workspace…</div>;

  const timeline: ({ kind: 'm'; m: Message } | { kind: 'e'; e: Ephemeral })[] = [
    ...(current?.messages ?? []).map((m) => ({ kind: 'm' as const, m })),
    ...visibleEphemerals.map((e) => ({ kind: 'e' as const, e })),
  ].sort((a, b) => Number(a.kind === 'm' ? a.m.ts : a.e.ts) - Number(b.kind === 'm' ? b.m.ts : b.e.ts));

  // Links into this workspace (channel mentions, permalinks in messages, the pins list) open here, in place.
  const followWorkspaceLink = (e: MouseEvent<HTMLDivElement>) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = (e.target as Element).closest('a[href]');
    if (!(a instanceof HTMLAnchorElement)) return;
    const url = new URL(a.href);
    const place = url.origin === location.origin ? linkedPlace(url.pathname) : null;
    if (!place?.channel) return;
    e.preventDefault();
    open(place.channel, place.ts);
  };

  return (
    <div className="sb-app" onClick={followWorkspaceLink}>
      <header className="sb-top">
        <strong className="sb-team">{state.team.name}</strong>
        <span className="sb-tag">sandbox</span>
        <span className="sb-spacer" />
        <a className="sb-top-link" href="/" target="_blank" rel="noopener">
          Open the Response web UI ↗
        </a>
        <a className="sb-top-link" href="/status" target="_blank" rel="noopener">
          Status page ↗
        </a>
        <label className="sb-switch">
          You are{' '}
          <select aria-label="Play as" value={me} onChange={(e) => setUser(e.target.value)}>
            {state.users
              .filter((u) => !u.isBot)
              .map((u) => (
                <option key={u.id} value={u.id}>
                  {u.realName}
                </option>
              ))}
          </select>
        </label>
      </header>
      <nav className="sb-side" aria-label="Channels">
        <div className="sb-side-title">Channels</div>
        {channels.map((c) => (
          <button
            key={c.id}
            type="button"
            className={`sb-chan${c.id === current?.id ? ' active' : ''}${c.isArchived ? ' archived' : ''}${c.members.includes(me) ? '' : ' not-member'}`}
            onClick={() => open(c.id)}
          >
            {c.isPrivate ? '🔒' : '#'} {c.name}
          </button>
        ))}
        <div className="sb-side-title">Direct messages</div>
        <button type="button" className={`sb-chan${inBotDm ? ' active' : ''}`} onClick={() => open(botDm?.id ?? state.bot.userId)}>
          🤖 {state.bot.name}
        </button>
      </nav>
      <main className="sb-main">
        <div className="sb-chan-head">
          <div className="sb-chan-name">{inBotDm ? state.bot.name : `${current?.isPrivate ? '🔒' : '#'} ${current?.name ?? ''}`}</div>
          {current && !current.isIm ? (
            <>
              {current.topic ? (
                <div className="sb-topic" title="Topic">
                  <Mrkdwn text={current.topic} dir={dir} />
                </div>
              ) : null}
              <button type="button" className="sb-members-btn" onClick={() => setShowMembers((v) => !v)}>
                👥 {current.members.length}
              </button>
              <button
                type="button"
                className={`sb-pins-btn${showPins ? ' active' : ''}`}
                title="Pinned messages"
                aria-label={`Pinned messages: ${current.pins.length}`}
                aria-expanded={showPins}
                onClick={() => setShowPins((v) => !v)}
              >
                📌 {current.pins.length}
              </button>
            </>
          ) : null}
        </div>
        {current && current.bookmarks.length > 0 ? (
          <div className="sb-bookmarks">
            {current.bookmarks.map((b) => (
              <a key={b.id} href={/^https?:/i.test(b.link) ? b.link : undefined} target="_blank" rel="noopener noreferrer">
                🔖 {b.title}
              </a>
            ))}
          </div>
        ) : null}
        {showMembers && current ? (
          <div className="sb-member-list">
            {current.members.map((m) => (
              <span key={m} className="sb-member">
                {dir.user(m)}
              </span>
            ))}
          </div>
        ) : null}
        {showPins && current ? <PinsPanel channel={current} dir={dir} botName={state.bot.name} onClose={() => setShowPins(false)} /> : null}
        <div className="sb-messages" ref={listRef}>
          {timeline.length === 0 ? <div className="sb-empty">No messages yet.</div> : null}
          {timeline.map((item) =>
            item.kind === 'e' ? (
              <div key={`e${item.e.ts}`} className="sb-msg ephemeral">
                <div className="sb-avatar">🤖</div>
                <div className="sb-msg-main">
                  <div className="sb-msg-meta">
                    <strong>{state.bot.name}</strong> <span className="sb-time">{timeOf(item.e.ts)}</span> <span className="sb-only-you">Only visible to you</span>
                  </div>
                  {item.e.blocks?.length ? <Blocks blocks={item.e.blocks} ctx={ctxFor(handlers(item.e.ts, item.e.channel))} /> : <Mrkdwn text={item.e.text} dir={dir} />}
                </div>
              </div>
            ) : (
              <MessageRow
                key={item.m.ts}
                m={item.m}
                channel={current!}
                dir={dir}
                ctx={ctxFor(handlers(item.m.ts, channelForActions))}
                pinned={current?.pins.includes(item.m.ts) ?? false}
                focused={focusTs === item.m.ts}
                botName={state.bot.name}
                reacting={reactingTo === item.m.ts}
                onPin={(pin) => void run(pin ? 'pin' : 'unpin', [channelForActions, item.m.ts])}
                onReactMenu={() => setReactingTo((v) => (v === item.m.ts ? null : item.m.ts))}
                onReact={(name, mine) => {
                  setReactingTo(null);
                  void run(mine ? 'unreact' : 'react', [channelForActions, item.m.ts, name]);
                }}
                me={me}
              />
            ),
          )}
        </div>
        {notice ? (
          <div className="sb-notice" role="status">
            {notice}
            <button type="button" className="sb-x" onClick={() => setNotice(null)} aria-label="Dismiss">
              ×
            </button>
          </div>
        ) : null}
        {current?.isArchived ? (
          <div className="sb-composer-note">This channel is archived.</div>
        ) : isMember ? (
          <form
            className="sb-composer"
            onSubmit={(e) => {
              e.preventDefault();
              void send();
            }}
          >
            <input
              aria-label="Message"
              className="sb-compose-input"
              value={text}
              placeholder={inBotDm ? `Message ${state.bot.name}` : `Message #${current?.name ?? ''} — try /incident something is broken, or @incident help`}
              onChange={(e) => setText(e.target.value)}
            />
            <button type="submit" className="sb-btn primary" disabled={busy || !text.trim()}>
              Send
            </button>
          </form>
        ) : (
          <div className="sb-composer-note">
            You are not in #{current?.name}.{' '}
            <button type="button" className="sb-btn primary" onClick={() => void run('join', [current?.id])}>
              Join channel
            </button>
          </div>
        )}
      </main>
      {top ? (
        <ModalView
          key={`${top.id}:${top.view.hash ?? ''}`}
          modal={top}
          errors={modalErrors}
          ctx={ctxFor({
            button: (el, blockId) => void run('clickViewButton', [top.id, el.action_id, { value: el.value, blockId }]),
            select: (el, blockId, value) => void run('selectViewOption', [top.id, el.action_id, value, { blockId }]),
            confirm: (confirm) => new Promise<boolean>((resolve) => setPending({ confirm, resolve: (ok) => (setPending(null), resolve(ok)) })),
          })}
          onCancel={() => {
            setModalErrors({});
            void run('closeView', [top.id]);
          }}
          onSubmit={(values: FormValues) => {
            void run('submitView', [top.id, values]).then((r) => setModalErrors(r?.result?.responseAction === 'errors' ? (r.result.errors ?? {}) : {}));
          }}
        />
      ) : null}
      {pending ? <ConfirmDialog pending={pending} dir={dir} /> : null}
    </div>
  );
}

/** What the Slack client sends for what you typed: `@incident` and `@Name` become mentions. */
function toWire(text: string, state: SandboxState): string {
  // Like Slack's client: what you type is text, so &, < and > are escaped before mentions are added.
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return escaped.replace(/(^|\s)@([A-Za-z][\w.-]*)/g, (all, pre: string, name: string) => {
    const lower = name.toLowerCase();
    if (lower === 'incident' || lower === 'response') return `${pre}<@${state.bot.userId}>`;
    const person = state.users.find((u) => !u.isBot && (u.name.toLowerCase() === lower || u.realName.split(' ')[0]?.toLowerCase() === lower));
    return person ? `${pre}<@${person.id}>` : all;
  });
}

interface RowProps {
  m: Message;
  channel: Channel;
  dir: Directory;
  ctx: BlockContext;
  pinned: boolean;
  focused: boolean;
  botName: string;
  reacting: boolean;
  me: string;
  onPin(pin: boolean): void;
  onReactMenu(): void;
  onReact(name: string, mine: boolean): void;
}

function MessageRow({ m, dir, ctx, pinned, focused, botName, reacting, me, onPin, onReactMenu, onReact }: RowProps): ReactNode {
  if (m.subtype && SYSTEM.has(m.subtype)) {
    return (
      <div className="sb-system" data-ts={m.ts}>
        {m.user && !m.text.startsWith('<@') ? <strong>{m.bot_id ? botName : dir.user(m.user)} </strong> : null}
        <Mrkdwn text={m.text} dir={dir} />
      </div>
    );
  }
  const fromBot = Boolean(m.bot_id);
  const layout = m.blocks?.filter((b) => b.type !== 'rich_text') ?? [];
  const reply = m.thread_ts && m.thread_ts !== m.ts;
  return (
    <div className={`sb-msg${pinned ? ' pinned' : ''}${reply ? ' reply' : ''}${focused ? ' focused' : ''}`} data-ts={m.ts} aria-current={focused ? 'true' : undefined}>
      <div className="sb-avatar">{fromBot ? '🤖' : (dir.user(m.user ?? '')[0] ?? '?')}</div>
      <div className="sb-msg-main">
        <div className="sb-msg-meta">
          <strong>{fromBot ? botName : dir.user(m.user ?? '')}</strong> {fromBot ? <span className="sb-app-tag">APP</span> : null}{' '}
          <span className="sb-time">{timeOf(m.ts)}</span>
          {m.edited ? <span className="sb-time"> (edited)</span> : null}
          {pinned ? <span className="sb-pinned-tag">📌 Pinned</span> : null}
          {reply ? <span className="sb-time"> · in thread</span> : null}
        </div>
        {layout.length > 0 ? <Blocks blocks={layout} ctx={ctx} /> : <div className="sb-text"><Mrkdwn text={m.text} dir={dir} /></div>}
        {m.reactions?.length ? (
          <div className="sb-reactions">
            {m.reactions.map((r) => (
              <button
                key={r.name}
                type="button"
                className={`sb-reaction${r.users.includes(me) ? ' mine' : ''}`}
                title={`${r.users.map((u) => dir.user(u)).join(', ')} reacted with :${r.name}:`}
                onClick={() => onReact(r.name, r.users.includes(me))}
              >
                {emoji(r.name) ?? `:${r.name}:`} {r.count}
              </button>
            ))}
          </div>
        ) : null}
        {reacting ? (
          <div className="sb-reaction-menu">
            {REACTIONS.map((name) => (
              <button key={name} type="button" className="sb-reaction" aria-label={`React with ${name}`} onClick={() => onReact(name, false)}>
                {emoji(name)}
              </button>
            ))}
          </div>
        ) : null}
      </div>
      <div className="sb-msg-tools">
        <button type="button" title="Add a reaction" aria-label="Add a reaction" onClick={onReactMenu}>
          🙂
        </button>
        <button type="button" title={pinned ? 'Unpin' : 'Pin to channel'} aria-label={pinned ? 'Unpin' : 'Pin'} onClick={() => onPin(!pinned)}>
          📌
        </button>
      </div>
    </div>
  );
}

interface PinsPanelProps {
  channel: Channel;
  dir: Directory;
  botName: string;
  onClose(): void;
}

/** The channel's pinned messages, newest pin first, as Slack's "Pinned" list: each links to its message (opened in place). */
function PinsPanel({ channel, dir, botName, onClose }: PinsPanelProps): ReactNode {
  const pinned = [...channel.pins]
    .reverse()
    .map((ts) => channel.messages.find((m) => m.ts === ts))
    .filter((m): m is Message => m !== undefined);
  return (
    <section className="sb-pins" aria-label="Pinned messages">
      <div className="sb-pins-head">
        <strong>📌 Pinned in #{channel.name}</strong>
        <button type="button" className="sb-x" aria-label="Close pinned messages" onClick={onClose}>
          ×
        </button>
      </div>
      {pinned.length === 0 ? <div className="sb-pins-empty">Nothing is pinned yet. Pin a message (📌 on hover) to keep it here and on the incident's timeline.</div> : null}
      {pinned.map((m) => (
        <div key={m.ts} className="sb-pin" data-ts={m.ts}>
          <div className="sb-pin-meta">
            <strong>{m.bot_id ? botName : dir.user(m.user ?? '')}</strong> <span className="sb-time">{timeOf(m.ts)}</span>
            <a className="sb-pin-link" href={sandboxPermalink(channel.id, m.ts)}>
              View message
            </a>
          </div>
          <div className="sb-pin-text">
            <Mrkdwn text={m.text} dir={dir} />
          </div>
        </div>
      ))}
    </section>
  );
}

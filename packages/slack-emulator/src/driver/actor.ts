import { checkContent, messageEvent, storeBotMessage, storeUserMessage, richTextElements } from '../message-store.js';
import { checkChannelName } from '../methods/channel-names.js';
import { addPin, removePin } from '../methods/pins.js';
import { addReaction, removeReaction } from '../methods/reactions.js';
import { normalizeBlocks } from '../normalize.js';
import type { ChannelRecord, SlackMessage, SlackObject } from '../types.js';
import { clickInMessage, clickInView, setViewValue, type InteractionResult } from './clicks.js';
import { closeViewAs, submitViewAs, type SubmitResult } from './modals.js';
import type { ViewValues } from './view-state.js';
import type { DeliveryResult, EventDelivery } from './deliver.js';
import type { ElementInput } from './elements.js';
import { act, type DriverHost } from './host.js';
import { slashCommandFields } from './interactions.js';

export interface CommandResult extends DeliveryResult {
  triggerId: string;
  responseUrl: string;
}

/** A person in the workspace, doing what they would do in the Slack client. Every delivery is awaited. */
export class SlackUserActor {
  constructor(
    private readonly host: DriverHost,
    readonly id: string,
  ) {}

  private get ws() {
    return this.host.workspace;
  }

  /** A channel id or name; the bot's user id means "my DM with the bot". */
  private channelFor(idOrName: string, mustBeMember = true): ChannelRecord {
    const c = idOrName === this.ws.state.bot.userId ? this.ws.imWith(this.id).channel : this.ws.channel(idOrName);
    if (!c) throw new Error(`slack-emulator: no channel ${idOrName}`);
    if (mustBeMember && !c.members.includes(this.id)) throw new Error(`slack-emulator: ${this.id} is not in #${c.name}`);
    return c;
  }

  private ownMessage(channel: string, ts: string): { c: ChannelRecord; m: SlackMessage } {
    const c = this.channelFor(channel);
    const m = this.ws.findMessage(c.id, ts);
    if (!m) throw new Error(`slack-emulator: no message ${ts} in ${c.id}`);
    if (m.user !== this.id || m.bot_id) throw new Error(`slack-emulator: ${this.id} can only change their own messages`);
    return { c, m };
  }

  /** Runs `/command text` in a channel (default #incidents) and applies an immediate message answer like Slack. */
  async slashCommand(command: string, text = '', opts: { channel?: string } = {}): Promise<CommandResult> {
    const c = this.channelFor(opts.channel ?? (this.ws.channel('incidents') ? 'incidents' : 'general'));
    const { fields, triggerId, responseUrl } = slashCommandFields(this.ws, this.host.publicUrl, this.id, c, command, text);
    const body = new URLSearchParams(fields).toString();
    const result = await this.host.deliverer.send('command', command, { body, contentType: 'application/x-www-form-urlencoded' });
    if (result.status === 200 && result.body.trim()) {
      const answer = (result.json && typeof result.json === 'object' ? result.json : { text: result.body }) as SlackObject;
      if (answer.text !== undefined || answer.blocks !== undefined) {
        const content = act('slash command answer', () => checkContent({ text: answer.text as string | undefined, blocks: answer.blocks }));
        if (answer.response_type === 'in_channel') storeBotMessage(this.ws, c, content);
        else
          this.ws.state.ephemerals.push({
            channel: c.id,
            user: this.id,
            ts: this.ws.nextTs(),
            text: content.text,
            ...(content.blocks ? { blocks: content.blocks } : {}),
          });
      }
    }
    await this.host.flushEvents();
    return { ...result, triggerId, responseUrl };
  }

  /** Posts like a person; delivers `message` and, when the bot is mentioned, `app_mention`. Returns the ts. */
  async postMessage(channel: string, text: string, opts: { threadTs?: string } = {}): Promise<string> {
    const c = this.channelFor(channel);
    if (c.is_archived) throw new Error(`slack-emulator: #${c.name} is archived`);
    if (opts.threadTs && !this.ws.findMessage(c.id, opts.threadTs)) throw new Error(`slack-emulator: no thread ${opts.threadTs} in ${c.id}`);
    const m = storeUserMessage(this.ws, c, this.id, text, opts.threadTs);
    const event = messageEvent(this.ws, c, m);
    await this.host.emitEvent(event);
    // Slack sends app_mention as a separate event (own event_id); not for DMs, where message.im covers it.
    if (!c.is_im && text.includes(`<@${this.ws.state.bot.userId}>`)) {
      const { client_msg_id, text: t, user, ts, team, blocks, thread_ts: threadTs, channel, event_ts: eventTs } = event;
      await this.host.emitEvent({
        client_msg_id,
        type: 'app_mention',
        text: t,
        user,
        ts,
        team,
        ...(threadTs ? { thread_ts: threadTs } : {}),
        blocks,
        channel,
        event_ts: eventTs,
      });
    }
    return m.ts;
  }

  /** Writes to the bot in their DM (opening it if needed). */
  dmBot(text: string): Promise<string> {
    return this.postMessage(this.ws.state.bot.userId, text);
  }

  async editMessage(channel: string, ts: string, text: string): Promise<void> {
    const { c, m } = this.ownMessage(channel, ts);
    const previous = structuredClone(m);
    m.text = text;
    m.blocks = normalizeBlocks([{ type: 'rich_text', elements: [{ type: 'rich_text_section', elements: richTextElements(text) }] }]);
    m.edited = { user: this.id, ts: `${this.ws.nowSeconds()}.000000` };
    const eventTs = this.ws.nextTs();
    await this.host.emitEvent({
      type: 'message',
      subtype: 'message_changed',
      message: { ...structuredClone(m), source_team: this.ws.state.team.id, user_team: this.ws.state.team.id },
      previous_message: previous,
      channel: c.id,
      hidden: true,
      ts: eventTs,
      event_ts: eventTs,
      channel_type: this.ws.channelType(c),
    });
  }

  async deleteMessage(channel: string, ts: string): Promise<void> {
    const { c, m } = this.ownMessage(channel, ts);
    const list = this.ws.messagesOf(c.id);
    list.splice(list.indexOf(m), 1);
    const eventTs = this.ws.nextTs();
    await this.host.emitEvent({
      type: 'message',
      subtype: 'message_deleted',
      previous_message: m,
      channel: c.id,
      hidden: true,
      deleted_ts: ts,
      event_ts: eventTs,
      ts: eventTs,
      channel_type: this.ws.channelType(c),
    });
  }

  async pin(channel: string, ts: string): Promise<void> {
    const c = this.channelFor(channel);
    act(`${this.id} pinning ${ts}`, () => addPin(this.ws, c, ts, this.id));
    await this.host.flushEvents();
  }

  async unpin(channel: string, ts: string): Promise<void> {
    const c = this.channelFor(channel);
    act(`${this.id} unpinning ${ts}`, () => removePin(this.ws, c, ts, this.id));
    await this.host.flushEvents();
  }

  async react(channel: string, ts: string, name: string): Promise<void> {
    const c = this.channelFor(channel);
    const m = this.ws.findMessage(c.id, ts);
    if (!m) throw new Error(`slack-emulator: no message ${ts} in ${c.id}`);
    act(`${this.id} reacting :${name}:`, () => addReaction(this.ws, c, m, this.id, name.replace(/^:|:$/g, '')));
    await this.host.flushEvents();
  }

  async unreact(channel: string, ts: string, name: string): Promise<void> {
    const c = this.channelFor(channel);
    const m = this.ws.findMessage(c.id, ts);
    if (!m) throw new Error(`slack-emulator: no message ${ts} in ${c.id}`);
    act(`${this.id} removing :${name}:`, () => removeReaction(this.ws, c, m, this.id, name.replace(/^:|:$/g, '')));
    await this.host.flushEvents();
  }

  async renameChannel(channel: string, name: string): Promise<void> {
    const c = this.channelFor(channel);
    act(`${this.id} renaming #${c.name}`, () => checkChannelName(this.ws, name, { exceptId: c.id }));
    c.previous_names.unshift(c.name);
    c.name = name;
    await this.host.emitEvent({
      type: 'channel_rename',
      channel: { id: c.id, is_channel: !c.is_private, is_mpim: false, name, name_normalized: name, created: c.created },
      event_ts: this.ws.nextTs(),
    });
  }

  async join(channel: string): Promise<void> {
    const c = this.channelFor(channel, false);
    if (c.is_private) throw new Error(`slack-emulator: #${c.name} is private; someone must invite ${this.id}`);
    if (c.members.includes(this.id)) return;
    c.members.push(this.id);
    await this.host.emitEvent({
      type: 'member_joined_channel',
      user: this.id,
      channel: c.id,
      channel_type: 'C',
      team: this.ws.state.team.id,
      event_ts: this.ws.nextTs(),
    });
  }

  async leave(channel: string): Promise<void> {
    const c = this.channelFor(channel);
    c.members = c.members.filter((m) => m !== this.id);
    await this.host.emitEvent({
      type: 'member_left_channel',
      user: this.id,
      channel: c.id,
      channel_type: c.is_private ? 'G' : 'C',
      team: this.ws.state.team.id,
      event_ts: this.ws.nextTs(),
    });
  }

  /** Opens the app's Home tab (app_home_opened). */
  async openHome(): Promise<EventDelivery | null> {
    const im = this.ws.imWith(this.id).channel;
    const homeId = this.ws.state.homeViews[this.id];
    const home = homeId ? this.ws.state.views[homeId]?.view : undefined;
    return this.host.emitEvent({
      type: 'app_home_opened',
      user: this.id,
      channel: im.id,
      tab: 'home',
      ...(home ? { view: home } : {}),
      event_ts: this.ws.nextTs(),
    });
  }

  /** Presses a button that is visible in a message (or in one of this person's ephemerals). */
  clickButton(channel: string, messageTs: string, actionId: string, opts: { value?: string; blockId?: string } = {}): Promise<InteractionResult> {
    return clickInMessage(this.host, this.id, this.channelFor(channel, false), messageTs, actionId, { ...opts, input: null, mustBe: 'button' });
  }

  /** Picks an option (static/radio/overflow: option value; users_select: user id) in a message's element. */
  selectOption(channel: string, messageTs: string, actionId: string, value: ElementInput, opts: { blockId?: string } = {}): Promise<InteractionResult> {
    return clickInMessage(this.host, this.id, this.channelFor(channel, false), messageTs, actionId, { ...opts, input: value, mustBe: 'select' });
  }

  clickViewButton(viewId: string, actionId: string, opts: { value?: string; blockId?: string } = {}): Promise<InteractionResult> {
    return clickInView(this.host, this.id, viewId, actionId, opts);
  }

  /** Sets an element in an open view; delivers block_actions when the element dispatches (actions block, dispatch_action). */
  selectViewOption(viewId: string, actionId: string, value: ElementInput, opts: { blockId?: string } = {}): Promise<InteractionResult | null> {
    return setViewValue(this.host, this.id, viewId, actionId, value, opts);
  }

  /** Types into / picks in any element of an open view (same as selectViewOption). */
  setViewValue(viewId: string, actionId: string, value: ElementInput, opts: { blockId?: string } = {}): Promise<InteractionResult | null> {
    return setViewValue(this.host, this.id, viewId, actionId, value, opts);
  }

  /** Submits the top view of a stack: `values` maps block_id → action_id → value. */
  submitView(viewId: string, values: ViewValues = {}): Promise<SubmitResult> {
    return submitViewAs(this.host, this.id, viewId, values);
  }

  /** Closes a view (Cancel); delivers view_closed when the view asked for notify_on_close. */
  closeView(viewId: string, opts: { isCleared?: boolean } = {}): Promise<DeliveryResult | null> {
    return closeViewAs(this.host, this.id, viewId, opts.isCleared ?? false);
  }
}

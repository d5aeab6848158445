import { fail } from '../errors.js';
import type { ChannelRecord, PinRecord, SlackMessage, SlackObject } from '../types.js';
import type { Workspace } from '../workspace.js';
import { need, str, type MethodTable } from './context.js';
import { memberChannel } from './conversations.js';

/** The `item` of pin_added / pin_removed: the full message with `pinned_to` and `permalink` (event-pin-added.json). */
function pinItem(ws: Workspace, c: ChannelRecord, m: SlackMessage, pin: PinRecord): SlackObject {
  const { reactions: _r, ...message } = structuredClone(m);
  return {
    type: 'message',
    created: pin.created,
    created_by: pin.created_by,
    channel: c.id,
    message: { ...message, permalink: ws.permalink(c.id, m.ts, m.thread_ts) },
  };
}

function pinEvent(ws: Workspace, type: 'pin_added' | 'pin_removed', c: ChannelRecord, m: SlackMessage, pin: PinRecord, user: string): SlackObject {
  const count = (ws.state.pins[c.id] ?? []).length;
  return {
    type,
    user,
    channel_id: c.id,
    item: pinItem(ws, c, m, pin),
    item_user: m.user,
    pin_count: count,
    pinned_info: { channel: c.id, pinned_by: pin.created_by, pinned_ts: pin.created },
    ...(type === 'pin_removed' ? { has_pins: count > 0 } : {}),
    event_ts: ws.nextTs(),
  };
}

/** Shared by pins.add (the bot) and the driver (a person pinning in the client). */
export function addPin(ws: Workspace, c: ChannelRecord, ts: string | undefined, user: string): void {
  if (!ts) fail('no_item_specified');
  const m = ws.findMessage(c.id, ts);
  if (!m) fail('message_not_found');
  const pins = (ws.state.pins[c.id] ??= []);
  if (pins.some((p) => p.ts === ts)) fail('already_pinned');
  const pin: PinRecord = { ts, created: ws.nowSeconds(), created_by: user };
  pins.push(pin);
  m.pinned_to = [...new Set([...(m.pinned_to ?? []), c.id])];
  ws.emit(pinEvent(ws, 'pin_added', c, m, pin, user));
}

export function removePin(ws: Workspace, c: ChannelRecord, ts: string | undefined, user: string): void {
  if (!ts) fail('no_item_specified');
  const m = ws.findMessage(c.id, ts);
  if (!m) fail('message_not_found');
  const pins = ws.state.pins[c.id] ?? [];
  const pin = pins.find((p) => p.ts === ts);
  if (!pin) fail('no_pin');
  ws.state.pins[c.id] = pins.filter((p) => p !== pin);
  delete m.pinned_to;
  ws.emit(pinEvent(ws, 'pin_removed', c, m, pin, user));
}

export const pinMethods: MethodTable = {
  'pins.add': {
    handler: ({ ws, args }) => {
      addPin(ws, memberChannel(ws, args), need(args, 'timestamp', 'no_item_specified'), ws.state.bot.userId);
      return { ok: true };
    },
  },
  'pins.remove': {
    handler: ({ ws, args }) => {
      removePin(ws, memberChannel(ws, args), need(args, 'timestamp', 'no_item_specified'), ws.state.bot.userId);
      return { ok: true };
    },
  },
  'pins.list': {
    handler: ({ ws, args }) => {
      const c = ws.visibleChannel(str(args, 'channel'));
      if (!ws.isBotMember(c)) fail('not_in_channel');
      const items = (ws.state.pins[c.id] ?? []).flatMap((p) => {
        const m = ws.findMessage(c.id, p.ts);
        return m ? [pinItem(ws, c, m, p)] : [];
      });
      return { ok: true, items };
    },
  },
};

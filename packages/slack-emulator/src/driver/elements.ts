import type { SlackObject } from '../types.js';
import type { Workspace } from '../workspace.js';

/** What a test passes for one element: text, a user/option value, or a list for multi-value elements. */
export type ElementInput = string | string[] | null;

export interface FoundElement {
  block: SlackObject;
  blockId: string;
  element: SlackObject;
}

const asObj = (v: unknown): SlackObject | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as SlackObject) : undefined);

/** Interactive elements live in actions blocks, section accessories and input blocks. */
export function elementsOf(blocks: unknown): FoundElement[] {
  const out: FoundElement[] = [];
  for (const b of Array.isArray(blocks) ? blocks : []) {
    const block = asObj(b);
    if (!block) continue;
    const blockId = String(block.block_id ?? '');
    const candidates = [...(Array.isArray(block.elements) && block.type === 'actions' ? block.elements : []), block.accessory, block.element];
    for (const e of candidates) {
      const element = asObj(e);
      if (element && typeof element.action_id === 'string') out.push({ block, blockId, element });
    }
  }
  return out;
}

export function findElement(blocks: unknown, actionId: string, blockId?: string): FoundElement | undefined {
  return elementsOf(blocks).find((f) => f.element.action_id === actionId && (!blockId || f.blockId === blockId));
}

function allOptions(element: SlackObject): SlackObject[] {
  const direct = Array.isArray(element.options) ? (element.options as SlackObject[]) : [];
  const grouped = Array.isArray(element.option_groups)
    ? (element.option_groups as SlackObject[]).flatMap((g) => (Array.isArray(g.options) ? (g.options as SlackObject[]) : []))
    : [];
  return [...direct, ...grouped];
}

function option(element: SlackObject, value: string): SlackObject {
  const found = allOptions(element).find((o) => o.value === value);
  // A person can only pick what the element offers.
  if (!found) throw new Error(`slack-emulator: ${String(element.action_id)} has no option "${value}"`);
  const { text, value: v, description } = found;
  return { text, value: v, ...(description ? { description } : {}) };
}

const one = (v: ElementInput): string | null => (Array.isArray(v) ? (v[0] ?? null) : v);
const many = (v: ElementInput): string[] => (v === null ? [] : Array.isArray(v) ? v : [v]);

function checkUser(ws: Workspace, id: string | null): string | null {
  if (id !== null && !ws.user(id)) throw new Error(`slack-emulator: no user ${id} to select`);
  return id;
}

/** The `state.values` entry / action fields for an element set to `v`, in Slack's shape per element type. */
export function stateValue(ws: Workspace, element: SlackObject, v: ElementInput): SlackObject {
  const type = String(element.type);
  switch (type) {
    case 'plain_text_input': {
      const text = one(v);
      const max = typeof element.max_length === 'number' ? element.max_length : 3000;
      if (text !== null && text.length > max) throw new Error(`slack-emulator: ${String(element.action_id)} accepts at most ${max} characters`);
      return { type, value: text === '' ? null : text };
    }
    case 'email_text_input':
    case 'url_text_input':
      return { type, value: one(v) };
    case 'number_input': {
      // Slack's client only lets a number be typed (a whole one unless is_decimal_allowed); the value stays a string.
      const text = one(v);
      const pattern = element.is_decimal_allowed === true ? /^-?\d+(\.\d+)?$/ : /^-?\d+$/;
      if (text !== null && text !== '' && !pattern.test(text)) throw new Error(`slack-emulator: ${String(element.action_id)} accepts only ${element.is_decimal_allowed === true ? 'numbers' : 'whole numbers'}`);
      return { type, value: text === '' ? null : text };
    }
    case 'datetimepicker': {
      // A date and time picked: Slack sends it as UNIX seconds (a number). Tests pass the seconds as text.
      const text = one(v);
      if (text !== null && !/^\d+$/.test(text)) throw new Error(`slack-emulator: ${String(element.action_id)} takes UNIX seconds`);
      return { type, selected_date_time: text === null ? null : Number(text) };
    }
    case 'users_select':
      return { type, selected_user: checkUser(ws, one(v)) };
    case 'multi_users_select':
      return { type, selected_users: many(v).map((u) => checkUser(ws, u) as string) };
    case 'conversations_select':
      return { type, selected_conversation: one(v) };
    case 'channels_select':
      return { type, selected_channel: one(v) };
    case 'multi_conversations_select':
      return { type, selected_conversations: many(v) };
    case 'multi_channels_select':
      return { type, selected_channels: many(v) };
    case 'static_select':
    case 'radio_buttons':
    case 'overflow': {
      const value = one(v);
      return { type, selected_option: value === null ? null : option(element, value) };
    }
    case 'multi_static_select':
    case 'checkboxes':
      return { type, selected_options: many(v).map((x) => option(element, x)) };
    case 'datepicker':
      return { type, selected_date: one(v) };
    case 'timepicker':
      return { type, selected_time: one(v) };
    default:
      return { type, value: one(v) };
  }
}

/** An input the person never touched: its initial value if it has one, else null / [] (fixtures README). */
export function untouchedValue(ws: Workspace, element: SlackObject): SlackObject {
  const initialOption = asObj(element.initial_option);
  const initial: ElementInput =
    typeof element.initial_value === 'string'
      ? element.initial_value
      : typeof element.initial_user === 'string'
        ? element.initial_user
        : typeof element.initial_conversation === 'string'
          ? element.initial_conversation
          : typeof element.initial_channel === 'string'
            ? element.initial_channel
            : typeof element.initial_date === 'string'
              ? element.initial_date
              : typeof element.initial_date_time === 'number'
                ? String(element.initial_date_time)
              : initialOption
                ? String(initialOption.value)
                : Array.isArray(element.initial_options)
                  ? (element.initial_options as SlackObject[]).map((o) => String(o.value))
                  : Array.isArray(element.initial_users)
                    ? (element.initial_users as string[])
                    : null;
  return stateValue(ws, element, initial);
}

/** True when a state value carries nothing (what Slack's client refuses to submit for required inputs). */
export function isEmpty(v: SlackObject): boolean {
  const fields = Object.entries(v).filter(([k]) => k !== 'type');
  return fields.every(([, x]) => x === null || x === '' || (Array.isArray(x) && x.length === 0));
}

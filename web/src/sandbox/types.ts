/** The shapes /sandbox/api/state returns (src/sandbox/view-model.ts), and the Block Kit the page renders. */
export interface TextObj {
  type: 'plain_text' | 'mrkdwn';
  text: string;
}

export interface OptionObj {
  text: TextObj;
  value: string;
  description?: TextObj;
}

export interface ConfirmObj {
  title?: TextObj;
  text?: TextObj;
  confirm?: TextObj;
  deny?: TextObj;
  style?: 'primary' | 'danger';
}

export interface ElementObj {
  type: string;
  action_id?: string;
  text?: TextObj;
  value?: string;
  style?: 'primary' | 'danger';
  url?: string;
  confirm?: ConfirmObj;
  options?: OptionObj[];
  option_groups?: { label: TextObj; options: OptionObj[] }[];
  initial_option?: OptionObj;
  initial_options?: OptionObj[];
  initial_user?: string;
  initial_users?: string[];
  /** A datetimepicker's time, UNIX seconds. */
  initial_date_time?: number;
  initial_value?: string;
  /** number_input's bounds and whether it takes decimals. */
  min_value?: string;
  max_value?: string;
  is_decimal_allowed?: boolean;
  placeholder?: TextObj;
  multiline?: boolean;
  image_url?: string;
  alt_text?: string;
}

export interface BlockObj {
  type: string;
  block_id?: string;
  text?: TextObj;
  fields?: TextObj[];
  accessory?: ElementObj;
  elements?: (ElementObj & { text?: TextObj | string })[];
  label?: TextObj;
  element?: ElementObj;
  optional?: boolean;
  hint?: TextObj;
  image_url?: string;
  alt_text?: string;
  title?: TextObj;
  dispatch_action?: boolean;
}

export interface Message {
  ts: string;
  text: string;
  user?: string;
  bot_id?: string;
  subtype?: string;
  blocks?: BlockObj[];
  thread_ts?: string;
  reply_count?: number;
  edited?: { user: string; ts: string };
  reactions?: { name: string; users: string[]; count: number }[];
}

export interface Channel {
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
  messages: Message[];
}

export interface Ephemeral {
  channel: string;
  ts: string;
  text: string;
  blocks?: BlockObj[];
}

export interface ViewObj {
  id?: string;
  type: string;
  callback_id?: string;
  hash?: string;
  title?: TextObj;
  submit?: TextObj;
  close?: TextObj;
  blocks?: BlockObj[];
}

export interface Modal {
  id: string;
  view: ViewObj;
}

export interface Person {
  id: string;
  name: string;
  realName: string;
  isBot: boolean;
}

export interface SandboxState {
  team: { id: string; name: string };
  bot: { userId: string; name: string };
  me: string;
  users: Person[];
  channels: Channel[];
  ephemerals: Ephemeral[];
  modals: Modal[];
}

/** Names for mentions and channel links in mrkdwn. */
export interface Directory {
  user(id: string): string;
  channel(id: string): string | undefined;
}

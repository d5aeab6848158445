import { hasNul } from '../core/shared/input-limits.js';
import { z } from 'zod';

/**
 * What Response understands of Slack's payloads, validated at the edge (never cast). Objects are
 * loose: Slack adds fields freely, and we only pin down what we read.
 */
export const urlVerificationSchema = z.looseObject({ type: z.literal('url_verification'), challenge: z.string() });

export const eventCallbackSchema = z.looseObject({
  type: z.literal('event_callback'),
  event_id: z.string().min(1),
  team_id: z.string().optional(),
  event: z.looseObject({ type: z.string().min(1) }),
});

export const slashCommandSchema = z.looseObject({
  command: z.string().startsWith('/'),
  text: z.string().default(''),
  user_id: z.string().min(1),
  channel_id: z.string().min(1),
  trigger_id: z.string().min(1),
  response_url: z.string().optional(),
});
export type SlashCommand = z.output<typeof slashCommandSchema>;

const userSchema = z.looseObject({ id: z.string().min(1) });

export const blockActionsSchema = z.looseObject({
  type: z.literal('block_actions'),
  user: userSchema,
  trigger_id: z.string().min(1),
  channel: z.looseObject({ id: z.string() }).optional(),
  container: z
    .looseObject({ type: z.string(), message_ts: z.string().optional(), channel_id: z.string().optional(), thread_ts: z.string().optional() })
    .optional(),
  message: z.looseObject({ ts: z.string(), thread_ts: z.string().optional() }).optional(),
  view: z
    .looseObject({
      id: z.string(),
      callback_id: z.string().optional(),
      hash: z.string().optional(),
      private_metadata: z.string().optional(),
      // A modal's inputs as typed so far (redrawing a form keeps them).
      state: z.looseObject({ values: z.record(z.string(), z.record(z.string(), z.lazy(() => stateValueSchema))) }).optional(),
    })
    .optional(),
  actions: z
    .array(
      z.looseObject({
        action_id: z.string().min(1),
        block_id: z.string().optional(),
        action_ts: z.string().optional(),
        value: z.string().optional(),
        selected_option: z.looseObject({ value: z.string() }).nullish(),
        selected_user: z.string().nullish(),
      }),
    )
    .min(1),
});
export type BlockActions = z.output<typeof blockActionsSchema>;

const stateValueSchema = z.looseObject({
  type: z.string(),
  value: z.string().nullish(),
  selected_user: z.string().nullish(),
  selected_option: z.looseObject({ value: z.string() }).nullish(),
  /** Checkboxes (the report modal's "private"). */
  selected_options: z.array(z.looseObject({ value: z.string() })).nullish(),
  /** A datetimepicker's choice, in UNIX seconds (custom date-time fields). */
  selected_date_time: z.number().nullish(),
});
export type StateValue = z.output<typeof stateValueSchema>;

export const viewSubmissionSchema = z.looseObject({
  type: z.literal('view_submission'),
  user: userSchema,
  trigger_id: z.string().optional(),
  view: z.looseObject({
    id: z.string().min(1),
    callback_id: z.string(),
    hash: z.string().optional(),
    private_metadata: z.string().default(''),
    state: z.looseObject({ values: z.record(z.string(), z.record(z.string(), stateValueSchema)) }),
  }),
});
export type ViewSubmission = z.output<typeof viewSubmissionSchema>;

export const viewClosedSchema = z.looseObject({ type: z.literal('view_closed'), user: userSchema, view: z.looseObject({ id: z.string() }) });

export type Envelope =
  | { kind: 'event'; data: z.infer<typeof eventCallbackSchema> }
  | { kind: 'command'; data: z.infer<typeof slashCommandSchema> }
  | { kind: 'actions'; data: z.infer<typeof blockActionsSchema> }
  | { kind: 'submission'; data: z.infer<typeof viewSubmissionSchema> }
  | { kind: 'closed'; data: z.infer<typeof viewClosedSchema> };

/**
 * The envelope a payload is, validated against the one schema its `type` (or `command`) names, or
 * null when it is none Response answers. One schema per payload: trying each in turn cost a failed
 * parse, with its issue list, for every slash command and button press.
 */
export function parseEnvelope(body: Record<string, unknown>): Envelope | null {
  // The receiver checks a payload before acking it and Bolt's middleware reads it after: one parse for both.
  const known = parsedEnvelopes.get(body);
  if (known !== undefined) return known;
  const envelope = parseEnvelopeOnce(body);
  parsedEnvelopes.set(body, envelope);
  return envelope;
}

const parsedEnvelopes = new WeakMap<object, Envelope | null>();

function parseEnvelopeOnce(body: Record<string, unknown>): Envelope | null {
  const parsed = (() => {
    switch (body.type) {
      case 'event_callback':
        return { kind: 'event', result: eventCallbackSchema.safeParse(body) } as const;
      case 'block_actions':
        return { kind: 'actions', result: blockActionsSchema.safeParse(body) } as const;
      case 'view_submission':
        return { kind: 'submission', result: viewSubmissionSchema.safeParse(body) } as const;
      case 'view_closed':
        return { kind: 'closed', result: viewClosedSchema.safeParse(body) } as const;
      default:
        return body.type === undefined && typeof body.command === 'string' ? ({ kind: 'command', result: slashCommandSchema.safeParse(body) } as const) : null;
    }
  })();
  if (!parsed?.result.success) return null;
  return { kind: parsed.kind, data: parsed.result.data } as Envelope;
}

/** The envelopes Response answers; anything else is logged and acked. */
export function recognisedEnvelope(body: Record<string, unknown>): boolean {
  return parseEnvelope(body) !== null;
}

/** A message timestamp as Slack writes it ("1732350000.000100"); anything else can't be a time we store. */
const slackTs = z.string().regex(/^\d{1,10}(?:\.\d{1,6})?$/, 'must be a Slack message timestamp');

/** Ids as Slack writes them (C…, G…, D…, T…); a NUL or a space in one would only fail a statement later. */
const slackId = z.string().regex(/^[A-Z0-9]{2,40}$/, 'must be a Slack id');
const slackUser = z.string().regex(/^[UW][A-Z0-9]{1,40}$/, 'must be a Slack user id');

// Events we act on ourselves.
export const appMentionSchema = z.looseObject({
  type: z.literal('app_mention'),
  user: slackUser,
  text: z.string(),
  ts: slackTs,
  channel: slackId,
  thread_ts: z.string().optional(),
});

export const messageEventSchema = z.looseObject({
  type: z.literal('message'),
  subtype: z.string().optional(),
  channel: slackId,
  user: slackUser.optional(),
  bot_id: z.string().optional(),
  text: z.string().optional(),
  ts: slackTs,
  thread_ts: z.string().optional(),
  message: z.looseObject({ ts: slackTs, text: z.string().optional(), user: slackUser.optional(), bot_id: z.string().optional() }).optional(),
});

const pinnedItemSchema = z.looseObject({
  type: z.string(),
  channel: z.string().optional(),
  message: z
    .looseObject({
      ts: slackTs,
      text: z.string().default(''),
      user: slackUser.optional(),
      bot_id: z.string().optional(),
      permalink: z.string().optional(),
      subtype: z.string().optional(),
    })
    .optional(),
});
export const pinEventSchema = z.looseObject({
  type: z.enum(['pin_added', 'pin_removed']),
  user: slackUser.optional(),
  channel_id: slackId,
  item: pinnedItemSchema,
});

export const channelRenameSchema = z.looseObject({ type: z.literal('channel_rename'), channel: z.looseObject({ id: slackId, name: z.string().min(1).max(80).refine((n) => !hasNul(n)) }) });

export const channelMemberSchema = z.looseObject({ type: z.enum(['member_joined_channel', 'member_left_channel']), user: slackUser, channel: slackId });

/** The channel an event happened in, wherever Slack put it. */
export function eventChannelId(event: Record<string, unknown>): string | undefined {
  if (typeof event.channel_id === 'string') return event.channel_id;
  if (typeof event.channel === 'string') return event.channel;
  const ch = event.channel as { id?: unknown } | undefined;
  if (ch && typeof ch.id === 'string') return ch.id;
  const item = event.item as { channel?: unknown } | undefined;
  if (item && typeof item.channel === 'string') return item.channel;
  return undefined;
}

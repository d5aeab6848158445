import type { KnownBlock, View } from '@slack/types';
import { actionHandler, incidentCommand, viewHandler, fitMrkdwn, MESSAGE_TEXT_MAX, SECTION_TEXT_MAX, TEXT_INPUT_MAX } from '../../sdk/index.js';
import type { ActionHandler, HandlerContext, IncidentCommand, IncidentView, ViewHandler } from '../../sdk/types.js';
import { LONG_TEXT_MAX_LENGTH } from '../../../core/incident/schemas.js';

/** Slack caps a button value at 2000 characters; a longer proposal can still be made through Change. */
const MAX_BUTTON_VALUE = 2000;

export interface ProposedField {
  field: 'summary' | 'impact';
  help: string;
  /** "The summary has been updated to:" … */
  label: string;
  missing: string;
  changeActionId: string;
  acceptActionId: string;
  callbackId: string;
  modalTitle: string;
  /** Response put a divider before the proposal for summary only. */
  divider: boolean;
}

interface ModalState {
  incident_id: number;
  channel_id?: string;
  message_ts?: string;
}

// Texts up to LONG_TEXT_MAX_LENGTH are kept whole; what Slack shows is cut to its limits with a link to the doc.
const updatedText = (f: ProposedField, text: string, docUrl: string) => fitMrkdwn(`*The ${f.label} has been updated to:*\n${text}`, MESSAGE_TEXT_MAX, docUrl);

/** Said instead of offering a text nobody could save. */
const tooLong = (f: ProposedField, length: number) =>
  `That ${f.label} is ${length.toLocaleString('en')} characters; the most I can keep is ${LONG_TEXT_MAX_LENGTH.toLocaleString('en')}. Please shorten it (link to longer notes).`;

/** The prompt after someone used it: what was done, no buttons left to press twice. */
async function settlePrompt(ctx: HandlerContext, f: ProposedField, where: { channelId?: string; messageTs?: string }, text: string): Promise<void> {
  if (!where.channelId || !where.messageTs) return;
  const by = ctx.user ? `<@${ctx.user.slackId}>` : 'Someone';
  const done = `✅ ${by} updated the ${f.label} to:\n${text}`;
  const docUrl = ctx.incident.docUrl;
  await ctx.client.chat
    .update({
      channel: where.channelId,
      ts: where.messageTs,
      text: fitMrkdwn(done, MESSAGE_TEXT_MAX, docUrl),
      blocks: [{ type: 'section', block_id: 'update', text: { type: 'mrkdwn', text: fitMrkdwn(done, SECTION_TEXT_MAX, docUrl) } }],
    })
    .catch((err: unknown) => ctx.log.warn('could not update the prompt message', { error: err instanceof Error ? err.message : String(err) }));
}

function promptBlocks(f: ProposedField, incident: IncidentView, proposal: string): KnownBlock[] {
  const current = incident[f.field];
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      block_id: 'update',
      text: { type: 'mrkdwn', text: fitMrkdwn(`*This is the current ${f.label}:*\n${current ?? f.missing}`, SECTION_TEXT_MAX, incident.docUrl) },
      accessory: { type: 'button', action_id: f.changeActionId, text: { type: 'plain_text', text: 'Change', emoji: true }, value: String(incident.id) },
    },
  ];
  if (proposal) {
    if (f.divider) blocks.push({ type: 'divider' });
    const canAccept = proposal.length <= MAX_BUTTON_VALUE;
    blocks.push({
      type: 'section',
      block_id: 'proposed',
      text: { type: 'mrkdwn', text: fitMrkdwn(`*Or would you like to update the ${f.label} to this?*\n${proposal}`, SECTION_TEXT_MAX, incident.docUrl, 'The whole proposal is in your message') },
      // The proposal travels in the button's value, so Yes applies exactly what was proposed (never re-read from the message text).
      ...(canAccept ? { accessory: { type: 'button' as const, action_id: f.acceptActionId, text: { type: 'plain_text' as const, text: 'Yes', emoji: true }, value: proposal } } : {}),
    });
  }
  return blocks;
}

export function modalFor(f: ProposedField, incident: IncidentView, state: ModalState): View {
  return {
    type: 'modal',
    callback_id: f.callbackId,
    title: { type: 'plain_text', text: f.modalTitle },
    submit: { type: 'plain_text', text: 'Update' },
    close: { type: 'plain_text', text: 'Cancel' },
    private_metadata: JSON.stringify(state),
    blocks: [
      {
        type: 'input',
        block_id: f.field,
        label: { type: 'plain_text', text: f.modalTitle.replace(/^Update /, '') },
        element: {
          type: 'plain_text_input',
          action_id: 'value',
          multiline: true,
          // Slack enforces the limit as people type; a longer text is edited in the doc (Change says so).
          max_length: TEXT_INPUT_MAX,
          ...(incident[f.field] ? { initial_value: incident[f.field] ?? '' } : {}),
        },
      },
    ],
  };
}

/** `@incident summary [text]` / `@incident impact [text]` with Response's propose/confirm flow. */
export function proposeFieldCommand(f: ProposedField): IncidentCommand {
  return incidentCommand(
    [f.field],
    f.help,
    async (ctx) => {
      const text = ctx.args.trim();
      if (text.length > LONG_TEXT_MAX_LENGTH) return { handled: false, hint: tooLong(f, text.length) };
      if (text && !ctx.incident[f.field]) {
        await ctx.incidents.update({ [f.field]: text });
        await ctx.say(updatedText(f, text, ctx.incident.docUrl));
        return;
      }
      const blocks = promptBlocks(f, ctx.incident, text);
      await ctx.say({ text: fitMrkdwn(`The current ${f.label}: ${ctx.incident[f.field] ?? f.missing}`, MESSAGE_TEXT_MAX, ctx.incident.docUrl), blocks });
    },
    { usage: '[text]' },
  );
}

/** Change → a modal prefilled with the current value; Yes → applies the proposal carried by the button. */
export function proposeFieldActions(f: ProposedField): ActionHandler[] {
  return [
    actionHandler(f.changeActionId, async (ctx) => {
      const current = ctx.incident[f.field];
      if (current && current.length > TEXT_INPUT_MAX) {
        await ctx.ephemeral(`The ${f.label} is longer than a Slack text field holds (${TEXT_INPUT_MAX.toLocaleString('en')} characters): edit it in the <${ctx.incident.docUrl}|incident doc>.`);
        return;
      }
      await ctx.openModal(modalFor(f, ctx.incident, { incident_id: ctx.incident.id, channel_id: ctx.channelId, message_ts: ctx.messageTs }));
    }),
    actionHandler(f.acceptActionId, async (ctx) => {
      const text = (ctx.value ?? '').trim();
      if (!text) return;
      await ctx.incidents.update({ [f.field]: text });
      await ctx.say(updatedText(f, text, ctx.incident.docUrl));
      await settlePrompt(ctx, f, { channelId: ctx.channelId, messageTs: ctx.messageTs }, text);
    }),
  ];
}

/** The modal's submission: save, tell the channel, settle the prompt it came from. */
export function proposeFieldView(f: ProposedField): ViewHandler {
  return viewHandler(f.callbackId, async (ctx) => {
    const raw = ctx.values[f.field]?.value as { value?: string | null } | undefined;
    const text = (raw?.value ?? '').trim();
    if (!text) return { errors: { [f.field]: `Please enter the ${f.label}` } };
    let state: Partial<ModalState> = {};
    try {
      state = JSON.parse(ctx.privateMetadata || '{}') as Partial<ModalState>;
    } catch {
      // an older modal without state: nothing to settle
    }
    await ctx.incidents.update({ [f.field]: text });
    await ctx.say(updatedText(f, text, ctx.incident.docUrl));
    await settlePrompt(ctx, f, { channelId: state.channel_id, messageTs: state.message_ts }, text);
  });
}

import type { KnownBlock, View } from '@slack/types';
import { actionHandler, incidentCommand, viewHandler } from '../../sdk/index.js';
import type { ActionHandler, HandlerContext, IncidentCommand, IncidentView, ViewHandler } from '../../sdk/types.js';

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

const updatedText = (f: ProposedField, text: string) => `*The ${f.label} has been updated to:*\n${text}`;

/** The prompt after someone used it: what was done, no buttons left to press twice. */
async function settlePrompt(ctx: HandlerContext, f: ProposedField, where: { channelId?: string; messageTs?: string }, text: string): Promise<void> {
  if (!where.channelId || !where.messageTs) return;
  const by = ctx.user ? `<@${ctx.user.slackId}>` : 'Someone';
  const done = `✅ ${by} updated the ${f.label} to:\n${text}`;
  await ctx.client.chat
    .update({ channel: where.channelId, ts: where.messageTs, text: done, blocks: [{ type: 'section', block_id: 'update', text: { type: 'mrkdwn', text: done } }] })
    .catch((err: unknown) => ctx.log.warn('could not update the prompt message', { error: err instanceof Error ? err.message : String(err) }));
}

function promptBlocks(f: ProposedField, incident: IncidentView, proposal: string): KnownBlock[] {
  const current = incident[f.field];
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      block_id: 'update',
      text: { type: 'mrkdwn', text: `*This is the current ${f.label}:*\n${current ?? f.missing}` },
      accessory: { type: 'button', action_id: f.changeActionId, text: { type: 'plain_text', text: 'Change', emoji: true }, value: String(incident.id) },
    },
  ];
  if (proposal) {
    if (f.divider) blocks.push({ type: 'divider' });
    const canAccept = proposal.length <= MAX_BUTTON_VALUE;
    blocks.push({
      type: 'section',
      block_id: 'proposed',
      text: { type: 'mrkdwn', text: `*Or would you like to update the ${f.label} to this?*\n${proposal}` },
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
        element: { type: 'plain_text_input', action_id: 'value', multiline: true, ...(incident[f.field] ? { initial_value: incident[f.field] ?? '' } : {}) },
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
      if (text && !ctx.incident[f.field]) {
        await ctx.incidents.update({ [f.field]: text });
        await ctx.say(updatedText(f, text));
        return;
      }
      const blocks = promptBlocks(f, ctx.incident, text);
      await ctx.say({ text: `The current ${f.label}: ${ctx.incident[f.field] ?? f.missing}`, blocks });
    },
    { usage: '[text]' },
  );
}

/** Change → a modal prefilled with the current value; Yes → applies the proposal carried by the button. */
export function proposeFieldActions(f: ProposedField): ActionHandler[] {
  return [
    actionHandler(f.changeActionId, async (ctx) => {
      await ctx.openModal(modalFor(f, ctx.incident, { incident_id: ctx.incident.id, channel_id: ctx.channelId, message_ts: ctx.messageTs }));
    }),
    actionHandler(f.acceptActionId, async (ctx) => {
      const text = (ctx.value ?? '').trim();
      if (!text) return;
      await ctx.incidents.update({ [f.field]: text });
      await ctx.say(updatedText(f, text));
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
    await ctx.say(updatedText(f, text));
    await settlePrompt(ctx, f, { channelId: state.channel_id, messageTs: state.message_ts }, text);
  });
}

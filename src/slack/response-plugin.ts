import { STATUSES, type Status } from '../core/incident/model.js';
import { DomainError } from '../core/shared/errors.js';
import { actionHandler, definePlugin, headlineButton, viewHandler } from '../plugins/sdk/index.js';
import type { HandlerContext, Plugin } from '../plugins/sdk/types.js';
import { userMessageFor } from './user-messages.js';
import { renderEditModal, roleBlockId } from './blocks/edit-modal.js';
import { DEFAULT_INCIDENT_PROCESS, type IncidentProcess } from '../core/shared/incident-process.js';
import { fieldValue } from './blocks/view-values.js';
import { UserFacingSlackError } from './flows/comms-channel.js';
import { ActionIds, CallbackIds, FieldBlocks, RESPONSE_PLUGIN } from './ids.js';
import type { StateValue } from './schemas.js';
import { fieldErrorBlock, readCustomFields } from './blocks/custom-field-inputs.js';
import { renderCloseModal } from './blocks/close-modal.js';
import { missingForClose } from '../core/custom-field/definitions.js';

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });

/**
 * Field errors of a modal from a core validation error or a permission refusal (both name the
 * field at fault), so the modal stays open with the reason next to the field.
 */
export function fieldErrors(err: unknown, fallbackBlock: string): Record<string, string> | null {
  if (!(err instanceof DomainError)) return null;
  if (err.code !== 'VALIDATION' && !(err.code === 'FORBIDDEN' && err.field)) return null;
  const blocks: Record<string, string> = { private: FieldBlocks.private, lead: FieldBlocks.lead, severity: FieldBlocks.severity, type: FieldBlocks.incidentKind, status: FieldBlocks.status, report: FieldBlocks.title };
  const block = (err.field && blocks[err.field]) || fieldErrorBlock(err) || fallbackBlock;
  return { [block]: err.message };
}

/** A button press that failed tells the presser what happened (and what to do), and is logged. */
async function tellPresser(ctx: HandlerContext, err: unknown): Promise<void> {
  if (!(err instanceof UserFacingSlackError || err instanceof DomainError))
    ctx.log.error('a headline button failed', { err: err instanceof Error ? err.message : String(err) });
  const text = err instanceof UserFacingSlackError ? `👋 ${err.message}` : userMessageFor(err);
  await ctx.ephemeral(text).catch(() => undefined);
}

/**
 * Response's own headline buttons (Create Comms Channel, Edit, Close) and the Edit modal,
 * written with the public SDK like any plugin: everything it does to Slack or an incident goes
 * through its handler context (no runtime is looked up).
 */
export const responsePlugin: Plugin = definePlugin({
  name: RESPONSE_PLUGIN,
  headlineButtons: [
    headlineButton(
      100,
      (incident) => ({
        type: 'button',
        action_id: ActionIds.createCommsChannel,
        text: plain(':speaking_head_in_silhouette: Create Comms Channel'),
        value: String(incident.id),
      }),
      { when: (incident) => !incident.reportOnly && !incident.commsChannel },
    ),
    headlineButton(200, (incident) => ({ type: 'button', action_id: ActionIds.editIncident, text: plain(':pencil2: Edit'), value: String(incident.id) })),
    headlineButton(300, (incident) => ({
      type: 'button',
      action_id: ActionIds.closeIncident,
      text: plain(':white_check_mark: Close'),
      value: String(incident.id),
      confirm: {
        title: plain('Close this incident?'),
        text: { type: 'mrkdwn', text: `This resolves incident ${incident.id} and asks the lead to complete the incident doc.` },
        confirm: plain('Close it'),
        deny: plain('Not yet'),
      },
    })),
  ],
  actions: [
    actionHandler(ActionIds.createCommsChannel, async (ctx) => {
      if (ctx.incident.commsChannel) {
        await ctx.ephemeral(`This incident already has a comms channel: <#${ctx.incident.commsChannel.channelId}>`);
        return;
      }
      if (ctx.incident.reportOnly) {
        await ctx.ephemeral('This is a report of something that happened, so it has no comms channel.');
        return;
      }
      try {
        // Acts as the presser (Response's own changes are the user's), who is invited too.
        await ctx.createCommsChannel();
      } catch (err) {
        await tellPresser(ctx, err);
      }
    }),
    editIncidentAction(DEFAULT_INCIDENT_PROCESS),
    ...closeActions(DEFAULT_INCIDENT_PROCESS),
  ],
  views: [editIncidentView(DEFAULT_INCIDENT_PROCESS), closeIncidentView(DEFAULT_INCIDENT_PROCESS)],
});

/**
 * Close (the headline's button, and the button `@incident close` offers when fields are missing):
 * with every field the team needs before closing filled in, it closes; otherwise it opens a form
 * asking for them, and submitting that closes it.
 */
function closeActions(process: IncidentProcess) {
  const close = async (ctx: HandlerContext) => {
    const missing = ctx.incident.isResolved ? [] : missingForClose(process, ctx.incident);
    try {
      // Closing twice is a no-op; the notice and the lead's DM come from the outbox.
      if (missing.length === 0) await ctx.incidents.close();
      else await ctx.openModal(renderCloseModal(ctx.incident, process, missing));
    } catch (err) {
      await tellPresser(ctx, err);
    }
  };
  return [actionHandler(ActionIds.closeIncident, close), actionHandler(ActionIds.closeWithFields, close)];
}

/** The close form's submission: the fields it asked for, then the close, as one change. */
function closeIncidentView(process: IncidentProcess) {
  return viewHandler(CallbackIds.closeIncident, async (ctx) => {
    const read = readCustomFields(process, ctx.values as Record<string, Record<string, StateValue>>);
    if (Object.keys(read.errors).length > 0) return { errors: read.errors };
    try {
      await ctx.incidents.update({ customFields: read.values, status: 'resolved' });
    } catch (err) {
      const block = fieldErrorBlock(err);
      if (block && err instanceof Error) return { errors: { [block]: err.message } };
      throw err;
    }
    return undefined;
  });
}

/** The Edit button opens the modal with a select per configured role. */
function editIncidentAction(process: IncidentProcess) {
  return actionHandler(ActionIds.editIncident, async (ctx) => {
    try {
      await ctx.openModal(renderEditModal(ctx.incident, process));
    } catch (err) {
      await tellPresser(ctx, err);
    }
  });
}

/** Saving the Edit modal: the incident's fields, then each role whose holder was changed. */
function editIncidentView(process: IncidentProcess) {
  return viewHandler(CallbackIds.editIncident, async (ctx) => {
    const values = ctx.values as Record<string, Record<string, StateValue>>;
    const report = fieldValue(values, FieldBlocks.title);
    if (!report) return { errors: { [FieldBlocks.title]: 'Please describe what happened' } };
    const severity = fieldValue(values, FieldBlocks.severity);
    const status = fieldValue(values, FieldBlocks.status);
    if (status && !STATUSES.includes(status as Status)) return { errors: { [FieldBlocks.status]: 'Choose one of the listed statuses' } };
    const read = readCustomFields(process, values);
    if (Object.keys(read.errors).length > 0) return { errors: read.errors };
    // Only the fields changed here: one the type no longer has, left as it was, stays as it was.
    const fields = Object.fromEntries(Object.entries(read.values).filter(([k, v]) => JSON.stringify(v ?? null) !== JSON.stringify(ctx.incident.customFields[k] ?? null)));
    try {
      await ctx.incidents.update({
        report,
        // A text too long for the form was shown, not offered as an input: leave it as it is.
        ...(FieldBlocks.summary in values ? { summary: fieldValue(values, FieldBlocks.summary) } : {}),
        ...(FieldBlocks.impact in values ? { impact: fieldValue(values, FieldBlocks.impact) } : {}),
        lead: fieldValue(values, FieldBlocks.lead),
        severity: severity ?? null,
        ...(FieldBlocks.incidentKind in values && fieldValue(values, FieldBlocks.incidentKind) ? { type: fieldValue(values, FieldBlocks.incidentKind) as string } : {}),
        ...(status ? { status: status as Status } : {}),
        ...(Object.keys(fields).length ? { customFields: fields } : {}),
      });
    } catch (err) {
      const errors = fieldErrors(err, FieldBlocks.title);
      if (errors) return { errors };
      throw err;
    }
    return saveRoles(ctx, values, process);
  });
}

/** The modal's role selects: each role whose holder was changed is given (or cleared), as `@incident role` would. */
async function saveRoles(
  ctx: HandlerContext,
  values: Record<string, Record<string, StateValue>>,
  process: IncidentProcess,
): Promise<{ errors: Record<string, string> } | undefined> {
  for (const role of process.roles) {
    const block = roleBlockId(role.key);
    if (role.key === 'lead' || !(block in values)) continue;
    const wanted = fieldValue(values, block);
    const held = ctx.incident.roles.find((r) => r.role === role.key)?.user.slackId ?? null;
    if (wanted === held) continue;
    try {
      await ctx.incidents.assignRole(role.key, wanted);
    } catch (err) {
      const errors = fieldErrors(err, block);
      if (errors) return { errors: { [block]: Object.values(errors)[0] ?? 'Could not give this role' } };
      throw err;
    }
  }
  return undefined;
}

/** Response's own plugin for the configured incident process (the Edit modal has a select per role). */
export function createResponsePlugin(process: IncidentProcess): Plugin {
  const actions = new Map([editIncidentAction(process), ...closeActions(process)].map((a) => [a.actionId, a]));
  const views = new Map([editIncidentView(process), closeIncidentView(process)].map((v) => [v.callbackId, v]));
  return {
    ...responsePlugin,
    actions: (responsePlugin.actions ?? []).map((a) => actions.get(a.actionId) ?? a),
    views: (responsePlugin.views ?? []).map((v) => views.get(v.callbackId) ?? v),
  };
}

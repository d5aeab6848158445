import { declareIncident } from '../../core/incident/declare.js';
import { getMyPermissions } from '../../core/session/my-permissions.js';
import { REPORT_MAX_LENGTH } from '../../core/incident/model.js';
import { checkSeverityKey, checkTypeKey, incidentProcessOf, typeDefinition, type IncidentProcess } from '../../core/shared/incident-process.js';
import type { CustomFields, CustomFieldValue } from '../../core/custom-field/definitions.js';
import { readCustomFields } from '../blocks/custom-field-inputs.js';
import { INCIDENT_TYPE_REPORT, renderReportModal, type ReportModalMetadata } from '../blocks/report-modal.js';
import { PRIVATE_VALUE } from '../blocks/modal-fields.js';
import { fieldValue, isChecked } from '../blocks/view-values.js';
import { FieldBlocks, SLASH_COMMAND } from '../ids.js';
import { fieldErrors } from '../response-plugin.js';
import type { SlackRuntime } from '../runtime.js';
import type { BlockActions, SlashCommand, ViewSubmission } from '../schemas.js';
import { ensureUserProfile } from '../people/profiles.js';
import type { DeliveryKeys } from '../delivery-keys.js';
import { worthRetrying } from '../client/retryable.js';
import { urgently } from '../client/slack-pacer.js';
import { edgeCtx, tellUser, userMessageFor } from './shared.js';

type Ack = (response?: unknown) => Promise<void>;

/** `/incident [text]`: open "Report an Incident" straight away (trigger ids live 3 s), prefilled with the text. */
export async function handleSlashCommand(rt: SlackRuntime, command: SlashCommand, ack: Ack): Promise<void> {
  if (command.command !== SLASH_COMMAND) {
    await ack({ response_type: 'ephemeral', text: `I only know ${SLASH_COMMAND}.` });
    return;
  }
  await ack();
  const metadata: ReportModalMetadata = { channelId: command.channel_id };
  try {
    // The trigger expires 3 s after the command: these calls go before background Slack work.
    await urgently(async () => {
      // The "Private incident" checkbox only for those who may tick it (PERMISSION_DECLARE_PRIVATE); declaring checks again.
      let offerPrivate = (await getMyPermissions(rt.core, edgeCtx(rt, command.user_id))).declarePrivate;
      if (!offerPrivate) {
        // Someone we haven't looked up yet may be a workspace admin: ask Slack once (one users.info), then decide.
        await ensureUserProfile(rt, command.user_id);
        offerPrivate = (await getMyPermissions(rt.core, edgeCtx(rt, command.user_id))).declarePrivate;
      }
      await rt.client.views.open({
        trigger_id: command.trigger_id,
        view: renderReportModal({ text: command.text, askIfLive: rt.reportChannel !== null, metadata, offerPrivate, process: incidentProcessOf(rt.core) }),
      });
    });
  } catch (err) {
    rt.logger.warn({ err }, 'slack: could not open the report modal');
    await tellUser(rt, command.channel_id, command.user_id, "😬 Sorry, I couldn't open the incident form (Slack may be slow). Please run `/incident` again.");
  }
  await ensureUserProfile(rt, command.user_id);
}

/**
 * The form's privacy: ticked is private. Unticked means public when the box was offered ticked (the
 * type is private by default and the declarer unticked it); otherwise it is no choice, so the type
 * or severity decides (a severity private by default still makes it private).
 */
function privateChoice(values: ViewSubmission['view']['state']['values'], typePrivate: boolean | null): boolean | null {
  if (isChecked(values, FieldBlocks.private, PRIVATE_VALUE)) return true;
  return FieldBlocks.private in values && typePrivate === true ? false : null;
}

/**
 * A type picked in the open report form (its select dispatches at once): the form is redrawn for that
 * type, its default severity and privacy, keeping what was typed. A stale hash means a newer redraw
 * won the race, so this one is dropped.
 */
export async function handleReportTypeSwitch(rt: SlackRuntime, payload: BlockActions): Promise<void> {
  const view = payload.view;
  const chosen = payload.actions[0]?.selected_option?.value;
  const metadata = view?.private_metadata ? readMetadata(view.private_metadata) : null;
  if (!view || !chosen || !metadata) return;
  const values = view.state?.values ?? {};
  const offerPrivate = FieldBlocks.private in values;
  try {
    await rt.client.views.update({
      view_id: view.id,
      ...(view.hash ? { hash: view.hash } : {}),
      view: renderReportModal({
        text: fieldValue(values, FieldBlocks.title) ?? '',
        summary: fieldValue(values, FieldBlocks.summary),
        askIfLive: rt.reportChannel !== null,
        metadata,
        offerPrivate,
        process: incidentProcessOf(rt.core),
        type: chosen,
        fields: typedSoFar(incidentProcessOf(rt.core), values),
      }),
    });
  } catch (err) {
    rt.logger.info({ err }, 'slack: the report form was not redrawn for its type');
  }
}

/** The custom field values in the open form that read as valid, to prefill the redrawn one. */
function typedSoFar(process: IncidentProcess, values: ViewSubmission['view']['state']['values']): CustomFields {
  return Object.fromEntries(Object.entries(readCustomFields(process, values).values).filter((e): e is [string, CustomFieldValue] => e[1] !== null));
}

function readMetadata(raw: string): ReportModalMetadata | null {
  try {
    const parsed = JSON.parse(raw) as Partial<ReportModalMetadata>;
    return typeof parsed.channelId === 'string' ? { channelId: parsed.channelId } : null;
  } catch {
    return null;
  }
}

/**
 * The report modal's submission: invalid input goes back as field errors; otherwise the modal
 * closes at once and the incident is declared (reporter = submitter). The headline and any
 * auto-created channel follow from the outbox.
 */
export async function handleReportSubmission(rt: SlackRuntime, payload: ViewSubmission, ack: Ack, delivery?: DeliveryKeys): Promise<void> {
  const values = payload.view.state.values;
  const report = fieldValue(values, FieldBlocks.title);
  const severity = fieldValue(values, FieldBlocks.severity);
  const errors: Record<string, string> = {};
  if (!report) errors[FieldBlocks.title] = 'Please describe what happened in a sentence';
  else if (report.length > REPORT_MAX_LENGTH) errors[FieldBlocks.title] = `Please keep the title to ${REPORT_MAX_LENGTH} characters`;
  const process = incidentProcessOf(rt.core);
  if (severity && checkSeverityKey(process, severity)) errors[FieldBlocks.severity] = 'Choose one of the listed severities';
  const kind = fieldValue(values, FieldBlocks.incidentKind);
  if (kind && checkTypeKey(process, kind)) errors[FieldBlocks.incidentKind] = 'Choose one of the listed types';
  if (rt.reportChannel && !fieldValue(values, FieldBlocks.incidentType)) errors[FieldBlocks.incidentType] = 'Please say whether this is a live incident';
  const fields = readCustomFields(process, values);
  Object.assign(errors, fields.errors);
  if (Object.keys(errors).length > 0 || !report) {
    await ack({ response_action: 'errors', errors });
    return;
  }
  const user = payload.user.id;
  const reportOnly = rt.reportChannel !== null && fieldValue(values, FieldBlocks.incidentType) === INCIDENT_TYPE_REPORT;
  let incident;
  try {
    // Handled again after a crash, the same submission declares one incident (the first one).
    const ctx = { ...edgeCtx(rt, user), ...(delivery ? { idempotencyKey: delivery.next('response', 'declareIncident') } : {}) };
    incident = await declareIncident(rt.core, ctx, {
      report,
      summary: fieldValue(values, FieldBlocks.summary),
      impact: fieldValue(values, FieldBlocks.impact),
      lead: fieldValue(values, FieldBlocks.lead),
      severity: severity ?? null,
      ...(kind ? { type: kind } : {}),
      reporter: user,
      reportOnly,
      private: privateChoice(values, kind ? typeDefinition(process, kind).privateByDefault : null),
      customFields: fields.values,
    });
  } catch (err) {
    const fieldErrs = fieldErrors(err, FieldBlocks.title);
    if (fieldErrs) {
      await ack({ response_action: 'errors', errors: fieldErrs });
      return;
    }
    await ack();
    // The submission is recorded: a failure that may pass (the database, a bug) declares it on a later attempt.
    if (delivery && worthRetrying(err)) throw err;
    rt.logger.error({ err }, 'slack: declaring an incident failed');
    await tellUser(rt, readMetadata(payload.view.private_metadata)?.channelId, user, userMessageFor(err));
    return;
  }
  await ack();
  const where = reportOnly && rt.reportChannel ? rt.reportChannel : rt.incidentChannel;
  const origin = readMetadata(payload.view.private_metadata)?.channelId;
  await tellUser(rt, origin, user, `Thanks for raising the incident 🙏\n\nHead over to <#${where.id}> to complete the report and/or help deal with the issue`);
  await Promise.all([ensureUserProfile(rt, user), ensureUserProfile(rt, incident.lead?.slackId)]);
}

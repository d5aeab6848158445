import type { Incident } from '../../core/incident/model.js';
import { runPluginHandler } from '../guard.js';
import { retryNotice, type DeliveryKeys } from '../delivery-keys.js';
import { CallbackIds } from '../ids.js';
import { worthRetrying } from '../client/retryable.js';
import type { SlackRuntime } from '../runtime.js';
import type { BlockActions, ViewSubmission } from '../schemas.js';
import { handleReportSubmission, handleReportTypeSwitch } from './report.js';
import { contextFor, incidentById, incidentFromMetadata, incidentInChannel, tellUser, userMessageFor } from './shared.js';

type Ack = (response?: unknown) => Promise<void>;

/** How long a plugin's view handler may take before we ack without its field errors (Slack waits 3 s). */
const VIEW_ACK_BUDGET_MS = 2000;

/** The incident a button belongs to: the channel it was pressed in, else its value as an incident id, else its modal. */
async function incidentForAction(rt: SlackRuntime, payload: BlockActions, value: string | undefined): Promise<Incident | null> {
  const channelId = payload.container?.channel_id ?? payload.channel?.id;
  const byChannel = await incidentInChannel(rt, channelId);
  if (byChannel) return byChannel;
  if (value && /^\d+$/.test(value)) return incidentById(rt, Number(value));
  if (payload.view?.private_metadata) return incidentFromMetadata(rt, payload.view.private_metadata);
  return null;
}

/** A button press or select: acked at once, then the registered plugin's handler (Slack sends one action per payload). */
export async function handleBlockActions(rt: SlackRuntime, payload: BlockActions, ack: Ack, delivery?: DeliveryKeys): Promise<void> {
  await ack();
  const action = payload.actions[0];
  if (!action) return;
  // The report form has no incident yet: its one live input (the type) is Response's own.
  if (payload.view?.callback_id === CallbackIds.reportIncident) return handleReportTypeSwitch(rt, payload);
  const registered = rt.registry.action(action.action_id);
  if (!registered) {
    rt.logger.debug({ actionId: action.action_id }, 'slack: no handler for action');
    return;
  }
  // A double delivery of the same press is one inbox record (keyed on the press), handled once.
  const value = action.value ?? action.selected_option?.value ?? action.selected_user ?? undefined;
  const incident = await incidentForAction(rt, payload, value);
  const channelId = payload.container?.channel_id ?? payload.channel?.id;
  if (!incident) {
    rt.logger.warn({ actionId: action.action_id }, 'slack: action for no known incident');
    // The message outlived its incident (deleted, or a workspace reset): say so rather than do nothing.
    const which = value && /^\d{1,12}$/.test(value) ? `Incident ${value}` : 'The incident this button belongs to';
    await tellUser(rt, channelId, payload.user.id, `${which} no longer exists, so there is nothing to change: this message is out of date. Use \`/incident\` to declare a new one.`);
    return;
  }
  const messageTs = payload.container?.message_ts ?? payload.message?.ts;
  const ctx = contextFor(rt, {
    incident,
    plugin: registered.plugin,
    userSlackId: payload.user.id,
    channelId,
    threadTs: payload.message?.thread_ts ?? messageTs,
    triggerId: payload.trigger_id,
    delivery,
    retryFailures: true,
  });
  const run = await runPluginHandler(
    rt.logger,
    registered.plugin,
    `action ${action.action_id}`,
    () => registered.handler.handler({ ...ctx, value, triggerId: payload.trigger_id, messageTs, channelId, payload }),
    rt.handlerTimeoutMs,
  );
  if (!run.ok && delivery && worthRetrying(run.error)) {
    const notice = retryNotice(delivery, 'that button');
    if (notice) await tellUser(rt, channelId ?? incident.commsChannel?.channelId, payload.user.id, notice);
    throw run.error;
  }
  if (!run.ok) await tellUser(rt, channelId ?? incident.commsChannel?.channelId, payload.user.id, userMessageFor(run.error));
}

/**
 * A modal submission. The report modal is Response's own (there is no incident yet); every
 * other callback goes to its plugin, whose field errors keep the modal open.
 */
export async function handleViewSubmission(rt: SlackRuntime, payload: ViewSubmission, ack: Ack, delivery?: DeliveryKeys): Promise<void> {
  // The same submission delivered twice is one inbox record (keyed on the view and its values), handled once.
  if (payload.view.callback_id === CallbackIds.reportIncident) return handleReportSubmission(rt, payload, ack, delivery);
  const registered = rt.registry.view(payload.view.callback_id);
  if (!registered) {
    await ack();
    rt.logger.warn({ callbackId: payload.view.callback_id }, 'slack: no handler for modal');
    return;
  }
  const incident = await incidentFromMetadata(rt, payload.view.private_metadata);
  if (!incident) {
    await ack();
    rt.logger.warn({ callbackId: payload.view.callback_id }, 'slack: modal for no known incident');
    await tellUser(rt, undefined, payload.user.id, 'The incident this form belongs to no longer exists, so nothing was saved.');
    return;
  }
  const ctx = contextFor(rt, { incident, plugin: registered.plugin, userSlackId: payload.user.id, triggerId: payload.trigger_id, delivery });
  const running = runPluginHandler(
    rt.logger,
    registered.plugin,
    `modal ${payload.view.callback_id}`,
    () => registered.handler.handler({ ...ctx, values: payload.view.state.values, privateMetadata: payload.view.private_metadata, payload }),
    rt.handlerTimeoutMs,
  );
  let budget: NodeJS.Timeout | undefined;
  const first = await Promise.race([running, new Promise<'late'>((resolve) => (budget = setTimeout(() => resolve('late'), VIEW_ACK_BUDGET_MS)))]);
  clearTimeout(budget);
  if (first !== 'late' && first.ok && first.value && 'errors' in first.value) {
    await ack({ response_action: 'errors', errors: first.value.errors });
    return;
  }
  await ack();
  const done = first === 'late' ? await running : first;
  if (!done.ok) await tellUser(rt, incident.commsChannel?.channelId, payload.user.id, userMessageFor(done.error));
}

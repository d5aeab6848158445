import { findIncidentByChannel, getIncident } from '../../core/incident/get.js';
import type { Incident } from '../../core/incident/model.js';
import type { Ctx } from '../../core/shared/context.js';
import { DomainError } from '../../core/shared/errors.js';
import { createCommsChannel } from '../flows/comms-channel.js';
import { createHandlerContext, type HandlerContextDeps, type HandlerContextTarget } from '../handler-context.js';
import type { SlackRuntime } from '../runtime.js';
import { slackErrorCode } from '../client/web-client.js';
export { userMessageFor } from '../user-messages.js';

/**
 * The ctx of work done for a Slack user (or the Slack edge itself). `channelId` is where a signed
 * event or interaction happened: acting in a private incident's channel proves membership.
 */
export const edgeCtx = (rt: SlackRuntime, slackId?: string | null, channelId?: string): Ctx => ({
  actor: slackId ? { kind: 'slack_user', slackId } : { kind: 'system', job: 'slack' },
  clock: rt.clock,
  ...(channelId ? { slackChannelId: channelId } : {}),
});

/** What every handler context of this runtime is built from (dispatch and notifications alike). */
export const contextDeps = (rt: SlackRuntime): HandlerContextDeps => ({
  core: rt.core,
  clock: rt.clock,
  publicUrl: rt.publicUrl,
  client: rt.client,
  logger: rt.logger,
  createCommsChannel: (incidentId, options) => createCommsChannel(rt, incidentId, options),
  hasTask: (plugin, name) => rt.registry.task(plugin, name) !== undefined,
  pluginLabel: (plugin) => rt.registry.label(plugin),
});

export const contextFor = (rt: SlackRuntime, target: HandlerContextTarget) => createHandlerContext(contextDeps(rt), target);

export async function incidentInChannel(rt: SlackRuntime, channelId: string | undefined): Promise<Incident | null> {
  return channelId ? findIncidentByChannel(rt.core, edgeCtx(rt), channelId) : null;
}

export async function incidentById(rt: SlackRuntime, id: number): Promise<Incident | null> {
  try {
    return await getIncident(rt.core, edgeCtx(rt), id);
  } catch (err) {
    if (err instanceof DomainError && err.code === 'NOT_FOUND') return null;
    throw err;
  }
}

/** The incident a modal belongs to: `{"incident_id": 12}`, `{"channel_id": "C…"}` or a bare id in private_metadata. */
export async function incidentFromMetadata(rt: SlackRuntime, metadata: string): Promise<Incident | null> {
  if (/^\d+$/.test(metadata.trim())) return incidentById(rt, Number(metadata));
  try {
    const parsed = JSON.parse(metadata) as { incident_id?: unknown; channel_id?: unknown };
    if (typeof parsed.incident_id === 'number' || (typeof parsed.incident_id === 'string' && /^\d+$/.test(parsed.incident_id)))
      return incidentById(rt, Number(parsed.incident_id));
    if (typeof parsed.channel_id === 'string') return incidentInChannel(rt, parsed.channel_id);
  } catch {
    // not ours
  }
  return null;
}

/** Best-effort ephemeral message; a failure to tell the user is logged, never thrown. */
export async function tellUser(rt: SlackRuntime, channel: string | undefined, user: string, text: string): Promise<void> {
  if (channel) {
    try {
      await rt.client.chat.postEphemeral({ channel, user, text });
      return;
    } catch (err) {
      // Not in that channel (a DM with someone else, a private channel): say it in a DM instead.
      rt.logger.info({ code: slackErrorCode(err), user, channel }, 'slack: ephemeral message failed; sending a DM');
    }
  }
  try {
    await rt.client.chat.postMessage({ channel: user, text });
  } catch (err) {
    rt.logger.warn({ err, user, channel }, 'slack: could not tell the user');
  }
}

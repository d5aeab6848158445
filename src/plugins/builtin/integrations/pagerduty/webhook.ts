import type { IncomingWebhook, WebhookContext } from '../../../sdk/types.js';
import { DataKeys, PagerDutyIds } from './ids.js';
import { verifyPagerDutySignature } from './webhook-signature.js';
import type { PagerDutyClient } from './client.js';
import { inviteToChannel, slackIdsByEmail } from './slack-people.js';

/** The v3 events put on our timeline; PagerDuty's other events are acknowledged and ignored. */
const HANDLED = ['incident.acknowledged', 'incident.escalated', 'incident.reassigned', 'incident.resolved'] as const;
type Handled = (typeof HANDLED)[number];

interface PdRef {
  id?: string;
  type?: string;
  summary?: string;
}
interface PdEvent {
  id: string;
  event_type: string;
  occurred_at?: string;
  agent?: PdRef | null;
  data?: { id?: string; type?: string; number?: number; incident_key?: string; html_url?: string; service?: PdRef; assignees?: PdRef[] };
}

type Mapped = { incidentId: number; serviceName?: string };

/** Where an event belongs: the incident mapped when paging, or the dedup key PagerDuty echoes as incident_key. */
async function ourIncident(ctx: WebhookContext, data: NonNullable<PdEvent['data']>): Promise<Mapped | null> {
  const byId = data.id ? await ctx.data.get<Mapped>(DataKeys.pdIncident(data.id)) : null;
  if (byId) return byId;
  const byKey = data.incident_key ? await ctx.data.get<Mapped>(DataKeys.dedup(data.incident_key)) : null;
  if (byKey && data.id) await ctx.data.set(DataKeys.pdIncident(data.id), byKey);
  return byKey;
}

function words(type: Handled, e: PdEvent, serviceName: string): { text: string; emoji: string } {
  // A person acted in PagerDuty; otherwise (an integration, a rule, Response's own resolve) PagerDuty did.
  const who = e.agent?.type === 'user_reference' ? e.agent.summary : undefined;
  const page = `the page to ${serviceName}${e.data?.number ? ` (PagerDuty #${e.data.number})` : ''}`;
  const assignees = (e.data?.assignees ?? []).map((a) => a.summary ?? a.id).filter(Boolean).join(', ');
  const Page = `The page${page.slice('the page'.length)}`;
  switch (type) {
    case 'incident.acknowledged':
      return { emoji: '👀', text: who ? `${who} acknowledged ${page}` : `${Page} was acknowledged` };
    case 'incident.escalated':
      return { emoji: '⏫', text: `${Page} escalated${assignees ? ` to ${assignees}` : ''}` };
    case 'incident.reassigned':
      return { emoji: '↪️', text: who ? `${who} reassigned ${page}${assignees ? ` to ${assignees}` : ''}` : `${Page} was reassigned${assignees ? ` to ${assignees}` : ''}` };
    case 'incident.resolved':
      return { emoji: '✅', text: who ? `${who} resolved ${page}` : `${Page} was resolved` };
  }
}

/**
 * PagerDuty's v3 webhooks at POST /webhooks/pagerduty: verified by signature, recorded in the
 * inbox by event id (a redelivery acts once), then put on the incident's timeline and said in its
 * channel. Events for incidents Response did not page, and event types it does not follow, are
 * acknowledged and ignored.
 */
export function pagerDutyWebhook(secrets: string[], client: PagerDutyClient): IncomingWebhook {
  return {
    kind: 'webhook',
    name: PagerDutyIds.webhook,
    verify(req) {
      const header = req.headers['x-pagerduty-signature'];
      if (!header) return { ok: false, status: 401, message: 'X-PagerDuty-Signature is missing' };
      if (!verifyPagerDutySignature(req.rawBody, header, secrets)) return { ok: false, status: 401, message: 'X-PagerDuty-Signature does not match PAGERDUTY_WEBHOOK_SECRET' };
      let body: unknown;
      try {
        body = JSON.parse(req.rawBody);
      } catch {
        return { ok: false, status: 400, message: 'the body is not JSON' };
      }
      const id = (body as { event?: { id?: unknown } } | null)?.event?.id;
      if (typeof id !== 'string' || !id) return { ok: false, status: 400, message: 'event.id is missing' };
      return { ok: true, deliveryId: id };
    },
    async handler(ctx) {
      const event = (ctx.body as { event?: PdEvent }).event;
      if (!event || !(HANDLED as readonly string[]).includes(event.event_type) || event.data?.type !== 'incident') return;
      const mapped = await ourIncident(ctx, event.data);
      if (!mapped) return void ctx.log.info('PagerDuty event for an incident Response did not page: ignored', { event: event.id, type: event.event_type });
      const incident = await ctx.incident(mapped.incidentId);
      if (!incident) return;
      const { text, emoji } = words(event.event_type as Handled, event, mapped.serviceName ?? event.data.service?.summary ?? 'PagerDuty');
      // The inbox retries a handler that throws: each effect is made once.
      const progressKey = DataKeys.webhook(event.id);
      const progress = (await ctx.data.get<{ recorded?: boolean; invited?: string[]; said?: boolean }>(progressKey)) ?? {};
      if (!progress.recorded) {
        const at = event.occurred_at ? new Date(event.occurred_at) : undefined;
        await incident.incidents.addTimelineEntry(`PagerDuty: ${text}`, at && !Number.isNaN(at.getTime()) ? at : undefined);
        progress.recorded = true;
        await ctx.data.set(progressKey, progress);
      }
      const channel = incident.incident.commsChannel?.channelId;
      if (!progress.invited) {
        // Whoever the page moved to is brought into the channel, as the first people paged were.
        const moved = event.event_type === 'incident.escalated' || event.event_type === 'incident.reassigned';
        const assignees = (event.data.assignees ?? []).flatMap((a) => (a.id ? [a.id] : []));
        const slackIds = moved && channel && client.hasRestApi && assignees.length ? await slackIdsByEmail(incident, client, assignees) : new Map<string, string>();
        progress.invited = channel && slackIds.size ? await inviteToChannel(incident, channel, [...slackIds.values()]) : [];
        await ctx.data.set(progressKey, progress);
      }
      if (!progress.said && channel) {
        const invited = progress.invited.length ? ` Invited ${progress.invited.map((u) => `<@${u}>`).join(', ')}.` : '';
        await incident.say(`${emoji} ${text}${event.data.html_url ? ` · <${event.data.html_url}|open in PagerDuty>` : ''}${invited}`);
        progress.said = true;
        await ctx.data.set(progressKey, progress);
      }
    },
  };
}

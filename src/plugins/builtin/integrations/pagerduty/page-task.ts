import { escapeMrkdwn, mention } from '../../../sdk/index.js';
import type { HandlerContext, PluginTask, TaskContext } from '../../../sdk/types.js';
import { VendorError } from '../vendor-http.js';
import { VENDOR, type OnCallPerson, type PagerDutyClient } from './client.js';
import { DataKeys, dedupKeyFor, PagerDutyIds, type PageRecord, type Urgency } from './ids.js';
import type { PagerDutyServices } from './services.js';
import { inviteToChannel, slackIdsByEmail } from './slack-people.js';
import type { PagerDutyServiceConfig } from '../../../../config/integrations/pagerduty.js';

/** What the modal queues. */
export interface PagePayload {
  serviceKey: string;
  serviceName: string;
  urgency: Urgency;
  message: string;
  /** The Slack user who asked. */
  pagedBy: string | null;
}

/** How far one page got: each step is made once, however often the outbox retries the task. */
interface Progress {
  triggered?: boolean;
  pdIncidentId?: string | null;
  /** The channel message and timeline entry (written once, so a retry posts the same words), and whether each was posted. */
  said?: string;
  recorded?: string;
  saidDone?: boolean;
  recordedDone?: boolean;
}

function readPayload(raw: Record<string, unknown>): PagePayload {
  const { serviceKey, serviceName, urgency, message, pagedBy } = raw;
  if (typeof serviceKey !== 'string' || typeof message !== 'string' || (urgency !== 'high' && urgency !== 'low')) {
    throw new VendorError(VENDOR, 'the page task was queued without its service, urgency or message', null, { permanent: true });
  }
  return { serviceKey, serviceName: typeof serviceName === 'string' ? serviceName : serviceKey, urgency, message, pagedBy: typeof pagedBy === 'string' ? pagedBy : null };
}

/** Who is on call, and which of the people paged (the first level) have a Slack account. */
async function onCall(ctx: HandlerContext, client: PagerDutyClient, serviceId: string) {
  const { policyName, people } = await client.onCallFor(serviceId);
  const paged = people.filter((p) => p.level === people[0]?.level);
  const slackIds = await slackIdsByEmail(ctx, client, paged.map((p) => p.userId));
  return { policyName, people, paged, slackIds };
}

const nameOf = (p: OnCallPerson, slackIds: Map<string, string>) => (slackIds.has(p.userId) ? `<@${slackIds.get(p.userId)}>` : escapeMrkdwn(p.name));

/** Reads who is on call, invites the people paged who are in Slack, and words the message and the timeline entry. */
async function tellWhoWasPaged(ctx: HandlerContext, client: PagerDutyClient, service: PagerDutyServiceConfig, page: PagePayload): Promise<{ message: string; timeline: string }> {
  const who = service.serviceId && client.hasRestApi ? await onCall(ctx, client, service.serviceId) : null;
  const channel = ctx.incident.commsChannel?.channelId;
  const invited = who && channel ? await inviteToChannel(ctx, channel, [...who.slackIds.values()]) : [];
  const lines = [`📟 *Paged ${escapeMrkdwn(service.name)}* (${page.urgency} urgency)${page.pagedBy ? ` for ${mention({ slackId: page.pagedBy })}` : ''}: ${escapeMrkdwn(page.message)}`];
  if (!who) lines.push(service.serviceId ? '_Who is on call is not shown: PAGERDUTY_API_TOKEN is not set._' : '_Who is on call is not shown: the service has no serviceId in the config._');
  else if (who.people.length === 0) lines.push(`Nobody is on call now for ${escapeMrkdwn(who.policyName)}.`);
  else {
    const byLevel = new Map<number, OnCallPerson[]>();
    for (const p of who.people) byLevel.set(p.level, [...(byLevel.get(p.level) ?? []), p]);
    lines.push(`On call now (${escapeMrkdwn(who.policyName)}): ${[...byLevel].map(([level, ps]) => `level ${level}: ${ps.map((p) => nameOf(p, who.slackIds)).join(', ')}`).join(' · ')}`);
    if (invited.length) lines.push(`Invited ${invited.map((u) => `<@${u}>`).join(', ')} to this channel.`);
    const notInSlack = who.paged.filter((p) => !who.slackIds.has(p.userId));
    if (notInSlack.length) lines.push(`Not found in Slack by their PagerDuty email: ${notInSlack.map((p) => escapeMrkdwn(p.name)).join(', ')}.`);
  }
  const pagedNames = who?.paged.map((p) => p.name).join(', ');
  return { message: lines.join('\n'), timeline: `Paged ${service.name} in PagerDuty (${page.urgency} urgency): ${page.message}${pagedNames ? `. On call: ${pagedNames}` : ''}` };
}

/**
 * The page: triggers the service's PagerDuty alert (Events API v2, dedup key = our incident and
 * the service), maps the PagerDuty incident to ours, then says in the channel who was paged and who
 * is on call, records it on the timeline and invites the people paged who are in Slack.
 */
export function pageTask(client: PagerDutyClient, services: PagerDutyServices): PluginTask {
  return {
    kind: 'task',
    name: PagerDutyIds.pageTask,
    describe: (payload) => `paging ${typeof payload.serviceName === 'string' ? payload.serviceName : 'a service'}`,
    async handler(ctx: TaskContext) {
      const page = readPayload(ctx.payload);
      const incident = ctx.incident;
      const service = await services.find(page.serviceKey);
      if (!service) throw new VendorError(VENDOR, `the service "${page.serviceName}" is no longer configured for paging`, null, { permanent: true });
      const dedupKey = dedupKeyFor(incident.id, service.key);
      const progressKey = DataKeys.task(ctx.idempotencyKey);
      const progress: Progress = (await ctx.data.get<Progress>(progressKey)) ?? {};

      if (!progress.triggered) {
        await client.trigger({
          routingKey: service.routingKey,
          dedupKey,
          summary: `[Incident ${incident.id}] ${page.message}`,
          source: `response: incident ${incident.id}`,
          severity: page.urgency === 'high' ? 'critical' : 'warning',
          customDetails: {
            incident_id: incident.id,
            // A private incident's report stays in Response: the person paged reads the message and follows the link.
            incident: incident.private ? null : incident.report,
            severity: incident.severityLevel?.label ?? incident.severity,
            status: incident.status,
            comms_channel: incident.commsChannel ? `#${incident.commsChannel.channelName}` : null,
            link: incident.docUrl,
          },
          links: [{ href: incident.docUrl, text: `Incident ${incident.id} in Response` }],
        });
        await ctx.data.set(DataKeys.dedup(dedupKey), { incidentId: incident.id, serviceName: service.name });
        const pages = (await ctx.data.get<PageRecord[]>(DataKeys.pages(incident.id))) ?? [];
        if (!pages.some((p) => p.dedupKey === dedupKey)) {
          await ctx.data.set(DataKeys.pages(incident.id), [...pages, { serviceKey: service.key, serviceName: service.name, dedupKey, pdIncidentId: null }]);
        }
        progress.triggered = true;
        await ctx.data.set(progressKey, progress);
      }

      if (progress.pdIncidentId === undefined && client.hasRestApi) {
        // PagerDuty opens the incident asynchronously; when it is not there yet the webhooks' incident_key still maps it.
        const found = await client.incidentByKey(dedupKey);
        progress.pdIncidentId = found?.id ?? null;
        if (found) await ctx.data.set(DataKeys.pdIncident(found.id), { incidentId: incident.id, serviceName: service.name });
        await ctx.data.set(progressKey, progress);
      }

      if (progress.said === undefined || progress.recorded === undefined) {
        const told = await tellWhoWasPaged(ctx, client, service, page);
        progress.said = told.message;
        progress.recorded = told.timeline;
        await ctx.data.set(progressKey, progress);
      }
      if (!progress.saidDone && ctx.incident.commsChannel) {
        await ctx.say(progress.said ?? `📟 Paged ${service.name}`);
        progress.saidDone = true;
        await ctx.data.set(progressKey, progress);
      }
      if (!progress.recordedDone) {
        await ctx.incidents.addTimelineEntry(progress.recorded ?? `Paged ${service.name} in PagerDuty`);
        progress.recordedDone = true;
        await ctx.data.set(progressKey, progress);
      }
    },
  };
}

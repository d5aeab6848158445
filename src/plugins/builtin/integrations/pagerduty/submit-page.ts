import { viewHandler } from '../../../sdk/index.js';
import type { ViewHandler } from '../../../sdk/types.js';
import { PageBlocks, PagerDutyIds, type Urgency } from './ids.js';
import type { PagePayload } from './page-task.js';
import type { PagerDutyServices } from './services.js';

type Values = Record<string, Record<string, unknown>>;
const input = (values: Values, block: string) => values[block]?.value as { value?: string | null; selected_option?: { value?: string } | null } | undefined;

/**
 * The modal's submission: checks it, then queues the page as an outbox task (PagerDuty being slow
 * or down never holds up the modal; the task is retried and the channel told if it gives up).
 */
export function submitPageView(services: PagerDutyServices): ViewHandler {
  return viewHandler(PagerDutyIds.modal, async (ctx): Promise<void | { errors: Record<string, string> }> => {
    const values = ctx.values as Values;
    const serviceKey = input(values, PageBlocks.service)?.selected_option?.value;
    const urgency = input(values, PageBlocks.urgency)?.selected_option?.value;
    const message = (input(values, PageBlocks.message)?.value ?? '').trim();
    if (!serviceKey) return { errors: { [PageBlocks.service]: 'Choose the service to page' } };
    if (urgency !== 'high' && urgency !== 'low') return { errors: { [PageBlocks.urgency]: 'Choose high or low urgency' } };
    if (!message) return { errors: { [PageBlocks.message]: 'Say what the person paged needs to know' } };
    if (ctx.incident.isResolved) return { errors: { [PageBlocks.service]: `Incident ${ctx.incident.id} is resolved; reopen it before paging anyone` } };
    const service = await services.find(serviceKey).catch(() => undefined);
    if (!service) return { errors: { [PageBlocks.service]: 'That service is no longer configured for paging; choose another' } };
    const payload: PagePayload = { serviceKey: service.key, serviceName: service.name, urgency: urgency as Urgency, message, pagedBy: ctx.user?.slackId ?? null };
    await ctx.tasks.enqueue(PagerDutyIds.pageTask, { ...payload });
  });
}

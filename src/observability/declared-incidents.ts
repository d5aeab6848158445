import type { Logger } from 'pino';
import { z } from 'zod';
import type { OutboxSubscriber } from '../core/outbox/ports.js';

const declaredPayload = z.object({
  actor: z.object({ label: z.string() }).partial().optional(),
  incident: z.object({
    id: z.number(),
    severity: z.string().nullish(),
    report_only: z.boolean().optional(),
    reporter: z.object({ display_name: z.string().nullish(), full_name: z.string().nullish(), slack_id: z.string() }).nullish(),
  }),
});

/**
 * One info line per declared incident, whichever surface declared it (Slack, API, web, a plugin). It is an
 * outbox subscriber because the outbox hands each event to one replica, once: a line in the declare flow
 * would repeat on every replayed Slack delivery, and one per replica would repeat per process.
 * The report itself is left out: a private incident's title has no business in the server's logs.
 */
export function declaredIncidentLog(logger: Logger, publicUrl: string): OutboxSubscriber {
  return {
    name: 'log.incident-declared',
    topics: ['incident.declared'],
    async handle(delivery) {
      const parsed = declaredPayload.safeParse(delivery.payload);
      if (!parsed.success) {
        logger.warn({ outboxId: delivery.id }, 'an incident.declared event without its incident; not logged');
        return;
      }
      const { id, severity, report_only: reportOnly, reporter } = parsed.data.incident;
      // Without a reporter (declared through the API by a token), whoever declared it.
      const who = reporter ? (reporter.full_name ?? reporter.display_name ?? reporter.slack_id) : (parsed.data.actor?.label ?? null);
      const text = `Incident #${id} ${reportOnly ? 'reported' : 'declared'}${who ? ` by ${who}` : ''}${severity ? ` (${severity})` : ''}: ${publicUrl}/incidents/${id}`;
      logger.info({ incidentId: id, severity: severity ?? null, reportOnly: reportOnly ?? false, reporter: reporter?.slack_id ?? null }, text);
    },
  };
}

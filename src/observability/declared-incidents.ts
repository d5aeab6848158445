import type { Logger } from 'pino';
import { eventSubscriber } from '../core/events/subscriber.js';
import type { OutboxSubscriber } from '../core/outbox/ports.js';

/**
 * One info line per declared incident, whichever surface declared it (Slack, API, web, a plugin). It is an
 * event subscriber because the outbox hands each event to one replica, once: a line in the declare flow
 * would repeat on every replayed Slack delivery, and one per replica would repeat per process.
 * The report itself is left out: a private incident's title has no business in the server's logs.
 */
export function declaredIncidentLog(logger: Logger, publicUrl: string): OutboxSubscriber {
  return eventSubscriber({
    name: 'log.incident-declared',
    types: ['incident.declared'],
    async handle(event) {
      const { id, severity, report_only: reportOnly, reporter } = event.data.incident;
      // Without a reporter (declared through the API by a token), whoever declared it.
      const who = reporter ? (reporter.full_name ?? reporter.display_name ?? reporter.slack_id) : event.actor.label;
      const text = `Incident #${id} ${reportOnly ? 'reported' : 'declared'}${who ? ` by ${who}` : ''}${severity ? ` (${severity})` : ''}: ${publicUrl}/incidents/${id}`;
      logger.info({ incidentId: id, severity: severity ?? null, reportOnly: reportOnly ?? false, reporter: reporter?.slack_id ?? null }, text);
    },
  });
}

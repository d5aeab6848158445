import { failedLine, failedWorkCommand } from './failed-work-command.js';
import { outboxQueue } from '../../store/repositories/outbox-queue-repo.js';

/**
 * `npm run cli -- outbox failed | retry`: the messages to Slack that gave up (a missing scope, a
 * refused channel name, too many failures); retried ones are sent by a running Response on its next poll.
 */
export const outboxCommand = failedWorkCommand({
  name: 'outbox',
  description: 'list deliveries that gave up; send them again (IDs or --all)',
  noun: ['delivery', 'deliveries'],
  then: 'a running Response sends them on its next poll',
  queue: {
    async listFailed(database) {
      // The most recent 100; the `response_outbox_failed` gauge counts them all.
      const failed = await outboxQueue(database).listFailed(100);
      return failed.map((f) =>
        failedLine([f.id, f.failedAt.toISOString(), f.subscriber ?? f.topic, f.incidentId === null ? '-' : `incident ${f.incidentId}`, `${f.attempts} attempts`], f.lastError),
      );
    },
    retryFailed: (database, which, now) => outboxQueue(database).retryFailed(which, now),
  },
});

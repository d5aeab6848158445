import { inboxStore } from '../../store/repositories/inbox-repo.js';
import { failedLine, failedWorkCommand } from './failed-work-command.js';

/**
 * `npm run cli -- inbox failed | retry`: the acknowledged Slack deliveries whose handling gave up
 * after its retries; retried ones are handled by a running Response on its next poll, and effects
 * already made by earlier attempts are not made twice.
 */
export const inboxCommand = failedWorkCommand({
  name: 'inbox',
  description: 'list Slack deliveries that gave up; handle them again (IDs or --all)',
  noun: ['delivery', 'deliveries'],
  then: 'a running Response handles them on its next poll',
  queue: {
    async listFailed(database) {
      const failed = await inboxStore(database.db).listFailed(100);
      return failed.map((f) => failedLine([f.id, f.failedAt.toISOString(), f.kind, f.key, `${f.attempts} attempts`], f.lastError));
    },
    retryFailed: (database, which, now) => inboxStore(database.db).retryFailed(which, now),
  },
});

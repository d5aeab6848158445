import { latestKnownMigration } from '../../store/database.js';
import type { CliCommand } from './types.js';

/**
 * `npm run cli -- migrate` (`response migrate`): brings the configured database's schema up to this build and exits.
 * Opening the database is what migrates it, under PostgreSQL's advisory lock, so several of these (the Kubernetes
 * init container of every pod in a rollout) may run at once: one migrates, the others wait and find nothing to do.
 * A schema newer than this build is refused, as at server start-up.
 */
export const migrateCommand: CliCommand = {
  usage: 'migrate',
  description: 'apply database migrations and exit (servers also migrate at start-up)',
  matches: (args) => args[0] === 'migrate' && args.length === 1,
  async run(_args, io) {
    const database = await io.openDatabase();
    try {
      const rows = await database.query<{ applied: string }>('select count(*)::text as applied from drizzle.__drizzle_migrations');
      console.log(`Database schema is current: ${rows[0]?.applied ?? '?'} migrations applied, the latest ${latestKnownMigration().tag} (${database.kind}).`);
    } finally {
      await database.close();
    }
    return 0;
  },
};

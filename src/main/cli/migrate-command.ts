import { latestKnownMigration, migrationsCurrent } from '../../store/database.js';
import type { CliCommand } from './types.js';

/**
 * `response migrate`: brings the configured database's schema up to this version and exits, for a deploy's
 * migration step. Opening the database migrates it (on PostgreSQL one process at a time, under an advisory
 * lock), as every start does; a schema newer than this version is refused.
 */
export const migrateCommand: CliCommand = {
  usage: 'migrate',
  description: 'apply the database migrations and exit (start applies them too)',
  matches: (args) => args[0] === 'migrate' && args.length === 1,
  async run(_args, io) {
    const database = await io.openDatabase();
    try {
      if (!(await migrationsCurrent(database))) {
        console.error('The database schema is still behind after migrating: check the log above.');
        return 1;
      }
      console.log(`The ${database.kind} database is up to date (last migration ${latestKnownMigration().tag}).`);
      return 0;
    } finally {
      await database.close();
    }
  },
};

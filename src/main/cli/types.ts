import type { Database } from '../../store/database.js';

/** What the entry point hands a command: the environment, and the configured database for commands that need it. */
export interface CliIo {
  env: NodeJS.ProcessEnv;
  /** Opens the database the configuration names (a small pool; the embedded lock as usual). Close it when done. */
  openDatabase(): Promise<Database>;
  /**
   * Takes the embedded database's lock on `dataDir` without opening it (DatabaseLockedError while a
   * server holds it); returns its release. For commands that clear the data directory.
   */
  acquireEmbeddedLock(dataDir: string): () => void;
}

export interface CliCommand {
  usage: string;
  description: string;
  matches(args: string[]): boolean;
  run(args: string[], io: CliIo): Promise<number>;
}

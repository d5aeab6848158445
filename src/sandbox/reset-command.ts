import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config/config.js';
import { removeWorkspaceFile, workspaceFilePath } from './workspace-file.js';

/**
 * `npm run cli -- sandbox reset`: a fresh sandbox workspace. Incidents name their channels by id, so clearing
 * only the workspace would leave them pointing at channels that no longer exist: with the embedded database the
 * database is cleared too. Taking the embedded lock first refuses while a server runs (it would write its
 * workspace back on shutdown). PostgreSQL is never dropped from here: it may hold real incidents.
 */
export const sandboxResetCommand = {
  usage: 'sandbox reset',
  description: 'start the sandbox workspace afresh (and the embedded database with it)',
  matches: (args: string[]) => args[0] === 'sandbox' && args[1] === 'reset',
  async run(_args: string[], io: { env: NodeJS.ProcessEnv; acquireEmbeddedLock(dataDir: string): () => void }): Promise<number> {
    const config = loadConfig(io.env);
    if (config.database.kind === 'postgres') {
      const dataDir = io.env.DATA_DIR ?? './data';
      const removed = removeWorkspaceFile(workspaceFilePath(dataDir));
      console.log(`${removed ? 'Cleared' : 'There was no'} sandbox workspace in ${dataDir}. Stop the server first, or it writes its workspace back when it stops.`);
      console.log('The PostgreSQL database (DATABASE_URL) was left alone: its incidents still name sandbox channels that are now gone. Use a separate database for the sandbox.');
      return 0;
    }
    const dataDir = config.database.dataDir;
    const release = io.acquireEmbeddedLock(dataDir); // DatabaseLockedError while the server runs: the CLI prints it
    try {
      const removed = removeWorkspaceFile(workspaceFilePath(dataDir));
      for (const entry of readdirSync(dataDir)) if (entry !== 'response.lock') rmSync(join(dataDir, entry), { recursive: true, force: true });
      console.log(removed ? `Cleared the sandbox workspace and the embedded database in ${dataDir}.` : `Cleared the embedded database in ${dataDir} (there was no sandbox workspace).`);
      console.log('Both go together: incidents point at sandbox channels, which a fresh workspace no longer has. The next `npm start` begins with a clean slate.');
      return 0;
    } finally {
      release();
    }
  },
};

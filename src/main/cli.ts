import 'dotenv/config';
import { ConfigError, loadConfig } from '../config/config.js';
import { resolveResponseAliases } from '../config/response-aliases.js';
import { systemClock, type Ctx } from '../core/shared/context.js';
import { DomainError } from '../core/shared/errors.js';
import { createApiToken } from '../core/token/create-token.js';
import { listApiTokens, revokeApiToken } from '../core/token/manage-tokens.js';
import { createStore } from '../store/create-store.js';
import { openDatabase, type Database } from '../store/database.js';
import { DatabaseLockedError, acquireEmbeddedLock } from '../store/embedded-lock.js';
import { cliCommands, type CliCommand } from './cli-commands.js';

/** `response` when run through the package's bin (an installed Response), `npm run cli --` in a checkout. */
const PROGRAM = /(^|[\\/])response(\.js)?$/.test(process.argv[1] ?? '') ? 'response' : 'npm run cli --';

const USAGE = `Usage: ${PROGRAM} <command>

${cliCommands.map((c) => `  ${c.usage.padEnd(22)}${c.description}`).join('\n')}
  token create NAME     create an API token (printed once, as the last line)
  token list            list API tokens
  token revoke NAME     revoke an API token

Settings come from the environment and a .env file in this folder; response.config.ts and plugins from this folder.`;

/** The database the configuration names, for a one-off command: a small pool, the embedded lock as usual. */
function openConfiguredDatabase(): Promise<Database> {
  const config = loadConfig(process.env);
  return openDatabase(config.database.kind === 'postgres' ? { kind: 'postgres', url: config.database.url, poolSize: 2 } : { kind: 'embedded', dataDir: config.database.dataDir });
}

async function withStore<T>(fn: (deps: { store: ReturnType<typeof createStore> }, ctx: Ctx) => Promise<T>): Promise<T> {
  const database = await openConfiguredDatabase();
  try {
    return await fn({ store: createStore(database.db) }, { actor: { kind: 'system', job: 'cli' }, clock: systemClock });
  } finally {
    await database.close();
  }
}

async function run(args: string[]): Promise<number> {
  const [group, verb, ...rest] = args;
  if (group === 'token' && verb === 'create' && rest[0]) {
    const { secret, token } = await withStore((deps, ctx) => createApiToken(deps, ctx, rest.join(' ')));
    console.error(`Created token "${token.name}". Store it now: it is not shown again.`);
    console.log(secret);
    return 0;
  }
  if (group === 'token' && verb === 'list') {
    const tokens = await withStore((deps, ctx) => listApiTokens(deps, ctx));
    if (tokens.length === 0) console.log(`No tokens yet. Create one with: ${PROGRAM} token create NAME`);
    for (const t of tokens) {
      const state = t.revokedAt ? `revoked ${t.revokedAt.toISOString()}` : `last used ${t.lastUsedAt?.toISOString() ?? 'never'}`;
      console.log(`${t.name}\tcreated ${t.createdAt.toISOString()}\t${state}`);
    }
    return 0;
  }
  if (group === 'token' && verb === 'revoke' && rest[0]) {
    await withStore((deps, ctx) => revokeApiToken(deps, ctx, rest.join(' ')));
    console.log(`Revoked token "${rest.join(' ')}".`);
    return 0;
  }
  const command: CliCommand | undefined = cliCommands.find((c) => c.matches(args));
  // Commands read settings such as TIMEZONE and INCIDENT_CHANNEL from the environment: the original Response's names count too.
  if (command) return command.run(args, { env: resolveResponseAliases(process.env).env, openDatabase: openConfiguredDatabase, acquireEmbeddedLock });
  if (group === undefined || group === '--help' || group === '-h' || group === 'help') {
    console.log(USAGE);
    return 0;
  }
  console.error(`Unknown command "${args.join(' ')}".\n\n${USAGE}`);
  return 2;
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof ConfigError || err instanceof DatabaseLockedError || err instanceof DomainError) console.error(err.message);
    else console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);

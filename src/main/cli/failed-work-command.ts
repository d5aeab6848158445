import type { Database } from '../../store/database.js';

/** What one queue (the inbox, the outbox) offers its `failed` and `retry` commands. */
export interface FailedWorkQueue {
  /** The failed rows, one tab-separated line each, newest failure first. */
  listFailed(database: Database): Promise<string[]>;
  /** Queues failed rows again from scratch; returns the ids it queued. */
  retryFailed(database: Database, which: number[] | 'all', now: Date): Promise<number[]>;
}

export interface FailedWorkCommandSpec {
  /** The CLI word: `inbox` or `outbox`. */
  name: string;
  description: string;
  /** How the doc and the output call one row: `delivery`/`deliveries`. */
  noun: [singular: string, plural: string];
  /** What a running Response does with what was queued, for the closing line. */
  then: string;
  queue: FailedWorkQueue;
}

// Ids are bigserials: digits only, and short enough to stay exact as a JS number.
const ID = /^[1-9]\d{0,14}$/;

/**
 * `npm run cli -- NAME failed` lists the rows that gave up, with why; `NAME retry ID…|--all`
 * queues them again once the cause is fixed (ids that aren't failed are left alone and said so).
 * With the embedded database, stop the server first (it holds the database's lock).
 */
export function failedWorkCommand(spec: FailedWorkCommandSpec) {
  const usage = `Usage: npm run cli -- ${spec.name} failed | ${spec.name} retry ID [ID…] | ${spec.name} retry --all`;
  const [one, many] = spec.noun;
  return {
    usage: `${spec.name} failed|retry`,
    description: spec.description,
    matches: (args: string[]) => args[0] === spec.name && (args[1] === 'failed' || args[1] === 'retry'),
    async run(args: string[], io: { openDatabase(): Promise<Database> }): Promise<number> {
      const ids = args.slice(2);
      const all = ids.length === 1 && ids[0] === '--all';
      if (args[1] === 'retry' && !all && (ids.length === 0 || ids.some((id) => !ID.test(id)))) {
        console.error(usage);
        return 2;
      }
      const database = await io.openDatabase();
      try {
        if (args[1] === 'failed') {
          const lines = await spec.queue.listFailed(database);
          if (lines.length === 0) console.log(`No failed ${many}.`);
          for (const line of lines) console.log(line);
          return 0;
        }
        const wanted = all ? 'all' : [...new Set(ids.map(Number))];
        const queued = await spec.queue.retryFailed(database, wanted, new Date());
        console.log(`Queued ${queued.length} failed ${queued.length === 1 ? one : many} again${queued.length ? ` (${queued.join(', ')})` : ''}: ${spec.then}.`);
        if (wanted !== 'all') {
          const skipped = wanted.filter((id) => !queued.includes(id));
          if (skipped.length) console.log(`Not failed, or unknown, so left alone: ${skipped.join(', ')}.`);
        }
        return 0;
      } finally {
        await database.close();
      }
    },
  };
}

/** One line of a `failed` listing: tab-separated, the error on one line. */
export const failedLine = (fields: (string | number)[], lastError: string | null) => [...fields, (lastError ?? '').replace(/\s+/g, ' ')].join('\t');

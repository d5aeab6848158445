import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freshDatabase } from '../support/test-database.js';

/**
 * The original's data (a pg_dump and its API's answers, made by running monzo/response's own code;
 * see fixtures/monzo-response/README.md) is kept with the tests, so a clean clone runs them;
 * RESPONSE_SAMPLE_DIR points at another copy.
 */
export const SAMPLE_DIR = process.env.RESPONSE_SAMPLE_DIR ?? fileURLToPath(new URL('./fixtures/monzo-response', import.meta.url));
const DUMP = `${SAMPLE_DIR}/response-original-sample.sql`;

/**
 * The PostgreSQL server a Response database can be loaded into (the importer reads a real one):
 * RESPONSE_TEST_PG_URL, else DATABASE_URL when it is PostgreSQL, else none. The tests skip
 * without one, or without the sample data: there is nothing real to import from.
 */
export function sourceServerUrl(): string | null {
  const url = process.env.RESPONSE_TEST_PG_URL || process.env.DATABASE_URL;
  return url && /^postgres(ql)?:\/\//.test(url) && existsSync(DUMP) ? url : null;
}

/** psql from PATH, else from the server's install (CI installs Debian's postgresql). */
function psqlPath(): string {
  for (const dir of (process.env.PATH ?? '').split(':')) if (existsSync(`${dir}/psql`)) return `${dir}/psql`;
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) if (existsSync(`${base}/${v}/bin/psql`)) return `${base}/${v}/bin/psql`;
  throw new Error('psql is needed to load the Response dump');
}

/** A fresh database on `serverUrl` holding the original's dump (as a team's Response database). */
export async function responseSourceDatabase(serverUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const fresh = await freshDatabase(serverUrl);
  const url = fresh.url as string;
  // Older psql does not know pg_dump's \restrict lines; they only guard the dump's own session.
  const dump = readFileSync(DUMP, 'utf8')
    .split('\n')
    .filter((line) => !line.startsWith('\\restrict') && !line.startsWith('\\unrestrict'))
    .join('\n');
  execFileSync(psqlPath(), ['-q', '-v', 'ON_ERROR_STOP=1', '-d', url], { input: dump, stdio: ['pipe', 'ignore', 'pipe'] });
  return { url, drop: fresh.drop };
}

/** The original's API answers for the same data. */
export const exported = <T = any>(file: string): T => JSON.parse(readFileSync(`${SAMPLE_DIR}/api-export/${file}`, 'utf8'));

/**
 * The instant the original meant by a naive time read in a zone `offset` from UTC (fixed: the test
 * zone has no DST change in the sample's December). Our times keep milliseconds; the original's
 * microseconds are cut, as the pg driver does.
 */
export function naiveToIso(naive: string | null, offset: string): string | null {
  if (naive === null) return null;
  const [date, time = '00:00:00'] = naive.split('T');
  const [hms, fraction = ''] = time.split('.');
  return new Date(`${date}T${hms}.${fraction.padEnd(3, '0').slice(0, 3)}${offset}`).toISOString();
}

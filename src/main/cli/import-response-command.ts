import { IMPORT_KINDS, importResponse, type ImportReport } from '../../store/import/response/import-response.js';
import { isTimeZone } from '../../store/import/response/mapping.js';
import { ImportSourceError } from '../../store/import/response/source.js';
import type { CliCommand } from './types.js';

const USAGE = 'Usage: npm run cli -- import response --from postgres://user:password@host:5432/response [--timezone Europe/London] [--headline-channel C0123456] [--dry-run]';

/** Where the command writes: the console, or a test's buffer. */
export interface CommandOutput {
  log(line: string): void;
  error(line: string): void;
}

const SLACK_CHANNEL_ID = /^[CG][A-Z0-9]{2,30}$/;

interface Flags {
  from: string;
  timezone?: string;
  headlineChannel?: string;
  dryRun: boolean;
}

function parseFlags(args: string[]): Flags | string {
  let from: string | undefined;
  let timezone: string | undefined;
  let headlineChannel: string | undefined;
  let dryRun = false;
  for (let i = 0; i < args.length; i++) {
    const [name, inline] = (args[i] ?? '').split(/=(.*)/s, 2) as [string, string | undefined];
    const value = () => inline ?? args[++i];
    if (name === '--from') from = value();
    else if (name === '--timezone') timezone = value();
    else if (name === '--headline-channel') headlineChannel = value();
    else if (name === '--dry-run') dryRun = true;
    else return `Unknown argument "${args[i]}".`;
  }
  if (!from) return '--from is required: the URL of the Response database to import from.';
  if (headlineChannel !== undefined && !SLACK_CHANNEL_ID.test(headlineChannel)) return `--headline-channel must be a Slack channel id such as C0123456 (got "${headlineChannel}").`;
  return { from, timezone, headlineChannel, dryRun };
}

/** The summary the command prints: counts per kind, the incidents, every problem. */
export function formatImportReport(report: ImportReport): string[] {
  const lines = [report.dryRun ? 'Dry run: nothing was written. It would import:' : 'Imported from Response:'];
  for (const kind of IMPORT_KINDS) lines.push(`  ${kind.replace(/_/g, ' ')}: ${report.written[kind]} ${report.dryRun ? 'to write' : 'written'} (${report.found[kind]} in the source)`);
  const { incidents } = report;
  lines.push(`Incidents: ${incidents.new.length} new, ${incidents.changed.length} changed, ${incidents.unchanged.length} unchanged, ${incidents.skipped.length} skipped.`);
  if (report.problems.length === 0) lines.push('No problems.');
  else {
    lines.push(`${report.problems.length} problem${report.problems.length === 1 ? '' : 's'}:`);
    for (const problem of report.problems) lines.push(`  - ${problem}`);
  }
  return lines;
}

/**
 * `npm run cli -- import response --from URL`: imports a monzo/response database into ours (the
 * configured one). Thin: the work is in src/store/import/response.
 */
export function importResponseCommand(output: CommandOutput = console): CliCommand {
  return {
    usage: 'import response',
    description: 'import a monzo/response database, ids kept; again for what is new (--from URL [--timezone ZONE] [--headline-channel ID] [--dry-run])',
    matches: (args) => args[0] === 'import' && args[1] === 'response',
    async run(args, io) {
      const flags = parseFlags(args.slice(2));
      if (typeof flags === 'string') {
        output.error(flags);
        output.error(USAGE);
        return 2;
      }
      const timeZone = flags.timezone ?? (io.env.TIMEZONE?.trim() || 'UTC');
      if (!isTimeZone(timeZone)) {
        output.error(`${flags.timezone ? '--timezone' : 'TIMEZONE'} must be an IANA time zone such as Europe/London (got "${timeZone}").`);
        return 2;
      }
      // The original's INCIDENT_CHANNEL_ID is where its headlines are; ours, when it is given as an id, is the same channel.
      const configured = io.env.INCIDENT_CHANNEL?.trim();
      const headlineChannelId = flags.headlineChannel ?? (configured && SLACK_CHANNEL_ID.test(configured) ? configured : null);
      const database = await io.openDatabase();
      try {
        const report = await importResponse(database, { from: flags.from, timeZone, dryRun: flags.dryRun, headlineChannelId });
        for (const line of formatImportReport(report)) output.log(line);
        return 0;
      } catch (err) {
        if (err instanceof ImportSourceError) {
          output.error(err.message);
          return 1;
        }
        throw err;
      } finally {
        await database.close();
      }
    },
  };
}

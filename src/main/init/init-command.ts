import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { CliCommand } from '../cli/types.js';
import { RESPONSE_ROOT, scaffold, ScaffoldError } from './scaffold.js';

const USAGE = 'Usage: response init [DIR] [--from response-<version>.tgz]';

function parseFlags(args: string[]): { dir: string; from?: string } | string {
  let dir: string | undefined;
  let from: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const [name, inline] = (args[i] ?? '').split(/=(.*)/s, 2) as [string, string | undefined];
    if (name === '--from') {
      from = inline ?? args[++i];
      if (!from) return '--from needs the path of a Response tarball.';
    } else if (name.startsWith('-')) return `Unknown argument "${args[i]}".`;
    else if (dir === undefined) dir = args[i];
    else return `One folder only (got "${dir}" and "${args[i]}").`;
  }
  return { dir: dir ?? '.', from };
}

/** `response init [DIR] [--from TARBALL]`: scaffolds a team's repository that depends on Response (see ./scaffold.ts). */
export const initCommand: CliCommand = {
  usage: 'init [DIR]',
  description: "scaffold a team's repository depending on Response (--from TARBALL: on an `npm pack` tarball)",
  matches: (args) => args[0] === 'init',
  async run(args) {
    const flags = parseFlags(args.slice(1));
    if (typeof flags === 'string') {
      console.error(`${flags}\n${USAGE}`);
      return 2;
    }
    let made;
    try {
      made = scaffold(flags);
    } catch (err) {
      if (err instanceof ScaffoldError) {
        console.error(err.message);
        return 1;
      }
      throw err;
    }
    const near = relative(process.cwd(), made.dir);
    const where = near.startsWith('..') ? made.dir : near || '.';
    console.log(`Created ${made.name} in ${made.dir}:`);
    for (const file of made.files) console.log(`  ${file}`);
    // From a checkout without --from, the version it names may not be on the registry yet.
    if (made.source === 'registry' && existsSync(join(RESPONSE_ROOT, 'src/main/cli.ts'))) {
      console.log('\nThis Response runs from a checkout: if its version is not published, run `npm pack` there and `response init --from <tarball>`.');
    }
    console.log(`\nNext:\n  cd ${where}\n  npm ci               # the pinned tree; \`npm ci --offline\` installs it from a warm npm cache alone\n  npm start            # then open http://localhost:3000/sandbox and try \`@incident runbook payments\` in an incident's channel`);
    return 0;
  },
};

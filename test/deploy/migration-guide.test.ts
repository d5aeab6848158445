// docs/migrating-from-response.md walks a team through commands, settings and files: keep it in step with them.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RESPONSE_SETTINGS_NAMES } from '../../src/config/response-aliases.js';
import { cliCommands } from '../../src/main/cli-commands.js';

const path = 'docs/migrating-from-response.md';
const guide = readFileSync(path, 'utf8');
const codeBlocks = [...guide.matchAll(/```(?:sh|bash)\n([\s\S]*?)```/g)].map((m) => m[1]!.replace(/\\\n\s*/g, ' '));
/** Built into src/main/cli.ts rather than registered in cliCommands. */
const builtIn = [
  ['token', 'create'],
  ['token', 'list'],
  ['token', 'revoke'],
];
/** The words after each `response`, `npm run cli --` or `node dist/main/cli.js` at the start of a command. */
function commands(): string[][] {
  const found: string[][] = [];
  // At the start of a line (after any VAR=value settings) or of a `$(…)`; `node dist/main/cli.js` anywhere (after docker run…).
  const starts =
    /(?:(?:^|\$\()(?:[A-Z_]+=\S+\s+)*(?:(?:npx )?response|npm run (?:--silent )?cli --)|node dist\/main\/cli\.js)\s+([a-z][\w-]*(?:\s+[a-z][\w-]*)?)/gm;
  // Code blocks, and inline code in the text (`response migrate`, `TOKEN=$(response token create …)`).
  const inline = [...guide.replace(/```[\s\S]*?```/g, '').matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!);
  for (const code of [...codeBlocks, ...inline]) for (const m of code.matchAll(starts)) found.push(m[1]!.split(/\s+/));
  return found;
}

describe('docs/migrating-from-response.md', () => {
  it('uses only commands Response has', () => {
    const used = commands();
    expect(used.length).toBeGreaterThan(8);
    for (const args of used) {
      const known = cliCommands.some((c) => c.matches(args)) || builtIn.some((b) => b.every((w, i) => args[i] === w));
      expect(known, `response ${args.join(' ')}`).toBe(true);
    }
    expect(used.map((a) => a.join(' '))).toEqual(
      expect.arrayContaining(['migrate', 'import response', 'slack manifest', 'token create', 'init my-incidents', 'start']),
    );
  });

  it("uses only the importer's flags", () => {
    const description = cliCommands.find((c) => c.usage === 'import response')!.description;
    const flags = new Set([...guide.matchAll(/import response[^\n`]*/g)].flatMap((m) => [...m[0].matchAll(/--[a-z-]+/g)].map((f) => f[0])));
    expect([...flags].sort()).toEqual(['--dry-run', '--from', '--headline-channel', '--timezone']);
    for (const flag of flags) expect(description, flag).toContain(flag);
  });

  it("maps every one of the original's settings the config reads, in the settings table", () => {
    const table = guide.slice(guide.indexOf('## 2. Map the settings'), guide.indexOf('## 3.'));
    expect(RESPONSE_SETTINGS_NAMES.length).toBeGreaterThan(10);
    for (const name of RESPONSE_SETTINGS_NAMES) expect(table, name).toMatch(new RegExp(`^\\|[^\\n]*\`${name}\``, 'm'));
  });

  it('links only to files that exist and to headings of its own', () => {
    const links = [...guide.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]!).filter((l) => !/^https?:/.test(l));
    expect(links.length).toBeGreaterThan(5);
    const slug = (heading: string) =>
      heading
        .toLowerCase()
        .replace(/[^\w\s-]/g, '')
        .trim()
        .replace(/\s/g, '-');
    const anchors = new Set([...guide.matchAll(/^#+ (.+)$/gm)].map((m) => slug(m[1]!)));
    for (const link of links) {
      const [file, anchor] = link.split('#') as [string, string | undefined];
      if (file) expect(existsSync(join(dirname(path), file)), link).toBe(true);
      else expect(anchors, link).toContain(anchor);
    }
  });
});

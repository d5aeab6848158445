import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { actionFieldsSchema } from '../../src/core/action/schemas.js';
import { STATUSES as SERVER_STATUSES } from '../../src/core/incident/model.js';
import { ACTION_TYPES, PRIORITIES, STATUSES } from '../../web/src/lib/types.js';

// The web UI's API types are the server's (src/http/api-types.ts, read by `tsc -p web/tsconfig.json`). These
// checks keep that arrangement honest: the only way into the server is a type-only import of that one module,
// so the bundle never carries server code, and the option lists the pickers show are the server's, in its order.

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const webSrc = join(repo, 'web/src');
const apiTypes = join(repo, 'src/http/api-types');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx)$/.test(e.name) ? [p] : [];
  });
}

/** Every import or export-from in a file: its full statement and its specifier. */
function importsOf(source: string): { statement: string; specifier: string }[] {
  const found: { statement: string; specifier: string }[] = [];
  for (const m of source.matchAll(/^\s*(?:import|export)\b[^;'"]*?(?:from\s*)?['"]([^'"]+)['"]/gms)) found.push({ statement: m[0].trim(), specifier: m[1]! });
  for (const m of source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push({ statement: m[0], specifier: m[1]! });
  return found;
}

describe('the web UI and the server share one set of API types', () => {
  it('reaches outside web/ only through type-only imports of src/http/api-types', () => {
    const outside: string[] = [];
    let sharedTypeImports = 0;
    for (const file of sourceFiles(webSrc)) {
      for (const { statement, specifier } of importsOf(readFileSync(file, 'utf8'))) {
        if (!specifier.startsWith('.')) continue;
        const target = resolve(dirname(file), specifier).replace(/\.(js|ts)$/, '');
        if (!relative(join(repo, 'web'), target).startsWith('..')) continue;
        if (target === apiTypes && /^(import|export)\s+type\b/.test(statement)) sharedTypeImports += 1;
        else outside.push(`${relative(repo, file)}: ${statement}`);
      }
    }
    expect(outside).toEqual([]);
    expect(sharedTypeImports).toBeGreaterThan(0);
  });

  // Severities are configured and read from GET /api/v1/severities (web/src/lib/severities.ts), so they have no list here.
  it("offers the server's statuses, priorities and action types, in the server's order", () => {
    expect(STATUSES).toEqual(SERVER_STATUSES);
    expect(PRIORITIES).toEqual(actionFieldsSchema.shape.priority.unwrap().unwrap().options);
    expect(ACTION_TYPES).toEqual(actionFieldsSchema.shape.type.unwrap().unwrap().options);
  });
});

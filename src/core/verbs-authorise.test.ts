import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Every core verb authorises ctx.actor before it reads or writes. A verb is an exported function
 * under src/core whose first parameter is `deps` (helpers take a transaction or plain values). Its
 * first statement must call one of the `authorize…` functions of core/shared/authorize.ts.
 */
const CORE = fileURLToPath(new URL('.', import.meta.url));
const AUTHORIZE = /^authorize[A-Z]/;

interface Verb {
  file: string;
  name: string;
  /** Null when the verb authorises; otherwise why not. */
  problem: string | null;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

function callsAuthorize(node: ts.Node, imported: Set<string>): boolean {
  if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && imported.has(node.expression.text)) return true;
  return ts.forEachChild(node, (child) => callsAuthorize(child, imported) || undefined) ?? false;
}

/** The verbs of one source file, and whether each starts by authorising. */
export function verbsIn(file: string, text: string): Verb[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  // Only the helpers of shared/authorize.ts count (imported by name), not any function called authorizeSomething.
  const imported = new Set<string>();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    if (!/(^|\/)authorize\.js$/.test(statement.moduleSpecifier.text) && !/^\.\/authorize\.js$/.test(statement.moduleSpecifier.text)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings)) for (const el of bindings.elements) if (AUTHORIZE.test(el.name.text)) imported.add(el.name.text);
  }
  const verbs: Verb[] = [];
  const check = (name: string, params: ts.NodeArray<ts.ParameterDeclaration>, body: ts.ConciseBody | undefined) => {
    const first = params[0];
    if (!first || !ts.isIdentifier(first.name) || first.name.text !== 'deps') return;
    let problem: string | null = null;
    if (params.length < 2 || !ts.isIdentifier(params[1]!.name) || params[1]!.name.text !== 'ctx') problem = 'takes no ctx (verb(deps, ctx, input))';
    else if (!body) problem = 'has no body';
    else {
      const firstStatement = ts.isBlock(body) ? body.statements[0] : body;
      if (!firstStatement || !callsAuthorize(firstStatement, imported)) problem = 'does not start with an authorize… call from core/shared/authorize.ts';
    }
    verbs.push({ file, name, problem });
  };
  for (const statement of source.statements) {
    const exported = ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) continue;
    if (ts.isFunctionDeclaration(statement) && statement.name) check(statement.name.text, statement.parameters, statement.body);
    if (ts.isVariableStatement(statement)) {
      for (const decl of statement.declarationList.declarations) {
        const init = decl.initializer;
        if (ts.isIdentifier(decl.name) && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)))
          check(decl.name.text, init.parameters, init.body);
      }
    }
  }
  return verbs;
}

describe('every core verb authorises who acts', () => {
  // shared/authorize.ts is the authorisation itself.
  const verbs = sourceFiles(CORE)
    .filter((path) => !path.endsWith(join('shared', 'authorize.ts')))
    .flatMap((path) => verbsIn(relative(CORE, path), readFileSync(path, 'utf8')));

  it('finds the verbs (the enumeration itself works)', () => {
    const names = verbs.map((v) => v.name);
    // A sample across the domain; if these vanish the finder is broken, not the code authorised.
    for (const name of [
      'declareIncident',
      'updateIncident',
      'closeIncident',
      'getIncident',
      'listIncidents',
      'listChangeEvents',
      'recordSlackPin',
      'addAction',
      'removeTimelineEntry',
      'createApiToken',
      'renderPostmortem',
      'getInsights',
      'listUsers',
    ]) {
      expect(names).toContain(name);
    }
    expect(verbs.length).toBeGreaterThan(35);
  });

  it('has every verb start with an authorize… call', () => {
    const failing = verbs.filter((v) => v.problem).map((v) => `${v.file}: ${v.name} ${v.problem}`);
    expect(failing).toEqual([]);
  });

  it('would catch a verb that reads before authorising, or authorises with a look-alike', () => {
    const bad = `
      import { authorizeIncident } from '../shared/authorize.js';
      const authorizeEverything = () => undefined;
      export async function peek(deps, ctx, id) { const row = await deps.store.incidents.get(id); await authorizeIncident(deps, ctx, id); return row; }
      export async function fake(deps, ctx) { authorizeEverything(); }
      export async function noCtx(deps, id) { await authorizeIncident(deps, undefined, id); }
      export const arrow = async (deps, ctx, id) => deps.store.incidents.get(id);
      export async function good(deps, ctx, id) { return (await authorizeIncident(deps, ctx, id)).incident; }
      export function helper(tx, id) { return tx.incidents.get(id); }
    `;
    const found = verbsIn('bad.ts', bad);
    expect(found.map((v) => [v.name, v.problem !== null])).toEqual([
      ['peek', true],
      ['fake', true],
      ['noCtx', true],
      ['arrow', true],
      ['good', false],
    ]);
  });
});

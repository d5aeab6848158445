// Shared by the Kubernetes tests: builds the Kustomize folders under deploy/kubernetes with the kubectl on PATH
// (Debian's kubernetes-client in CI, whose Kustomize is v2.0.3; any newer one locally) and checks objects against
// the Kubernetes OpenAPI schemas (kubernetes-models) and their TypeScript interfaces.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { IContainer } from 'kubernetes-models/v1';
import ts from 'typescript';
import { expect } from 'vitest';
import { parseAllDocuments } from 'yaml';

export const kubernetesDir = 'deploy/kubernetes';

export interface Manifest {
  /** Where it came from: the folder that was built, or the file that was read. */
  source: string;
  apiVersion: string;
  kind: string;
  metadata?: { name?: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

/** The kubectl on PATH, if any. */
export const kubectl: string | undefined = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0 ? 'kubectl' : undefined;

export function parseManifests(text: string, source: string): Manifest[] {
  return parseAllDocuments(text).flatMap((doc) => {
    if (doc.errors.length > 0) throw new Error(`${source}: ${doc.errors.map((e) => e.message).join('; ')}`);
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) return [];
    return [{ ...(value as Omit<Manifest, 'source'>), source } as Manifest];
  });
}

/** `kubectl kustomize <dir>`: the objects a `kubectl apply -k <dir>` would send. */
export function build(dir: string): Manifest[] {
  if (!kubectl) throw new Error('kubectl is not installed');
  const out = execFileSync(kubectl, ['kustomize', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return parseManifests(out, dir);
}

/** A YAML file that is not built by any kustomization (the example Secret, the ServiceMonitor). */
export function readManifests(file: string): Manifest[] {
  return parseManifests(readFileSync(file, 'utf8'), file);
}

export function only<T>(manifests: Manifest[], kind: string): T & Manifest {
  const found = manifests.filter((m) => m.kind === kind);
  if (found.length !== 1) throw new Error(`expected exactly one ${kind} in ${manifests[0]?.source ?? '?'}, found ${found.length}`);
  return found[0] as T & Manifest;
}

/** Every container of a pod template, init containers included. */
export function allContainers(pod: { containers: IContainer[]; initContainers?: IContainer[] }): IContainer[] {
  return [...(pod.initContainers ?? []), ...pod.containers];
}

export const matches = (selector: Record<string, string> | undefined, labels: Record<string, string>) =>
  selector !== undefined && Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v);

type ModelClass = new (data: unknown) => { validate(): void; kind: string };

/** kubernetes-models module for an apiVersion: `v1` is the core group, `apps/v1` → `apps/v1`. */
export async function modelFor(apiVersion: string, kind: string): Promise<ModelClass | undefined> {
  if (!/^([a-z0-9.-]+\/)?v\d+((alpha|beta)\d+)?$/.test(apiVersion) || !/^[A-Z][A-Za-z]+$/.test(kind)) return undefined;
  try {
    const specifier = `kubernetes-models/${apiVersion}/${kind}`;
    const mod = (await import(/* @vite-ignore */ specifier)) as Record<string, unknown>;
    const model = mod[kind];
    if (typeof model !== 'function') return undefined;
    const statics = model as unknown as { kind?: string; apiVersion?: string };
    if (statics.kind !== kind || statics.apiVersion !== apiVersion) return undefined;
    return model as unknown as ModelClass;
  } catch {
    return undefined;
  }
}

/**
 * The schemas accept unknown fields, so a misspelt `readinesProbe` would pass them silently. TypeScript's
 * excess-property check on an object literal typed with the model's interface catches it at any depth.
 */
export function typeErrors(objects: Manifest[]): string[] {
  const fileName = resolve('test/deploy/__manifests__.ts');
  const source = objects
    .map((m, i) => {
      const { source: _source, ...object } = m;
      return `import type { I${m.kind} as T${i} } from 'kubernetes-models/${m.apiVersion}/${m.kind}';\nexport const m${i}: T${i} = ${JSON.stringify(object)};`;
    })
    .join('\n');
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (f) => f === fileName || fileExists(f);
  host.readFile = (f) => (f === fileName ? source : readFile(f));
  host.getSourceFile = (f, language, ...rest) => (f === fileName ? ts.createSourceFile(f, source, language) : getSourceFile(f, language, ...rest));
  const program = ts.createProgram([fileName], options, host);
  const sourceFile = program.getSourceFile(fileName)!;
  return ts.getPreEmitDiagnostics(program, sourceFile).map((d) => {
    const line = d.start === undefined ? 0 : sourceFile.getLineAndCharacterOfPosition(d.start).line;
    const manifest = objects[Math.floor(line / 2)];
    return `${manifest?.source ?? '?'} ${manifest?.kind ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

/** Custom resources kubernetes-models doesn't know; each gets a hand-written shape check. */
const customResources: Record<string, (m: Manifest) => void> = {
  'monitoring.coreos.com/v1/ServiceMonitor': (m) => {
    const spec = m.spec as { selector?: { matchLabels?: Record<string, string> }; endpoints?: { port?: string; path?: string }[] };
    expect(spec.selector?.matchLabels).toBeTruthy();
    expect(spec.endpoints?.length).toBeGreaterThan(0);
  },
};

/** Checks every object the way the manifests have always been checked: schema, name, and only known fields. */
export async function expectValidObjects(manifests: Manifest[]): Promise<void> {
  for (const m of manifests) {
    const custom = customResources[`${m.apiVersion}/${m.kind}`];
    if (custom) {
      custom(m);
      continue;
    }
    const Model = await modelFor(m.apiVersion, m.kind);
    if (!Model) throw new Error(`${m.source}: unknown kind ${m.apiVersion} ${m.kind}`);
    const { source: _source, ...object } = m;
    const model = new Model(object);
    expect(() => model.validate(), `${m.source} ${m.kind}`).not.toThrow();
    expect(model.kind).toBe(m.kind);
    expect(m.metadata?.name, `${m.source} ${m.kind} has a name`).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
  }
  expect(typeErrors(manifests.filter((m) => !customResources[`${m.apiVersion}/${m.kind}`]))).toEqual([]);
}

export const folder = (...parts: string[]) => join(kubernetesDir, ...parts);

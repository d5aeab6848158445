import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectLockfile, readDependencyLock, type ResponseManifest, type ResponseSource } from './dependency-lock.js';

// `response init`: a team's repository that depends on Response, the way Monzo's Response was included into a
// Django project. The files come from templates/init/ in Response's package, with {{name}} filled in; the
// package.json and package-lock.json are written here, from Response's own.

/** Response's package root: src/main/init/ in a checkout, dist/main/init/ in an installed package. */
export const RESPONSE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Template files whose name can't be shipped as is (npm leaves a package's .gitignore out). */
const RENAMED: Record<string, string> = { gitignore: '.gitignore', dockerignore: '.dockerignore', 'env.example': '.env.example' };

/** A scaffold that can't be written; the message says what to do. */
export class ScaffoldError extends Error {}

export interface ScaffoldOptions {
  /** The repository folder to create or fill. */
  dir: string;
  /** A Response tarball (`npm pack`) to depend on instead of the registry: copied into vendor/. */
  from?: string;
  /** Response's package root (default: the running one). */
  responseRoot?: string;
}

export interface Scaffold {
  dir: string;
  name: string;
  /** Paths written, relative to `dir`. */
  files: string[];
  source: ResponseSource['kind'];
}

/** An npm package name from a folder name: lower case, URL-safe. */
export function packageName(dir: string): string {
  const name = basename(resolve(dir))
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[._-]+|-+$/g, '');
  return name || 'incidents';
}

function templateFiles(root: string, dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? templateFiles(root, path) : [relative(root, path)];
  });
}

const render = (text: string, values: Record<string, string>) => text.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => values[key] ?? whole);

/** Writes a team's repository into `options.dir`; refuses, writing nothing, when any of its files exists. */
export function scaffold(options: ScaffoldOptions): Scaffold {
  const root = options.responseRoot ?? RESPONSE_ROOT;
  const dir = resolve(options.dir);
  const response = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as ResponseManifest & { overrides?: unknown; allowScripts?: unknown };
  // npm refuses a package that depends on its own name.
  const name = packageName(dir) === response.name ? `${response.name}-incidents` : packageName(dir);
  const templates = join(root, 'templates/init');
  if (!existsSync(templates)) throw new ScaffoldError(`This Response (${root}) has no templates/init: run \`response init\` from the npm package or a checkout, not from a server image.`);

  let source: ResponseSource;
  let vendored: { path: string; bytes: Buffer } | undefined;
  if (options.from) {
    const tarball = resolve(options.from);
    if (!existsSync(tarball) || !tarball.endsWith('.tgz')) throw new ScaffoldError(`--from ${options.from}: no such tarball (make one with \`npm pack\` in a Response checkout)`);
    const path = `vendor/${basename(tarball)}`;
    vendored = { path, bytes: readFileSync(tarball) };
    source = { kind: 'tarball', spec: `file:${path}`, bytes: vendored.bytes };
  } else {
    source = { kind: 'registry', spec: response.version };
  }

  const dependencies = { [response.name]: source.spec };
  const manifest = {
    name,
    version: '0.1.0',
    private: true,
    type: 'module',
    description: `Incident response for ${name}, on Response`,
    scripts: { start: 'response start', migrate: 'response migrate', typecheck: 'tsc --noEmit', response: 'response' },
    dependencies,
    // A dependency's overrides don't apply to the tree it's installed in: repeated here, so the lockfile's
    // pinned versions (chosen under them) satisfy npm's check.
    ...(response.overrides ? { overrides: response.overrides } : {}),
    ...(response.allowScripts ? { allowScripts: response.allowScripts } : {}),
    ...(response.engines ? { engines: response.engines } : {}),
  };
  const lockfile = projectLockfile({ name, dependencies }, response, source, readDependencyLock(root));

  const values = { name, version: response.version, vendorCopy: vendored ? 'COPY vendor/ ./vendor/\n' : '' };
  const files = new Map<string, string | Buffer>();
  for (const file of templateFiles(templates)) {
    const target = join(dirname(file), RENAMED[basename(file)] ?? basename(file));
    files.set(target, render(readFileSync(join(templates, file), 'utf8'), values));
  }
  files.set('package.json', `${JSON.stringify(manifest, null, 2)}\n`);
  files.set('package-lock.json', `${JSON.stringify(lockfile, null, 2)}\n`);
  if (vendored) files.set(vendored.path, vendored.bytes);

  const existing = [...files.keys()].filter((file) => existsSync(join(dir, file)));
  if (existing.length > 0) {
    throw new ScaffoldError(`${dir} already has ${existing.join(', ')}: nothing was written. Run \`response init\` in a new or empty folder, or move those files away first.`);
  }
  for (const [file, content] of files) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    // 'wx': never replace a file that appeared since the check above.
    writeFileSync(join(dir, file), content, { flag: 'wx' });
  }
  return { dir, name, files: [...files.keys()].sort(), source: source.kind };
}

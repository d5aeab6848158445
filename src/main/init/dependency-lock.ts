import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// The dependency tree CI tested, carried from this repository's package-lock.json into a team's repository's
// package-lock.json by `response init`. Every entry names its tarball and integrity, so `npm ci` there installs
// exactly that tree, from npm's cache alone when it is warm (`--offline`): a plain `npm install response` would
// have to ask the registry to resolve version ranges. The build writes the production part of the lockfile to
// dist/ (a package never ships its package-lock.json); a checkout reads its lockfile directly.

/** One package-lock.json `packages` entry (lockfileVersion 2/3), as npm writes it. */
export interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  link?: boolean;
  dev?: boolean;
  devOptional?: boolean;
  inBundle?: boolean;
  name?: string;
  license?: string;
  dependencies?: Record<string, string>;
  [field: string]: unknown;
}

interface Lockfile {
  lockfileVersion: number;
  packages?: Record<string, LockEntry>;
}

/** What the build ships as dist/dependency-lock.json. */
export interface DependencyLock {
  /** The production entries, keyed by their path in a tree whose root depends on Response (npm's hoisted layout). */
  packages: Record<string, LockEntry>;
  /** Workspace packages Response bundles in its tarball (bundleDependencies), with their entries. */
  bundled: Record<string, LockEntry>;
}

export const DEPENDENCY_LOCK_FILE = 'dist/dependency-lock.json';

/** Where the registry keeps a package's tarball: <registry>/<name>/-/<unscoped name>-<version>.tgz. */
function registryTarball(registry: string, name: string, version: string): string {
  return `${registry.replace(/\/?$/, '/')}${name}/-/${name.split('/').pop() ?? name}-${version}.tgz`;
}

/**
 * The production part of a package-lock.json: no dev-only entries, no workspace folders; workspace links become
 * bundled entries. This repository's lockfile leaves registry URLs out (omit-lockfile-registry-resolved): npm needs
 * one to place a package without asking the registry, and finds the tarball in its cache by the integrity.
 */
export function productionDependencyLock(lock: Lockfile, registry = 'https://registry.npmjs.org/'): DependencyLock {
  if (lock.lockfileVersion < 2 || !lock.packages) throw new Error('package-lock.json must be lockfileVersion 2 or 3 (npm 7 or later)');
  const packages: Record<string, LockEntry> = {};
  const bundled: Record<string, LockEntry> = {};
  for (const [path, entry] of Object.entries(lock.packages)) {
    // The root, and the workspaces' own folders: an installed package has neither.
    if (!path.startsWith('node_modules/')) continue;
    if (entry.dev || entry.devOptional) continue;
    const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    if (entry.link) {
      const workspace = entry.resolved ? lock.packages[entry.resolved] : undefined;
      if (!workspace?.version) throw new Error(`${path} links to ${entry.resolved ?? 'nothing'}, which package-lock.json does not describe`);
      bundled[name] = { version: workspace.version, license: workspace.license, inBundle: true, dependencies: workspace.dependencies };
      continue;
    }
    if (!entry.integrity || !entry.version) throw new Error(`${path} has no version or integrity in package-lock.json`);
    packages[path] = entry.resolved ? entry : { ...entry, resolved: registryTarball(registry, entry.name ?? name, entry.version) };
  }
  return { packages, bundled };
}

/** The dependency lock of the Response package at `root`: the one its build shipped, or, in a checkout, its lockfile's. */
export function readDependencyLock(root: string): DependencyLock {
  const shipped = join(root, DEPENDENCY_LOCK_FILE);
  if (existsSync(shipped)) return JSON.parse(readFileSync(shipped, 'utf8')) as DependencyLock;
  const lockfile = join(root, 'package-lock.json');
  if (!existsSync(lockfile)) throw new Error(`Response at ${root} has neither ${DEPENDENCY_LOCK_FILE} nor package-lock.json`);
  return productionDependencyLock(JSON.parse(readFileSync(lockfile, 'utf8')) as Lockfile);
}

/** Writes `root`'s production dependency lock into its dist/ (the build calls this). */
export function writeDependencyLock(root: string, registry?: string): void {
  const lock = productionDependencyLock(JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as Lockfile, registry);
  writeFileSync(join(root, DEPENDENCY_LOCK_FILE), `${JSON.stringify(lock)}\n`);
}

/** The fields of Response's package.json that its own lockfile entry repeats. */
export interface ResponseManifest {
  name: string;
  version: string;
  license?: string;
  dependencies?: Record<string, string>;
  bin?: Record<string, string>;
  engines?: Record<string, string>;
  bundleDependencies?: string[];
}

/** Where a team's repository gets Response from: a tarball beside it (`file:`), or the registry. */
export type ResponseSource = { kind: 'tarball'; spec: string; bytes: Buffer } | { kind: 'registry'; spec: string };

/** A team repository's package-lock.json: its root depends on Response, which brings the tree CI tested. */
export function projectLockfile(project: { name: string; dependencies: Record<string, string> }, response: ResponseManifest, source: ResponseSource, lock: DependencyLock) {
  const { version, license, dependencies, bin, engines, bundleDependencies } = response;
  const responseEntry: LockEntry = { version, license, dependencies, bin, engines, ...(bundleDependencies?.length ? { bundleDependencies } : {}) };
  if (source.kind === 'tarball') {
    // npm records a local tarball by its path and checks it against this digest on every install.
    Object.assign(responseEntry, { resolved: source.spec, integrity: `sha512-${createHash('sha512').update(source.bytes).digest('base64')}` });
  }
  const packages: Record<string, LockEntry> = { '': { name: project.name, dependencies: project.dependencies }, [`node_modules/${response.name}`]: responseEntry };
  for (const [name, entry] of Object.entries(lock.bundled)) packages[`node_modules/${response.name}/node_modules/${name}`] = entry;
  Object.assign(packages, lock.packages);
  return { name: project.name, lockfileVersion: 3, requires: true, packages };
}

// The npm workspaces (packages/*) the server needs at run time. Its own module, without esbuild, so that
// `npm start`'s staleness check can list them on a warm restart without loading the compiler.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The workspace packages (packages/*) the server imports at run time: those named in the root package.json's
 * `dependencies` (a package only tests or the benchmark use is a devDependency and is not built).
 */
export function runtimeWorkspacePackages(root) {
  const absRoot = resolve(root);
  const dependencies = JSON.parse(readFileSync(join(absRoot, 'package.json'), 'utf8')).dependencies ?? {};
  const packagesDir = join(absRoot, 'packages');
  if (!existsSync(packagesDir)) return [];
  return readdirSync(packagesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(packagesDir, entry.name, 'package.json')))
    .map((entry) => {
      const dir = join(packagesDir, entry.name);
      return { dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) };
    })
    .filter(({ manifest }) => Object.hasOwn(dependencies, manifest.name));
}

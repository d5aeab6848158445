/**
 * A team's plugins load whatever module format they are written in, from any folder: the real loader in a child
 * process (as `npm run dev` runs it from source through tsx, and as `response start` runs it from the build with
 * plain Node), on copies of fixtures-cjs (a package.json without "type": tsx makes .ts CommonJS there) and
 * fixtures-esm ("type": "module") outside the repository, where no node_modules holds Response. Each plugin uses
 * the SDK at run time (escapeMrkdwn), so a plugin that got no SDK would not load.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const EXTENSIONS = ['ts', 'cts', 'mts', 'js', 'cjs', 'mjs'];
const dir = mkdtempSync(join(tmpdir(), 'response-module-formats-'));
// The build goes inside the repository, so its bare imports find node_modules as dist/'s do.
mkdirSync('.tmp', { recursive: true });
const build = mkdtempSync(join(resolve('.tmp'), 'module-formats-'));
const cjsFolder = join(dir, 'cjs');
const esmFolder = join(dir, 'esm');

// Loads the plugins and prints what loaded and what the loader logged as errors.
const RUNNER = `
const [loaderUrl, cwd, ...specs] = process.argv.slice(1);
const { loadPlugins } = await import(loaderUrl);
const errors = [];
const logger = { info() {}, error(fields, msg) { errors.push(msg); } };
const plugins = await loadPlugins({ specs, cwd, timeoutMs: 30000, logger });
console.log(JSON.stringify({ loaded: plugins.map((p) => ({ name: p.name, help: p.commands[0].help })), errors }));
`;

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    let stdout = '';
    let stderr = '';
    const child = spawn(process.execPath, args, { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => done({ code, stdout, stderr }));
  });
}

/** The loader at `loaderUrl`, started in the CommonJS folder (its response.config.ts lists its plugins by relative path), given the ES module folder's by absolute path. */
async function loadAll(nodeArgs: string[], loaderUrl: string) {
  const specs = EXTENSIONS.map((ext) => join(esmFolder, `${ext}-plugin.${ext}`));
  const result = await run([...nodeArgs, '--input-type=module', '-e', RUNNER, loaderUrl, cjsFolder, ...specs]);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as { loaded: { name: string; help: string }[]; errors: string[] };
}

const EVERY_PLUGIN = [...EXTENSIONS.map((ext) => `cjs-folder-${ext}`), ...EXTENSIONS.map((ext) => `esm-folder-${ext}`)];

beforeAll(async () => {
  cpSync('test/plugins/fixtures-cjs', cjsFolder, { recursive: true });
  cpSync('test/plugins/fixtures-esm', esmFolder, { recursive: true });
  const transpile = `const { transpile } = await import(${JSON.stringify(pathToFileURL(resolve('scripts/lib/transpile.mjs')).href)}); await transpile({ root: '.', dirs: ['src'], outdir: ${JSON.stringify(build)}, outbase: 'src' });`;
  const built = await run(['--input-type=module', '-e', transpile]);
  expect(built.code, built.stderr).toBe(0);
}, 60_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(build, { recursive: true, force: true });
});

describe('plugins in every module format, from any folder', () => {
  it('load from source through tsx, as `npm run dev` runs them', async () => {
    const { loaded, errors } = await loadAll(['--import', 'tsx'], pathToFileURL(resolve('src/plugins/loader.ts')).href);
    expect(errors).toEqual([]);
    expect(loaded.map((p) => p.name)).toEqual(EVERY_PLUGIN);
    expect(new Set(loaded.map((p) => p.help))).toEqual(new Set(['&lt;hello&gt;']));
  });

  it('load from the build with plain Node, as `response start` runs them', async () => {
    const { loaded, errors } = await loadAll([], pathToFileURL(join(build, 'plugins/loader.js')).href);
    expect(errors).toEqual([]);
    expect(loaded.map((p) => p.name)).toEqual(EVERY_PLUGIN);
    expect(new Set(loaded.map((p) => p.help))).toEqual(new Set(['&lt;hello&gt;']));
  });

  it('say what is wrong when require("response/sdk") runs outside a plugin Response loads', async () => {
    const result = await run(['-e', `require(${JSON.stringify(resolve('src/plugins/sdk/commonjs.cjs'))})`]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('require() it from a plugin that Response loads');
  });
});

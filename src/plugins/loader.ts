import { existsSync } from 'node:fs';
import Module, { register } from 'node:module';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Logger } from 'pino';
import { withTimeout } from './guard.js';
import * as sdk from './sdk/index.js';
import type { Plugin } from './sdk/types.js';

export const CONFIG_FILES = ['response.config.ts', 'response.config.mts', 'response.config.cts', 'response.config.js', 'response.config.mjs', 'response.config.cjs'];

export interface LoadPluginsOptions {
  /** Module paths from RESPONSE_PLUGINS, relative to `cwd`. */
  specs: string[];
  cwd: string;
  timeoutMs: number;
  logger: Pick<Logger, 'info' | 'error'>;
}

let sdkHookRegistered = false;

/** The SDK module of this running Response: from source (tsx) this file is loader.ts and the SDK index.ts; from the build both are .js. */
const sdkUrl = new URL(`./sdk/index${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);
const SDK_SPECIFIER = 'response/sdk';
/** Where sdk/commonjs.cjs finds the SDK module. */
const SDK_GLOBAL = Symbol.for('response.plugin-sdk');

/** Node's CommonJS resolver, which `require` calls (not public API, but the hook tsx and module aliases rely on too). */
type ResolveFilename = (request: string, ...rest: unknown[]) => string;

/**
 * Makes `response/sdk` in a plugin or config file mean this running Response's SDK, whether it is imported
 * (`import … from`: ES modules, and TypeScript that tsx loads as such) or required (`require(…)`: CommonJS,
 * which is what tsx makes of a `.ts` file in a folder whose package.json has no `"type": "module"`, and of
 * `.cts`/`.cjs`), whether Response runs from source (tsx) or from the build, and whether or not the plugin's
 * folder has Response in its node_modules. Without the hooks Node resolves it through package.json `exports`:
 * from a team's repository that is the installed copy, but from any other folder it is not found.
 */
function registerSdkResolution(): void {
  if (sdkHookRegistered) return;
  sdkHookRegistered = true;
  const hook = `export async function resolve(specifier, context, next) {
    if (specifier === ${JSON.stringify(SDK_SPECIFIER)}) return { url: ${JSON.stringify(sdkUrl.href)}, shortCircuit: true };
    return next(specifier, context);
  }`;
  try {
    register(`data:text/javascript,${encodeURIComponent(hook)}`);
  } catch {
    // Older runtimes without module.register: package.json `exports` still resolves response/sdk.
  }
  // require() gets the SDK this process already loaded (the same instance `import` gets) through a CommonJS
  // file beside it: Node can't require() an ES module from a CommonJS plugin that a loader hook (tsx) compiled.
  (globalThis as Record<symbol, unknown>)[SDK_GLOBAL] = sdk;
  const cjs = Module as unknown as { _resolveFilename: ResolveFilename };
  const resolveFilename = cjs._resolveFilename;
  const shim = fileURLToPath(new URL('./sdk/commonjs.cjs', import.meta.url));
  cjs._resolveFilename = function resolveSdk(this: unknown, request: string, ...rest: unknown[]): string {
    return request === SDK_SPECIFIER ? shim : resolveFilename.call(this, request, ...rest);
  };
}

const isTypeScript = (path: string) => /\.(c|m)?tsx?$/.test(path);

/** Imports a module; TypeScript through tsx's loader when the runtime can't load it natively (running the build). */
async function importModule(path: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(path).href;
  try {
    return (await import(url)) as Record<string, unknown>;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (!isTypeScript(path) || (code !== 'ERR_UNKNOWN_FILE_EXTENSION' && code !== 'ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING')) throw err;
    const { tsImport } = await import('tsx/esm/api');
    return (await tsImport(url, import.meta.url)) as Record<string, unknown>;
  }
}

function isPlugin(value: unknown): value is Plugin {
  return typeof value === 'object' && value !== null && typeof (value as { name?: unknown }).name === 'string' && (value as { name: string }).name.trim() !== '';
}

/**
 * A CommonJS module compiled from TypeScript (`exports.default = …`, flagged `__esModule`) imports as
 * `{ default: module.exports }`: look inside, so `export default` means the same in both module formats.
 */
function unwrapCommonJs(mod: Record<string, unknown>): Record<string, unknown> {
  const inner = mod.default;
  return typeof inner === 'object' && inner !== null && (inner as { __esModule?: unknown }).__esModule === true ? (inner as Record<string, unknown>) : mod;
}

/** What a plugin module exports: `export default definePlugin(…)`, an array of them, or `export const plugin`/`plugins` (or `module.exports = …`). */
export function pluginsFromModule(loaded: Record<string, unknown>, source: string): Plugin[] {
  const mod = unwrapCommonJs(loaded);
  const candidates = [mod.default, mod.plugin, mod.plugins].filter((v) => v !== undefined);
  const flat = candidates.flatMap((v) => (Array.isArray(v) ? v : [v]));
  if (flat.length === 0) throw new Error(`${source} exports no plugin (export default definePlugin({ name: …, … }))`);
  const bad = flat.filter((v) => !isPlugin(v));
  if (bad.length > 0) throw new Error(`${source} exports something that is not a plugin (it needs at least a name)`);
  return flat as Plugin[];
}

async function loadFile(spec: string, options: LoadPluginsOptions): Promise<Plugin[]> {
  const path = isAbsolute(spec) ? spec : resolve(options.cwd, spec);
  if (!existsSync(path)) throw new Error(`${spec}: no such file (paths are relative to ${options.cwd})`);
  return withTimeout(spec, 'loading', options.timeoutMs, async () => pluginsFromModule(await importModule(path), spec));
}

/**
 * Loads the plugins listed in RESPONSE_PLUGINS and in `response.config.ts|js` (`{ plugins: [...] }`,
 * each a plugin or a module path). A plugin that fails to load, throws or takes too long is logged
 * with its name (or path) and left out; the others load regardless.
 */
export async function loadPlugins(options: LoadPluginsOptions): Promise<Plugin[]> {
  return (await loadConfigFile(options)).plugins;
}

export interface LoadedConfigFile {
  plugins: Plugin[];
  /** The config file's whole export (`roles`, `statusUpdates`, … beside `plugins`) and its path; undefined without a file. */
  settings: { source: string; values: Record<string, unknown> } | undefined;
}

/**
 * Loads `response.config.ts|js` once: its plugins (with those in RESPONSE_PLUGINS) and the rest of
 * what it exports, which the composition root reads as the incident process.
 */
export async function loadConfigFile(options: LoadPluginsOptions): Promise<LoadedConfigFile> {
  const configFile = CONFIG_FILES.map((f) => resolve(options.cwd, f)).find((f) => existsSync(f));
  if (options.specs.length === 0 && !configFile) return { plugins: [], settings: undefined };
  registerSdkResolution();
  const loaded: Plugin[] = [];
  const entries: (string | Plugin)[] = [];
  let settings: LoadedConfigFile['settings'];
  if (configFile) {
    try {
      const mod = await withTimeout(configFile, 'loading', options.timeoutMs, () => importModule(configFile));
      const unwrapped = unwrapCommonJs(mod);
      const config = (unwrapped.default ?? unwrapped) as Record<string, unknown>;
      settings = { source: configFile, values: config };
      if (config.plugins !== undefined && !Array.isArray(config.plugins)) throw new Error(`${configFile} must export { plugins: [...] }`);
      entries.push(...((config.plugins ?? []) as (string | Plugin)[]));
    } catch (err) {
      options.logger.error({ err, configFile }, `could not load ${configFile}; its plugins are not loaded`);
    }
  }
  entries.push(...options.specs);
  for (const entry of entries) {
    if (typeof entry !== 'string') {
      if (isPlugin(entry)) loaded.push(entry);
      else options.logger.error({ entry: String(entry) }, 'response.config lists something that is not a plugin or a path');
      continue;
    }
    try {
      const plugins = await loadFile(entry, options);
      loaded.push(...plugins);
      options.logger.info({ plugins: plugins.map((p) => p.name), from: entry }, 'plugin loaded');
    } catch (err) {
      options.logger.error({ err, plugin: entry }, `plugin ${entry} failed to load: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return { plugins: loaded, settings };
}

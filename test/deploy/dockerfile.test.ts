// The Dockerfile can't be built on CI machines without a Docker engine, so its essentials are checked as text.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { sandboxPlan } from '../../src/sandbox/start-sandbox.js';

interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

/** Dockerfile instructions with line continuations joined and comments dropped. */
function parseDockerfile(text: string): Instruction[] {
  const instructions: Instruction[] = [];
  let pending: { text: string; line: number } | undefined;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line.startsWith('#') || (line === '' && !pending)) return;
    const continued = line.endsWith('\\');
    const body = continued ? line.slice(0, -1).trim() : line;
    pending = pending ? { ...pending, text: `${pending.text} ${body}` } : { text: body, line: index + 1 };
    if (continued) return;
    const match = /^(\S+)\s*(.*)$/.exec(pending.text);
    if (match) instructions.push({ keyword: match[1]!.toUpperCase(), args: match[2]!.trim(), line: pending.line });
    pending = undefined;
  });
  return instructions;
}

const dockerfile = parseDockerfile(readFileSync('Dockerfile', 'utf8'));
const dockerignore = readFileSync('.dockerignore', 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l !== '' && !l.startsWith('#'));

// Global ARGs (before the first FROM) may be used in FROM lines.
const firstFrom = dockerfile.findIndex((i) => i.keyword === 'FROM');
const globalArgs = new Map(
  dockerfile
    .slice(0, firstFrom)
    .filter((i) => i.keyword === 'ARG')
    .map((i) => {
      const [name, value = ''] = i.args.split('=', 2);
      return [name!.trim(), value.trim()] as const;
    }),
);
const resolve = (s: string) => s.replace(/\$\{?(\w+)\}?/g, (_, name: string) => globalArgs.get(name) ?? `$${name}`);

const stages = dockerfile.flatMap((instruction, index) => {
  if (instruction.keyword !== 'FROM') return [];
  const [image = '', , alias] = instruction.args.split(/\s+/);
  const next = dockerfile.findIndex((i, j) => j > index && i.keyword === 'FROM');
  return [{ image: resolve(image), alias, body: dockerfile.slice(index + 1, next === -1 ? undefined : next) }];
});
const runtime = stages.at(-1)!;
const build = stages[0]!;
const runs = (stage: typeof runtime) => stage.body.filter((i) => i.keyword === 'RUN').map((i) => i.args);

describe('Dockerfile', () => {
  it('is multi-stage, on the slim Node 20 LTS image', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage.image).toMatch(/^node:20(\.\d+)*-(bookworm-)?slim$/);
    expect(build.alias).toBeTruthy();
  });

  it('builds with npm ci and npm run build in the build stage', () => {
    expect(runs(build).some((r) => /\bnpm ci\b/.test(r) && !r.includes('--omit=dev'))).toBe(true);
    expect(runs(build).some((r) => /\bnpm run build\b/.test(r))).toBe(true);
  });

  it("npm run build transpiles the server as npm start does (esbuild) and keeps tsc for the SDK's declarations only", () => {
    const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.build).toMatch(/build:server.*build:types.*build:web/);
    expect(scripts['build:server']).toBe('node scripts/build-server.mjs');
    expect(scripts['build:server']).not.toMatch(/\btsc\b/);
    expect(scripts['build:types']).toMatch(/\btsc\b.*--emitDeclarationOnly/);
    expect(scripts.start).toBe('node scripts/start.mjs');
  });

  it('installs production dependencies only in the runtime stage and copies the built output', () => {
    expect(runs(runtime).some((r) => /\bnpm ci\b.*--omit=dev/.test(r))).toBe(true);
    expect(runs(runtime).some((r) => /\bnpm run build\b/.test(r))).toBe(false);
    const copies = runtime.body.filter((i) => i.keyword === 'COPY').map((i) => i.args);
    expect(copies).toContainEqual(expect.stringMatching(new RegExp(`^--from=${build.alias}\\s+\\S*/dist\\s+\\./dist$`)));
    expect(copies).toContainEqual(expect.stringMatching(new RegExp(`^--from=${build.alias}\\s+\\S*/web/dist\\s+\\./web/dist$`)));
    expect(
      runtime.body
        .filter((i) => i.keyword === 'ENV')
        .map((i) => i.args)
        .join(' '),
    ).toMatch(/\bNODE_ENV=production\b/);
  });

  it('never starts the sandbox workspace (anyone could act as its admin) unless the operator names it', () => {
    // The runtime stage's ENV lines as the process sees them, with nothing else set (no Slack configured).
    const env = Object.fromEntries(
      runtime.body
        .filter((i) => i.keyword === 'ENV')
        .flatMap((i) => i.args.split(/\s+/))
        .map((pair) => pair.split('=', 2) as [string, string]),
    );
    expect(env.SANDBOX).toBeUndefined();
    expect(sandboxPlan(loadConfig(env))).toEqual({ run: false, why: 'production' });
    expect(sandboxPlan(loadConfig({ ...env, SANDBOX: 'true' }))).toEqual({ run: true, share: false, askedFor: true });
  });

  it('runs as a non-root user, set before CMD', () => {
    const users = runtime.body.filter((i) => i.keyword === 'USER');
    expect(users.length).toBeGreaterThan(0);
    const user = users.at(-1)!;
    const name = user.args.split(':')[0];
    expect(name).not.toMatch(/^(root|0)$/);
    const cmd = runtime.body.find((i) => i.keyword === 'CMD')!;
    expect(user.line).toBeLessThan(cmd.line);
  });

  it('exposes the default port and starts the compiled server directly', () => {
    const defaultPort = loadConfig({}).port;
    expect(runtime.body.filter((i) => i.keyword === 'EXPOSE').map((i) => i.args)).toEqual([String(defaultPort)]);
    const cmd = runtime.body.filter((i) => i.keyword === 'CMD');
    expect(cmd).toHaveLength(1);
    // Exec form: node is PID 1 and receives SIGTERM itself.
    expect(JSON.parse(cmd[0]!.args)).toEqual(['node', 'dist/main/server.js']);
    // The path tsc writes the entry point to (rootDir src → outDir dist), and the one `npm start` runs.
    expect(existsSync('src/main/server.ts')).toBe(true);
    expect(readFileSync('scripts/start.mjs', 'utf8')).toContain('dist/main/server.js');
  });

  it('has a HEALTHCHECK on /healthz that uses node, not curl or wget', () => {
    const healthchecks = runtime.body.filter((i) => i.keyword === 'HEALTHCHECK');
    expect(healthchecks).toHaveLength(1);
    const args = healthchecks[0]!.args;
    const command = args.slice(args.indexOf('CMD') + 3).trim();
    expect(command).toContain('/healthz');
    expect(command).not.toMatch(/\b(curl|wget)\b/);
    expect(JSON.parse(command)[0]).toBe('node');
  });

  it("hands npm ci every workspace's manifest in both stages, so it installs their dependencies against the lockfile", () => {
    expect((JSON.parse(readFileSync('package.json', 'utf8')) as { workspaces?: string[] }).workspaces).toEqual(['packages/*']);
    const manifests = readdirSync('packages')
      .map((d) => `packages/${d}/package.json`)
      .filter((m) => existsSync(m));
    expect(manifests).toContain('packages/slack-emulator/package.json');
    for (const stage of [build, runtime]) {
      const ci = stage.body.findIndex((i) => i.keyword === 'RUN' && /\bnpm ci\b/.test(i.args));
      const copied = stage.body.slice(0, ci).filter((i) => i.keyword === 'COPY' && !i.args.startsWith('--from')).map((i) => i.args.split(/\s+/)[0]);
      for (const manifest of manifests) expect(copied).toContain(manifest);
    }
    expect(dockerignore).not.toContain('packages');
  });

  it('.dockerignore keeps local state, dependencies and secrets out of the context', () => {
    for (const entry of ['node_modules', 'data', '.git', 'dist', '.env']) expect(dockerignore).toContain(entry);
    // …but not what the build needs.
    for (const needed of ['package.json', 'package-lock.json', 'src', 'web', 'tsconfig.json', 'scripts']) {
      expect(dockerignore).not.toContain(needed);
    }
  });
});

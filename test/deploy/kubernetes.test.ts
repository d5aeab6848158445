// Every manifest under deploy/kubernetes is validated against the Kubernetes OpenAPI schemas
// (kubernetes-models) and cross-checked: the pieces must name each other correctly, which no schema sees.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { IDeployment } from 'kubernetes-models/apps/v1';
import type { IIngress } from 'kubernetes-models/networking.k8s.io/v1';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1';
import type { IConfigMap, IContainer, IProbe, ISecret, IService } from 'kubernetes-models/v1';
import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import { parseAllDocuments } from 'yaml';
import { configSchema, loadConfig } from '../../src/config/config.js';

const dir = 'deploy/kubernetes';
/** Kept out of the kustomization on purpose: an example with fake secrets, and a CRD-backed object. */
const notInKustomization = ['secret.example.yaml', 'servicemonitor.yaml'];

interface Manifest {
  file: string;
  apiVersion: string;
  kind: string;
  metadata?: { name?: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

const files = readdirSync(dir)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();

const manifests: Manifest[] = files.flatMap((file) =>
  parseAllDocuments(readFileSync(join(dir, file), 'utf8')).flatMap((doc) => {
    if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) return [];
    return [{ ...(value as Manifest), file }];
  }),
);

function only<T>(kind: string, file?: string): T & Manifest {
  const found = manifests.filter((m) => m.kind === kind && (file === undefined || m.file === file));
  expect(found, `exactly one ${kind}`).toHaveLength(1);
  return found[0] as T & Manifest;
}

/** kubernetes-models module for an apiVersion: `v1` is the core group, `apps/v1` → `apps/v1`. */
async function modelFor(apiVersion: string, kind: string): Promise<(new (data: unknown) => { validate(): void; kind: string }) | undefined> {
  if (!/^([a-z0-9.-]+\/)?v\d+((alpha|beta)\d+)?$/.test(apiVersion) || !/^[A-Z][A-Za-z]+$/.test(kind)) return undefined;
  try {
    const specifier = `kubernetes-models/${apiVersion}/${kind}`;
    const mod = (await import(/* @vite-ignore */ specifier)) as Record<string, unknown>;
    const model = mod[kind];
    if (typeof model !== 'function') return undefined;
    const statics = model as unknown as { kind?: string; apiVersion?: string };
    if (statics.kind !== kind || statics.apiVersion !== apiVersion) return undefined;
    return model as unknown as new (data: unknown) => { validate(): void; kind: string };
  } catch {
    return undefined;
  }
}

/**
 * The schemas accept unknown fields, so a misspelt `readinesProbe` would pass them silently. TypeScript's
 * excess-property check on an object literal typed with the model's interface catches it at any depth.
 */
function typeErrors(objects: Manifest[]): string[] {
  const fileName = resolve('test/deploy/__manifests__.ts');
  const source = objects
    .map((m, i) => {
      const { file: _file, ...object } = m;
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
    return `${manifest?.file ?? '?'} ${manifest?.kind ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
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

const deployment = () => only<IDeployment>('Deployment');
const container = (): IContainer => {
  const containers = deployment().spec!.template.spec!.containers;
  expect(containers).toHaveLength(1);
  return containers[0]!;
};
const podLabels = () => deployment().spec!.template.metadata!.labels!;
const service = () => only<IService>('Service');
const exampleSecret = () => only<ISecret>('Secret', 'secret.example.yaml');
const secretKeys = () => new Set(Object.keys({ ...exampleSecret().data, ...exampleSecret().stringData }));
const matches = (selector: Record<string, string> | undefined, labels: Record<string, string>) =>
  selector !== undefined && Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v);

/** A probe's or backend's port, by name or number, resolves to the container's port. */
function containerPortOf(port: number | string | undefined): number | undefined {
  const ports = container().ports ?? [];
  return ports.find((p) => p.name === port || p.containerPort === port)?.containerPort;
}

describe('Kubernetes manifests', () => {
  it('parses into documents', () => {
    expect(files).toContain('kustomization.yaml');
    expect(manifests.length).toBeGreaterThan(5);
    for (const m of manifests) {
      expect(m.apiVersion, `${m.file} apiVersion`).toEqual(expect.any(String));
      expect(m.kind, `${m.file} kind`).toEqual(expect.any(String));
    }
  });

  it('every object passes the Kubernetes schema for its apiVersion and kind', async () => {
    for (const m of manifests.filter((x) => x.kind !== 'Kustomization')) {
      const custom = customResources[`${m.apiVersion}/${m.kind}`];
      if (custom) {
        custom(m);
        continue;
      }
      const Model = await modelFor(m.apiVersion, m.kind);
      if (!Model) throw new Error(`${m.file}: unknown kind ${m.apiVersion} ${m.kind}`);
      const { file: _file, ...object } = m;
      const model = new Model(object);
      expect(() => model.validate(), `${m.file} ${m.kind}`).not.toThrow();
      expect(model.kind).toBe(m.kind);
      expect(m.metadata?.name, `${m.file} has a name`).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
    }
  });

  it('every object uses only fields its kind defines', () => {
    const builtin = manifests.filter((m) => m.kind !== 'Kustomization' && !customResources[`${m.apiVersion}/${m.kind}`]);
    expect(typeErrors(builtin)).toEqual([]);
    // …and the check itself notices a misspelt field.
    const broken = { ...deployment(), spec: { ...deployment().spec!, replicass: 2 } };
    expect(typeErrors([broken]).join('\n')).toMatch(/replicass/);
  }, 60_000);

  it('fails on a kind it does not know', async () => {
    expect(await modelFor('apps/v1', 'Deploymnet')).toBeUndefined();
    expect(await modelFor('example.com/v1', 'Widget')).toBeUndefined();
    expect(await modelFor('apps/v1', 'Deployment')).toBeDefined();
  });

  it('kustomization lists every manifest, and only files that exist', () => {
    const kustomization = only<{ resources: string[]; namespace?: string; images?: { name: string }[] }>('Kustomization');
    expect(kustomization.file).toBe('kustomization.yaml');
    const expected = files.filter((f) => f !== 'kustomization.yaml' && !notInKustomization.includes(f));
    expect([...kustomization.resources].sort()).toEqual(expected);
    for (const f of notInKustomization) expect(kustomization.resources).not.toContain(f);
    const namespace = manifests.find((m) => m.kind === 'Namespace');
    if (namespace) expect(kustomization.namespace).toBe(namespace.metadata?.name);
    // The image placeholder in the Deployment is what `images:` rewrites.
    expect(kustomization.images?.map((i) => i.name)).toContain(container().image);
  });

  it('Deployment runs several replicas and rolls without losing capacity', () => {
    const spec = deployment().spec!;
    expect(spec.replicas).toBeGreaterThanOrEqual(2);
    expect(spec.strategy?.type).toBe('RollingUpdate');
    expect(spec.strategy?.rollingUpdate?.maxUnavailable).toBe(0);
    expect(matches(spec.selector.matchLabels, podLabels())).toBe(true);
    const antiAffinity = spec.template.spec!.affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
    expect(antiAffinity.some((t) => matches(t.podAffinityTerm.labelSelector?.matchLabels, podLabels()))).toBe(true);
  });

  it('the container port is the app default port, and every probe targets it', () => {
    const port = container().ports?.find((p) => p.name === 'http');
    expect(port?.containerPort).toBe(loadConfig({}).port);
    const probes: [string, IProbe | undefined, string][] = [
      ['readinessProbe', container().readinessProbe, '/readyz'],
      ['livenessProbe', container().livenessProbe, '/healthz'],
      ['startupProbe', container().startupProbe, '/healthz'],
    ];
    for (const [name, probe, path] of probes) {
      expect(probe?.httpGet?.path, name).toBe(path);
      expect(containerPortOf(probe?.httpGet?.port), name).toBe(port?.containerPort);
    }
    const env = container().env ?? [];
    const portEnv = env.find((e) => e.name === 'PORT');
    if (portEnv) expect(Number(portEnv.value)).toBe(port?.containerPort);
    const annotations = deployment().spec!.template.metadata!.annotations ?? {};
    expect(annotations['prometheus.io/scrape']).toBe('true');
    expect(Number(annotations['prometheus.io/port'])).toBe(port?.containerPort);
    expect(annotations['prometheus.io/path']).toBe('/metrics');
  });

  it('sets resources, security context, a writable /tmp and a graceful shutdown', () => {
    const c = container();
    const pod = deployment().spec!.template.spec!;
    for (const key of ['cpu', 'memory']) {
      expect(c.resources?.requests?.[key], `requests.${key}`).toBeTruthy();
      expect(c.resources?.limits?.[key], `limits.${key}`).toBeTruthy();
    }
    expect(pod.securityContext?.runAsNonRoot ?? c.securityContext?.runAsNonRoot).toBe(true);
    expect(c.securityContext?.readOnlyRootFilesystem).toBe(true);
    expect(c.securityContext?.allowPrivilegeEscalation).toBe(false);
    const tmp = c.volumeMounts?.find((v) => v.mountPath === '/tmp');
    expect(pod.volumes?.find((v) => v.name === tmp?.name)?.emptyDir).toBeDefined();
    const preStop = c.lifecycle?.preStop?.exec?.command ?? [];
    expect(preStop[0]).toBe('sleep');
    // The grace period must cover the preStop sleep plus the server's own 25 s shutdown deadline (src/main/server.ts).
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(Number(preStop[1]) + 25);
  });

  it('reads configuration from the ConfigMap and the Secret, using only variables Response knows', () => {
    const known = new Set([...Object.keys(configSchema.shape), 'NODE_OPTIONS']);
    const configMap = only<IConfigMap>('ConfigMap');
    expect(container().envFrom?.map((e) => e.configMapRef?.name)).toContain(configMap.metadata!.name);
    for (const key of ['PUBLIC_URL', 'INCIDENT_CHANNEL', 'TIMEZONE', 'LOG_LEVEL']) expect(Object.keys(configMap.data ?? {})).toContain(key);
    for (const key of Object.keys(configMap.data ?? {})) expect(known, `ConfigMap key ${key}`).toContain(key);
    for (const e of container().env ?? []) expect(known, `env ${e.name}`).toContain(e.name);
    for (const key of secretKeys()) expect(known, `Secret key ${key}`).toContain(key);
    // The shipped ConfigMap plus an example Secret makes a configuration Response accepts.
    const env = { ...configMap.data, ...exampleSecret().stringData, NODE_ENV: 'production' };
    expect(() => loadConfig(env)).not.toThrow();
  });

  it('every secretKeyRef names the Secret and a key shown in secret.example.yaml', () => {
    const refs = (container().env ?? []).flatMap((e) => (e.valueFrom?.secretKeyRef ? [{ env: e.name, ...e.valueFrom.secretKeyRef }] : []));
    expect(refs.map((r) => r.env)).toEqual(
      expect.arrayContaining(['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'DATABASE_URL', 'SESSION_SECRET', 'METRICS_TOKEN']),
    );
    for (const ref of refs) {
      expect(ref.name, ref.env).toBe(exampleSecret().metadata!.name);
      expect(secretKeys(), ref.env).toContain(ref.key);
    }
    for (const from of container().envFrom ?? []) if (from.secretRef) expect(from.secretRef.name).toBe(exampleSecret().metadata!.name);
  });

  it('Service selects the pods and exposes http and metrics ports on the container port', () => {
    const spec = service().spec!;
    expect(matches(spec.selector, podLabels())).toBe(true);
    const names = spec.ports!.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['http', 'metrics']));
    for (const p of spec.ports!) expect(containerPortOf(p.targetPort ?? p.port), `Service port ${p.name}`).toBeDefined();
  });

  it('Ingress routes Slack, the API and the UI to the Service', () => {
    const ingress = only<IIngress>('Ingress');
    const paths = (ingress.spec!.rules ?? []).flatMap((r) => r.http?.paths ?? []);
    expect(paths.length).toBeGreaterThan(0);
    for (const p of paths) {
      const backend = p.backend.service;
      expect(backend?.name).toBe(service().metadata!.name);
      const port = service().spec!.ports!.find((sp) => sp.name === backend?.port?.name || sp.port === backend?.port?.number);
      expect(port, `Ingress backend port ${JSON.stringify(backend?.port)}`).toBeDefined();
    }
    const routed = (url: string) => paths.some((p) => (p.pathType === 'Exact' ? url === p.path : url.startsWith(p.path ?? '/')));
    for (const url of ['/slack/events', '/api/v1/incidents', '/']) expect(routed(url), url).toBe(true);
    const hosts = new Set((ingress.spec!.rules ?? []).map((r) => r.host));
    expect(hosts.size).toBe(1);
    const publicUrl = new URL(only<IConfigMap>('ConfigMap').data!.PUBLIC_URL!);
    expect(hosts).toContain(publicUrl.hostname);
  });

  it('PodDisruptionBudget keeps one pod of the Deployment', () => {
    const pdb = only<IPodDisruptionBudget>('PodDisruptionBudget');
    expect(pdb.spec!.minAvailable).toBe(1);
    expect(matches(pdb.spec!.selector?.matchLabels, podLabels())).toBe(true);
    expect(deployment().spec!.replicas!).toBeGreaterThan(1);
  });

  it('ServiceMonitor scrapes the metrics port of the Service with the metrics token', () => {
    const monitor = only<{
      spec: {
        selector: { matchLabels: Record<string, string> };
        endpoints: { port: string; path: string; authorization?: { credentials?: { name: string; key: string } } }[];
      };
    }>('ServiceMonitor');
    expect(matches(monitor.spec.selector.matchLabels, service().metadata!.labels ?? {})).toBe(true);
    for (const endpoint of monitor.spec.endpoints) {
      expect(service().spec!.ports!.map((p) => p.name)).toContain(endpoint.port);
      expect(endpoint.path).toBe('/metrics');
      expect(endpoint.authorization?.credentials?.name).toBe(exampleSecret().metadata!.name);
      expect(secretKeys()).toContain(endpoint.authorization?.credentials?.key);
    }
  });
});

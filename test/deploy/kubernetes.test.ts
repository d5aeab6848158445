// deploy/kubernetes/base, built with `kubectl kustomize` as `kubectl apply -k` would build it: every object is
// validated against the Kubernetes OpenAPI schemas (kubernetes-models) and cross-checked, since the pieces must
// name each other correctly, which no schema sees. The optional HPA layer and the production overlay are in
// kubernetes-overlays.test.ts.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IDeployment } from 'kubernetes-models/apps/v1';
import type { IIngress } from 'kubernetes-models/networking.k8s.io/v1';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1';
import type { IConfigMap, IContainer, IProbe, ISecret, IService } from 'kubernetes-models/v1';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { configSchema, loadConfig } from '../../src/config/config.js';
import { cliCommands } from '../../src/main/cli-commands.js';
import { allContainers, build, expectValidObjects, folder, kubectl, matches, modelFor, only, readManifests, typeErrors } from './kustomize.js';

const baseDir = folder('base');
/** Kept out of the base's resources on purpose: an example with fake secrets, and a CRD-backed object. */
const notInKustomization = ['secret.example.yaml', 'servicemonitor.yaml'];

// Skipped only on a developer machine without kubectl (apt-get install kubernetes-client); CI installs Debian's
// kubernetes-client when kubectl is absent (.ci/run), so there it never skips.
const skip = !kubectl && !process.env.CI;
describe.skipIf(skip)('Kubernetes base (deploy/kubernetes/base), built with kubectl kustomize', () => {
  const rendered = kubectl ? build(baseDir) : [];
  const extra = notInKustomization.flatMap((f) => readManifests(join(baseDir, f)));
  const deployment = () => only<IDeployment>(rendered, 'Deployment');
  const pod = () => deployment().spec!.template.spec!;
  const container = (): IContainer => {
    expect(pod().containers).toHaveLength(1);
    return pod().containers[0]!;
  };
  const migrate = (): IContainer => {
    expect(pod().initContainers).toHaveLength(1);
    return pod().initContainers![0]!;
  };
  const podLabels = () => deployment().spec!.template.metadata!.labels!;
  const service = () => only<IService>(rendered, 'Service');
  const configMap = () => only<IConfigMap>(rendered, 'ConfigMap');
  const exampleSecret = () => only<ISecret>(extra, 'Secret');
  const secretKeys = () => new Set(Object.keys({ ...exampleSecret().data, ...exampleSecret().stringData }));
  /** A probe's or backend's port, by name or number, resolves to the container's port. */
  const containerPortOf = (port: number | string | undefined) =>
    (container().ports ?? []).find((p) => p.name === port || p.containerPort === port)?.containerPort;

  it('builds the expected objects, without the example Secret, and every one passes its Kubernetes schema', async () => {
    expect(rendered.map((m) => m.kind).sort()).toEqual(['ConfigMap', 'Deployment', 'Ingress', 'PodDisruptionBudget', 'Service']);
    // A base leaves the namespace to the overlay (or to `kubectl -n`).
    for (const m of rendered) expect(m.metadata?.namespace, `${m.kind} namespace`).toBeUndefined();
    await expectValidObjects([...rendered, ...extra]);
    // …and the field check itself notices a misspelt field.
    const broken = { ...deployment(), spec: { ...deployment().spec!, replicass: 2 } };
    expect(typeErrors([broken]).join('\n')).toMatch(/replicass/);
  }, 60_000);

  it('fails on a kind it does not know', async () => {
    expect(await modelFor('apps/v1', 'Deploymnet')).toBeUndefined();
    expect(await modelFor('example.com/v1', 'Widget')).toBeUndefined();
    expect(await modelFor('apps/v1', 'Deployment')).toBeDefined();
  });

  it('is self-contained: lists every manifest but the examples, points nowhere outside its folder, and builds alone', () => {
    const kustomization = parse(readFileSync(join(baseDir, 'kustomization.yaml'), 'utf8')) as Record<string, unknown> & { resources: string[] };
    const files = readdirSync(baseDir).filter((f) => /\.ya?ml$/.test(f) && f !== 'kustomization.yaml');
    expect([...kustomization.resources].sort()).toEqual(files.filter((f) => !notInKustomization.includes(f)).sort());
    expect(JSON.stringify(kustomization)).not.toMatch(/\.\.\//);
    // Copied on its own (as into node_modules/response/deploy/kubernetes/base), it builds the same objects.
    const copy = mkdtempSync(join(tmpdir(), 'response-k8s-base-'));
    try {
      cpSync(baseDir, join(copy, 'base'), { recursive: true });
      expect(build(join(copy, 'base')).map(({ source: _s, ...m }) => m)).toEqual(rendered.map(({ source: _s, ...m }) => m));
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('Deployment runs several replicas and rolls without losing capacity', () => {
    const spec = deployment().spec!;
    expect(spec.replicas).toBeGreaterThanOrEqual(2);
    expect(spec.strategy?.type).toBe('RollingUpdate');
    expect(spec.strategy?.rollingUpdate?.maxUnavailable).toBe(0);
    expect(matches(spec.selector.matchLabels, podLabels())).toBe(true);
    const antiAffinity = pod().affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
    expect(antiAffinity.some((t) => matches(t.podAffinityTerm.labelSelector?.matchLabels, podLabels()))).toBe(true);
  });

  it('the container port is the app default port, and every probe targets it on the health routes', () => {
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
    const portEnv = (container().env ?? []).find((e) => e.name === 'PORT');
    if (portEnv) expect(Number(portEnv.value)).toBe(port?.containerPort);
    const annotations = deployment().spec!.template.metadata!.annotations ?? {};
    expect(annotations['prometheus.io/scrape']).toBe('true');
    expect(Number(annotations['prometheus.io/port'])).toBe(port?.containerPort);
    expect(annotations['prometheus.io/path']).toBe('/metrics');
  });

  it('every container has resources and the restricted security context, with a writable /tmp only', () => {
    expect(pod().securityContext?.runAsNonRoot).toBe(true);
    expect(pod().securityContext?.seccompProfile?.type).toBe('RuntimeDefault');
    expect(pod().automountServiceAccountToken).toBe(false);
    for (const c of allContainers(pod())) {
      for (const key of ['cpu', 'memory']) {
        expect(c.resources?.requests?.[key], `${c.name} requests.${key}`).toBeTruthy();
        expect(c.resources?.limits?.[key], `${c.name} limits.${key}`).toBeTruthy();
      }
      expect(c.securityContext?.readOnlyRootFilesystem, c.name).toBe(true);
      expect(c.securityContext?.allowPrivilegeEscalation, c.name).toBe(false);
      expect(c.securityContext?.capabilities?.drop, c.name).toEqual(['ALL']);
      expect(c.securityContext?.privileged ?? false, c.name).toBe(false);
      const tmp = c.volumeMounts?.find((v) => v.mountPath === '/tmp');
      expect(pod().volumes?.find((v) => v.name === tmp?.name)?.emptyDir, `${c.name} /tmp`).toBeDefined();
    }
  });

  it('shuts down gracefully', () => {
    const preStop = container().lifecycle?.preStop?.exec?.command ?? [];
    expect(preStop[0]).toBe('sleep');
    // The grace period must cover the preStop sleep plus the server's own 25 s shutdown deadline (src/main/server.ts).
    expect(pod().terminationGracePeriodSeconds).toBeGreaterThanOrEqual(Number(preStop[1]) + 25);
  });

  it('runs migrations once per pod start, before the server, with the CLI command that exists', () => {
    // One migrations step: an init container (several pods at once are safe: the migration lock), and no Job.
    expect(rendered.filter((m) => m.kind === 'Job' || m.kind === 'CronJob')).toEqual([]);
    const step = migrate();
    expect(step.image).toBe(container().image);
    const [node, script, ...args] = step.command ?? [];
    expect(node).toBe('node');
    // The image runs the build of src/main/cli.ts (the Dockerfile copies dist/), the same entry as `npm run cli`.
    expect(script).toBe('dist/main/cli.js');
    expect(readFileSync('Dockerfile', 'utf8')).toMatch(/COPY --from=build \/app\/dist \.\/dist/);
    expect(cliCommands.filter((c) => c.matches(args)).map((c) => c.usage)).toEqual(['migrate']);
    // It needs only the database: the server's Slack settings would make it refuse to start without the others.
    expect(step.envFrom ?? []).toEqual([]);
    const databaseUrl = step.env?.find((e) => e.name === 'DATABASE_URL')?.valueFrom?.secretKeyRef;
    expect(databaseUrl).toEqual({ name: exampleSecret().metadata!.name, key: 'DATABASE_URL' });
    const env = Object.fromEntries((step.env ?? []).map((e) => [e.name, e.value ?? exampleSecret().stringData![e.valueFrom!.secretKeyRef!.key]]));
    expect(loadConfig(env).database.kind).toBe('postgres');
  });

  it('reads configuration from the generated ConfigMap and the Secret, using only variables Response knows', () => {
    const known = new Set([...Object.keys(configSchema.shape), 'NODE_OPTIONS']);
    // Generated with a hash suffix, and the Deployment refers to that exact name (so a change rolls the pods).
    expect(configMap().metadata!.name).toMatch(/^response-config-[a-z0-9]+$/);
    expect(container().envFrom?.map((e) => e.configMapRef?.name)).toContain(configMap().metadata!.name);
    for (const key of ['PUBLIC_URL', 'INCIDENT_CHANNEL', 'TIMEZONE', 'LOG_LEVEL']) expect(Object.keys(configMap().data ?? {})).toContain(key);
    for (const key of Object.keys(configMap().data ?? {})) expect(known, `ConfigMap key ${key}`).toContain(key);
    for (const c of allContainers(pod())) for (const e of c.env ?? []) expect(known, `${c.name} env ${e.name}`).toContain(e.name);
    for (const key of secretKeys()) expect(known, `Secret key ${key}`).toContain(key);
    // The shipped ConfigMap plus an example Secret makes a configuration Response accepts.
    const env = { ...configMap().data, ...exampleSecret().stringData, NODE_ENV: 'production' };
    expect(() => loadConfig(env)).not.toThrow();
  });

  it('takes secrets only by reference: every secretKeyRef names the Secret the team creates and a key shown in secret.example.yaml', () => {
    const refs = allContainers(pod()).flatMap((c) =>
      (c.env ?? []).flatMap((e) => (e.valueFrom?.secretKeyRef ? [{ env: e.name, ...e.valueFrom.secretKeyRef }] : [])),
    );
    expect(refs.map((r) => r.env)).toEqual(
      expect.arrayContaining(['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'DATABASE_URL', 'SESSION_SECRET', 'METRICS_TOKEN']),
    );
    for (const ref of refs) {
      expect(ref.name, ref.env).toBe(exampleSecret().metadata!.name);
      expect(secretKeys(), ref.env).toContain(ref.key);
    }
    for (const c of allContainers(pod())) {
      for (const e of (c.env ?? []).filter((x) => x.value !== undefined))
        expect(e.name, 'a secret written as a plain value').not.toMatch(/TOKEN|SECRET|PASSWORD|DATABASE_URL/);
      for (const from of c.envFrom ?? []) if (from.secretRef) expect(from.secretRef.name).toBe(exampleSecret().metadata!.name);
    }
    expect(rendered.filter((m) => m.kind === 'Secret')).toEqual([]);
  });

  it('Service selects the pods and exposes http and metrics ports on the container port', () => {
    const spec = service().spec!;
    expect(matches(spec.selector, podLabels())).toBe(true);
    expect(spec.ports!.map((p) => p.name)).toEqual(expect.arrayContaining(['http', 'metrics']));
    for (const p of spec.ports!) expect(containerPortOf(p.targetPort ?? p.port), `Service port ${p.name}`).toBeDefined();
  });

  it('Ingress routes Slack, the API and the UI to the Service, on the host of PUBLIC_URL', () => {
    const ingress = only<IIngress>(rendered, 'Ingress');
    const paths = (ingress.spec!.rules ?? []).flatMap((r) => r.http?.paths ?? []);
    expect(paths.length).toBeGreaterThan(0);
    for (const p of paths) {
      const backend = p.backend.service;
      expect(backend?.name).toBe(service().metadata!.name);
      const port = service().spec!.ports!.find((sp) => sp.name === backend?.port?.name || sp.port === backend?.port?.number);
      expect(port, `Ingress backend port ${JSON.stringify(backend?.port)}`).toBeDefined();
    }
    const routed = (url: string) => paths.some((p) => (p.pathType === 'Exact' ? url === p.path : url.startsWith(p.path ?? '/')));
    for (const url of ['/slack/events', '/api/v1/incidents', '/core/incidents/', '/']) expect(routed(url), url).toBe(true);
    const hosts = new Set((ingress.spec!.rules ?? []).map((r) => r.host));
    expect(hosts).toEqual(new Set([new URL(configMap().data!.PUBLIC_URL!).hostname]));
    expect(new Set(ingress.spec!.tls?.flatMap((t) => t.hosts ?? []))).toEqual(hosts);
  });

  it('PodDisruptionBudget keeps one pod of the Deployment', () => {
    const pdb = only<IPodDisruptionBudget>(rendered, 'PodDisruptionBudget');
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
    }>(extra, 'ServiceMonitor');
    expect(matches(monitor.spec.selector.matchLabels, service().metadata!.labels ?? {})).toBe(true);
    for (const endpoint of monitor.spec.endpoints) {
      expect(service().spec!.ports!.map((p) => p.name)).toContain(endpoint.port);
      expect(endpoint.path).toBe('/metrics');
      expect(endpoint.authorization?.credentials?.name).toBe(exampleSecret().metadata!.name);
      expect(secretKeys()).toContain(endpoint.authorization?.credentials?.key);
    }
  });
});

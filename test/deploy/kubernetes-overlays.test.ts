// What builds on deploy/kubernetes/base: the optional HorizontalPodAutoscaler layer (deploy/kubernetes/hpa) and the
// production overlay example (deploy/kubernetes/overlays/production), built with `kubectl kustomize` and validated
// like the base; plus a team's own overlay on the base as `response init` lays it out (node_modules/response/…).
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IDeployment } from 'kubernetes-models/apps/v1';
import type { IJob } from 'kubernetes-models/batch/v1';
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import type { IIngress } from 'kubernetes-models/networking.k8s.io/v1';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1';
import type { IConfigMap } from 'kubernetes-models/v1';
import { afterAll, describe, expect, it } from 'vitest';
import { cliCommands } from '../../src/main/cli-commands.js';
import { allContainers, build, expectValidObjects, folder, kubectl, matches, only, readManifests, type Manifest } from './kustomize.js';

/** Objects that live in a namespace (all but the Namespace itself here). */
const namespaced = (manifests: Manifest[]) => manifests.filter((m) => m.kind !== 'Namespace');
const deploymentOf = (manifests: Manifest[]) => only<IDeployment>(manifests, 'Deployment');
const podOf = (manifests: Manifest[]) => deploymentOf(manifests).spec!.template.spec!;
const cpu = (quantity: string | number | undefined) =>
  typeof quantity === 'string' && quantity.endsWith('m') ? Number(quantity.slice(0, -1)) / 1000 : Number(quantity);

// Skipped only on a developer machine without kubectl; CI installs Debian's kubernetes-client when absent (.ci/run).
describe.skipIf(!kubectl && !process.env.CI)('Kubernetes overlays, built with kubectl kustomize', () => {
  const base = kubectl ? build(folder('base')) : [];
  const hpa = kubectl ? build(folder('hpa')) : [];
  const production = kubectl ? build(folder('overlays', 'production')) : [];

  it('every object of the HPA layer and of the production overlay passes its Kubernetes schema', async () => {
    await expectValidObjects([...hpa, ...production]);
  }, 60_000);

  describe('the HorizontalPodAutoscaler layer (deploy/kubernetes/hpa)', () => {
    it('is the base plus an HPA on its Deployment, which then owns the replica count', () => {
      const autoscaler = only<IHorizontalPodAutoscaler>(hpa, 'HorizontalPodAutoscaler');
      expect(hpa.map((m) => m.kind).sort()).toEqual([...base.map((m) => m.kind), 'HorizontalPodAutoscaler'].sort());
      expect(autoscaler.spec!.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: deploymentOf(hpa).metadata!.name });
      // With `replicas` kept, every apply would reset a scaled-up Deployment to the base's count.
      expect(deploymentOf(hpa).spec!.replicas).toBeUndefined();
      expect(deploymentOf(base).spec!.replicas).toBeGreaterThanOrEqual(2);
      // Never below what the PodDisruptionBudget needs to let a node drain.
      const pdb = only<IPodDisruptionBudget>(hpa, 'PodDisruptionBudget');
      expect(autoscaler.spec!.minReplicas!).toBeGreaterThan(Number(pdb.spec!.minAvailable));
      expect(autoscaler.spec!.maxReplicas).toBeGreaterThan(autoscaler.spec!.minReplicas!);
      // Utilization is a share of the request: every container must have one.
      const metric = autoscaler.spec!.metrics?.[0]?.resource;
      expect(metric?.name).toBe('cpu');
      for (const c of allContainers(podOf(hpa))) expect(c.resources?.requests?.cpu, c.name).toBeTruthy();
    });

    it('leaves the base alone otherwise', () => {
      const strip = (ms: Manifest[]) => ms.filter((m) => m.kind !== 'HorizontalPodAutoscaler').map(({ source: _s, ...m }) => m);
      const withoutReplicas = strip(base).map((m) => (m.kind === 'Deployment' ? { ...m, spec: { ...(m.spec as object), replicas: undefined } } : m));
      expect(JSON.parse(JSON.stringify(strip(hpa)))).toEqual(JSON.parse(JSON.stringify(withoutReplicas)));
    });
  });

  describe('the production overlay (deploy/kubernetes/overlays/production)', () => {
    it('puts everything in its namespace, and creates that namespace under the restricted Pod Security Standard', () => {
      const namespace = only<Manifest>(production, 'Namespace');
      expect(namespace.metadata!.name).toBe('response');
      expect(namespace.metadata!.labels?.['pod-security.kubernetes.io/enforce']).toBe('restricted');
      for (const m of namespaced(production)) expect(m.metadata?.namespace, `${m.kind} ${m.metadata?.name}`).toBe('response');
    });

    it('pins one image, with a release tag, for the server and its migrations step', () => {
      const images = allContainers(podOf(production)).map((c) => c.image);
      expect(images).toHaveLength(2);
      expect(new Set(images).size).toBe(1);
      const [image] = images;
      expect(image).toMatch(/^[a-z0-9.-]+(:\d+)?\/[a-z0-9/._-]+:\d+\.\d+\.\d+$/);
      expect(image).not.toMatch(/:latest$/);
      // Still exactly one migrations step.
      expect(podOf(production).initContainers?.map((c) => c.command?.at(-1))).toEqual(['migrate']);
      expect(production.filter((m) => m.kind === 'Job')).toEqual([]);
    });

    it('turns the HPA on with its own replica range and gives the pods more room than the base', () => {
      const autoscaler = only<IHorizontalPodAutoscaler>(production, 'HorizontalPodAutoscaler');
      expect(autoscaler.spec!.minReplicas).toBe(3);
      expect(autoscaler.spec!.maxReplicas).toBe(10);
      expect(autoscaler.spec!.scaleTargetRef.name).toBe(deploymentOf(production).metadata!.name);
      expect(deploymentOf(production).spec!.replicas).toBeUndefined();
      const server = (ms: Manifest[]) => podOf(ms).containers.find((c) => c.name === 'response')!;
      expect(cpu(server(production).resources?.requests?.cpu)).toBeGreaterThan(cpu(server(base).resources?.requests?.cpu));
      expect(server(production).resources?.limits?.memory).toBe('1Gi');
      // The heap cap follows the memory limit, and the patch replaced the base's value rather than adding a second.
      const nodeOptions = (server(production).env ?? []).filter((e) => e.name === 'NODE_OPTIONS');
      expect(nodeOptions.map((e) => e.value)).toEqual(['--max-old-space-size=768']);
      // The rest of the pod is the base's: the probes and the security context survive the patch.
      expect(server(production).readinessProbe).toEqual(server(base).readinessProbe);
      expect(server(production).securityContext).toEqual(server(base).securityContext);
    });

    it('serves its own host: the Ingress rule and certificate match PUBLIC_URL, and the merged ConfigMap keeps the base keys', () => {
      const configMap = only<IConfigMap>(production, 'ConfigMap');
      const baseConfig = only<IConfigMap>(base, 'ConfigMap');
      expect(configMap.data?.PUBLIC_URL).toBe('https://incidents.example.org');
      expect(configMap.data?.TIMEZONE).toBe('Europe/London');
      expect(configMap.data?.LOG_LEVEL).toBe(baseConfig.data?.LOG_LEVEL);
      expect(configMap.metadata!.name).not.toBe(baseConfig.metadata!.name);
      expect(podOf(production).containers[0]!.envFrom?.map((e) => e.configMapRef?.name)).toContain(configMap.metadata!.name);
      const ingress = only<IIngress>(production, 'Ingress');
      const host = new URL(configMap.data!.PUBLIC_URL!).hostname;
      expect(ingress.spec!.rules?.map((r) => r.host)).toEqual([host]);
      expect(ingress.spec!.tls?.flatMap((t) => t.hosts)).toEqual([host]);
      expect(ingress.spec!.tls?.[0]?.secretName).not.toBe('response-tls');
    });

    it('keeps the Service, the PodDisruptionBudget and the Secret references pointing at what exists', () => {
      const labels = deploymentOf(production).spec!.template.metadata!.labels!;
      const service = only<{ spec: { selector: Record<string, string> } }>(production, 'Service');
      expect(matches(service.spec.selector, labels)).toBe(true);
      expect(matches(only<IPodDisruptionBudget>(production, 'PodDisruptionBudget').spec!.selector?.matchLabels, labels)).toBe(true);
      const secretNames = allContainers(podOf(production)).flatMap((c) => (c.env ?? []).flatMap((e) => e.valueFrom?.secretKeyRef?.name ?? []));
      expect(new Set(secretNames)).toEqual(new Set(['response-secrets']));
    });
  });

  describe('a team repository’s overlay on the installed package', () => {
    const repo = mkdtempSync(join(tmpdir(), 'response-k8s-team-'));
    afterAll(() => rmSync(repo, { recursive: true, force: true }));

    it('builds from node_modules/response/deploy/kubernetes/base and rewrites the image', () => {
      cpSync(folder('base'), join(repo, 'node_modules/response/deploy/kubernetes/base'), { recursive: true });
      const overlay = join(repo, 'deploy/kubernetes');
      mkdirSync(overlay, { recursive: true });
      writeFileSync(
        join(overlay, 'kustomization.yaml'),
        [
          'apiVersion: kustomize.config.k8s.io/v1beta1',
          'kind: Kustomization',
          'bases:',
          '  - ../../node_modules/response/deploy/kubernetes/base',
          'namespace: incidents',
          'images:',
          '  - name: response',
          '    newName: ghcr.io/acme/incidents',
          '    newTag: 2.0.0',
          '',
        ].join('\n'),
      );
      const objects = build(overlay);
      expect(objects.map((m) => m.kind).sort()).toEqual(base.map((m) => m.kind).sort());
      for (const m of objects) expect(m.metadata?.namespace).toBe('incidents');
      expect(allContainers(podOf(objects)).map((c) => c.image)).toEqual(['ghcr.io/acme/incidents:2.0.0', 'ghcr.io/acme/incidents:2.0.0']);
    });
  });

  describe('the import Job (deploy/kubernetes/jobs/import-from-response.yaml)', () => {
    const job = () => only<IJob>(readManifests(folder('jobs', 'import-from-response.yaml')), 'Job');

    it('is a valid Job with a fresh name per `kubectl create`, run once under the restricted profile', async () => {
      // generateName instead of a name: give the schema check a name as `kubectl create` would.
      expect(job().metadata!.generateName).toBe('response-import-');
      await expectValidObjects([{ ...job(), metadata: { ...job().metadata, name: 'response-import-abcde' } }]);
      expect(job().spec!.backoffLimit).toBe(0);
      const pod = job().spec!.template.spec!;
      expect(pod.restartPolicy).toBe('Never');
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
      const [container] = pod.containers;
      expect(container?.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    }, 60_000);

    it('runs the import command that exists, as a dry run unless told otherwise, with the image the overlay deploys', () => {
      const container = job().spec!.template.spec!.containers[0]!;
      const script = container.command?.at(-1) ?? '';
      const args = /node dist\/main\/cli\.js (.*)$/.exec(script)?.[1]?.split(/\s+/) ?? [];
      expect(cliCommands.filter((c) => c.matches(args)).map((c) => c.usage)).toEqual(['import response']);
      const description = cliCommands.find((c) => c.usage === 'import response')!.description;
      for (const flag of args.filter((a) => a.startsWith('--'))) expect(description, flag).toContain(flag);
      const env = Object.fromEntries((container.env ?? []).map((e) => [e.name, e]));
      expect(env.IMPORT_FLAGS?.value).toBe('--dry-run');
      expect(script).toContain('$IMPORT_FLAGS');
      expect(env.DATABASE_URL?.valueFrom?.secretKeyRef).toEqual({ name: 'response-secrets', key: 'DATABASE_URL' });
      expect(env.RESPONSE_DB?.valueFrom?.secretKeyRef?.key).toBe('RESPONSE_DB');
      expect(container.image).toBe(podOf(production).containers[0]!.image);
    });
  });
});

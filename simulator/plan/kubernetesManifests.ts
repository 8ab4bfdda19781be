// Kubernetes manifests for a recommendation: a Deployment of the reference server (probes on the V2 health
// routes, resource requests of the instance profile), a Service, and the autoscaling/v2 HPA. The objects are
// typed with kubernetes-models' API types, so a wrong field name or type fails the type check.

import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import type { IService } from 'kubernetes-models/v1/Service';
import { stringify } from 'yaml';
import type { HpaPolicySpec } from '../policy/hpaPolicySchema.ts';
import { formatQuantityMilli } from '../policy/quantity.ts';
import type { InstanceSummary } from '../simulate/simulationResults.ts';

export interface ManifestOptions {
  /** Name of the Deployment, Service and HPA. */
  readonly name: string;
  readonly image: string;
  /** The Deployment's replicas: the HPA's minimum, or the fixed fleet's size. */
  readonly replicas: number;
  readonly instance: InstanceSummary;
  /** Extra `infercap serve` arguments (batching, queue size...). */
  readonly serveArgs?: readonly string[];
  /** Seconds a pod may take to load its models before the startup probe gives up. */
  readonly startupSeconds?: number;
}

const port = 8000;

export function deploymentManifest(options: ManifestOptions): IDeployment {
  const labels = { 'app.kubernetes.io/name': options.name };
  const probe = (path: string, periodSeconds: number, failureThreshold: number) => ({ httpGet: { path, port: 'http' }, periodSeconds, failureThreshold });
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: options.name, labels },
    spec: {
      replicas: options.replicas,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            {
              name: 'reference-server',
              image: options.image,
              args: ['serve', '--host', '0.0.0.0', '--port', String(port), ...(options.serveArgs ?? [])],
              ports: [{ name: 'http', containerPort: port, protocol: 'TCP' }],
              resources: { requests: { ...options.instance.requests }, limits: limitsOf(options.instance.requests) },
              startupProbe: probe('/v2/health/ready', 2, Math.max(1, Math.ceil((options.startupSeconds ?? 120) / 2))),
              readinessProbe: probe('/v2/health/ready', 5, 2),
              livenessProbe: probe('/v2/health/live', 10, 3),
            },
          ],
          // The server finishes queued batches on SIGTERM; give it time.
          terminationGracePeriodSeconds: 30,
        },
      },
    },
  };
}

/** GPUs (extended resources) must have limits equal to requests; CPU and memory stay unlimited (no throttling). */
function limitsOf(requests: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(requests).filter(([name]) => name !== 'cpu' && name !== 'memory'));
}

export function serviceManifest(options: ManifestOptions): IService {
  const labels = { 'app.kubernetes.io/name': options.name };
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: options.name, labels },
    spec: { selector: labels, ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }] },
  };
}

/** The HPA of `spec` (milli-unit quantities, as the simulator holds them) with Kubernetes quantities. */
export function hpaManifest(options: ManifestOptions, spec: HpaPolicySpec): IHorizontalPodAutoscaler {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: options.name, labels: { 'app.kubernetes.io/name': options.name } },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: options.name },
      minReplicas: spec.minReplicas,
      maxReplicas: spec.maxReplicas,
      metrics: spec.metrics.map((metric) => {
        switch (metric.type) {
          case 'Resource': {
            const target = metric.resource.target;
            return {
              type: 'Resource',
              resource: {
                name: metric.resource.name,
                target: target.type === 'Utilization' ? { type: 'Utilization', averageUtilization: target.averageUtilization } : { type: 'AverageValue', averageValue: formatQuantityMilli(target.averageValue) },
              },
            };
          }
          case 'Pods':
            return { type: 'Pods', pods: { metric: { name: metric.pods.metric.name }, target: { type: 'AverageValue', averageValue: formatQuantityMilli(metric.pods.target.averageValue) } } };
          case 'Object': {
            const target = metric.object.target;
            return {
              type: 'Object',
              object: {
                metric: { name: metric.object.metric.name },
                describedObject: metric.object.describedObject ?? { apiVersion: 'v1', kind: 'Service', name: options.name },
                target: target.type === 'Value' ? { type: 'Value', value: formatQuantityMilli(target.value) } : { type: 'AverageValue', averageValue: formatQuantityMilli(target.averageValue) },
              },
            };
          }
        }
      }),
      ...(spec.behavior === undefined ? {} : { behavior: spec.behavior }),
    },
  };
}

/** Several manifests as one multi-document YAML text. */
export function manifestsYaml(manifests: readonly object[]): string {
  return manifests.map((manifest) => stringify(manifest, { lineWidth: 0, aliasDuplicateObjects: false })).join('---\n');
}

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Service } from 'kubernetes-models/v1';
import { parse, parseAllDocuments } from 'yaml';
import { deploymentManifest, hpaManifest, manifestsYaml, serviceManifest, type ManifestOptions } from '../../../simulator/plan/kubernetesManifests.ts';
import { hpaPolicySchema } from '../../../simulator/policy/hpaPolicySchema.ts';

const options: ManifestOptions = {
  name: 'infercap',
  image: 'infercap:latest',
  replicas: 2,
  instance: { name: 'gpu', kind: 'gpu', pricePerHour: 1, currency: 'USD', calibration: null, requests: { cpu: '4', memory: '8Gi', 'nvidia.com/gpu': '1' } },
};

const spec = hpaPolicySchema.parse({
  kind: 'hpa',
  spec: {
    minReplicas: 2,
    maxReplicas: 9,
    metrics: [
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } },
      { type: 'Pods', pods: { metric: { name: 'requests_per_second' }, target: { type: 'AverageValue', averageValue: '80' } } },
      { type: 'Pods', pods: { metric: { name: 'inflight_requests' }, target: { type: 'AverageValue', averageValue: '1500m' } } },
      { type: 'Object', object: { metric: { name: 'latency_p95_seconds' }, target: { type: 'Value', value: '80m' } } },
    ],
    behavior: { scaleDown: { stabilizationWindowSeconds: 120 }, scaleUp: { policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }] } },
  },
}).spec;

/** Validates against the Kubernetes OpenAPI schema (types, required fields, int32 ranges) through the YAML text. */
function roundTrip<T>(object: object, Model: new (data: T) => { validate(): void }): T {
  const parsed = parse(manifestsYaml([object])) as T;
  new Model(parsed).validate();
  return parsed;
}

describe('Kubernetes manifests', () => {
  it('emits an autoscaling/v2 HPA with Kubernetes quantities that the API schema accepts', () => {
    const hpa = roundTrip(hpaManifest(options, spec), HorizontalPodAutoscaler) as any;
    assert.equal(hpa.apiVersion, 'autoscaling/v2');
    assert.deepEqual(hpa.spec.scaleTargetRef, { apiVersion: 'apps/v1', kind: 'Deployment', name: 'infercap' });
    assert.equal(hpa.spec.minReplicas, 2);
    assert.equal(hpa.spec.maxReplicas, 9);
    assert.deepEqual(hpa.spec.metrics[1].pods.target, { type: 'AverageValue', averageValue: '80' });
    assert.deepEqual(hpa.spec.metrics[2].pods.target, { type: 'AverageValue', averageValue: '1500m' });
    assert.deepEqual(hpa.spec.metrics[3].object, {
      metric: { name: 'latency_p95_seconds' },
      describedObject: { apiVersion: 'v1', kind: 'Service', name: 'infercap' },
      target: { type: 'Value', value: '80m' },
    });
    assert.deepEqual(hpa.spec.behavior, { scaleDown: { stabilizationWindowSeconds: 120 }, scaleUp: { policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }] } });
  });

  it('rejects a wrong type, so the check can fail', () => {
    const hpa = hpaManifest(options, spec) as any;
    hpa.spec.maxReplicas = '9';
    assert.throws(() => new HorizontalPodAutoscaler(hpa).validate(), /maxReplicas must be integer/);
  });

  it('emits a Deployment probing the V2 health routes with the profile requests, and a Service', () => {
    const deployment = roundTrip(deploymentManifest(options), Deployment) as any;
    const container = deployment.spec.template.spec.containers[0];
    assert.equal(deployment.spec.replicas, 2);
    assert.deepEqual(container.readinessProbe.httpGet, { path: '/v2/health/ready', port: 'http' });
    assert.deepEqual(container.livenessProbe.httpGet, { path: '/v2/health/live', port: 'http' });
    assert.deepEqual(container.resources, { requests: { cpu: '4', memory: '8Gi', 'nvidia.com/gpu': '1' }, limits: { 'nvidia.com/gpu': '1' } });
    assert.deepEqual(container.args.slice(0, 5), ['serve', '--host', '0.0.0.0', '--port', '8000']);
    const service = roundTrip(serviceManifest(options), Service) as any;
    assert.deepEqual(service.spec.selector, deployment.spec.selector.matchLabels);
    assert.deepEqual(service.spec.ports, [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }]);
  });

  it('joins manifests as YAML documents', () => {
    const docs = parseAllDocuments(manifestsYaml([serviceManifest(options), hpaManifest(options, spec)]));
    assert.deepEqual(docs.map((d) => (d.toJS() as { kind: string }).kind), ['Service', 'HorizontalPodAutoscaler']);
  });
});

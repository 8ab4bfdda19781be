// Kubernetes manifests for a sharded run: the load of one scenario driven from N pods of an Indexed Job,
// and a merge Job that judges the scenario's thresholds on the merged whole (what k6-operator cannot do:
// its pods judge thresholds each on their own share). With the fleet's Deployment, Service and HPA from
// `infercap plan --emit-k8s`, one `kubectl apply -f DIR` starts a whole capacity test.
//
// - ConfigMap `<name>-scenario`: the scenario (its target pointed at the fleet's Service) and the trace files
//   its trace phases replay, mounted at /scenario.
// - PersistentVolumeClaim `<name>-results` (ReadWriteMany: shard pods may run on different nodes): /results.
// - Job `<name>-load`: completionMode Indexed, completions = parallelism = N, pods spread across nodes. An
//   init container waits for the target's /v2/health/ready; then pod k runs `infercap run --shard k+1/N`,
//   writes /results/shard-<k+1>.json and a `.done` (or `.failed`) marker. A shard's threshold verdict
//   (exit 99) only concerns its share of the load, so it does not fail the pod; no retries (a retried shard
//   would send its load twice).
// - Job `<name>-merge`: waits for every shard's marker, runs `infercap merge` into /results/merged.json and
//   exits with its code: 0, or 99 when the merged run misses a threshold (the Job then fails).
// Objects are typed with kubernetes-models' API types and validated against the API schema in tests.

import type { IJob } from 'kubernetes-models/batch/v1/Job';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IPersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';

export interface RunManifestOptions {
  /** Prefix of every object's name. */
  readonly name: string;
  /** An image whose PATH has `infercap` (and node and /bin/sh). */
  readonly image: string;
  readonly shards: number;
  /** The scenario file's text, as the pods run it. */
  readonly scenarioYaml: string;
  /** Files the scenario reads (trace phases' traces), by name beside it in /scenario. */
  readonly files?: Readonly<Record<string, string>>;
  /** The target's base URL, waited for before the load starts. */
  readonly targetUrl: string;
  /** Resource requests of a load pod (Kubernetes quantities). */
  readonly requests: Readonly<Record<string, string>>;
  /** Size and storage class of the results volume. */
  readonly resultsStorage: string;
  readonly storageClass?: string;
  /** Seconds the merge waits for the shards before giving up (its Job's activeDeadlineSeconds). */
  readonly mergeDeadlineSeconds: number;
  /** More `infercap run` arguments for every shard. */
  readonly runArgs?: readonly string[];
}

const scenarioDir = '/scenario';
const resultsDir = '/results';

const labelsOf = (options: RunManifestOptions, component: string) => ({ 'app.kubernetes.io/name': options.name, 'app.kubernetes.io/component': component });

export function scenarioConfigMap(options: RunManifestOptions): IConfigMap {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${options.name}-scenario`, labels: labelsOf(options, 'scenario') }, data: { 'scenario.yaml': options.scenarioYaml, ...options.files } };
}

export function resultsVolumeClaim(options: RunManifestOptions): IPersistentVolumeClaim {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: `${options.name}-results`, labels: labelsOf(options, 'results') },
    spec: {
      accessModes: ['ReadWriteMany'],
      resources: { requests: { storage: options.resultsStorage } },
      ...(options.storageClass === undefined ? {} : { storageClassName: options.storageClass }),
    },
  };
}

/** Shell-quotes one argument. */
const quote = (text: string) => `'${text.replaceAll("'", `'"'"'`)}'`;

/** Polls `url`/v2/health/ready with Node's fetch until it answers 200 (the image runs infercap, so it has node). */
function waitForTarget(url: string): string {
  const ready = `${url.replace(/\/+$/, '')}/v2/health/ready`;
  return `const u=${JSON.stringify(ready)};(async()=>{for(;;){try{if((await fetch(u)).ok)return;}catch{}console.log('waiting for '+u);await new Promise(r=>setTimeout(r,2000));}})();`;
}

function podSpec(container: NonNullable<IPodSpec['containers']>[number], initContainers: IPodSpec['initContainers'], volumes: IPodSpec['volumes']): IPodSpec {
  return { restartPolicy: 'Never', ...(initContainers === undefined ? {} : { initContainers }), containers: [container], volumes };
}

export function loadJob(options: RunManifestOptions): IJob {
  const n = options.shards;
  const shard = '$((JOB_COMPLETION_INDEX + 1))';
  const run = [
    'infercap run /scenario/scenario.yaml',
    `--shard "${shard}/${n}"`,
    `--out "${resultsDir}/shard-${shard}.json"`,
    '--no-report --quiet',
    ...(options.runArgs ?? []).map(quote),
  ].join(' ');
  // 0 and 99 (this shard's share missed a threshold: only the merge judges the whole) mark the shard done.
  const script = `${run}; code=$?; if [ "$code" = 0 ] || [ "$code" = 99 ]; then touch "${resultsDir}/shard-${shard}.done"; exit 0; fi; touch "${resultsDir}/shard-${shard}.failed"; exit "$code"`;
  const labels = labelsOf(options, 'load');
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: `${options.name}-load`, labels },
    spec: {
      completionMode: 'Indexed',
      completions: n,
      parallelism: n,
      backoffLimit: 0,
      template: {
        metadata: { labels },
        spec: {
          ...podSpec(
            {
              name: 'shard',
              image: options.image,
              command: ['/bin/sh', '-c', script],
              resources: { requests: { ...options.requests } },
              volumeMounts: [
                { name: 'scenario', mountPath: scenarioDir, readOnly: true },
                { name: 'results', mountPath: resultsDir },
              ],
            },
            [{ name: 'wait-for-target', image: options.image, command: ['node', '-e', waitForTarget(options.targetUrl)] }],
            [
              { name: 'scenario', configMap: { name: `${options.name}-scenario` } },
              { name: 'results', persistentVolumeClaim: { claimName: `${options.name}-results` } },
            ],
          ),
          // One shard a node where the cluster has the nodes: the point is load beyond one machine.
          affinity: {
            podAntiAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: labels } } }],
            },
          },
        },
      },
    },
  };
}

export function mergeJob(options: RunManifestOptions): IJob {
  const n = options.shards;
  const files = Array.from({ length: n }, (_, i) => `${resultsDir}/shard-${i + 1}.json`).join(' ');
  const script = [
    `i=1; while [ "$i" -le ${n} ]; do`,
    `  if [ -e "${resultsDir}/shard-$i.failed" ]; then echo "shard $i failed: see the logs of its pod"; exit 1; fi`,
    `  if [ -e "${resultsDir}/shard-$i.done" ]; then i=$((i + 1)); else sleep 5; fi`,
    'done',
    `exec infercap merge ${files} --out ${resultsDir}/merged.json`,
  ].join('\n');
  const labels = labelsOf(options, 'merge');
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: `${options.name}-merge`, labels },
    spec: {
      backoffLimit: 0,
      activeDeadlineSeconds: options.mergeDeadlineSeconds,
      template: {
        metadata: { labels },
        spec: podSpec(
          {
            name: 'merge',
            image: options.image,
            command: ['/bin/sh', '-c', script],
            resources: { requests: { cpu: '100m', memory: '256Mi' } },
            volumeMounts: [{ name: 'results', mountPath: resultsDir }],
          },
          undefined,
          [{ name: 'results', persistentVolumeClaim: { claimName: `${options.name}-results` } }],
        ),
      },
    },
  };
}

/** Every manifest of a sharded run, by the file it is written to. */
export function runManifests(options: RunManifestOptions): [string, object][] {
  return [
    ['scenario-configmap.yaml', scenarioConfigMap(options)],
    ['results-pvc.yaml', resultsVolumeClaim(options)],
    ['load-job.yaml', loadJob(options)],
    ['merge-job.yaml', mergeJob(options)],
  ];
}

// `infercap run SCENARIO --emit-k8s DIR --shards N`: instead of running, writes the manifests of a sharded
// run on Kubernetes (runManifests.ts) into DIR, with the scenario's target pointed at the fleet's Service.

import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { invalidOption } from '../../common/errors.ts';
import { manifestsYaml } from '../../simulator/plan/kubernetesManifests.ts';
import { parseQuantityMilli } from '../../simulator/policy/quantity.ts';
import { tryParseTraceSeconds } from '../../simulator/trace/traceDuration.ts';
import type { Scenario } from '../scenario/scenarioSchema.ts';
import { runManifests, type RunManifestOptions } from './runManifests.ts';
import { carryTraceFiles } from './traceFiles.ts';

export const kubernetesRunFlagOptions = {
  'emit-k8s': { type: 'string', describe: 'Do not run: write the manifests of a sharded run on Kubernetes (ConfigMap, results volume, Indexed Job, merge Job) into this directory' },
  shards: { type: 'number', describe: 'With --emit-k8s: pods of the Indexed Job, each running --shard i/N' },
  image: { type: 'string', default: 'infercap:latest', describe: 'With --emit-k8s: an image with infercap on its PATH' },
  'k8s-name': { type: 'string', default: 'infercap-test', describe: 'With --emit-k8s: prefix of the objects\' names' },
  'k8s-target': { type: 'string', default: 'http://infercap', describe: 'With --emit-k8s: the target the pods drive (default: the Service of infercap plan --emit-k8s)' },
  'shard-cpu': { type: 'string', default: '1', describe: 'With --emit-k8s: CPU request of a load pod' },
  'shard-memory': { type: 'string', default: '1Gi', describe: 'With --emit-k8s: memory request of a load pod' },
  'results-storage': { type: 'string', default: '1Gi', describe: 'With --emit-k8s: size of the shared results volume (ReadWriteMany)' },
  'storage-class': { type: 'string', describe: 'With --emit-k8s: storage class of the results volume' },
  'merge-deadline': { type: 'string', default: '6h', describe: 'With --emit-k8s: how long the merge Job waits for the shards' },
} as const;

export interface KubernetesRunFlags {
  emitK8s?: string | undefined;
  shards?: number | undefined;
  shard?: string | undefined;
  image: string;
  k8sName: string;
  k8sTarget: string;
  shardCpu: string;
  shardMemory: string;
  resultsStorage: string;
  storageClass?: string | undefined;
  mergeDeadline: string;
}

/** Checks the flags; throws InfercapError (exit code 2) on a bad one. Without --emit-k8s, only that none of its flags is used. */
export function kubernetesRunOptions(flags: KubernetesRunFlags, scenario: Scenario, scenarioYaml: string): RunManifestOptions | undefined {
  if (flags.emitK8s === undefined) {
    if (flags.shards !== undefined) throw invalidOption('--shards', 'is for --emit-k8s DIR; to run one shard here, use --shard i/n');
    return undefined;
  }
  if (flags.shard !== undefined) throw invalidOption('--shard', 'cannot be used with --emit-k8s: each pod of the Job runs its own shard');
  const shards = flags.shards;
  if (shards === undefined || !Number.isInteger(shards) || shards < 1 || shards > 10_000) throw invalidOption('--shards', `needs a whole number of pods from 1 to 10000 with --emit-k8s, got ${shards ?? 'none'}`);
  if (!/^[a-z0-9]([-a-z0-9]{0,40}[a-z0-9])?$/.test(flags.k8sName)) throw invalidOption('--k8s-name', `"${flags.k8sName}" is not a Kubernetes name: lower-case letters, digits and -, at most 42 characters`);
  let target: URL;
  try {
    target = new URL(flags.k8sTarget);
  } catch {
    throw invalidOption('--k8s-target', `"${flags.k8sTarget}" is not a URL, e.g. http://infercap (a Service) or http://infercap.ns.svc:80`);
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') throw invalidOption('--k8s-target', `must be an http:// or https:// URL, got "${flags.k8sTarget}"`);
  for (const [flag, value] of [['--shard-cpu', flags.shardCpu], ['--shard-memory', flags.shardMemory], ['--results-storage', flags.resultsStorage]] as const) {
    const parsed = parseQuantityMilli(value);
    if (!parsed.ok || parsed.milli <= 0) throw invalidOption(flag, `"${value}" is not a positive Kubernetes quantity (e.g. 500m, 2, 1Gi)`);
  }
  const deadline = tryParseTraceSeconds(flags.mergeDeadline);
  if (!deadline.ok || deadline.seconds === 0) throw invalidOption('--merge-deadline', deadline.ok ? 'must be longer than 0' : deadline.problem);
  if (scenario.variants?.some((variant) => 'target' in variant && variant.target !== undefined)) {
    throw invalidOption('--emit-k8s', 'the scenario\'s variants set their own targets; a Kubernetes run drives one target (--k8s-target): remove the variants\' targets');
  }
  const carried = carryTraceFiles(scenario, scenarioYaml);
  return {
    name: flags.k8sName,
    image: flags.image,
    shards,
    scenarioYaml: withTarget(carried.scenarioYaml, target.href.replace(/\/$/, '')),
    ...(Object.keys(carried.files).length === 0 ? {} : { files: carried.files }),
    targetUrl: target.href,
    requests: { cpu: flags.shardCpu, memory: flags.shardMemory },
    resultsStorage: flags.resultsStorage,
    ...(flags.storageClass === undefined ? {} : { storageClass: flags.storageClass }),
    mergeDeadlineSeconds: deadline.seconds,
  };
}

/** The scenario's text with `target: { url }`, comments and everything else kept. */
function withTarget(yaml: string, url: string): string {
  const doc = parseDocument(yaml);
  doc.set('target', doc.createNode({ url }));
  return doc.toString({ lineWidth: 0 });
}

/** Writes the manifests into `dir`; returns the files written. */
export async function emitRunManifests(dir: string, options: RunManifestOptions): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  for (const [file, manifest] of runManifests(options)) {
    const target = path.join(dir, file);
    await writeFile(target, manifestsYaml([manifest]));
    files.push(target);
  }
  return files;
}

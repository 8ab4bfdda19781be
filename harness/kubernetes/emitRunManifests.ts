// `infercap run SCENARIO --emit-k8s DIR --shards N`: instead of running, writes the manifests of a sharded
// run on Kubernetes (runManifests.ts) into DIR, with the scenario's target pointed at the fleet's Service.

import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { k8sNameNotValid, k8sQuantityNotValid, k8sShardsNotValid, k8sTargetNotHttp, k8sTargetNotUrl, k8sVariantsWithTargets, optionDurationZero, optionNotParsed, shardsWithoutEmitK8s, shardWithEmitK8s } from '../../common/errors.ts';
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
    if (flags.shards !== undefined) throw shardsWithoutEmitK8s();
    return undefined;
  }
  if (flags.shard !== undefined) throw shardWithEmitK8s();
  const shards = flags.shards;
  if (shards === undefined || !Number.isInteger(shards) || shards < 1 || shards > 10_000) throw k8sShardsNotValid(shards);
  if (!/^[a-z0-9]([-a-z0-9]{0,40}[a-z0-9])?$/.test(flags.k8sName)) throw k8sNameNotValid(flags.k8sName);
  let target: URL;
  try {
    target = new URL(flags.k8sTarget);
  } catch {
    throw k8sTargetNotUrl(flags.k8sTarget);
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') throw k8sTargetNotHttp(flags.k8sTarget);
  for (const [flag, value] of [['--shard-cpu', flags.shardCpu], ['--shard-memory', flags.shardMemory], ['--results-storage', flags.resultsStorage]] as const) {
    const parsed = parseQuantityMilli(value);
    if (!parsed.ok || parsed.milli <= 0) throw k8sQuantityNotValid(flag, value);
  }
  const deadline = tryParseTraceSeconds(flags.mergeDeadline);
  if (!deadline.ok || deadline.seconds === 0) throw deadline.ok ? optionDurationZero('--merge-deadline') : optionNotParsed('--merge-deadline', deadline.problem);
  if (scenario.variants?.some((variant) => 'target' in variant && variant.target !== undefined)) {
    throw k8sVariantsWithTargets();
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

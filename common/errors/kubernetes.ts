// Messages of `infercap run --emit-k8s`: the flags of a run as a Kubernetes Job.

import { optionError } from './kinds.ts';

export const shardsWithoutEmitK8s = () => optionError('--shards', 'is for --emit-k8s DIR; to run one shard here, use --shard i/n');

export const shardWithEmitK8s = () => optionError('--shard', 'cannot be used with --emit-k8s: each pod of the Job runs its own shard');

export const k8sShardsNotValid = (got: number | undefined) =>
  optionError('--shards', `needs a whole number of pods from 1 to 10000 with --emit-k8s, got ${got ?? 'none'}`);

export const k8sNameNotValid = (name: string) =>
  optionError('--k8s-name', `"${name}" is not a Kubernetes name: lower-case letters, digits and -, at most 42 characters`);

export const k8sTargetNotUrl = (text: string) =>
  optionError('--k8s-target', `"${text}" is not a URL, e.g. http://infercap (a Service) or http://infercap.ns.svc:80`);

export const k8sTargetNotHttp = (text: string) => optionError('--k8s-target', `must be an http:// or https:// URL, got "${text}"`);

export const k8sQuantityNotValid = (option: string, text: string) =>
  optionError(option, `"${text}" is not a positive Kubernetes quantity (e.g. 500m, 2, 1Gi)`);

export const k8sVariantsWithTargets = () =>
  optionError('--emit-k8s', "the scenario's variants set their own targets; a Kubernetes run drives one target (--k8s-target): remove the variants' targets");

export const k8sTraceFilesTooLarge = (mebibytes: string) =>
  optionError(
    '--emit-k8s',
    `the scenario's trace files take ${mebibytes} MiB, more than a ConfigMap holds (1 MiB); replay a window of the trace, or a per-interval counts CSV of it`,
  );

// Describes the machine a run measured from, for the results file: numbers mean little without it.

import { arch, cpus, hostname, platform, totalmem } from 'node:os';
import type { Environment, Shard } from './resultsEnvelope.ts';

/** This process's Node.js, OS and hardware, and the shard it runs (if the run is sharded). */
export function describeEnvironment(shard?: Shard): Environment {
  const processors = cpus();
  return {
    node: process.version,
    platform: platform(),
    arch: arch(),
    cpus: processors.length,
    cpuModel: processors[0]?.model.trim() ?? 'unknown',
    totalMemoryBytes: totalmem(),
    hostname: hostname(),
    ...(shard === undefined ? {} : { shard }),
  };
}

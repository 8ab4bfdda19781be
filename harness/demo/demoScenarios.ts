// The demo's scenarios, sized by its profile and validated by the same schema as scenario files: fp32 vs
// int8 and a ramp against the running fleet, batching on vs off and the calibration on servers of their own.

import { parseScenario } from '../scenario/loadScenario.ts';
import type { Scenario, ScenarioInput } from '../scenario/scenarioSchema.ts';
import type { DemoProfile } from './demoProfile.ts';

const seconds = (value: number) => `${value}s`;

function scenario(input: ScenarioInput): Scenario {
  return parseScenario(JSON.stringify(input), `demo/${input.name}.json`);
}

/** Seeded random rows: every request is a new input, so the fleet's prediction cache never answers for the model. */
function workload(profile: DemoProfile, version?: string): ScenarioInput['workload'] {
  return { model: profile.model, ...(version === undefined ? {} : { version }), inputs: 'random' };
}

function warmup(profile: DemoProfile): ScenarioInput['phases'][number] {
  return { name: 'warmup', kind: 'closed', connections: 4, duration: seconds(profile.warmupSeconds), warmup: true };
}

/** Both versions of the model on the fleet: latency at a rate both sustain, then the throughput ceiling. */
export function fp32VsInt8Scenario(profile: DemoProfile, fleetUrl: string): Scenario {
  return scenario({
    name: 'fp32-vs-int8',
    description: `${profile.model} in full precision and quantized to int8 on the same fleet, under identical load.`,
    target: { url: fleetUrl },
    workload: workload(profile),
    phases: [
      warmup(profile),
      { name: `open-${profile.compareRate}`, kind: 'open', rate: profile.compareRate, duration: seconds(profile.phaseSeconds) },
      { name: `closed-${profile.ceilingConnections}`, kind: 'closed', connections: profile.ceilingConnections, duration: seconds(profile.phaseSeconds) },
    ],
    variants: [
      { name: 'fp32', workload: { version: 'fp32' } },
      { name: 'int8', workload: { version: 'int8' } },
    ],
    thresholds: { error_rate: ['< 1%'] },
  });
}

/** Arrivals rising linearly on the fleet: where latency starts to climb. */
export function rampScenario(profile: DemoProfile, fleetUrl: string): Scenario {
  const { from, to } = profile.ramp;
  return scenario({
    name: 'ramp',
    description: `Open-loop arrivals rising from ${from} to ${to} req/s on the fleet (${profile.model} fp32).`,
    target: { url: fleetUrl },
    workload: workload(profile, 'fp32'),
    phases: [
      { name: 'warmup', kind: 'open', rate: from, duration: seconds(profile.warmupSeconds), warmup: true },
      { name: 'ramp', kind: 'open', rate: from, rampTo: to, duration: seconds(profile.ramp.seconds) },
    ],
    thresholds: { latency: [`p(95) < ${profile.p99BudgetMs}ms`], error_rate: ['< 1%'] },
  });
}

/** Dynamic batching on and off, each on a reference server of its own (the option is the server's). */
export function batchingOnOffScenario(profile: DemoProfile): Scenario {
  return scenario({
    name: 'batching-on-off',
    description: `The throughput ceiling of ${profile.model} fp32 with dynamic batching on and off.`,
    target: { reference: { models: [profile.model] } },
    workload: workload(profile, 'fp32'),
    phases: [warmup(profile), { name: `closed-${profile.ceilingConnections}`, kind: 'closed', connections: profile.ceilingConnections, duration: seconds(profile.phaseSeconds) }],
    variants: [
      { name: 'batching-on', target: { reference: { batching: true, maxBatchSize: 32, maxQueueDelayMs: 2 } } },
      { name: 'batching-off', target: { reference: { batching: false } } },
    ],
    thresholds: { error_rate: ['< 1%'] },
  });
}

/** One replica as the fleet runs it, for the calibration sweep (which sweeps the target, not these phases). */
export function calibrationScenario(profile: DemoProfile): Scenario {
  return scenario({
    name: 'calibration',
    description: `One replica of ${profile.model} fp32, batching on, swept for the simulator's service model.`,
    target: { reference: { models: [profile.model] } },
    workload: workload(profile, 'fp32'),
    phases: [{ name: 'swept', kind: 'closed', connections: 1, duration: '1s' }],
  });
}

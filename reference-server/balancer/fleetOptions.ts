// Options of a balanced fleet (`infercap serve --replicas N --balancer <strategy>`): one zod schema that
// is the type, the defaults and the validation; weights and slowdowns parsed per replica id.

import { z } from 'zod';
import { optionIssue } from '../../common/config/zodIssues.ts';
import { optionSchemaIssue, weightsWithoutWeightedStrategy } from '../../common/errors.ts';
import { deepFreeze } from '../../common/deepFreeze.ts';
import { defaultEjectionPolicy, type EjectionPolicy } from './outlierEjection.ts';
import { parseReplicaSlowdown } from './replicaSlowdown.ts';
import { defaultRestartPolicy, type RestartPolicy } from './restartBackoff.ts';
import { parseReplicaWeights } from './strategies/replicaWeights.ts';
import { strategyNames, type StrategyName } from './strategies/strategies.ts';

export const fleetOptionsSchema = z.strictObject({
  replicas: z.number().int().min(1).max(64).describe('Replica processes (each a full server on its own loopback port) behind a balancer on --port'),
  balancer: z.enum(strategyNames as [StrategyName, ...StrategyName[]]).default('round-robin').describe('Balancing strategy'),
  weights: z.string().min(1).optional().describe('weighted-round-robin weights: 5,1,1 or 1=5,2=1'),
  replicaSlowdown: z.array(z.string()).default([]).describe('Make a replica slower: id=Kx, e.g. 2=4x (repeatable)'),
  // A check also times out after the interval (at most 1 s).
  healthIntervalMs: z.number().int().min(10).max(600_000).default(1_000).describe('Interval of the readiness checks of every replica'),
  balancerSeed: z.number().int().default(1).describe('Seed of the random and p2c choices'),
  /** Passive outlier ejection: consecutive connection errors or 5xx that eject a replica, and for how long at first. */
  ejectAfterFailures: z.number().int().min(1).default(defaultEjectionPolicy.consecutiveFailures).describe('Consecutive connection errors or 5xx that eject a replica'),
  ejectionMs: z.number().int().min(1).default(defaultEjectionPolicy.baseEjectionMs).describe('First ejection time (longer on each repeat)'),
  restartDelayMs: z.number().int().min(0).default(defaultRestartPolicy.baseDelayMs).describe('Delay before restarting a replica that died (doubling with each consecutive crash)'),
  replicaStartTimeoutMs: z.number().int().positive().default(120_000).describe('A replica must listen within this long after it was spawned'),
});

export type FleetOptionsInput = z.input<typeof fleetOptionsSchema>;

export interface FleetOptions {
  readonly replicas: number;
  readonly strategy: StrategyName;
  readonly weights: ReadonlyMap<number, number>;
  readonly slowdowns: ReadonlyMap<number, number>;
  readonly healthIntervalMs: number;
  readonly seed: number;
  readonly ejection: EjectionPolicy;
  readonly restart: RestartPolicy;
  readonly replicaStartTimeoutMs: number;
}


/** Validates once, parses weights and slowdowns, freezes. @throws InfercapError E_INVALID_OPTION naming the flag. */
export function resolveFleetOptions(input: FleetOptionsInput): FleetOptions {
  const parsed = fleetOptionsSchema.safeParse(input);
  if (!parsed.success) {
    throw optionSchemaIssue(...optionIssue(parsed.error));
  }
  const o = parsed.data;
  if (o.weights !== undefined && o.balancer !== 'weighted-round-robin') {
    throw weightsWithoutWeightedStrategy(o.balancer);
  }
  const weights = o.weights === undefined ? parseReplicaWeights(Array(o.replicas).fill('1').join(','), o.replicas) : parseReplicaWeights(o.weights, o.replicas);
  return deepFreeze({
    replicas: o.replicas,
    strategy: o.balancer,
    weights,
    slowdowns: parseReplicaSlowdown(o.replicaSlowdown, o.replicas),
    healthIntervalMs: o.healthIntervalMs,
    seed: o.balancerSeed,
    ejection: { ...defaultEjectionPolicy, consecutiveFailures: o.ejectAfterFailures, baseEjectionMs: o.ejectionMs, maxEjectionMs: Math.max(defaultEjectionPolicy.maxEjectionMs, o.ejectionMs) },
    restart: { ...defaultRestartPolicy, baseDelayMs: o.restartDelayMs, maxDelayMs: Math.max(defaultRestartPolicy.maxDelayMs, o.restartDelayMs) },
    replicaStartTimeoutMs: o.replicaStartTimeoutMs,
  });
}

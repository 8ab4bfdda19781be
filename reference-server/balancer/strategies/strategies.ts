// The registry of balancing strategies by name. Adding one: one file, one line in `factories`.

import { latencyDecayNotPositive, optionUnknownChoice } from '../../../common/errors.ts';
import type { Rng } from '../../../common/prng.ts';
import type { BalancingStrategy } from './balancingStrategy.ts';
import { LeastConnections } from './leastConnections.ts';
import { DEFAULT_TAU_MS, LeastResponseTime } from './leastResponseTime.ts';
import { PowerOfTwoChoices } from './powerOfTwoChoices.ts';
import { RandomChoice } from './random.ts';
import { RoundRobin } from './roundRobin.ts';
import { SmoothWeightedRoundRobin } from './smoothWeightedRoundRobin.ts';

/** What a strategy may need besides the replicas: injected so choices are reproducible. */
export interface StrategyOptions {
  /** The only source of randomness (`random`, `p2c`); seed it in tests. */
  readonly rng: Rng;
  /** `least-response-time`: decay time constant of the latency estimate, in ms (default 10 000). */
  readonly tauMs?: number;
}

const factories = {
  'round-robin': () => new RoundRobin(),
  'weighted-round-robin': () => new SmoothWeightedRoundRobin(),
  'least-connections': () => new LeastConnections(),
  'least-response-time': (o: StrategyOptions) => new LeastResponseTime(o.tauMs ?? DEFAULT_TAU_MS),
  random: (o: StrategyOptions) => new RandomChoice(o.rng),
  p2c: (o: StrategyOptions) => new PowerOfTwoChoices(o.rng),
} satisfies Record<string, (options: StrategyOptions) => BalancingStrategy>;

export type StrategyName = keyof typeof factories;

/** The strategy names, for `--balancer` choices and help text. */
export const strategyNames = Object.keys(factories) as StrategyName[];

export function isStrategyName(name: string): name is StrategyName {
  return Object.hasOwn(factories, name);
}

/**
 * A fresh strategy (with its own state) of the given name.
 * @throws InfercapError E_INVALID_OPTION for `--balancer` when the name is unknown or `tauMs` is not positive.
 */
export function createStrategy(name: string, options: StrategyOptions): BalancingStrategy {
  if (!isStrategyName(name)) {
    throw optionUnknownChoice('--balancer', 'strategy', name, strategyNames);
  }
  if (options.tauMs !== undefined && !(options.tauMs > 0 && Number.isFinite(options.tauMs))) {
    throw latencyDecayNotPositive(options.tauMs);
  }
  return factories[name](options);
}

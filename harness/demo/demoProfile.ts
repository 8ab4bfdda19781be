// How big the demo is: the full demo (about 3 minutes on 2 cores, mnist-wide, phases of several
// seconds) or the quick one CI runs (mnist-mlp, one-second phases): one set of numbers, chosen once.

import path from 'node:path';
import { scenariosDir } from '../scenario/loadScenario.ts';

export interface DemoProfile {
  readonly quick: boolean;
  /** The model every step serves and drives. */
  readonly model: string;
  /** Replicas behind the balancer of the fleet the scenarios drive. */
  readonly replicas: number;
  readonly balancer: 'p2c';
  readonly warmupSeconds: number;
  /** Length of every measured phase. */
  readonly phaseSeconds: number;
  /** Open-loop rate of the fp32 vs int8 comparison, which both versions sustain. */
  readonly compareRate: number;
  /** Closed-loop connections of the throughput ceilings (fp32 vs int8 and batching on vs off). */
  readonly ceilingConnections: number;
  readonly ramp: { readonly from: number; readonly to: number; readonly seconds: number };
  /** Open-loop levels (req/s) of the calibration sweep of one replica. */
  readonly sweepRates: readonly number[];
  readonly sweepWindowSeconds: number;
  readonly sweepMaxWindows: number;
  readonly p99BudgetMs: number;
  /** The bundled multi-day trace the simulator replays. */
  readonly traceFile: string;
  readonly slo: string;
  readonly pricePerReplicaHour: number;
}

const traceFile = path.join(scenariosDir, 'traces', 'diurnal-3-days.yaml');

const fullProfile: DemoProfile = {
  quick: false,
  model: 'mnist-wide',
  replicas: 2,
  balancer: 'p2c',
  warmupSeconds: 3,
  phaseSeconds: 8,
  compareRate: 60,
  ceilingConnections: 16,
  ramp: { from: 20, to: 240, seconds: 15 },
  sweepRates: [50, 100, 200, 300, 400, 500],
  sweepWindowSeconds: 2,
  sweepMaxWindows: 3,
  p99BudgetMs: 250,
  traceFile,
  slo: 'p95 < 250ms',
  pricePerReplicaHour: 0.19,
};

/** For CI: the same steps on the small model with one-second phases; its figures show the pipeline, not the models. */
const quickProfile: DemoProfile = {
  ...fullProfile,
  quick: true,
  model: 'mnist-mlp',
  warmupSeconds: 1,
  phaseSeconds: 1,
  compareRate: 50,
  ceilingConnections: 4,
  ramp: { from: 20, to: 100, seconds: 2 },
  sweepRates: [50, 100],
  sweepWindowSeconds: 1,
  sweepMaxWindows: 3,
};

/** The full demo, or the quick one when `quick` (the `--quick` flag or INFERCAP_DEMO_QUICK=1). */
export function demoProfile(quick: boolean): DemoProfile {
  return quick ? quickProfile : fullProfile;
}

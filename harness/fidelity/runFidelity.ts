// `infercap fidelity` end to end: check the window, calibrate the fleet (unless a calibration is given),
// start the fleet (or reach the URL), replay the window for real, simulate the same requests with the same
// calibration and cluster settings, and compare. Every process it starts is stopped, by its own handle.

import { fidelityNeedsCalibration } from '../../common/errors.ts';
import { silentLogger, type Logger } from '../../common/log.ts';
import type { ClusterConfig } from '../../simulator/cluster/clusterConfig.ts';
import { clusterSummary, serviceModelSummary } from '../../simulator/simulate/simulate.ts';
import { ensureModels } from '../../models/index.ts';
import { envelopeOf } from '../results/resultsEnvelope.ts';
import { prepareVariantTarget } from '../run/variantTarget.ts';
import { resolveVariants } from '../scenario/resolveVariants.ts';
import type { Calibration } from '../sweep/calibration.ts';
import { startReferenceServerProcess, type ReferenceServerProcess } from '../target/referenceServerProcess.ts';
import { calibrateFleet, sweepScenarioFor, type CalibrationSettings } from './calibrateFleet.ts';
import { compareFidelity } from './compareFidelity.ts';
import { fidelitySchemaVersion, type FidelityGoals, type FidelityResults } from './fidelityResults.ts';
import { replayPlanOf, type ReplayPlan, type ReplaySpec } from './replayWindow.ts';
import { replayTrace, type ReplayOutcome } from './replayTrace.ts';
import { simulateReplay, type CapacitySource, type LatencyModel } from './simulateReplay.ts';

export interface FidelityOptions {
  readonly model: string;
  readonly replay: ReplaySpec;
  /** Replicas of the fleet: started here as a reference fleet, or behind `url`. */
  readonly replicas: number;
  /** A fleet already running; then `calibration` is required. */
  readonly url?: string;
  /** A calibration of one replica (infercap sweep); without it, the fleet is calibrated first (perReplicaCalibration.ts says why). */
  readonly calibration?: Calibration;
  readonly calibrationSettings: CalibrationSettings;
  readonly latencyModel: LatencyModel;
  readonly capacitySource: CapacitySource;
  /** The server's --max-queue-size, and the simulator's queue limit per replica. */
  readonly queueLimit: number;
  readonly cluster: ClusterConfig;
  readonly goals?: FidelityGoals;
  readonly timeoutMs: number;
  readonly warmupMs: number;
  readonly modelsDir: string;
  readonly logger?: Logger;
  /** One line per step, for the command's progress on stderr. */
  readonly onStep?: (message: string) => void;
}

/**
 * A reference fleet for fidelity: the cache off (the simulator models the work, not cache hits) and one
 * ONNX Runtime thread per replica, so that a replica is one core and N replicas scale as the simulator assumes.
 */
// Log level error: in a burst past capacity a full queue is the point, and its 503s are counted, not logged one by one.
export function startFidelityFleet(model: string, replicas: number, queueLimit: number, modelsDir: string): Promise<ReferenceServerProcess> {
  return startReferenceServerProcess({ models: [model], modelsDir, cache: 'off', intraOpThreads: 1, maxQueueSize: queueLimit, logLevel: 'error' }, replicas > 1 ? { replicas } : undefined);
}

async function withFleet<T>(model: string, replicas: number, options: FidelityOptions, use: (url: string) => Promise<T>): Promise<T> {
  if (options.url !== undefined) return use(options.url);
  const fleet = await startFidelityFleet(model, replicas, options.queueLimit, options.modelsDir);
  try {
    return await use(fleet.url);
  } finally {
    await fleet.stop();
  }
}

/** Replays `plan` against the fleet at `url`. */
export async function replayAgainst(url: string, plan: ReplayPlan, options: Pick<FidelityOptions, 'model' | 'modelsDir' | 'logger' | 'timeoutMs' | 'warmupMs'>): Promise<ReplayOutcome> {
  const target = await prepareVariantTarget(resolveVariants(sweepScenarioFor(url, options.model))[0]!, options.modelsDir, 1, options.logger ?? silentLogger);
  try {
    return await replayTrace(plan.phase, target, { timeoutMs: options.timeoutMs, warmupMs: options.warmupMs });
  } finally {
    await target.stop();
  }
}

/**
 * The calibration given, or the fleet calibrated now: a reference fleet of `replicas`, started and stopped
 * here, swept as a whole and seen per replica, so the contention between its replicas is in the calibration.
 */
export async function calibrationFor(options: FidelityOptions): Promise<Calibration> {
  if (options.calibration !== undefined) return options.calibration;
  if (options.url !== undefined) throw fidelityNeedsCalibration();
  const fleet = options.replicas === 1 ? 'one replica' : `the fleet of ${options.replicas} replicas`;
  options.onStep?.(`calibrating ${fleet} (concurrency sweep for the peak, then a rate sweep for the knee)`);
  return withFleet(options.model, options.replicas, options, (url) => calibrateFleet(url, options.model, options.replicas, { ...options.calibrationSettings, arrivals: options.replay.arrivals, modelsDir: options.modelsDir }));
}

export async function runFidelity(options: FidelityOptions): Promise<FidelityResults> {
  // The window, the trace and the speedup are checked before anything starts.
  const plan = replayPlanOf(options.replay);
  if (options.url === undefined) await ensureModels(options.modelsDir, options.logger ?? silentLogger);
  const calibration = await calibrationFor(options);
  const seconds = plan.arrivals.length;
  const requests = plan.arrivals.reduce((a, b) => a + b, 0);
  options.onStep?.(`replaying ${requests} requests in ${seconds} s against ${options.replicas} replica${options.replicas === 1 ? '' : 's'}`);
  let url = options.url ?? '';
  const replay = await withFleet(options.model, options.replicas, options, (fleetUrl) => {
    url = fleetUrl;
    return replayAgainst(fleetUrl, plan, options);
  });
  return fidelityResultsOf(plan, replay, calibration, url, options);
}

/**
 * Simulates what `replay` sent with `calibration` (and `options`' fleet, latency model and cluster) and sets
 * both side by side: the results file's content. The bench calls it once per latency model on one replay.
 */
export function fidelityResultsOf(plan: ReplayPlan, replay: ReplayOutcome, calibration: Calibration, url: string, options: Omit<FidelityOptions, 'calibrationSettings' | 'timeoutMs' | 'warmupMs' | 'modelsDir'>): FidelityResults {
  const seconds = plan.arrivals.length;
  const requests = plan.arrivals.reduce((a, b) => a + b, 0);
  const fleet = { replicas: options.replicas, queueLimit: options.queueLimit, latencyModel: options.latencyModel, capacitySource: options.capacitySource, arrivals: options.replay.arrivals, cluster: options.cluster };
  const simulated = simulateReplay(plan.arrivals, calibration, fleet);
  const comparison = compareFidelity({
    arrivals: plan.arrivals,
    real: { totals: replay.served.totals(seconds), seconds: replay.served.seconds(seconds) },
    simulated,
    ...(options.goals === undefined ? {} : { goals: options.goals }),
  });
  const { counts, errors, drainMs } = replay.stats;
  return {
    ...envelopeOf('fidelity', fidelitySchemaVersion),
    model: options.model,
    target: { url, kind: options.url === undefined ? 'reference' : 'url', replicas: options.replicas },
    trace: {
      file: options.replay.file,
      window: plan.window,
      speedup: options.replay.speedup,
      scale: options.replay.scale,
      arrivals: options.replay.arrivals,
      seed: options.replay.seed,
      seconds,
      requests,
    },
    calibration,
    latencyModel: options.latencyModel,
    capacitySource: options.capacitySource,
    serviceModel: serviceModelSummary(simulated.serviceModel),
    cluster: clusterSummary({ ...options.cluster, initialReplicas: options.replicas }, options.replicas),
    run: { sent: counts.sent, ok: counts.ok, dropped: counts.dropped, errors, drainMs },
    ...comparison,
  };
}

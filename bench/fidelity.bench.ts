// npm run bench:fidelity — how well the simulator predicts the real server, on what it can get wrong. A planner
// calibrates ONE replica and asks the simulator about a fleet; so does this bench. It calibrates one replica of
// the reference server with the `infercap sweep` code (a short concurrency sweep for the peak, then a
// request-rate sweep whose knee under the p99 budget is the capacity), then, for fleets of 1 and 2 replicas:
//   - capacity: it offers open-loop load above the predicted capacity (125 % and 150 % of it) and compares the
//     throughput the fleet achieved with the simulator's served rate for the same arrivals (its saturation
//     throughput: replicas × the calibrated capacity). Below capacity both equal the offered rate, which
//     proves nothing, so throughput is compared only here.
//   - latency: at 30 %, 60 % and 90 % of the predicted capacity it compares the run's p50/p95/p99 (over its
//     requests, from the harness's HDR histogram) with the simulator's request-level percentiles of the same
//     arrivals (every second's distribution merged, simulator/service/latencyMixture.ts), with both latency
//     models: `queueing` (low-load service time plus queueing theory) and `curve` (the measured
//     throughput-latency curve, interpolated between the sweep's levels, which differ from the loads tested).
// Prints the relative errors; goals: capacity within 10 %, p95 within 15 %.

import { silentLogger } from '../common/log.ts';
import { createRng } from '../common/prng.ts';
import { runPhase } from '../harness/run/runPhase.ts';
import { prepareVariantTarget } from '../harness/run/variantTarget.ts';
import { parseScenario } from '../harness/scenario/loadScenario.ts';
import { resolveVariants } from '../harness/scenario/resolveVariants.ts';
import { calibrationOf, type Calibration } from '../harness/sweep/calibration.ts';
import { runSweep } from '../harness/sweep/runSweep.ts';
import { clusterConfigSchema } from '../simulator/cluster/clusterConfig.ts';
import { createFixedPolicy } from '../simulator/policy/fixedPolicy.ts';
import { serviceModelFromCalibration } from '../simulator/service/serviceModel.ts';
import { runSimulation } from '../simulator/simulate/runSimulation.ts';
import { parseSlo } from '../simulator/simulate/sloExpression.ts';
import { samplePoisson } from '../simulator/trace/poisson.ts';
import { startReferenceServerProcess, type ReferenceServerProcess } from '../harness/target/referenceServerProcess.ts';
import { defaultModelsDir, ensureModels } from '../models/index.ts';

// mnist-wide by default: compute, not HTTP or the load generator on the same 2 cores, sets its service time.
const model = process.env.FIDELITY_MODEL ?? 'mnist-wide';
const seconds = Number(process.env.FIDELITY_SECONDS ?? 20);
const windowMs = Number(process.env.FIDELITY_WINDOW_MS ?? 3000);
/** Offered load as a share of the predicted capacity: latency below it, saturation throughput above it. */
const latencyFractions = [0.3, 0.6, 0.9];
const saturationFractions = [1.25, 1.5];
const queueLimit = 256; // the server's default --max-queue-size
const p99BudgetMs = Number(process.env.FIDELITY_P99_BUDGET_MS ?? 200);
/** Arrivals of the measured loads: poisson (default) or constant (the sweep's own kind); the prediction follows suit. */
const arrivalKind = process.env.FIDELITY_ARRIVALS === 'constant' ? 'constant' : 'poisson';
const write = (text: string) => process.stdout.write(text);

type Figures = { throughput: number; p50: number | null; p95: number | null; p99: number | null };
type LatencyModel = 'queueing' | 'curve';
const latencyModels: readonly LatencyModel[] = ['queueing', 'curve'];

interface Row {
  readonly replicas: number;
  readonly fraction: number;
  readonly rate: number;
  readonly measured: Figures;
  readonly predicted: Record<LatencyModel, Figures>;
}

/**
 * Starts a fleet of `replicas` behind the balancer, or says why not. The cache is off (the simulator models
 * the work) and each replica has one ONNX Runtime thread, so that a replica is one core of this 2-core machine.
 */
async function startFleet(replicas: number): Promise<ReferenceServerProcess> {
  return startReferenceServerProcess({ models: [model], cache: 'off', intraOpThreads: 1, logLevel: 'warn' }, replicas > 1 ? { replicas } : undefined);
}

function scenarioFor(url: string) {
  const yaml = `name: fidelity\ntarget:\n  url: ${url}\nworkload:\n  model: ${model}\n  inputs: random\n  timeout: 5s\nphases:\n  - name: unused\n    kind: open\n    rate: 1\n    duration: 1s\n`;
  return parseScenario(yaml, 'fidelity');
}

/** The simulator's prediction for `seconds` of arrivals at `rate` on `replicas` replicas, each modelled by the one-replica calibration. */
function predict(calibration: Calibration, replicas: number, rate: number, seed: number, latencyModel: LatencyModel): Figures {
  const serviceModel = serviceModelFromCalibration(calibration, { queueLimit, latencyModel, arrivalCv2: arrivalKind === 'constant' ? 0 : 1 });
  const rng = createRng(seed);
  const arrivals = new Float64Array(seconds);
  for (let i = 0; i < seconds; i++) arrivals[i] = arrivalKind === 'constant' ? rate : samplePoisson(rng, rate);
  const cluster = clusterConfigSchema.parse({ initialReplicas: replicas });
  const { summary } = runSimulation({
    arrivals,
    policy: createFixedPolicy({ kind: 'fixed', replicas }),
    serviceModel,
    cluster,
    slo: parseSlo('p95 < 1s'),
    pricePerHour: 0,
    maxPoints: 0,
  });
  return { throughput: summary.served / seconds, ...summary.latencyMs };
}

const relative = (predicted: number | null, measured: number | null) => (predicted === null || measured === null || measured === 0 ? null : (predicted - measured) / measured);
const pct = (x: number | null) => (x === null ? '    –  ' : `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} %`.padStart(8));
const ms = (x: number | null) => (x === null ? '–' : x.toFixed(1));

await ensureModels(defaultModelsDir, silentLogger);
write(`bench:fidelity — ${model}, one replica calibrated by concurrency then rate sweep (${windowMs / 1000} s windows), open-loop ${arrivalKind} arrivals for ${seconds} s per level\n`);

/** Calibrates one replica: the sweeps a planner would run before asking the simulator about a fleet. */
async function calibrate(url: string): Promise<Calibration> {
  const scenario = scenarioFor(url);
  const sweep = (mode: 'concurrency' | 'rate', levels: number[]) => runSweep(scenario, { mode, levels, windowMs, maxWindows: 4, p99BudgetMs, logger: silentLogger });
  const peak = Math.max(...(await sweep('concurrency', [1, 4, 16])).points.map((point) => point.throughput));
  const calibration = calibrationOf(await sweep('rate', [0.15, 0.45, 0.75, 1.05].map((f) => Math.max(1, Math.round(f * peak)))));
  const capacity = calibration.maxSustainableThroughput ?? calibration.peakThroughput;
  const { p50, p95, p99 } = calibration.serviceTimeMs;
  write(
    `\ncalibration of 1 replica: closed-loop peak ${peak.toFixed(0)} req/s; rate sweep ${calibration.curve.map((c) => `${c.level}→${c.throughput.toFixed(0)}/s p95 ${ms(c.p95)}`).join(', ')}; ` +
      `capacity (knee, p99 ≤ ${p99BudgetMs} ms) ${capacity.toFixed(0)} req/s, low-load service time p50 ${ms(p50)} p95 ${ms(p95)} p99 ${ms(p99)} ms\n`,
  );
  return calibration;
}

const rows: Row[] = [];
let calibration: Calibration | undefined;
for (const replicas of [1, 2]) {
  let fleet: ReferenceServerProcess;
  try {
    fleet = await startFleet(replicas);
  } catch (error) {
    write(`\n${replicas} replicas: could not start (${(error as Error).message.split('\n')[0]}); skipped\n`);
    continue;
  }
  try {
    calibration ??= await calibrate(fleet.url);
    const predictedCapacity = replicas * (calibration.maxSustainableThroughput ?? calibration.peakThroughput);
    write(`\n${replicas} replica${replicas > 1 ? 's' : ''}: predicted capacity ${predictedCapacity.toFixed(0)} req/s\n`);
    const target = await prepareVariantTarget(resolveVariants(scenarioFor(fleet.url))[0]!, defaultModelsDir, 1, silentLogger);
    try {
      for (const [i, fraction] of [...latencyFractions, ...saturationFractions].entries()) {
        const rate = Math.max(1, Math.round(predictedCapacity * fraction));
        const seed = 1000 * replicas + i;
        // A short warm-up at the level, then the measured phase.
        await runPhase({ name: 'warmup', kind: 'open', rate, arrivals: arrivalKind, duration: 2000, warmup: true }, { url: target.inferUrl, nextBody: target.nextBody, headers: target.headers, timeoutMs: 5000, seed });
        const stats = await runPhase(
          { name: `load-${fraction}`, kind: 'open', rate, arrivals: arrivalKind, duration: seconds * 1000, warmup: false },
          { url: target.inferUrl, nextBody: target.nextBody, headers: target.headers, timeoutMs: 5000, seed: seed + 1 },
        );
        const measured = { throughput: stats.throughput, p50: stats.latency.p50, p95: stats.latency.p95, p99: stats.latency.p99 };
        const predicted = { queueing: predict(calibration, replicas, rate, seed, 'queueing'), curve: predict(calibration, replicas, rate, seed, 'curve') };
        rows.push({ replicas, fraction, rate, measured, predicted });
        const figures = (f: Figures) => `${f.throughput.toFixed(1)} req/s ${ms(f.p50)}/${ms(f.p95)}/${ms(f.p99)} ms`;
        write(
          `  ${String(Math.round(fraction * 100)).padStart(3)} % (${rate} req/s): measured ${figures(measured)}; predicted, queueing ${figures(predicted.queueing)}; curve ${figures(predicted.curve)}\n`,
        );
      }
    } finally {
      await target.stop();
    }
  } finally {
    await fleet.stop();
  }
}

const saturated = rows.filter((row) => row.fraction > 1);
const belowCapacity = rows.filter((row) => row.fraction < 1);
write('\ncapacity: throughput achieved under load above the predicted capacity, relative error (predicted − measured) / measured\n');
write('replicas  load   offered   measured  predicted   error\n');
for (const row of saturated) {
  // The served rate does not depend on the latency model.
  const predicted = row.predicted.queueing.throughput;
  write(
    `${String(row.replicas).padStart(8)}  ${String(Math.round(row.fraction * 100)).padStart(3)} %  ${String(row.rate).padStart(8)}  ${row.measured.throughput.toFixed(1).padStart(9)}  ${predicted.toFixed(1).padStart(9)}  ${pct(relative(predicted, row.measured.throughput))}\n`,
  );
}
write('\nlatency below capacity, request-level percentiles, relative error (predicted − measured) / measured\n');
write('model     replicas  load       p50      p95      p99\n');
for (const latencyModel of latencyModels) {
  for (const row of belowCapacity) {
    const p = row.predicted[latencyModel];
    write(
      `${latencyModel.padEnd(8)}  ${String(row.replicas).padStart(8)}  ${String(Math.round(row.fraction * 100)).padStart(3)} %  ` +
        `${pct(relative(p.p50, row.measured.p50))} ${pct(relative(p.p95, row.measured.p95))} ${pct(relative(p.p99, row.measured.p99))}\n`,
    );
  }
}
const worstOf = (values: (number | null)[]) => Math.max(...values.map((v) => Math.abs(v ?? Number.POSITIVE_INFINITY)));
if (saturated.length > 0) {
  const capacity = worstOf(saturated.map((row) => relative(row.predicted.queueing.throughput, row.measured.throughput)));
  write(`\nworst |error| of the capacity: ${(capacity * 100).toFixed(1)} % (goal ≤ 10 %: ${capacity <= 0.1 ? 'met' : 'NOT met'})\n`);
}
if (belowCapacity.length > 0) {
  for (const latencyModel of latencyModels) {
    const p95 = worstOf(belowCapacity.map((row) => relative(row.predicted[latencyModel].p95, row.measured.p95)));
    write(`worst |error| of p95, ${latencyModel}: ${(p95 * 100).toFixed(1)} % (goal ≤ 15 %: ${p95 <= 0.15 ? 'met' : 'NOT met'})\n`);
  }
}

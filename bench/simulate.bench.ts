// npm run bench:simulate — the simulator's speed goals: an 87-day trace at 1 s resolution (about 7.5 million
// seconds) under one HPA policy in at most 5 s; and `plan` over the same trace in at most 30 s on 2 cores
// using at most 1 GB. Prints the time of the trace generation, of a fixed fleet and of an HPA on CPU over
// the same trace, side by side in one run, and the HPA's seconds simulated per second; then the plan's
// wall and CPU time, peak RSS (measured in a child process of its own) and policies evaluated, and whether
// the pruned search recommends exactly what the exhaustive grid does (on a shorter trace: BENCH_AGREE_DAYS).

import { spawnSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { clusterConfigSchema } from '../simulator/cluster/clusterConfig.ts';
import type { PlanResults } from '../simulator/plan/planResults.ts';
import { runPlan, type PlanOptions } from '../simulator/plan/runPlan.ts';
import type { LoadTrace } from '../simulator/trace/loadTrace.ts';
import { createPolicy, policySchema } from '../simulator/policy/policyRegistry.ts';
import { serviceModel } from '../simulator/service/serviceModel.ts';
import { runSimulation } from '../simulator/simulate/runSimulation.ts';
import { parseSlo } from '../simulator/simulate/sloExpression.ts';
import { generateSyntheticTrace } from '../simulator/trace/syntheticTrace.ts';
import { syntheticTraceSchema } from '../simulator/trace/syntheticSchema.ts';

const days = Number(process.env.BENCH_DAYS ?? 87);
const model = serviceModel({ capacity: 100, queueLimit: 100, serviceTimeMs: { mean: 9, p50: 8, p95: 15, p99: 25 } });
const cluster = clusterConfigSchema.parse({});
if (process.env.BENCH_PLAN_CHILD !== undefined) {
  await planChild(days);
  process.exit(0);
}
const write = (text: string) => process.stdout.write(text);
const time = <T>(run: () => T): [T, number] => {
  const started = performance.now();
  const value = run();
  return [value, (performance.now() - started) / 1000];
};

const [trace, traceSeconds] = time(() =>
  generateSyntheticTrace(
    syntheticTraceSchema.parse({
      duration: `${days}d`,
      seed: 87,
      startTime: '2024-01-01T00:00:00Z',
      baseRps: 230,
      components: [{ diurnal: { amplitude: 170, peakHour: 14 } }, { weekend: { factor: 0.7 } }, { noise: { kind: 'gaussian', relative: 0.05 } }],
    }),
  ),
);
const slo = parseSlo('p95 < 100ms');
const simulate = (declaration: unknown) =>
  time(() => runSimulation({ arrivals: trace.arrivals, policy: createPolicy(policySchema.parse(declaration), { cluster, serviceModel: model }), serviceModel: model, cluster, slo, pricePerHour: 0.05 }));

const [fixed, fixedSeconds] = simulate({ kind: 'fixed', replicas: 6 });
const [hpa, hpaSeconds] = simulate({
  kind: 'hpa',
  spec: { minReplicas: 2, maxReplicas: 12, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } }] },
});

const seconds = trace.arrivals.length;
write(`bench:simulate — ${days} days at 1 s resolution: ${seconds.toLocaleString('en')} seconds, ${Math.round(fixed.summary.requests).toLocaleString('en')} requests\n`);
write(`  trace generation            ${traceSeconds.toFixed(2)} s\n`);
write(`  fixed fleet of 6            ${fixedSeconds.toFixed(2)} s\n`);
write(`  HPA on CPU (every 15 s)     ${hpaSeconds.toFixed(2)} s   (${(seconds / hpaSeconds / 1e6).toFixed(2)} M simulated s per s; ${hpa.summary.scaleEvents.up + hpa.summary.scaleEvents.down} scale events)\n`);
write(`  HPA / fixed                 ${(hpaSeconds / fixedSeconds).toFixed(2)}x\n`);
write(`goal: the HPA simulation in ≤ 5 s: ${hpaSeconds <= 5 ? 'met' : 'NOT met'} on this run\n`);

// ---- the planner ----------------------------------------------------------------------------------------

function planOptions(planTrace: LoadTrace, search: 'pruned' | 'exhaustive'): PlanOptions {
  return {
  trace: planTrace,
  instance: { summary: { name: 'cpu-small', kind: 'cpu', pricePerHour: 0.048, currency: 'USD', calibration: null, requests: { cpu: '1' } }, serviceModel: model },
  cluster,
  slo: parseSlo('p95 < 100ms', '99%'),
  metrics: ['cpu', 'rps'],
  workers: 2,
  search,
  manifest: { name: 'infercap', image: 'infercap:latest' },
  };
}

function benchTrace(traceDays: number): LoadTrace {
  return generateSyntheticTrace(
    syntheticTraceSchema.parse({
      duration: `${traceDays}d`,
      seed: 87,
      startTime: '2024-01-01T00:00:00Z',
      baseRps: 230,
      components: [{ diurnal: { amplitude: 170, peakHour: 14 } }, { weekend: { factor: 0.7 } }, { spike: { at: '3d', duration: '10m', factor: 1.6 } }, { noise: { kind: 'gaussian', relative: 0.05 } }],
    }),
  );
}

/** In a child process of its own, so that its peak RSS is the plan's alone (trace included). */
async function planChild(traceDays: number): Promise<void> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const { results } = await runPlan(planOptions(benchTrace(traceDays), 'pruned'));
  const used = process.cpuUsage(cpu);
  process.stdout.write(
    `${JSON.stringify({
      wallSeconds: (performance.now() - started) / 1000,
      cpuSeconds: (used.user + used.system) / 1e6,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      policies: results.candidates.length + results.search.pruned.length,
      complete: results.candidates.length,
      pruned: results.search.pruned.length,
      shared: results.search.shared,
      recommended: results.recommended?.label ?? null,
    })}\n`,
  );
}

const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], { env: { ...process.env, BENCH_PLAN_CHILD: '1' }, encoding: 'utf8', maxBuffer: 1 << 20 });
if (child.status !== 0) throw new Error(`the plan's child process failed: ${child.stderr}`);
const plan = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { wallSeconds: number; cpuSeconds: number; maxRssMb: number; policies: number; complete: number; pruned: number; shared: number; recommended: string | null };
write(`plan over the same ${days} days (trace generated in the plan's process; metrics cpu,rps; 2 worker threads; load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores)\n`);
write(`  wall time                   ${plan.wallSeconds.toFixed(1)} s   (CPU ${plan.cpuSeconds.toFixed(1)} s: ${(plan.cpuSeconds / 2).toFixed(1)} s on 2 free cores)\n`);
write(`  peak RSS                    ${plan.maxRssMb.toFixed(0)} MB\n`);
write(`  policies                    ${plan.policies} (+2 fixed fleets): ${plan.complete} evaluated to the end, ${plan.pruned} stopped early; ${plan.shared} of the ${plan.policies} not simulated, sharing a twin's evaluation\n`);
write(`  recommended                 ${plan.recommended}\n`);
write(`goal: plan in ≤ 30 s on 2 cores using ≤ 1 GB: ${plan.wallSeconds <= 30 && plan.maxRssMb <= 1024 ? 'met' : 'NOT met'} on this run (wall time); ${plan.cpuSeconds / 2 <= 30 ? 'met' : 'NOT met'} by CPU time\n`);

const agreeDays = Number(process.env.BENCH_AGREE_DAYS ?? 7);
const agreeTrace = benchTrace(agreeDays);
const timed = async (search: 'pruned' | 'exhaustive') => {
  const started = performance.now();
  const { results } = await runPlan(planOptions(agreeTrace, search));
  return { results, seconds: (performance.now() - started) / 1000 };
};
const exhaustive = await timed('exhaustive');
const pruned = await timed('pruned');
const same = (a: PlanResults, b: PlanResults) => JSON.stringify({ ...a.recommended, reasons: [] }) === JSON.stringify({ ...b.recommended, reasons: [] }) && a.hpaYaml === b.hpaYaml;
write(`exhaustive vs pruned over ${agreeDays} days\n`);
write(`  exhaustive grid             ${exhaustive.seconds.toFixed(1)} s, ${exhaustive.results.candidates.length} policies simulated to the end\n`);
write(`  pruned                      ${pruned.seconds.toFixed(1)} s, ${pruned.results.candidates.length} evaluated to the end, ${pruned.results.search.pruned.length} stopped early; ${pruned.results.search.shared} shared a twin's\n`);
write(`  recommendation              ${same(exhaustive.results, pruned.results) ? 'identical' : 'DIFFERENT'}: ${pruned.results.recommended?.label ?? 'none'}\n`);

// npm run bench:simulate — the simulator's speed goal: an 87-day trace at 1 s resolution (about 7.5 million
// seconds) under one HPA policy in at most 5 s. Prints the time of the trace generation, of a fixed fleet
// and of an HPA on CPU over the same trace, side by side in one run, and the HPA's seconds simulated per second.

import { clusterConfigSchema } from '../simulator/cluster/clusterConfig.ts';
import { createPolicy, policySchema } from '../simulator/policy/policyRegistry.ts';
import { serviceModel } from '../simulator/service/serviceModel.ts';
import { runSimulation } from '../simulator/simulate/runSimulation.ts';
import { parseSlo } from '../simulator/simulate/sloExpression.ts';
import { generateSyntheticTrace } from '../simulator/trace/syntheticTrace.ts';
import { syntheticTraceSchema } from '../simulator/trace/syntheticSchema.ts';

const days = Number(process.env.BENCH_DAYS ?? 87);
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
const model = serviceModel({ capacity: 100, queueLimit: 100, serviceTimeMs: { mean: 9, p50: 8, p95: 15, p99: 25 } });
const cluster = clusterConfigSchema.parse({});
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

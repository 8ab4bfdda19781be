// The capacity plan: size a fixed fleet for the trace's peak and 99th-percentile load, search the HPA
// grid in worker threads, mark the cost vs attainment Pareto frontier, recommend, and assemble the results.
// The search is pruned by default (pruningBounds.ts): a policy stops once it provably cannot be the
// recommendation, so the recommendation is the exhaustive grid's; policies are tried in the order a
// one-day pilot around the peak suggests (searchOrder.ts), so the cheapest is found, and prunes, early.

import { sloUnreachable } from '../../common/errors.ts';
import type { ClusterConfig } from '../cluster/clusterConfig.ts';
import { createPolicy, type PolicyDeclaration } from '../policy/policyRegistry.ts';
import type { HpaPolicyDeclaration } from '../policy/hpaPolicySchema.ts';
import type { InstanceProfile } from '../simulate/instanceProfile.ts';
import { runSimulation } from '../simulate/runSimulation.ts';
import { clusterSummary, serviceModelSummary } from '../simulate/simulate.ts';
import type { Series, Slo } from '../simulate/simulationResults.ts';
import type { LoadTrace } from '../trace/loadTrace.ts';
import { quantileOf, summarizeTrace } from '../trace/traceSummary.ts';
import { candidateLabel, candidatePolicy, candidateSettings, defaultTargets, type GridOptions, type PlanMetric } from './candidateGrid.ts';
import { EvaluationPool } from './evaluateInWorkers.ts';
import { orderByPilot, pilotWindow } from './searchOrder.ts';
import { scaleUpFollowers } from './scaleUpFollowers.ts';
import { pruningBounds } from './pruningBounds.ts';
import { SharedBest } from './sharedBest.ts';
import { minReplicasForLoad } from './fixedFleetSizing.ts';
import { hpaManifest, manifestsYaml, type ManifestOptions } from './kubernetesManifests.ts';
import { paretoFrontier } from './paretoFrontier.ts';
import { outcomeOf, type Evaluation, type EvaluationJob, type EvaluationSetting, type Pruning } from './policyEvaluation.ts';
import { envelopeOf } from '../../harness/results/resultsEnvelope.ts';
import { planSchemaVersion, type Candidate, type FixedFleetOption, type PlanResults } from './planResults.ts';
import { recommend } from './recommendation.ts';

export interface PlanOptions {
  readonly trace: LoadTrace;
  readonly instance: InstanceProfile;
  readonly cluster: ClusterConfig;
  readonly slo: Slo;
  readonly metrics: readonly PlanMetric[];
  readonly targets?: Partial<Record<PlanMetric, readonly number[]>>;
  /** Grid overrides; by default derived from the fixed-fleet sizes. */
  readonly minReplicas?: readonly number[];
  readonly maxReplicas?: number;
  readonly scaleDownWindows?: readonly number[];
  readonly workers: number;
  readonly manifest: Omit<ManifestOptions, 'replicas' | 'instance'>;
  readonly maxPoints?: number;
  /** `pruned` (default): stop a policy once it cannot be the recommendation; `exhaustive`: evaluate every policy to the end. */
  readonly search?: SearchMethod;
  readonly onProgress?: (done: number, total: number) => void;
}

export type SearchMethod = 'pruned' | 'exhaustive';

export interface PlanOutput {
  readonly results: PlanResults;
  /** The recommended HPA declaration (quantities in milli-units), when the recommendation is an HPA. */
  readonly recommendedPolicy: HpaPolicyDeclaration | undefined;
}

export async function runPlan(options: PlanOptions): Promise<PlanOutput> {
  const started = performance.now();
  const { trace, instance, cluster, slo } = options;
  const model = instance.serviceModel;
  const traceSummary = summarizeTrace(trace);
  const sizeFor = (load: number) => {
    const replicas = minReplicasForLoad(model, load, slo);
    if (replicas === undefined) throw sloUnreachable(slo.text, model.serviceTimeMs[slo.percentile], slo.percentile);
    return replicas;
  };
  const peakReplicas = sizeFor(traceSummary.peakRps);
  const p99Replicas = sizeFor(traceSummary.p99Rps);
  const troughReplicas = sizeFor(quantileOf(trace.arrivals, 0.1));

  const maxReplicas = options.maxReplicas ?? Math.max(peakReplicas + 2, 2 * peakReplicas);
  const grid: GridOptions = {
    metrics: options.metrics,
    ...(options.targets === undefined ? {} : { targets: options.targets }),
    minReplicas: options.minReplicas ?? [...new Set([1, troughReplicas, Math.max(1, Math.ceil(p99Replicas / 2))])].sort((a, b) => a - b),
    maxReplicas,
    scaleDownWindows: options.scaleDownWindows ?? [60, 300],
    scaleUp: [
      { windowSeconds: 0, pods: 4, percent: 100, periodSeconds: 15 },
      { windowSeconds: 0, pods: Math.max(4, peakReplicas), percent: 200, periodSeconds: 15 },
    ],
  };
  const settings = candidateSettings(grid, defaultTargets(model.capacity, model.serviceTimeMs.mean, slo.thresholdMs));
  const serviceName = options.manifest.name;
  const jobs: EvaluationJob[] = [
    { id: 'fixed-peak', declaration: { kind: 'fixed', replicas: peakReplicas }, complete: true },
    { id: 'fixed-p99', declaration: { kind: 'fixed', replicas: p99Replicas }, complete: true },
    ...settings.map((s, i) => ({ id: `c${i}`, declaration: candidatePolicy(s, serviceName) as PolicyDeclaration })),
  ];
  const maxPoints = options.maxPoints ?? 2000;
  const setting: EvaluationSetting = { serviceModel: model, cluster, slo, pricePerHour: instance.summary.pricePerHour, maxPoints };
  const method = options.search ?? 'pruned';
  const pruning: Pruning | undefined =
    method === 'pruned' ? { bounds: pruningBounds(trace.arrivals, model, slo, settings.map((s) => Math.max(1, s.minReplicas))), best: new SharedBest() } : undefined;
  const pool = new EvaluationPool(trace.arrivals, setting, Math.max(1, Math.min(options.workers, jobs.length)), pruning);
  const evaluations = new Map<string, Evaluation>();
  let pilotSeconds = 0;
  let shared = 0;
  try {
    // A policy differing from another only by looser scale-up rules follows it (scaleUpFollowers.ts).
    const followers = pruning === undefined ? new Map<string, EvaluationJob[]>() : scaleUpFollowers(settings, jobs.slice(2));
    const following = new Set([...followers.values()].flat().map((job) => job.id));
    let ordered = jobs.filter((job) => !following.has(job.id));
    if (pruning !== undefined) {
      const pilot = pilotWindow(trace.arrivals);
      if (pilot !== undefined) {
        pilotSeconds = pilot[1] - pilot[0];
        const pilots = await pool.run(ordered.slice(2).map((job) => ({ ...job, window: pilot })));
        ordered = [...ordered.slice(0, 2), ...orderByPilot(ordered.slice(2), pilots)];
      }
    }
    let done = 0;
    const settle = (evaluation: Evaluation) => {
      evaluations.set(evaluation.id, evaluation);
      options.onProgress?.(++done, jobs.length);
    };
    await pool.run(ordered, (evaluation) => {
      settle(evaluation);
      const next = followers.get(evaluation.id) ?? [];
      if (evaluation.scaleUpLimited) return next;
      for (const follower of next) settle({ ...evaluation, id: follower.id });
      shared += next.length;
      return [];
    });
  } finally {
    await pool.close();
  }

  const fixedOption = (id: string, loadRps: number, replicas: number): FixedFleetOption => ({ loadRps, replicas, outcome: outcomeOf(evaluations.get(id)!.summary) });
  const fixedFleet = { atPeak: fixedOption('fixed-peak', traceSummary.peakRps, peakReplicas), atP99: fixedOption('fixed-p99', traceSummary.p99Rps, p99Replicas) };
  const complete = settings.map((s, i) => ({ s, i, evaluation: evaluations.get(`c${i}`)! })).filter(({ evaluation }) => evaluation.pruned === undefined);
  const outcomes = complete.map(({ evaluation }) => outcomeOf(evaluation.summary));
  const pareto = paretoFrontier(outcomes.map((o) => ({ cost: o.cost, attainment: o.attainment.requests })));
  const candidates: Candidate[] = complete.map(({ s, i }, k) => ({
    id: `c${i}`,
    label: candidateLabel(s),
    settings: s,
    spec: (jobs[i + 2]!.declaration as HpaPolicyDeclaration).spec,
    outcome: outcomes[k]!,
    pareto: pareto[k]!,
  }));
  const pruned = settings.flatMap((s, i) => {
    const p = evaluations.get(`c${i}`)!.pruned;
    return p === undefined ? [] : [{ id: `c${i}`, label: candidateLabel(s), reason: p.reason, atSecond: p.atSecond }];
  });
  const recommended = recommend(candidates, fixedFleet, slo, instance.summary.currency, pruned.length);
  const notes: string[] = [];
  if (recommended === null) notes.push(`no policy met ${slo.text} for ${(slo.objective * 100).toFixed(2)} % of requests; widen the search (--max-replicas, --targets) or relax the SLO`);
  if (!fixedFleet.atPeak.outcome.meetsSlo)
    notes.push(`even the fixed fleet sized for the peak misses the SLO over the trace (${(fixedFleet.atPeak.outcome.attainment.requests * 100).toFixed(2)} % of requests): load changes faster than the steady-state sizing assumes`);

  // Series were kept by each full evaluation; with --max-points 0 none were, and these two are simulated again.
  const seriesOf = (job: EvaluationJob): Series =>
    evaluations.get(job.id)!.series ?? runSimulation({ arrivals: trace.arrivals, policy: createPolicy(job.declaration, { cluster, serviceModel: model }), ...setting }).series!;
  const recommendedJob = recommended === null ? undefined : jobs.find((job) => job.id === recommended.candidateId);
  const recommendedPolicy = recommended?.kind === 'hpa' ? (recommendedJob!.declaration as HpaPolicyDeclaration) : undefined;
  const manifest: ManifestOptions = { ...options.manifest, replicas: recommendedPolicy?.spec.minReplicas ?? peakReplicas, instance: instance.summary };

  const results: PlanResults = {
    ...envelopeOf('plan', planSchemaVersion),
    trace: traceSummary,
    slo,
    instance: instance.summary,
    serviceModel: serviceModelSummary(model),
    cluster: clusterSummary(cluster, grid.minReplicas[0] ?? 1),
    fixedFleet,
    search: {
      method: method === 'pruned' ? 'pruned-grid' : 'grid',
      evaluated: jobs.length,
      workers: Math.max(1, Math.min(options.workers, jobs.length)),
      elapsedMs: 0,
      pilotSeconds,
      shared,
      pruned,
    },
    candidates,
    recommended,
    series: {
      recommended: recommendedJob === undefined ? null : seriesOf(recommendedJob),
      fixedFleet: seriesOf(jobs[0]!),
    },
    hpaYaml: recommendedPolicy === undefined ? null : manifestsYaml([hpaManifest(manifest, recommendedPolicy.spec)]),
    notes,
  };
  results.search.elapsedMs = performance.now() - started;
  return { results, recommendedPolicy };
}

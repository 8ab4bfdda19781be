// Several models behind one target (a scenario's `workload.mix`): each request goes to the inference path
// of the model a seeded weighted choice picks, and its outcome says which model it was for.

import { createRng } from '../../common/prng.ts';

/** Where one model's requests go on the target's origin, and what they carry. */
export interface ModelRoute {
  /** `name` or `name:version`, as results split by it. */
  readonly name: string;
  /** The model's inference path on the target's origin, e.g. `/v2/models/a/versions/1/infer`. */
  readonly path: string;
  /** Headers this model's requests carry besides the run's (e.g. binary tensor data's header length). */
  readonly headers?: Readonly<Record<string, string>>;
  /** The body of this model's next request, called once per request actually sent. */
  readonly nextBody: () => string | Buffer;
}

/** The models of a mix and how often each is picked. */
export interface ModelRoutes {
  readonly routes: readonly ModelRoute[];
  /** Relative weights, one per route, all positive. */
  readonly weights: readonly number[];
}

/**
 * A seeded weighted choice among `weights.length` models: each call returns the next index, index i with
 * probability weights[i] / Σ weights. The same weights and seed give the same sequence on every run, so
 * a mix's per-model counts are known in advance (tests compare them with what the server counted).
 */
export function weightedChooser(weights: readonly number[], seed: number): () => number {
  if (weights.length === 0 || !weights.every((weight) => weight > 0 && Number.isFinite(weight))) {
    throw new RangeError(`invalid weights: [${weights.join(', ')}]`);
  }
  if (weights.length === 1) return () => 0;
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const bounds = weights.map((_, i) => weights.slice(0, i + 1).reduce((sum, weight) => sum + weight, 0) / total);
  const rng = createRng(seed);
  return () => {
    const draw = rng.next();
    const index = bounds.findIndex((bound) => draw < bound);
    // Rounding may leave the last bound a hair under 1.
    return index === -1 ? bounds.length - 1 : index;
  };
}

/**
 * The chooser's seed for a phase seeded `phaseSeed`: apart from the Poisson arrivals' (which use the phase
 * seed itself), so a mix does not correlate which model a request goes to with when it is sent.
 */
export function mixSeed(phaseSeed: number): number {
  return (Math.imul(phaseSeed, 0x9e3779b1) ^ 0x5bd1e995) >>> 0;
}

/** A mix as the loops take it: the routes, and the choice of each request's model. */
export interface RequestMix {
  readonly routes: readonly ModelRoute[];
  /** The model of the next request: called once per request, as it comes due (open loop) or is sent (closed loop). */
  readonly pick: () => number;
}

/** What the loops send: bodies from `nextBody` to their URL, or a mix of models on their URL's origin. */
export type RequestSource =
  | { readonly nextBody: () => string | Buffer; readonly mix?: undefined }
  | { readonly mix: RequestMix; readonly nextBody?: undefined };

/** The loops' one view of either source: the pool's routes, the next model, a model's next body. */
export function requestsOf(source: RequestSource) {
  const { mix, nextBody } = source;
  if (mix === undefined) return { routes: undefined, pick: () => 0, bodyOf: (_model: number) => nextBody!() };
  return { routes: mix.routes, pick: mix.pick, bodyOf: (model: number) => mix.routes[model]!.nextBody() };
}

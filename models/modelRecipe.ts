// The interface of a built-in model's recipe: its identity and how its weights are obtained.

import type { LabelledRows } from './labelledRows.ts';
import type { Mlp } from './mlp.ts';

/** How the weights were obtained, as written into the model's metadata. */
export interface TrainingSummary {
  /** One sentence: what was trained, on what, with which optimiser. */
  readonly method: string;
  readonly trainRows: number;
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly augmentation: string | null;
}

/** Overrides for tests: fewer epochs give a worse but equally deterministic model, faster. */
export interface RecipeOptions {
  readonly epochs?: number;
}

/** A built-in model: an MLP over the 784 MNIST pixels, trained deterministically from `seed`. */
export interface ModelRecipe {
  readonly name: string;
  readonly description: string;
  readonly seed: number;
  /** Layer widths, input first. */
  readonly layers: readonly number[];
  /** Trains (or otherwise fixes) the weights on the train split. */
  train(train: LabelledRows, options?: RecipeOptions): Promise<{ mlp: Mlp; training: TrainingSummary }>;
}

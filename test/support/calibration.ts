// A calibration as `infercap sweep` writes it, for tests that need one: the envelope and the fields no test
// varies filled in, the figures each test is about given.

import { envelopeOf } from '../../harness/results/resultsEnvelope.ts';
import { calibrationSchemaVersion, type Calibration } from '../../harness/results/sweepResults.ts';

type Figures = Pick<Calibration, 'maxSustainableThroughput' | 'peakThroughput' | 'serviceTimeMs' | 'curve'>;

export function testCalibration(figures: Figures & Partial<Calibration>): Calibration {
  return { ...envelopeOf('calibration', calibrationSchemaVersion), model: 'mnist-mlp', measuredAt: '2026-01-01T00:00:00.000Z', p99BudgetMs: 100, ...figures };
}

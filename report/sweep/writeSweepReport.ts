// Writes the report of a sweep or a calibration: outDir/index.html and outDir/charts/<chart>.vl.json
// + .data.json, as the run report does.

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Calibration } from '../../harness/sweep/calibration.ts';
import type { SweepResult } from '../../harness/sweep/runSweep.ts';
import { writeCharts } from '../writeCharts.ts';
import { curveOfCalibration, curveOfSweep } from './latencyCurve.ts';
import { sweepCharts } from './sweepCharts.ts';
import { calibrationFileSchema, sweepFileSchema, type CalibrationFile, type SweepFile } from '../../harness/results/sweepResults.ts';
import { calibrationReportPage, sweepReportPage } from './sweepPage.ts';

/** Writes the report of `sweep` (as `runSweep` returns it, or read back) into `outDir` (created if needed); returns its index.html. */
export async function writeSweepReport(result: SweepResult | SweepFile, outDir: string): Promise<string> {
  const sweep = sweepFileSchema.parse(result);
  const curve = curveOfSweep(sweep);
  const rendered = await writeCharts(sweepCharts(curve), outDir);
  const page = join(outDir, 'index.html');
  await writeFile(page, sweepReportPage(sweep, curve, rendered));
  return page;
}

/** Writes the report of `calibration` (as `calibrationOf` returns it, or read back) into `outDir` (created if needed); returns its index.html. */
export async function writeCalibrationReport(result: Calibration | CalibrationFile, outDir: string): Promise<string> {
  const calibration = calibrationFileSchema.parse(result);
  const curve = curveOfCalibration(calibration);
  const rendered = await writeCharts(sweepCharts(curve), outDir);
  const page = join(outDir, 'index.html');
  await writeFile(page, calibrationReportPage(calibration, curve, rendered));
  return page;
}

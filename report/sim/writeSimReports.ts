// Writes the simulation and capacity-plan reports: outDir/index.html, outDir/charts/<chart>.vl.json
// + .data.json, and for a plan the recommended HPA manifest as outDir/hpa.yaml.

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PlanResults } from '../../simulator/plan/planResults.ts';
import type { SimulationResults } from '../../simulator/simulate/simulationResults.ts';
import { writeCharts } from '../writeCharts.ts';
import { planCharts, planReportPage } from './planPage.ts';
import { simulationCharts, simulationReportPage } from './simulationPage.ts';

/** Writes the report of `simulation` into `outDir` (created if needed); returns its index.html. */
export async function writeSimulationReport(simulation: SimulationResults, outDir: string): Promise<string> {
  const rendered = await writeCharts(simulationCharts(simulation), outDir);
  const page = join(outDir, 'index.html');
  await writeFile(page, simulationReportPage(simulation, rendered));
  return page;
}

/** Writes the capacity-plan report of `plan` into `outDir` (created if needed); returns its index.html. */
export async function writePlanReport(plan: PlanResults, outDir: string): Promise<string> {
  const rendered = await writeCharts(planCharts(plan), outDir);
  if (plan.hpaYaml !== null) await writeFile(join(outDir, 'hpa.yaml'), plan.hpaYaml);
  const page = join(outDir, 'index.html');
  await writeFile(page, planReportPage(plan, rendered));
  return page;
}

// The trace files a scenario's trace phases replay, carried beside the scenario in the ConfigMap of a run on
// Kubernetes (the pods see only what is mounted): each phase's trace under its own key, the scenario's
// `trace:` pointing at it, and a trace YAML's CSV carried too with the YAML's `file:` pointing at it.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { k8sTraceFilesTooLarge } from '../../common/errors.ts';
import type { Scenario } from '../scenario/scenarioSchema.ts';

/** A ConfigMap holds at most 1 MiB (etcd's limit); the scenario itself takes a few KB of it. */
const configMapLimitBytes = 1024 * 1024 - 16 * 1024;

/** The scenario's text with its trace phases pointed at the carried files, and those files by ConfigMap key. */
export function carryTraceFiles(scenario: Scenario, scenarioYaml: string): { scenarioYaml: string; files: Record<string, string> } {
  const files: Record<string, string> = {};
  const doc = parseDocument(scenarioYaml);
  scenario.phases.forEach((phase, index) => {
    if (phase.kind !== 'trace') return;
    const extension = path.extname(phase.file).toLowerCase();
    const key = `trace-${index + 1}${extension}`;
    const text = readFileSync(phase.file, 'utf8');
    if (extension === '.csv') {
      files[key] = text;
    } else {
      const declaration = parseDocument(text);
      const csv = declaration.get('file');
      if (typeof csv === 'string') {
        const dataKey = `trace-${index + 1}-data${path.extname(csv).toLowerCase()}`;
        files[dataKey] = readFileSync(path.resolve(path.dirname(phase.file), csv), 'utf8');
        declaration.set('file', dataKey);
        files[key] = declaration.toString({ lineWidth: 0 });
      } else {
        files[key] = text;
      }
    }
    doc.setIn(['phases', index, 'trace'], key);
  });
  const bytes = Object.values(files).reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  if (bytes > configMapLimitBytes) {
    throw k8sTraceFilesTooLarge((bytes / 1024 / 1024).toFixed(1));
  }
  return { scenarioYaml: Object.keys(files).length === 0 ? scenarioYaml : doc.toString({ lineWidth: 0 }), files };
}

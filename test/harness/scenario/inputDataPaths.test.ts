// A workload's inputData is found from the scenario file's folder, in the scenario and in each variant,
// and a YAML scenario spelling out per-input specs loads into exactly those specs.

import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseScenario } from '../../../harness/scenario/loadScenario.ts';

const scenario = (workload: string, variants = '') =>
  `name: t\ntarget: { url: "http://127.0.0.1:1" }\nworkload:\n${workload}\n${variants}phases:\n  - { kind: open, rate: 1, duration: 1s }\n`;

describe('inputData paths', () => {
  it('are resolved from the scenario file, for the scenario and for each variant', () => {
    const loaded = parseScenario(
      scenario('  model: tokens\n  inputData: data/steps.json', 'variants:\n  - { name: a }\n  - { name: b, workload: { inputData: /abs/npy } }\n  - { name: c, workload: { inputData: other.json } }\n'),
      '/scenarios/team/s.yaml',
    );
    assert.equal(loaded.workload.inputData, path.resolve('/scenarios/team/data/steps.json'));
    assert.deepEqual(loaded.variants?.map((variant) => variant.workload?.inputData), [undefined, '/abs/npy', path.resolve('/scenarios/team/other.json')]);
    assert.ok(Object.isFrozen(loaded.workload));
  });

  it('leave a scenario without inputData as parsed, and per-input specs load as written', () => {
    const loaded = parseScenario(
      scenario('  model: conv\n  rows: 2\n  inputs:\n    image: { shape: [3, 224, 224], random: { distribution: normal, mean: 0, stddev: 1 } }\n    scale: { constant: 7 }\n    step: { sequence: { start: 5 } }\n    bias: zeros'),
      's.yaml',
    );
    assert.deepEqual(loaded.workload.inputs, {
      image: { shape: [3, 224, 224], random: { distribution: 'normal', mean: 0, stddev: 1 } },
      scale: { constant: 7 },
      step: { sequence: { start: 5, step: 1 } },
      bias: 'zeros',
    });
    assert.equal(loaded.workload.inputData, undefined);
  });
});

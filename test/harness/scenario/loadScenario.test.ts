import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import {
  loadScenario,
  parseScenario,
  resolveScenarioPath,
  scenariosDir,
  shippedScenarioNames,
} from '../../../harness/scenario/loadScenario.ts';

// A valid scenario, line by line, so that tests can break one line and name it.
const valid = [
  'name: t', //                          1
  'target:', //                          2
  '  reference:', //                     3
  '    models: [mnist-mlp]', //          4
  'workload:', //                        5
  '  model: mnist-mlp', //               6
  'phases:', //                          7
  '  - kind: open', //                   8
  '    rate: 10', //                     9
  '    duration: 1s', //                10
  'thresholds:', //                     11
  '  latency: ["p(95) < 50ms"]', //     12
].join('\n');

/** The message of the error that parsing `text` throws; fails the test when it does not throw. */
function errorOf(text: string, fileName = 'bad.yaml'): string {
  try {
    parseScenario(text, fileName);
  } catch (error) {
    assert.equal((error as { code?: string }).code, 'E_INVALID_CONFIG');
    assert.equal((error as { exitCode?: number }).exitCode, 2);
    return (error as Error).message;
  }
  assert.fail('expected the scenario to be rejected');
}

const replaceLine = (line: number, text: string) => valid.split('\n').map((l, i) => (i === line - 1 ? text : l)).join('\n');

const tempDir = mkdtempSync(path.join(tmpdir(), 'infercap-scenario-'));
after(() => rmSync(tempDir, { recursive: true, force: true }));

describe('loadScenario', () => {
  it('loads every shipped scenario', () => {
    const names = shippedScenarioNames();
    assert.deepEqual(names, ['batching-on-off', 'cache-hit-ratio', 'fp32-vs-int8', 'ramp', 'saturation', 'smoke', 'spike', 'steady', 'trace-replay']);
    for (const name of names) {
      const scenario = loadScenario(resolveScenarioPath(name));
      assert.equal(scenario.name, name);
    }
  });

  it('ships a smoke scenario of at most 15 s on mnist-mlp with every phase kind but pause', () => {
    const smoke = loadScenario(resolveScenarioPath('smoke'));
    const totalMs = smoke.phases.reduce((sum, phase) => sum + phase.duration, 0);
    assert.ok(totalMs <= 15_000, `smoke lasts ${totalMs} ms`);
    assert.deepEqual(smoke.target, { reference: { models: ['mnist-mlp'] } });
    assert.deepEqual(
      smoke.phases.map((phase) => [phase.kind, phase.kind === 'pause' ? false : phase.warmup]),
      [['open', true], ['open', false], ['closed', false]],
    );
    assert.deepEqual(
      smoke.thresholds.map((threshold) => threshold.metric),
      ['latency', 'latency', 'error_rate', 'throughput', 'dropped'],
    );
  });

  it('fills the defaults and converts durations to ms', () => {
    const scenario = parseScenario(valid, 'ok.yaml');
    assert.deepEqual(scenario, {
      name: 't',
      target: { reference: { models: ['mnist-mlp'] } },
      workload: { model: 'mnist-mlp', rows: 1, seed: 1, repeatRatio: 0, encoding: 'json', timeout: 10_000 },
      phases: [{ name: 'phase-1', kind: 'open', rate: 10, arrivals: 'constant', duration: 1_000, warmup: false }],
      thresholds: [{ metric: 'latency', statistic: 'p(95)', percentile: 95, operator: '<', value: 50, source: 'p(95) < 50ms' }],
    });
  });

  it('freezes the result all the way down', () => {
    const scenario = parseScenario(valid, 'ok.yaml');
    for (const part of [scenario, scenario.target, scenario.workload, scenario.phases, scenario.phases[0], scenario.thresholds[0]]) {
      assert.ok(Object.isFrozen(part));
    }
    assert.throws(() => {
      (scenario.workload as { rows: number }).rows = 2;
    }, TypeError);
  });

  it('reads JSON by extension, with lines for its errors too', () => {
    const json = JSON.stringify(
      { name: 'j', target: { url: 'http://127.0.0.1:8000' }, workload: { model: 'm' }, phases: [{ kind: 'closed', connections: 2, duration: '1s' }] },
      null,
      2,
    );
    assert.equal(parseScenario(json, 'ok.json').phases[0]!.name, 'phase-1');
    const file = path.join(tempDir, 'scenario.json');
    writeFileSync(file, json.replace('"connections": 2', '"connections": 0'));
    assert.throws(() => loadScenario(file), { message: `${file}:12: phases[0].connections: must be at least 1` });
    assert.equal(errorOf('{"name": "j",\n "name": "k"}', 'dup.json'), 'dup.json:2: JSON syntax: Map keys must be unique');
  });

  it('accepts $schema in JSON files and leaves it out of the result', () => {
    const scenario = parseScenario(
      JSON.stringify({ $schema: './schema.json', name: 'j', target: { url: 'http://h:1' }, workload: { model: 'm' }, phases: [{ kind: 'pause', duration: '1s' }, { kind: 'closed', connections: 1, duration: '1s' }] }),
      'ok.json',
    );
    assert.equal('$schema' in scenario, false);
  });

  it('reports an unknown key at its own line, with the likely fix', () => {
    assert.equal(
      errorOf(replaceLine(6, '  modle: mnist-mlp')),
      'bad.yaml:5: workload.model: is required: the model every request goes to (or mix: several models with weights)\n' +
        'bad.yaml:6: workload.modle: unknown key; did you mean "model"? (allowed here: model, version, mix, rows, inputs, inputData, seed, repeatRatio, encoding, timeout)',
    );
    assert.equal(
      errorOf(replaceLine(9, '    rate: 10\n    rampto: 20')),
      'bad.yaml:10: phases[0].rampto: unknown key; did you mean "rampTo"? (allowed here: name, kind, rate, rampTo, arrivals, duration, warmup)',
    );
    assert.equal(
      errorOf(replaceLine(4, '    models: [mnist-mlp]\n    maxBatchSise: 8')),
      'bad.yaml:5: target.reference.maxBatchSise: unknown key; did you mean "maxBatchSize"? (allowed here: models, defaultVersions, ' +
        'executionProvider, intraOpThreads, interOpThreads, allowSpinning, modelInstances, slowdown, batching, maxBatchSize, maxQueueDelayMs, ' +
        'maxQueueSize, queueTimeoutMs, cache, cacheMaxEntries, cacheMaxBytes, cacheTtlMs, redisUrl, bodyLimitBytes, maxJsonDepth, ' +
        'maxTensorElements, headersTimeoutMs, requestTimeoutMs, apiKey, apiKeysFile, rateLimit, rateBurst, drainTimeoutMs)',
    );
  });

  it('reports a bad duration at its line', () => {
    assert.equal(
      errorOf(replaceLine(10, '    duration: 30 seconds')),
      'bad.yaml:10: phases[0].duration: "30 seconds" is not a duration; write a number and a unit: ms, s, m or h (e.g. 500ms, 30s, 2m, 1h)',
    );
    assert.equal(errorOf(replaceLine(10, '    duration: 0s')), 'bad.yaml:10: phases[0].duration: "0s" must be longer than 0');
  });

  it('reports an unknown threshold metric and a malformed expression', () => {
    assert.equal(
      errorOf(replaceLine(12, '  latency: ["p(95) < 50ms"]\n  errors: ["< 1%"]')),
      'bad.yaml:13: thresholds.errors: unknown metric (allowed here: latency, error_rate, throughput, dropped)',
    );
    assert.equal(
      errorOf(replaceLine(12, '  error-rate: ["< 1%"]')),
      'bad.yaml:12: thresholds.error-rate: unknown metric; did you mean "error_rate"? (allowed here: latency, error_rate, throughput, dropped)',
    );
    assert.equal(
      errorOf(replaceLine(12, '  latency:\n    - "p(95) < 50ms"\n    - "p(99) < 50"')),
      'bad.yaml:14: thresholds.latency[1]: "p(99) < 50": latency needs a unit after 50: ms, s or us, e.g. "p(95) < 50ms"',
    );
  });

  it('reports a missing field at the line of its parent', () => {
    assert.equal(errorOf(replaceLine(6, '  rows: 2')), 'bad.yaml:5: workload.model: is required: the model every request goes to (or mix: several models with weights)');
    assert.equal(errorOf(valid.replace('name: t\n', '')), 'bad.yaml:1: name: is required (a string)');
    assert.equal(errorOf(replaceLine(8, '  - name: first').replace('    rate: 10\n', '')), 'bad.yaml:8: phases[0].kind: is required (one of open, closed, pause, trace)');
  });

  it('refuses a target with both url and reference, or neither', () => {
    assert.equal(
      errorOf(replaceLine(3, '  url: http://127.0.0.1:8000\n  reference:')),
      'bad.yaml:2: target: has both url: and reference:; keep one (url: drives a running server, reference: starts one)',
    );
    assert.equal(
      errorOf(replaceLine(3, '  {}').replace('    models: [mnist-mlp]\n', '')),
      'bad.yaml:2: target: needs url: (a running V2 server) or reference: (options of the reference server the harness starts)',
    );
    assert.equal(
      errorOf(replaceLine(3, '  url: ftp://example.com').replace('    models: [mnist-mlp]\n', '')),
      'bad.yaml:3: target.url: must be an http:// or https:// URL of a KServe V2 server, e.g. http://127.0.0.1:8000',
    );
  });

  it('reports YAML syntax errors at their line', () => {
    assert.equal(errorOf(replaceLine(9, '    rate: 10: 20')), 'bad.yaml:9: YAML syntax: Nested mappings are not allowed in compact mappings');
    assert.equal(errorOf(replaceLine(6, '\tmodel: mnist-mlp')), 'bad.yaml:6: YAML syntax: Tabs are not allowed as indentation');
    assert.equal(errorOf(replaceLine(6, '  model: a\n  model: b')), 'bad.yaml:7: YAML syntax: Map keys must be unique');
  });

  it('reports every problem at once, in line order', () => {
    const text = replaceLine(9, '    rate: -1').replace('  model: mnist-mlp', '  model: mnist-mlp\n  inputs: mnst');
    assert.equal(
      errorOf(text),
      'bad.yaml:7: workload.inputs: must be one of mnist, random, zeros or a mapping of input names to their values, got "mnst"; did you mean "mnist"?\n' +
        'bad.yaml:10: phases[0].rate: must be greater than 0',
    );
  });

  it('names an empty file and a file that is not a mapping', () => {
    assert.equal(errorOf('# nothing here\n'), 'bad.yaml:1: scenario: the file is empty; a scenario needs name, target, workload and phases');
    assert.equal(errorOf('- a\n- b\n'), 'bad.yaml:1: scenario: must be a mapping (key: value), got a list');
  });

  it('says when the file is missing or not a scenario file type', () => {
    const missing = path.join(tempDir, 'nope.yaml');
    assert.throws(() => loadScenario(missing), {
      code: 'E_SCENARIO_NOT_FOUND',
      exitCode: 2,
      message: new RegExp(`^scenario file ${missing} does not exist; give the path of a \\.yaml or \\.json scenario file, or the name of a shipped scenario \\(batching-on-off, .*smoke.*\\)$`),
    });
    assert.throws(() => loadScenario(path.join(tempDir, 'scenario.txt')), {
      code: 'E_INVALID_CONFIG',
      message: `${path.join(tempDir, 'scenario.txt')}: a scenario file is YAML (.yaml, .yml) or JSON (.json); rename it or convert it`,
    });
  });
});

describe('resolveScenarioPath', () => {
  it('finds a bare name in scenarios/ and leaves paths as given', () => {
    assert.equal(resolveScenarioPath('smoke'), path.join(scenariosDir, 'smoke.yaml'));
    assert.equal(resolveScenarioPath('./smoke'), './smoke');
    assert.equal(resolveScenarioPath('my.yaml'), 'my.yaml');
    assert.equal(resolveScenarioPath('dir/smoke.yml'), 'dir/smoke.yml');
  });

  it('lists the shipped scenarios when a name is unknown', () => {
    assert.throws(() => resolveScenarioPath('smok'), {
      code: 'E_SCENARIO_NOT_FOUND',
      exitCode: 2,
      message:
        'there is no shipped scenario "smok"; the shipped ones are batching-on-off, cache-hit-ratio, fp32-vs-int8, ramp, saturation, smoke, spike, steady, trace-replay, or give the path of a scenario file',
    });
  });
});

import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadInstanceProfile } from '../../../simulator/simulate/instanceProfile.ts';
import { parseSlo } from '../../../simulator/simulate/sloExpression.ts';
import { testCalibration } from '../../support/calibration.ts';
import { useTempDir } from '../../support/tempDir.ts';

const temp = useTempDir('infercap-instance');

/** The fields `infercap sweep` writes into a calibration file (harness/sweep/calibration.ts). */
const calibration = testCalibration({
  maxSustainableThroughput: 420,
  peakThroughput: 510,
  serviceTimeMs: { level: 1, mean: 2.5, p50: 2, p90: 3, p95: 4, p99: 6, histogram: '' },
  curve: [],
});

describe('instance profiles', () => {
  it('reads the service model from a calibration file relative to the profile, with the CPU request', () => {
    const dir = path.join(temp.path(), 'profiles');
    mkdirSync(path.join(dir, 'cal'), { recursive: true });
    writeFileSync(path.join(dir, 'cal', 'mlp.json'), JSON.stringify(calibration));
    writeFileSync(path.join(dir, 'cpu.yaml'), 'name: cpu\nkind: cpu\npricePerHour: 0.1\ncalibration: cal/mlp.json\nqueueLimit: 50\nrequests: { cpu: 500m, memory: 1Gi }\n');
    const profile = loadInstanceProfile(path.join(dir, 'cpu.yaml'));
    assert.equal(profile.serviceModel.capacity, 420);
    assert.deepEqual(profile.serviceModel.serviceTimeMs, { mean: 2.5, p50: 2, p95: 4, p99: 6 });
    assert.equal(profile.serviceModel.cpuRequestCores, 0.5);
    assert.equal(profile.serviceModel.cpuSecondsPerRequest, 0.5 / 420);
    assert.equal(profile.serviceModel.queueLimit, 50);
    assert.deepEqual(profile.summary.requests, { cpu: '500m', memory: '1Gi' });
    assert.equal(profile.summary.currency, 'USD');
  });

  it('names the file, line and field of a bad profile', () => {
    const file = path.join(temp.path(), 'bad.yaml');
    writeFileSync(file, 'name: x\nkind: tpu\npricePerHour: 1\nserviceModel: { capacity: 10, serviceTimeMs: { p50: 1, p95: 2, p99: 3 } }\n');
    assert.throws(() => loadInstanceProfile(file), { exitCode: 2, message: /bad\.yaml:2: kind: / });
    writeFileSync(file, 'name: x\nkind: cpu\npricePerHour: 1\n');
    assert.throws(() => loadInstanceProfile(file), { exitCode: 2, message: /bad\.yaml:1: calibration: give exactly one of calibration \(a file from infercap sweep\) or serviceModel/ });
    writeFileSync(file, 'name: x\nkind: cpu\npricePerHour: 1\ncalibration: missing.json\n');
    assert.throws(() => loadInstanceProfile(file), { exitCode: 2, message: /missing\.json: cannot read results file: no such file/ });
  });
});

describe('parseSlo', () => {
  it('reads the percentile, the bound in ms or s, and the objective as a share or percent', () => {
    assert.deepEqual(parseSlo('p95<100ms', '99.5%'), { text: 'p95 < 100ms', percentile: 'p95', thresholdMs: 100, objective: 0.995 });
    assert.deepEqual(parseSlo('P99 < 0.5s', 0.9), { text: 'p99 < 500ms', percentile: 'p99', thresholdMs: 500, objective: 0.9 });
    // The threshold grammar's spelling is read too, and printed in the one form.
    assert.deepEqual(parseSlo('p(95) <= 250ms'), { text: 'p95 < 250ms', percentile: 'p95', thresholdMs: 250, objective: 0.99 });
    assert.throws(() => parseSlo('p95 < 100ms', '120%'), { exitCode: 2, message: /--objective: "120%" is not a share of requests/ });
  });
});

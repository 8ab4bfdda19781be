import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { infercapBin as bin } from '../../../common/compiledProgram.ts';
import { joinStdinDashes } from '../../../harness/cli/main.ts';


/** Runs `infercap hpa --input -` with `stdin` and returns exit code and output. */
function hpa(stdin: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, 'hpa', '--input', '-'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('infercap hpa (process)', () => {
  it('reads the state from stdin and prints one JSON object', async () => {
    // Kubernetes docs: desired = ceil(current × currentMetric / target) = ceil(2 × 80 / 50) = 4.
    const state = {
      now: 600,
      spec: { minReplicas: 1, maxReplicas: 10, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }] },
      currentReplicas: 2,
      pods: [
        { name: 'a', requests: { cpu: 1000 }, metrics: { cpu: 900 } },
        { name: 'b', requests: { cpu: 1000 }, metrics: { cpu: 700 } },
      ],
    };
    const { code, stdout } = await hpa(JSON.stringify(state));
    assert.equal(code, 0);
    const output = JSON.parse(stdout);
    assert.equal(output.desiredReplicas, 4);
    assert.deepEqual(output.metrics, [{ type: 'Resource', name: 'cpu', proposal: 4, utilization: 80, averageValue: 800 }]);
  });

  it('exits 2 naming the field of bad input', async () => {
    const { code, stderr } = await hpa(JSON.stringify({ now: 1, spec: { minReplicas: 5, maxReplicas: 2 }, currentReplicas: 1 }));
    assert.equal(code, 2);
    assert.match(stderr, /stdin: spec\.minReplicas: must not exceed maxReplicas \(2\)/);
  });

  it('joins a lone - to the option before it', () => {
    assert.deepEqual(joinStdinDashes(['hpa', '--input', '-']), ['hpa', '--input=-']);
    assert.deepEqual(joinStdinDashes(['quantize', 'a', '-']), ['quantize', 'a', '-']);
  });
});

// node --import tsx bench/requestBodies.bench.ts — how long the harness takes to build one request body of
// generated inputs, per input size: JSON as the harness writes it (each distinct float's text written once)
// next to the reference server's plain JSON writer (every value through Number's toString) on the same
// values and on off-grid random floats (what drawing floats without the grid of tensorValues.ts would cost),
// and binary. Goal: a 3x224x224 FP32 image's JSON body in ≤ 1/3 of the off-grid plain time. Medians of rounds.

import { planInputs } from '../harness/workload/inputPlan.ts';
import { binaryHeaderLength, binaryRequestBody, jsonRequestBody } from '../harness/workload/inferRequestBody.ts';
import { createTensorSource, type NamedTensor } from '../harness/workload/tensorSource.ts';
import { tensorDataJson } from '../reference-server/tensors/jsonTensorData.ts';

const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** The plain writer: the server's tensorDataJson for every tensor, as bodies were written before. */
const plainJson = (tensors: readonly NamedTensor[]) =>
  `{"inputs":[${tensors.map((t) => `{"name":${JSON.stringify(t.name)},"shape":[${t.shape.join(',')}],"datatype":"${t.datatype}","data":${tensorDataJson(t.datatype, t.data)}}`).join(',')}]}`;

function timeMs(build: () => unknown, repeats: number): number {
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const start = performance.now();
    for (let i = 0; i < repeats; i++) build();
    times.push((performance.now() - start) / repeats);
  }
  return median(times);
}

const cases = [
  { label: 'MNIST row, 784 FP32', shape: [784], repeats: 500 },
  { label: 'image 3x224x224 FP32', shape: [3, 224, 224], repeats: 5 },
];

process.stdout.write('| Body of generated inputs | harness JSON | plain JSON, same values | plain JSON, off-grid values | off-grid / harness | binary |\n| --- | ---: | ---: | ---: | ---: | ---: |\n');
let goalMet = true;
for (const { label, shape, repeats } of cases) {
  const signature = { model: 'bench', inputs: [{ name: 'x', datatype: 'FP32' as const, shape: [-1, ...shape.map(() => -1)], batched: true }] };
  const next = createTensorSource(planInputs(signature, { x: { shape } }, 1), 1);
  const tensors = next();
  const headerLength = binaryHeaderLength(tensors);
  const ours = timeMs(() => jsonRequestBody(tensors), repeats);
  const plain = timeMs(() => plainJson(tensors), repeats);
  const offGrid = tensors.map((t) => ({ ...t, data: Float32Array.from(t.data as Float32Array, (_, i) => Math.sin(i) * 0.5 + 0.5) }));
  const plainOffGrid = timeMs(() => plainJson(offGrid), repeats);
  const binary = timeMs(() => binaryRequestBody(tensors, headerLength), repeats);
  if (shape.length === 3) goalMet = ours <= plainOffGrid / 3;
  process.stdout.write(`| ${label} | ${ours.toFixed(2)} ms | ${plain.toFixed(2)} ms | ${plainOffGrid.toFixed(2)} ms | ${(plainOffGrid / ours).toFixed(1)}x | ${binary.toFixed(2)} ms |\n`);
}
process.stdout.write(`\nGoal (image JSON body ≤ 1/3 of the off-grid plain time): ${goalMet ? 'met' : 'NOT met'}\n`);

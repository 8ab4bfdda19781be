// Runs ONNX models in real onnxruntime-node sessions (CPU), as the server would: a classifier over many
// rows (the accuracy written into each model's metadata), or any model in a session the caller drives
// (the comparison's model quality).

import * as ort from 'onnxruntime-node';

/** Session settings: full graph optimization, so that int8 models run the fused integer kernels. */
export const evaluationSessionOptions: ort.InferenceSession.SessionOptions = { graphOptimizationLevel: 'all' };

/**
 * The outputs of the model's first output for `count` rows of `rows` (row-major, width
 * `rows.length / count`) fed to its first input, `batchSize` rows per run.
 */
export async function runOnnxModel(model: Uint8Array, rows: Float32Array, count: number, batchSize = 500): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(model, evaluationSessionOptions);
  try {
    const width = rows.length / count;
    const inputName = session.inputNames[0]!;
    const outputName = session.outputNames[0]!;
    let result: Float32Array | undefined;
    for (let start = 0; start < count; start += batchSize) {
      const n = Math.min(batchSize, count - start);
      const input = new ort.Tensor('float32', rows.slice(start * width, (start + n) * width), [n, width]);
      const output = (await session.run({ [inputName]: input }))[outputName]!;
      const data = output.data as Float32Array;
      const classes = data.length / n;
      result ??= new Float32Array(count * classes);
      result.set(data, start * classes);
    }
    return result ?? new Float32Array(0);
  } finally {
    await session.release();
  }
}

/** Opens `model` (a file path or its bytes) in an evaluation session, hands it to `use`, and always releases it. */
export async function withEvaluationSession<T>(model: string | Uint8Array, use: (session: ort.InferenceSession) => Promise<T>): Promise<T> {
  // Two calls, not one: create() is overloaded on path and bytes, and a union argument matches neither.
  const session = typeof model === 'string' ? await ort.InferenceSession.create(model, evaluationSessionOptions) : await ort.InferenceSession.create(model, evaluationSessionOptions);
  try {
    return await use(session);
  } finally {
    await session.release();
  }
}

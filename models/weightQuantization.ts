// The arithmetic of symmetric int8 weight quantization (zero point 0), per tensor or per column,
// as ONNX Runtime's quantize_dynamic does it for MatMul/Gemm weights.

/** Scale granularity: one scale for the whole weight, or one per output column. */
export type QuantizationGranularity = 'per-tensor' | 'per-column';

/** Int8 weights `q` and scales with `w ≈ q · scale` (one scale, or one per column). */
export interface QuantizedWeights {
  readonly values: Int8Array;
  readonly scales: Float32Array;
}

/** Rounds to the nearest integer, ties to even (as numpy.rint and ONNX QuantizeLinear do). */
export function roundHalfToEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** The `cols × rows` transpose of a row-major `rows × cols` matrix. */
export function transpose(values: Float32Array, rows: number, cols: number): Float32Array {
  const result = new Float32Array(values.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) result[c * rows + r] = values[r * cols + c]!;
  return result;
}

/**
 * Quantizes a row-major `rows × cols` weight matrix (MatMul's B, `[K, N]`) to int8 with scale
 * `max|w| / qmax` and zero point 0, where qmax is 127, or 63 with `reduceRange` (7-bit weights,
 * which avoid the int16 saturation of u8·s8 products on x86 CPUs without VNNI).
 */
export function quantizeWeightsInt8(
  weights: Float32Array,
  rows: number,
  cols: number,
  granularity: QuantizationGranularity,
  reduceRange = false,
): QuantizedWeights {
  if (weights.length !== rows * cols) throw new RangeError(`expected ${rows * cols} weights, got ${weights.length}`);
  const qmax = reduceRange ? 63 : 127;
  const perColumn = granularity === 'per-column';
  const maxAbs = new Float64Array(perColumn ? cols : 1);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const magnitude = Math.abs(weights[r * cols + c]!);
      const slot = perColumn ? c : 0;
      if (magnitude > maxAbs[slot]!) maxAbs[slot] = magnitude;
    }
  }
  // A column of zeros gets scale 1 so that dequantization stays finite (its values are all 0).
  const scales = Float32Array.from(maxAbs, (max) => (max > 0 ? max / qmax : 1));
  const values = new Int8Array(weights.length);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const q = roundHalfToEven(weights[r * cols + c]! / scales[perColumn ? c : 0]!);
      values[r * cols + c] = Math.max(-qmax, Math.min(qmax, q));
    }
  }
  return { values, scales };
}

/** `q · scale`, the weights the quantized model effectively multiplies by. */
export function dequantizeWeights(quantized: QuantizedWeights, rows: number, cols: number): Float32Array {
  const perColumn = quantized.scales.length > 1;
  const result = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) result[r * cols + c] = quantized.values[r * cols + c]! * quantized.scales[perColumn ? c : 0]!;
  }
  return result;
}

/**
 * Quantizes a Conv weight `[M, C/group, k…]` (row-major, `channels` = M rows) to int8 with one
 * scale per output channel (axis 0, as ORT quantizes Conv weights per channel) or one for all,
 * with the same symmetric rule as `quantizeWeightsInt8`. Values keep the weight's layout.
 */
export function quantizeChannelsInt8(
  weights: Float32Array,
  channels: number,
  granularity: QuantizationGranularity,
  reduceRange = false,
): QuantizedWeights {
  const perChannel = weights.length / channels;
  if (!Number.isInteger(perChannel)) throw new RangeError(`${weights.length} weights do not split into ${channels} channels`);
  // Channel m is column m of the [perChannel, channels] transpose: one scale per column.
  const columns = quantizeWeightsInt8(transpose(weights, channels, perChannel), perChannel, channels, granularity, reduceRange);
  const values = new Int8Array(weights.length);
  for (let r = 0; r < perChannel; r++) for (let m = 0; m < channels; m++) values[m * perChannel + r] = columns.values[r * channels + m]!;
  return { values, scales: columns.scales };
}

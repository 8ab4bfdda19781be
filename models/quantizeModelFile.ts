// `infercap quantize in.onnx out.onnx`: the file wrapper around quantizeModel, also used by the
// model build so that the int8 models are made exactly as a user would make them.

import { writeFileAtomic } from './atomicWrite.ts';
import { readModelFile } from './readModelFile.ts';
import { quantizeModelWithReport, type QuantizeOptions } from './quantizeModel.ts';
import type { QuantizationGranularity } from './weightQuantization.ts';

/** What `quantizeModelFile` did. */
export interface QuantizeSummary {
  readonly input: string;
  readonly output: string;
  readonly nodesQuantized: number;
  /** Names of the quantized MatMul/Gemm/Conv nodes. */
  readonly quantizedNodes: readonly string[];
  readonly granularity: QuantizationGranularity;
  readonly reduceRange: boolean;
  /** The default-domain opset before and after (an opset 9 or 10 model is upgraded to 11). */
  readonly opsetBefore: number;
  readonly opsetAfter: number;
  readonly bytesBefore: number;
  readonly bytesAfter: number;
}

/**
 * Reads the FP32 model at `inPath`, quantizes it dynamically to int8 and writes the result to
 * `outPath` atomically. Throws `modelFileInvalid` if the input cannot be read and E_CANNOT_QUANTIZE
 * if it cannot be quantized (see `planQuantization`).
 */
export async function quantizeModelFile(
  inPath: string,
  outPath: string,
  options: Omit<QuantizeOptions, 'source'> = {},
): Promise<QuantizeSummary> {
  const input = await readModelFile(inPath);
  const report = quantizeModelWithReport(input, { ...options, source: inPath });
  await writeFileAtomic(outPath, report.bytes);
  return {
    input: inPath,
    output: outPath,
    nodesQuantized: report.quantizedNodes.length,
    quantizedNodes: report.quantizedNodes,
    granularity: report.granularity,
    reduceRange: report.reduceRange,
    opsetBefore: report.opsetBefore,
    opsetAfter: report.opsetAfter,
    bytesBefore: input.length,
    bytesAfter: report.bytes.length,
  };
}

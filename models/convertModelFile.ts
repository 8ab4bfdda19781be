// `infercap convert --fp16 in.onnx out.onnx`: the file wrapper around convertToFloat16.

import { writeFileAtomic } from './atomicWrite.ts';
import { readModelFile } from './readModelFile.ts';
import { convertToFloat16 } from './float16Conversion.ts';

/** What `convertModelFileToFloat16` did. */
export interface ConvertSummary {
  readonly input: string;
  readonly output: string;
  readonly to: 'fp16';
  readonly tensorsConverted: number;
  readonly valuesClamped: number;
  readonly castInputs: readonly string[];
  readonly castOutputs: readonly string[];
  readonly bytesBefore: number;
  readonly bytesAfter: number;
}

/**
 * Reads the FP32 model at `inPath`, converts it to FP16 with FP32 inputs and outputs and writes it to
 * `outPath` atomically. Throws `modelFileInvalid` if the input cannot be read and E_CANNOT_CONVERT if
 * it cannot be converted.
 */
export async function convertModelFileToFloat16(inPath: string, outPath: string): Promise<ConvertSummary> {
  const input = await readModelFile(inPath);
  const report = convertToFloat16(input, inPath);
  await writeFileAtomic(outPath, report.bytes);
  return {
    input: inPath,
    output: outPath,
    to: 'fp16',
    tensorsConverted: report.tensorsConverted,
    valuesClamped: report.valuesClamped,
    castInputs: report.castInputs,
    castOutputs: report.castOutputs,
    bytesBefore: input.length,
    bytesAfter: report.bytes.length,
  };
}

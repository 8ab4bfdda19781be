// Reads an ONNX model file for the model tools (quantize, convert), naming the file when it cannot.

import { readFile } from 'node:fs/promises';
import { modelFileInvalid, modelFileMissing } from '../common/errors.ts';

/** The bytes of the model at `path`. Throws `modelFileInvalid` (exit code 2) when it cannot be read. */
export async function readModelFile(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw code === 'ENOENT' ? modelFileMissing(path) : modelFileInvalid(path, (error as Error).message);
  }
}

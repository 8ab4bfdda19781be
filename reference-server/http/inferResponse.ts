// Writes a V2 inference response: outputs as JSON data, or, as Triton's binary tensor data extension
// asks (`binary_data` per output, `binary_data_output` for all), as raw bytes after the JSON header with
// `parameters.binary_data_size` and the `Inference-Header-Content-Length` header.

import type { NamedTensor } from '../inference/tensor.ts';
import { tensorDataBytes } from '../tensors/binaryTensorData.ts';
import { tensorDataJson } from '../tensors/jsonTensorData.ts';
import type { InferRequest } from './inferRequest.ts';

export interface EncodedResponse {
  readonly body: string | Buffer;
  /** Bytes of the JSON header when binary data follows it. */
  readonly headerLength?: number;
}

/** The response to `request` from the model's outputs (in signature order). */
export function encodeInferResponse(model: { readonly name: string; readonly version: string }, request: Pick<InferRequest, 'id' | 'outputs' | 'binaryOutput'>, outputs: readonly NamedTensor[]): EncodedResponse {
  const chosen: { tensor: NamedTensor; binary: boolean }[] = [];
  if (request.outputs === undefined) {
    for (const tensor of outputs) chosen.push({ tensor, binary: request.binaryOutput });
  } else {
    for (const wanted of request.outputs) {
      const tensor = outputs.find((output) => output.name === wanted.name);
      if (tensor !== undefined) chosen.push({ tensor, binary: wanted.binary ?? request.binaryOutput });
    }
  }
  const chunks: Uint8Array[] = [];
  // Built as text: exact digits for 64-bit integers, and no intermediate arrays of numbers.
  const parts = chosen.map(({ tensor, binary }) => {
    const head = `{"name":${JSON.stringify(tensor.name)},"datatype":"${tensor.datatype}","shape":[${tensor.shape.join(',')}]`;
    if (!binary) return `${head},"data":${tensorDataJson(tensor.datatype, tensor.data)}}`;
    const bytes = tensorDataBytes(tensor.datatype, tensor.data);
    chunks.push(bytes);
    return `${head},"parameters":{"binary_data_size":${bytes.byteLength}}}`;
  });
  const id = request.id === undefined ? '' : `,"id":${JSON.stringify(request.id)}`;
  const json = `{"model_name":${JSON.stringify(model.name)},"model_version":${JSON.stringify(model.version)}${id},"outputs":[${parts.join(',')}]}`;
  if (chunks.length === 0) return { body: json };
  const header = Buffer.from(json, 'utf8');
  return { body: Buffer.concat([header, ...chunks]), headerLength: header.length };
}

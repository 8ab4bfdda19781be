// Requests exactly as Triton's Python HTTP client (tritonclient.http, triton-inference-server/client)
// sends them, for the compatibility tests (not a test file itself). From its source:
// - `InferInput._get_tensor`: {"name", "shape", "datatype"} then "parameters" ({"binary_data_size": n}
//   with set_data_from_numpy(binary_data=True), the default), then "data" only for JSON inputs;
// - `InferRequestedOutput._get_tensor`: {"name", "parameters": {"binary_data": true}} (the default);
// - `_get_inference_request`: {"id"?, "inputs", "outputs"?, "parameters"?}, with
//   parameters.binary_data_output = true when no outputs are named; rapidjson.dumps writes it compact;
//   the inputs' raw bytes follow, and `Inference-Header-Content-Length` is the JSON's length;
// - `infer` posts through geventhttpclient with no Content-Type header.
// Raw bytes are numpy's `tobytes()` (little-endian); BYTES elements are serialize_byte_tensor's
// 4-byte little-endian length then the bytes.

import net from 'node:net';

export interface TritonInput {
  readonly name: string;
  readonly shape: readonly number[];
  readonly datatype: string;
  /** Raw bytes: sent as binary data (the client's default). */
  readonly raw?: Uint8Array;
  /** JSON values: set_data_from_numpy(binary_data=False). */
  readonly data?: readonly unknown[];
}

export interface TritonOutput {
  readonly name: string;
  readonly binary: boolean;
}

/** The body and the headers tritonclient.http's `infer()` sends. */
export function tritonInferRequest(inputs: readonly TritonInput[], outputs?: readonly TritonOutput[], requestId = ''): { body: Buffer; headers: Record<string, string> } {
  const request: Record<string, unknown> = {};
  const parameters: Record<string, unknown> = {};
  if (requestId !== '') request.id = requestId;
  request.inputs = inputs.map((input) => {
    const tensor: Record<string, unknown> = { name: input.name, shape: input.shape, datatype: input.datatype };
    if (input.raw !== undefined) tensor.parameters = { binary_data_size: input.raw.byteLength };
    else tensor.data = input.data;
    return tensor;
  });
  if (outputs !== undefined && outputs.length > 0) request.outputs = outputs.map((output) => ({ name: output.name, parameters: { binary_data: output.binary } }));
  else parameters.binary_data_output = true;
  if (Object.keys(parameters).length > 0) request.parameters = parameters;
  const json = Buffer.from(JSON.stringify(request));
  const raws = inputs.flatMap((input) => (input.raw === undefined ? [] : [input.raw]));
  if (raws.length === 0) return { body: json, headers: {} };
  return { body: Buffer.concat([json, ...raws]), headers: { 'Inference-Header-Content-Length': String(json.length) } };
}

/** serialize_byte_tensor: each element's UTF-8 length (4 bytes, little-endian), then its bytes. */
export function serializeByteTensor(values: readonly string[]): Uint8Array {
  return Buffer.concat(values.flatMap((value) => {
    const bytes = Buffer.from(value, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32LE(bytes.length);
    return [length, bytes];
  }));
}

export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/**
 * POSTs `body` to `path` on a fresh socket with exactly geventhttpclient's headers (Host, User-Agent,
 * Content-Length, the extra ones; no Content-Type) and reads one whole answer.
 */
export function postRaw(port: number, path: string, body: Buffer, extraHeaders: Readonly<Record<string, string>>): Promise<RawResponse> {
  const head = [
    `POST ${path} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    'User-Agent: python/gevent-http-client-1.5.3',
    ...Object.entries(extraHeaders).map(([name, value]) => `${name}: ${value}`),
    `Content-Length: ${body.length}`,
    '',
    '',
  ].join('\r\n');
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let received = Buffer.alloc(0);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('no complete answer within 10 s'));
    }, 10_000);
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const headEnd = received.indexOf('\r\n\r\n');
      if (headEnd < 0) return;
      const lines = received.subarray(0, headEnd).toString('latin1').split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines.slice(1)) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      const length = Number(headers['content-length'] ?? 0);
      if (received.length < headEnd + 4 + length) return;
      clearTimeout(timer);
      socket.destroy();
      resolve({ status: Number(lines[0]!.split(' ')[1]), headers, body: received.subarray(headEnd + 4, headEnd + 4 + length) });
    });
    socket.write(Buffer.concat([Buffer.from(head, 'latin1'), body]));
  });
}

/**
 * What InferResult does with an answer: the JSON header (all of it without Inference-Header-Content-Length),
 * and each output's bytes, in order, by its parameters.binary_data_size.
 */
export function readTritonResult(response: RawResponse): { json: any; binary: Map<string, Buffer> } {
  const headerLength = response.headers['inference-header-content-length'];
  const jsonEnd = headerLength === undefined ? response.body.length : Number(headerLength);
  const json = JSON.parse(response.body.subarray(0, jsonEnd).toString('utf8'));
  const binary = new Map<string, Buffer>();
  let offset = jsonEnd;
  for (const output of json.outputs ?? []) {
    const size = output.parameters?.binary_data_size;
    if (size === undefined) continue;
    binary.set(output.name, response.body.subarray(offset, offset + size));
    offset += size;
  }
  return { json, binary };
}

// The reference server on models of every shape model teams bring (built here with onnx-proto): every
// prediction over HTTP, in JSON and in Triton's binary tensor data, equals a direct ONNX Runtime run; the
// batcher groups requests by shape; bad inputs of every datatype get a 400 naming input, index and reason;
// requests shaped byte for byte as tritonclient.http sends them work; broken models do not stop the others.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import ort from 'onnxruntime-node';
import { silentLogger } from '../../../common/log.ts';
import { startServer, type RunningServer } from '../../../reference-server/server.ts';
import { tensorDataBytes } from '../../../reference-server/tensors/binaryTensorData.ts';
import { datatypeInfo, datatypes, type Datatype } from '../../../reference-server/tensors/datatypes.ts';
import { fromFloat16Bits, toFloat16Bits } from '../../../reference-server/tensors/float16.ts';
import { useTempDir } from '../../support/tempDir.ts';
import { requestJson } from '../../support/referenceServer.ts';
import { convNet, float16Model, identityModel, statefulModel, tokenModel, unbatchedModel, writeModel } from '../support/exampleModels.ts';
import { postRaw, readTritonResult, serializeByteTensor, tritonInferRequest, type TritonInput } from '../support/tritonClientRequest.ts';

const models: Record<string, () => Uint8Array> = {
  conv: convNet,
  tokens: tokenModel,
  stateful: statefulModel,
  unbatched: unbatchedModel,
  fp16: float16Model,
  identity: identityModel,
};
// Long enough that requests sent together on a loaded machine meet in one batch; a full batch goes at once.
const batchedConfig = (maxBatch: number, extra = '') =>
  `max_batch_size: ${maxBatch}\ndynamic_batching:\n  max_queue_delay_microseconds: 250000\n${extra}`;
const configs: Record<string, string> = {
  conv: batchedConfig(4, 'input:\n  - name: image\n    dims: [3, 8, 8]\n'),
  stateful: batchedConfig(3),
};

/** A tensor as a test writes it: the V2 datatype, shape and values (numbers, booleans, strings, bigints). */
interface TestTensor {
  readonly name: string;
  readonly datatype: Datatype;
  readonly shape: number[];
  readonly values: readonly (number | boolean | string | bigint)[];
}

/** The typed values of a test tensor, as ORT and the binary extension take them. */
function typedData(tensor: TestTensor) {
  const info = datatypeInfo[tensor.datatype];
  if (info.array === undefined) return tensor.values as string[];
  const data = new info.array(tensor.values.length);
  tensor.values.forEach((value, i) => {
    if (info.kind === 'bigint') (data as BigInt64Array)[i] = BigInt(value as number);
    else if (info.kind === 'fp16') (data as Uint16Array)[i] = toFloat16Bits(value as number);
    else (data as Float32Array)[i] = Number(value);
  });
  return data;
}

async function ortRun(modelName: string, inputs: readonly TestTensor[]): Promise<Record<string, ort.Tensor>> {
  const session = await ort.InferenceSession.create(models[modelName]!());
  try {
    const feeds = Object.fromEntries(inputs.map((t) => [t.name, new ort.Tensor(datatypeInfo[t.datatype].ort as 'float32', typedData(t) as Float32Array, t.shape)]));
    return await session.run(feeds);
  } finally {
    await session.release();
  }
}

/** A tensor's values as the JSON of a V2 answer holds them. */
function jsonValues(datatype: Datatype, data: unknown): unknown[] {
  const values = Array.from(data as ArrayLike<unknown>);
  if (datatype === 'FP16') return values.map((bits) => fromFloat16Bits(bits as number));
  if (datatype === 'BOOL') return values.map((value) => value !== 0);
  if (datatype === 'INT64' || datatype === 'UINT64') return values.map((value) => Number(value));
  return values;
}

const jsonInput = (t: TestTensor) => ({ name: t.name, shape: t.shape, datatype: t.datatype, data: t.values.map((v) => (typeof v === 'bigint' ? Number(v) : v)) });
const rawInput = (t: TestTensor): TritonInput => {
  const data = typedData(t);
  return { name: t.name, shape: t.shape, datatype: t.datatype, raw: t.datatype === 'BYTES' ? serializeByteTensor(data as string[]) : tensorDataBytes(t.datatype, data) };
};

const image = (shape: number[], seed: number): TestTensor => ({
  name: 'image',
  datatype: 'FP32',
  shape,
  values: Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => ((i * 7 + seed * 13) % 23) / 23 - 0.5),
});

/** One request per model; inputs chosen to exercise each model's datatypes and shapes. */
const cases: { model: string; inputs: TestTensor[] }[] = [
  { model: 'conv', inputs: [image([2, 3, 5, 7], 1)] },
  {
    model: 'tokens',
    inputs: [
      { name: 'ids', datatype: 'INT64', shape: [2, 5], values: [1, 2, 3, 0, 0, 9, 8, 7, 6, 5].map(BigInt) },
      { name: 'mask', datatype: 'BOOL', shape: [2, 5], values: [true, true, true, false, false, true, true, true, true, true] },
    ],
  },
  {
    model: 'stateful',
    inputs: [
      { name: 'audio', datatype: 'FP32', shape: [2, 4], values: [0.5, -1, 2, 0.25, 1, 1, 1, 1] },
      { name: 'state', datatype: 'FP32', shape: [2, 4], values: [0, 0.5, 0, -0.5, 1, 2, 3, 4] },
      { name: 'rate', datatype: 'INT64', shape: [], values: [3n] },
    ],
  },
  { model: 'unbatched', inputs: [{ name: 'points', datatype: 'FP32', shape: [3, 2], values: [1, 0, 0, 1, 0.5, -2] }] },
  { model: 'fp16', inputs: [{ name: 'x', datatype: 'FP16', shape: [2, 4], values: [1, 0.1, 65504, -3, 1 / 3, 2.5e-7, -0.5, 1000.7] }] },
  {
    model: 'identity',
    inputs: datatypes.map((datatype): TestTensor => {
      const sample: Record<Datatype, (number | boolean | string | bigint)[]> = {
        BOOL: [true, false],
        UINT8: [0, 255],
        UINT16: [1, 65_535],
        UINT32: [2, 4_294_967_295],
        UINT64: [0n, 9_007_199_254_740_991n],
        INT8: [-128, 127],
        INT16: [-32_768, 32_767],
        INT32: [-2_147_483_648, 7],
        INT64: [-9_007_199_254_740_991n, 42n],
        FP16: [0.1, -65504],
        FP32: [0.1, -3.4e38],
        FP64: [0.1, 1e300],
        BYTES: ['héllo', ''],
      };
      return { name: `in_${datatype}`, datatype, shape: [1, 2], values: sample[datatype] };
    }),
  },
];

describe('the reference server on any ONNX model', () => {
  const dir = useTempDir('infercap-any-model');
  let server: RunningServer;
  const infer = (model: string) => `/v2/models/${model}/infer`;
  const postJson = (model: string, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    requestJson(`${server.url}${infer(model)}`, { method: 'POST', headers, body: JSON.stringify(body) });

  before(async () => {
    for (const [name, build] of Object.entries(models)) writeModel(dir.path(), name, build(), configs[name]);
    writeModel(dir.path(), 'broken', Buffer.from('this is not an ONNX model'));
    writeModel(dir.path(), 'misconfigured', unbatchedModel(), 'max_batch_size: 0\nmax_batchsize: 8\n');
    fs.writeFileSync(path.join(dir.path(), 'misconfigured', 'config.yaml'), 'max_batch_size: 0\n\nmax_batchsize: 8\n');
    server = await startServer({ modelsDir: dir.path(), port: 0, logLevel: 'silent', cache: 'off' }, silentLogger);
  });
  after(async () => {
    await server?.close();
  });

  it('serves every model but the broken ones, which are not ready, with their reason, in the index, ready route and metadata', async () => {
    const index = await requestJson(`${server.url}/v2/repository/index`);
    const states = Object.fromEntries(index.body.map((entry: { name: string; state: string }) => [entry.name, entry.state]));
    assert.deepEqual(states, { broken: 'UNAVAILABLE', conv: 'READY', fp16: 'READY', identity: 'READY', misconfigured: 'UNAVAILABLE', stateful: 'READY', tokens: 'READY', unbatched: 'READY' });
    const broken = index.body.find((entry: { name: string }) => entry.name === 'broken');
    assert.match(broken.reason, /model\.onnx/);
    const misconfigured = index.body.find((entry: { name: string }) => entry.name === 'misconfigured');
    assert.match(misconfigured.reason, /misconfigured\/config\.yaml:3: max_batchsize: unknown key; did you mean "max_batch_size"\?/);

    const ready = await requestJson(`${server.url}/v2/models/broken/ready`);
    assert.equal(ready.status, 503);
    assert.deepEqual(Object.keys(ready.body), ['ready', 'reason']);
    assert.equal(ready.body.ready, false);
    const metadata = await requestJson(`${server.url}/v2/models/broken`);
    assert.equal(metadata.body.state, 'UNAVAILABLE');
    assert.equal(metadata.body.reason, broken.reason);
    const inference = await postJson('broken', { inputs: [] });
    assert.equal(inference.status, 503);
    assert.equal(inference.body.code, 'E_MODEL_NOT_READY');
    assert.equal((await requestJson(`${server.url}/v2/health/ready`)).status, 200);
    assert.equal((await requestJson(`${server.url}/v2/models/conv/ready`)).body.ready, true);
  });

  it('reports dynamic dims as -1, scalars as [], and every datatype in metadata', async () => {
    const conv = await requestJson(`${server.url}/v2/models/conv`);
    assert.deepEqual(conv.body.inputs, [{ name: 'image', datatype: 'FP32', shape: [-1, 3, -1, -1] }]);
    const stateful = await requestJson(`${server.url}/v2/models/stateful`);
    assert.deepEqual(stateful.body.inputs.map((i: { shape: number[] }) => i.shape), [[-1, 4], [-1, 4], []]);
    const identity = await requestJson(`${server.url}/v2/models/identity`);
    assert.deepEqual(identity.body.inputs.map((i: { datatype: string }) => i.datatype), datatypes);
  });

  for (const { model, inputs } of cases) {
    it(`${model}: JSON predictions equal a direct ONNX Runtime run`, async () => {
      const expected = await ortRun(model, inputs);
      const response = await postJson(model, { id: `json-${model}`, inputs: inputs.map(jsonInput) });
      assert.equal(response.status, 200, JSON.stringify(response.body));
      assert.equal(response.body.id, `json-${model}`);
      assert.deepEqual(response.body.outputs.map((o: { name: string }) => o.name), Object.keys(expected));
      for (const output of response.body.outputs) {
        const tensor = expected[output.name]!;
        assert.deepEqual(output.shape, tensor.dims, output.name);
        assert.equal(output.datatype, datatypes.find((d) => datatypeInfo[d].ort === tensor.type));
        assert.deepEqual(output.data, jsonValues(output.datatype, tensor.data), output.name);
      }
    });

    it(`${model}: binary requests and answers, as tritonclient.http sends them without Content-Type, equal a direct ONNX Runtime run byte for byte`, async () => {
      const expected = await ortRun(model, inputs);
      const { body, headers } = tritonInferRequest(inputs.map(rawInput));
      const jsonLength = Number(headers['Inference-Header-Content-Length']);
      assert.deepEqual(JSON.parse(body.subarray(0, jsonLength).toString()).parameters, { binary_data_output: true });
      const response = await postRaw(server.port, infer(model), body, headers);
      assert.equal(response.status, 200, response.body.toString());
      assert.equal(response.headers['content-type'], 'application/octet-stream');
      const result = readTritonResult(response);
      for (const [name, tensor] of Object.entries(expected)) {
        const output = result.json.outputs.find((o: { name: string }) => o.name === name);
        assert.deepEqual(output.shape, tensor.dims);
        assert.equal(output.data, undefined);
        const expectedBytes = tensor.type === 'string' ? serializeByteTensor(tensor.data as string[]) : tensorDataBytes(output.datatype, tensor.data as Float32Array);
        assert.deepEqual(result.binary.get(name), Buffer.from(expectedBytes), name);
      }
    });
  }

  it('answers a Triton client asking for one output in JSON and one in binary, with JSON inputs and a request id', async () => {
    const inputs = cases.find((c) => c.model === 'tokens')!.inputs;
    const expected = await ortRun('tokens', inputs);
    const { body, headers } = tritonInferRequest(inputs.map((t) => ({ name: t.name, shape: t.shape, datatype: t.datatype, data: jsonInput(t).data })), [
      { name: 'lengths', binary: false },
      { name: 'pooled', binary: true },
    ], 'req-7');
    assert.deepEqual(headers, {});
    assert.equal(body.toString(), '{"id":"req-7","inputs":[{"name":"ids","shape":[2,5],"datatype":"INT64","data":[1,2,3,0,0,9,8,7,6,5]},{"name":"mask","shape":[2,5],"datatype":"BOOL","data":[true,true,true,false,false,true,true,true,true,true]}],"outputs":[{"name":"lengths","parameters":{"binary_data":false}},{"name":"pooled","parameters":{"binary_data":true}}]}');
    const response = await postRaw(server.port, infer('tokens'), body, headers);
    assert.equal(response.status, 200);
    const result = readTritonResult(response);
    assert.equal(result.json.id, 'req-7');
    assert.deepEqual(result.json.outputs.map((o: { name: string }) => o.name), ['lengths', 'pooled']);
    assert.deepEqual(result.json.outputs[0].data, [3, 5]);
    assert.deepEqual(result.binary.get('pooled'), Buffer.from(tensorDataBytes('FP32', expected.pooled!.data as Float32Array)));
  });

  it('batches conv requests only with requests of the same height and width', async () => {
    const shapes = [[1, 3, 8, 8], [1, 3, 6, 10]];
    const requests = Array.from({ length: 8 }, (_, i) => image(shapes[i % 2]!, i));
    const answers = await Promise.all(requests.map((t) => postJson('conv', { inputs: [jsonInput(t)] })));
    for (const [i, answer] of answers.entries()) {
      assert.equal(answer.status, 200);
      const alone = await ortRun('conv', [requests[i]!]);
      const got = answer.body.outputs[0].data as number[];
      const want = Array.from(alone.features!.data as Float32Array);
      got.forEach((value, j) => assert.ok(Math.abs(value - want[j]!) <= 1e-6, `request ${i}: ${value} vs ${want[j]}`));
    }
    const stats = await requestJson(`${server.url}/v2/models/conv/versions/1/stats`);
    const batches = stats.body.model_stats[0].batch_stats.find((b: { batch_size: number }) => b.batch_size === 4);
    assert.equal(batches.compute_infer.count, 2);
  });

  it('batches stateful requests only with requests of the same scalar rate', async () => {
    const request = (rate: number, i: number): TestTensor[] => [
      { name: 'audio', datatype: 'FP32', shape: [1, 4], values: [i, 1, 2, 3] },
      { name: 'state', datatype: 'FP32', shape: [1, 4], values: [0, 0, 1, 1] },
      { name: 'rate', datatype: 'INT64', shape: [], values: [BigInt(rate)] },
    ];
    const before = (await requestJson(`${server.url}/v2/models/stateful/stats`)).body.model_stats[0].execution_count;
    const all = [2, 3, 2, 3, 2, 3].map((rate, i) => request(rate, i));
    const answers = await Promise.all(all.map((inputs) => postJson('stateful', { inputs: inputs.map(jsonInput) })));
    answers.forEach((answer, i) => {
      const rate = [2, 3][i % 2]!;
      assert.deepEqual(answer.body.outputs[0].data, [i * rate, rate, 2 * rate + 1, 3 * rate + 1]);
    });
    const stats = (await requestJson(`${server.url}/v2/models/stateful/stats`)).body.model_stats[0];
    assert.equal(stats.execution_count - before, 2);
    assert.equal(stats.batch_stats.find((b: { batch_size: number }) => b.batch_size === 3).compute_infer.count, 2);
  });

  const badValues: [Datatype, unknown, RegExp][] = [
    ['BOOL', 1, /data\[1\] is 1, not true or false \(BOOL\)/],
    ['UINT8', 256, /data\[1\] is 256, out of range for UINT8 \(0 to 255\)/],
    ['UINT16', -1, /data\[1\] is -1, out of range for UINT16/],
    ['UINT32', 1.5, /data\[1\] is 1.5, not an integer \(UINT32\)/],
    ['UINT64', -1, /data\[1\] is -1, out of range for UINT64/],
    ['INT8', 128, /data\[1\] is 128, out of range for INT8 \(-128 to 127\)/],
    ['INT16', '7', /data\[1\] is "7", not an integer \(INT16\)/],
    ['INT32', 2 ** 31, /data\[1\] is 2147483648, out of range for INT32/],
    ['INT64', 2 ** 53 + 2, /data\[1\] is 9007199254740994, beyond ±2\^53/],
    ['FP16', 65520, /data\[1\] is 65520, out of range for FP16/],
    ['FP32', 1e39, /data\[1\] is 1e\+39, out of range for FP32/],
    ['FP64', true, /data\[1\] is true, not a number \(FP64\)/],
    ['BYTES', 5, /data\[1\] is 5, not a string \(BYTES\)/],
  ];
  for (const [datatype, bad, reason] of badValues) {
    it(`refuses a bad ${datatype} value with a 400 naming the input, the index and the reason`, async () => {
      const inputs = cases.find((c) => c.model === 'identity')!.inputs.map(jsonInput);
      const target = inputs.find((input) => input.datatype === datatype)!;
      target.data = [target.data[0]!, bad as number];
      const response = await postJson('identity', { inputs });
      assert.equal(response.status, 400);
      assert.equal(response.body.code, 'E_INVALID_TENSOR');
      assert.match(response.body.error, new RegExp(`^input "in_${datatype}": ${reason.source}`));
    });
  }

  it('refuses binary data of the wrong size or an invalid BOOL byte, naming the input', async () => {
    const short = tritonInferRequest([{ name: 'x', shape: [1, 4], datatype: 'FP16', raw: new Uint8Array(6) }]);
    const response = await postRaw(server.port, infer('fp16'), short.body, short.headers);
    assert.equal(response.status, 400);
    assert.match(JSON.parse(response.body.toString()).error, /^input "x": binary data holds 6 bytes, but 4 FP16 elements take 8/);
    const inputs = cases.find((c) => c.model === 'identity')!.inputs.map(rawInput);
    const bool = inputs.find((input) => input.datatype === 'BOOL')!;
    const withTwo = tritonInferRequest(inputs.map((input) => (input === bool ? { ...input, raw: Uint8Array.from([1, 2]) } : input)));
    const refused = await postRaw(server.port, infer('identity'), withTwo.body, withTwo.headers);
    assert.equal(refused.status, 400);
    assert.match(JSON.parse(refused.body.toString()).error, /^input "in_BOOL": binary data data\[1\] is byte 2, not 0 or 1 \(BOOL\)/);
  });

  it('refuses shapes that do not fit, naming the input, and a wrong Content-Type', async () => {
    const wrongRank = await postJson('conv', { inputs: [jsonInput(image([1, 3, 8], 0))] });
    assert.match(wrongRank.body.error, /^input "image": shape \[1, 3, 8\] does not match the model's \[batch, 3, -1, -1\]/);
    const fixed = await postJson('unbatched', { inputs: [{ name: 'points', shape: [2, 2], datatype: 'FP32', data: [1, 2, 3, 4] }] });
    assert.match(fixed.body.error, /^input "points": shape \[2, 2\] does not match the model's \[3, 2\]/);
    const tooMany = await postJson('conv', { inputs: [jsonInput(image([5, 3, 2, 2], 0))] });
    assert.match(tooMany.body.error, /carries 5 rows, more than the model's max batch size of 4/);
    const mismatch = await postJson('tokens', { inputs: [jsonInput({ ...cases[1]!.inputs[0]! }), { name: 'mask', shape: [1, 5], datatype: 'BOOL', data: [true, true, true, true, true] }] });
    assert.match(mismatch.body.error, /^input "mask": has 1 rows but "ids" has 2/);
    const text = await postJson('unbatched', { inputs: [jsonInput(cases[3]!.inputs[0]!)] }, { 'content-type': 'text/plain' });
    assert.equal(text.status, 415);
  });

  it("answers GET .../config in Triton's model config shape", async () => {
    const conv = await requestJson(`${server.url}/v2/models/conv/config`);
    assert.deepEqual(conv.body, {
      name: 'conv',
      platform: 'onnxruntime_onnx',
      backend: 'onnxruntime',
      version_policy: { specific: { versions: ['1'] } },
      max_batch_size: 4,
      input: [{ name: 'image', data_type: 'TYPE_FP32', format: 'FORMAT_NONE', dims: [3, -1, -1], is_shape_tensor: false, allow_ragged_batch: false, optional: false }],
      output: [{ name: 'features', data_type: 'TYPE_FP32', dims: [2], label_filename: '', is_shape_tensor: false }],
      dynamic_batching: { preferred_batch_size: [], max_queue_delay_microseconds: 250_000, preserve_ordering: false },
      instance_group: [{ name: 'conv', kind: 'KIND_CPU', count: 1 }],
      default_model_filename: 'model.onnx',
    });
    const unbatched = await requestJson(`${server.url}/v2/models/unbatched/versions/1/config`);
    assert.equal(unbatched.body.max_batch_size, 0);
    assert.deepEqual(unbatched.body.input[0].dims, [3, 2]);
    assert.equal(unbatched.body.dynamic_batching, undefined);
    const identity = await requestJson(`${server.url}/v2/models/identity/config`);
    assert.deepEqual(identity.body.input.map((i: { data_type: string }) => i.data_type), datatypes.map((d) => datatypeInfo[d].triton));
  });

  it("answers GET /v2/models[/{name}[/versions/{v}]]/stats in Triton's statistics schema", async () => {
    const before = (await requestJson(`${server.url}/v2/models/unbatched/stats`)).body.model_stats[0];
    await postJson('unbatched', { inputs: [jsonInput(cases[3]!.inputs[0]!)] });
    await postJson('unbatched', { inputs: [{ name: 'points', shape: [2, 2], datatype: 'FP32', data: [1, 2, 3, 4] }] });
    const all = await requestJson(`${server.url}/v2/models/stats`);
    assert.deepEqual(all.body.model_stats.map((s: { name: string }) => s.name), ['broken', 'conv', 'fp16', 'identity', 'misconfigured', 'stateful', 'tokens', 'unbatched']);
    const stats = (await requestJson(`${server.url}/v2/models/unbatched/versions/1/stats`)).body.model_stats[0];
    assert.deepEqual(Object.keys(stats), ['name', 'version', 'last_inference', 'inference_count', 'execution_count', 'inference_stats', 'batch_stats', 'memory_usage']);
    assert.deepEqual(Object.keys(stats.inference_stats), ['success', 'fail', 'queue', 'compute_input', 'compute_infer', 'compute_output', 'cache_hit', 'cache_miss']);
    assert.equal(stats.inference_stats.success.count - before.inference_stats.success.count, 1);
    assert.equal(stats.inference_stats.fail.count - before.inference_stats.fail.count, 1);
    assert.equal(stats.execution_count - before.execution_count, 1);
    assert.ok(stats.inference_stats.compute_infer.ns > 0 && Number.isInteger(stats.inference_stats.compute_infer.ns));
    assert.ok(stats.last_inference > Date.now() - 60_000);
    assert.deepEqual(stats.batch_stats.map((b: { batch_size: number }) => b.batch_size), [1]);
  });
});

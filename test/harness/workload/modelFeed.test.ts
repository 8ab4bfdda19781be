// The harness drives any model: for small models built here (Conv with dynamic H/W, INT64 ids with a BOOL
// mask, a state input with a scalar, no batch dim, FP16, and an identity over every V2 datatype), every kind
// of input spec gives bodies a real reference server (a child process on loopback) accepts, in JSON and in
// binary tensor data, and the identity model echoes exactly the values the spec asked for.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { z } from 'zod';
import { isInfercapError } from '../../../common/errors.ts';
import type { NamedTensor } from '../../../reference-server/inference/tensor.ts';
import { datatypes, type Datatype } from '../../../reference-server/tensors/datatypes.ts';
import { fromFloat16Bits } from '../../../reference-server/tensors/float16.ts';
import { workloadSchema } from '../../../harness/scenario/workloadSchema.ts';
import { startReferenceServerProcess, type ReferenceServerProcess } from '../../../harness/target/referenceServerProcess.ts';
import { createModelFeed, describeFeedInputs, feedTensorSource, type ModelFeed, type ModelFeedOptions } from '../../../harness/workload/modelFeed.ts';
import { writeNpy } from '../../../harness/workload/npyFile.ts';
import { useTempDir } from '../../support/tempDir.ts';
import { convNet, float16Model, identityModel, statefulModel, tokenModel, tokenVocabulary, unbatchedModel, writeModel } from '../../reference-server/support/exampleModels.ts';

type Workload = ModelFeedOptions['workload'];
type WorkloadInput = Omit<z.input<typeof workloadSchema>, 'model'>;
/** A workload as the scenario schema validates it (defaults filled). */
const workloadOf = (fields: WorkloadInput): Workload => workloadSchema.parse({ model: 'any', ...fields });

/** A tensor's values as a V2 JSON answer holds them. */
function jsonValues(tensor: Pick<NamedTensor, 'datatype' | 'data'>): unknown[] {
  const values = Array.from(tensor.data as ArrayLike<unknown>);
  if (tensor.datatype === 'FP16') return values.map((bits) => fromFloat16Bits(bits as number));
  if (tensor.datatype === 'BOOL') return values.map((value) => value !== 0);
  if (tensor.datatype === 'INT64' || tensor.datatype === 'UINT64') return values.map((value) => Number(value));
  return values;
}

interface Answer {
  readonly status: number;
  readonly body: { outputs?: { name: string; shape: number[]; datatype: string; data: unknown[] }[]; error?: string };
}

describe('createModelFeed on a real reference server', () => {
  const dir = useTempDir('infercap-model-feed');
  let server: ReferenceServerProcess;

  before(async () => {
    const models = path.join(dir.path(), 'models');
    writeModel(models, 'conv', convNet(), 'max_batch_size: 4\n');
    writeModel(models, 'tokens', tokenModel());
    writeModel(models, 'stateful', statefulModel(), 'max_batch_size: 3\n');
    writeModel(models, 'unbatched', unbatchedModel());
    writeModel(models, 'fp16', float16Model());
    writeModel(models, 'identity', identityModel());
    server = await startReferenceServerProcess({ modelsDir: models, logLevel: 'warn', cache: 'off' });
  });
  after(async () => {
    await server?.stop();
  });

  const feedOf = (model: string, workload: Workload, seed = 7) => createModelFeed({ baseUrl: server.url, model, workload, seed });
  async function send(model: string, feed: ModelFeed): Promise<Answer> {
    const response = await fetch(`${server.url}/v2/models/${model}/infer`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...feed.headers },
      body: feed.nextBody() as string,
    });
    return { status: response.status, body: (await response.json()) as Answer['body'] };
  }
  /** Sends `count` requests of the feed; every one must be accepted. Returns the answers. */
  async function sendAll(model: string, feed: ModelFeed, count: number): Promise<Answer['body'][]> {
    const answers: Answer['body'][] = [];
    for (let i = 0; i < count; i++) {
      const answer = await send(model, feed);
      assert.equal(answer.status, 200, `${model} request ${i}: ${answer.body.error}`);
      answers.push(answer.body);
    }
    return answers;
  }
  const rejects = async (model: string, workload: Workload, pattern: RegExp) =>
    assert.rejects(feedOf(model, workload), (error: unknown) => {
      assert.ok(isInfercapError(error), String(error));
      assert.equal(error.exitCode, 2);
      assert.match(error.message, pattern);
      return true;
    });

  const allTypes = (spec: (datatype: Datatype) => unknown) => Object.fromEntries(datatypes.map((datatype) => [`in_${datatype}`, spec(datatype)])) as WorkloadInput['inputs'];

  for (const encoding of ['json', 'binary'] as const) {
    describe(`${encoding} bodies of the identity model over every V2 datatype`, () => {
      /** The feed's requests are echoed exactly: the outputs equal the tensors its source made, request by request. */
      async function echoed(inputs: WorkloadInput['inputs'], rows: number, requests: number): Promise<NamedTensor[][]> {
        const feed = await feedOf('identity', workloadOf({ inputs, rows, encoding }));
        const source = feedTensorSource(feed.inputs, 7);
        const sent: NamedTensor[][] = [];
        for (const answer of await sendAll('identity', feed, requests)) {
          const tensors = source();
          sent.push(tensors);
          for (const tensor of tensors) {
            const output = answer.outputs!.find((candidate) => candidate.name === tensor.name.replace('in_', 'out_'))!;
            assert.deepEqual(output.shape, [...tensor.shape], tensor.name);
            assert.equal(output.datatype, tensor.datatype);
            assert.deepEqual(output.data, jsonValues(tensor), tensor.name);
          }
        }
        return sent;
      }

      it('zeros: every element zero, false or ""', async () => {
        for (const tensors of await echoed('zeros', 2, 2)) {
          for (const tensor of tensors) {
            assert.deepEqual(tensor.shape, [2, 2]);
            const zero = tensor.datatype === 'BOOL' ? false : tensor.datatype === 'BYTES' ? '' : 0;
            assert.deepEqual(jsonValues(tensor), [zero, zero, zero, zero], tensor.name);
          }
        }
      });

      it('constant: every element the value', async () => {
        const value = (datatype: Datatype) => (datatype === 'BOOL' ? true : datatype === 'BYTES' ? 'héllo' : 7);
        for (const tensors of await echoed(allTypes((datatype) => ({ constant: value(datatype) })), 1, 2)) {
          for (const tensor of tensors) assert.deepEqual(jsonValues(tensor), [value(tensor.datatype), value(tensor.datatype)], tensor.name);
        }
      });

      it('sequence: start + k·step across elements and requests, integer types wrapping within their range', async () => {
        const [first, second] = await echoed(allTypes(() => ({ sequence: { start: 126, step: 1 } })), 1, 2);
        const values = (tensors: NamedTensor[], datatype: Datatype) => jsonValues(tensors.find((tensor) => tensor.datatype === datatype)!);
        assert.deepEqual(values(first!, 'INT32'), [126, 127]);
        assert.deepEqual(values(second!, 'INT32'), [128, 129]);
        assert.deepEqual(values(second!, 'INT8'), [-128, -127], 'INT8 wraps past 127');
        assert.deepEqual(values(second!, 'FP16'), [128, 129]);
        assert.deepEqual(values(second!, 'BYTES'), ['128', '129']);
        assert.deepEqual(values(first!, 'BOOL'), [false, true], 'BOOL alternates by parity');
      });

      it('random: seeded values within min and max, fresh each request', async () => {
        const spec = (datatype: Datatype) => (datatype === 'BYTES' ? { random: { length: 4 } } : datatype === 'BOOL' ? 'random' : { random: { min: 3, max: 9 } });
        const sent = await echoed(allTypes(spec), 4, 3);
        for (const tensors of sent) {
          for (const tensor of tensors) {
            for (const value of jsonValues(tensor)) {
              if (tensor.datatype === 'BYTES') assert.match(value as string, /^[a-z0-9]{4}$/);
              else if (tensor.datatype === 'BOOL') assert.equal(typeof value, 'boolean');
              else assert.ok((value as number) >= 3 && (value as number) <= 9, `${tensor.name}: ${value}`);
              if (tensor.datatype !== 'BYTES' && tensor.datatype !== 'BOOL' && !tensor.datatype.startsWith('FP')) assert.ok(Number.isInteger(value));
            }
          }
        }
        const fp32 = (tensors: NamedTensor[]) => jsonValues(tensors.find((tensor) => tensor.datatype === 'FP32')!);
        assert.notDeepEqual(fp32(sent[0]!), fp32(sent[1]!), 'each request draws fresh values');
      });
    });
  }

  it('a Conv with dynamic H/W takes the shape given, as perf_analyzer --shape does, rows stacked along the batch dim', async () => {
    const feed = await feedOf('conv', workloadOf({ rows: 2, inputs: { image: { shape: [3, 5, 7], random: { distribution: 'normal', mean: 0, stddev: 1 } } }, encoding: 'binary' }));
    const [answer] = await sendAll('conv', feed, 2);
    assert.deepEqual(answer!.outputs![0]!.shape, [2, 2]);
  });

  it('a Conv with dynamic H/W and no shape is refused, naming the input and the dim and suggesting shape:', async () => {
    await rejects('conv', workloadOf({}), /inputs\.image: model conv leaves dim 2 of image \[-1, 3, -1, -1\] dynamic; give its size with inputs: \{ image: \{ shape: \[\.\.\.\] \} \}/);
    await rejects('conv', workloadOf({ inputs: { image: { shape: [4, 5, 7] } } }), /inputs\.image\.shape: \[4, 5, 7\] sets dim 0 to 4, but the model fixes it at 3/);
    await rejects('conv', workloadOf({ inputs: { image: { shape: [3, 5] } } }), /inputs\.image\.shape: \[3, 5\] has 2 dims; image takes 3/);
  });

  it('INT64 ids and a BOOL mask: ids within the vocabulary, the mask all true, so lengths count every token', async () => {
    const feed = await feedOf('tokens', workloadOf({ rows: 3, inputs: { ids: { shape: [6], random: { min: 0, max: tokenVocabulary - 1 } }, mask: { shape: [6], constant: true } } }));
    for (const answer of await sendAll('tokens', feed, 2)) {
      assert.deepEqual(answer.outputs!.find((output) => output.name === 'lengths')!.data, [6, 6, 6]);
    }
  });

  it('a state input with a scalar: the scalar stays one value however many rows', async () => {
    const feed = await feedOf('stateful', workloadOf({ rows: 3, inputs: { audio: { constant: 1 }, state: 'zeros', rate: { constant: 3 } }, encoding: 'binary' }));
    assert.deepEqual(describeFeedInputs(feed.inputs), [
      { name: 'audio', datatype: 'FP32', shape: [3, 4], values: 'constant' },
      { name: 'state', datatype: 'FP32', shape: [3, 4], values: 'zeros' },
      { name: 'rate', datatype: 'INT64', shape: [], values: 'constant' },
    ]);
    const [answer] = await sendAll('stateful', feed, 1);
    assert.deepEqual(answer!.outputs![0]!.data, Array(12).fill(3));
  });

  it('a model with no batch dim needs no input spec; rows > 1 is refused, saying why', async () => {
    await sendAll('unbatched', await feedOf('unbatched', workloadOf({})), 2);
    await rejects('stateful', workloadOf({ rows: 4 }), /rows: 4 rows per request are more than model stateful's max_batch_size \(3\)/);
    await rejects('unbatched', workloadOf({ rows: 4 }), /rows: model unbatched has no batch dimension.*rows 4 does not apply, set rows: 1/);
  });

  it('FP16 from its metadata, random and as a sequence', async () => {
    await sendAll('fp16', await feedOf('fp16', workloadOf({ rows: 2 })), 2);
    await sendAll('fp16', await feedOf('fp16', workloadOf({ inputs: { x: { sequence: { start: 0.5, step: 0.25 } } }, encoding: 'binary' })), 2);
  });

  it('names the model\'s inputs for an unknown name, and refuses values the datatype cannot hold', async () => {
    await rejects('tokens', workloadOf({ inputs: { idz: 'zeros' } }), /inputs\.idz: model tokens has no input "idz"; its inputs are ids, mask/);
    await rejects('tokens', workloadOf({ inputs: { ids: { shape: [4], constant: 1.5 } } }), /inputs\.ids\.constant: 1\.5 not an integer \(INT64\)/);
    await rejects('identity', workloadOf({ inputs: { in_UINT8: { random: { max: 300 } } } }), /inputs\.in_UINT8\.random\.max: 300 out of range for UINT8/);
    await rejects('tokens', workloadOf({ inputs: 'mnist' }), /inputs: mnist needs a model taking 784 FP32 values per row; its inputs are ids INT64 \[-1, -1\], mask BOOL \[-1, -1\]/);
  });

  describe('recorded inputs (inputData)', () => {
    it("perf_analyzer's JSON format: flat arrays, content with shape, b64; the identity model echoes them; other inputs generated", async () => {
      const file = path.join(dir.path(), 'identity.json');
      const int32 = Buffer.from(new Int32Array([5, -6]).buffer).toString('base64');
      // BYTES in b64: each element a 4-byte little-endian length and its bytes, as docs/input_data.md says.
      const bytes = Buffer.concat([Buffer.from([2, 0, 0, 0]), Buffer.from('hi'), Buffer.from([0, 0, 0, 0])]).toString('base64');
      fs.writeFileSync(
        file,
        JSON.stringify({
          data: [
            { in_FP32: [1.5, 2.5], in_INT32: { b64: int32 }, in_BYTES: { content: { b64: bytes }, shape: [2] }, in_BOOL: [1, 0] },
            { in_FP32: { content: [3, 4], shape: [2] }, in_INT32: [7, 8], in_BYTES: ['a', 'b'], in_BOOL: [false, true] },
          ],
        }),
      );
      for (const encoding of ['json', 'binary'] as const) {
        const feed = await feedOf('identity', workloadOf({ inputData: file, inputs: { in_INT8: 'zeros' }, encoding }));
        const answers = await sendAll('identity', feed, 3);
        const data = (answer: Answer['body'], name: string) => answer.outputs!.find((output) => output.name === name)!.data;
        assert.deepEqual([data(answers[0]!, 'out_FP32'), data(answers[0]!, 'out_INT32'), data(answers[0]!, 'out_BYTES'), data(answers[0]!, 'out_BOOL')], [[1.5, 2.5], [5, -6], ['hi', ''], [true, false]]);
        assert.deepEqual([data(answers[1]!, 'out_FP32'), data(answers[1]!, 'out_INT32'), data(answers[1]!, 'out_BYTES'), data(answers[1]!, 'out_BOOL')], [[3, 4], [7, 8], ['a', 'b'], [false, true]]);
        assert.deepEqual(data(answers[2]!, 'out_INT32'), [5, -6], 'steps are sent round robin');
        assert.deepEqual(data(answers[0]!, 'out_INT8'), [0, 0], 'inputs the file does not give come from inputs');
      }
    });

    it('steps with their own shapes drive a Conv with dynamic H/W; rows stack consecutive steps', async () => {
      const file = path.join(dir.path(), 'conv.json');
      const image = (h: number, w: number) => ({ content: Array.from({ length: 3 * h * w }, (_, i) => (i % 5) / 5), shape: [3, h, w] });
      fs.writeFileSync(file, JSON.stringify({ data: [{ image: image(4, 6) }, { image: image(4, 6) }, { image: image(9, 2) }, { image: image(9, 2) }] }));
      const feed = await feedOf('conv', workloadOf({ inputData: file, rows: 2, encoding: 'binary' }));
      const answers = await sendAll('conv', feed, 2);
      assert.deepEqual(answers.map((answer) => answer.outputs![0]!.shape), [[2, 2], [2, 2]]);
      await rejects('conv', workloadOf({ inputData: file, rows: 3 }), /conv\.json: step 2: input image: shape \[3, 9, 2\] differs from step 0's \[3, 4, 6\], and rows 3 stacks them into one request; give every step one shape or set rows: 1/);
    });

    it('a folder of .npy files, first axis the step', async () => {
      const folder = path.join(dir.path(), 'npy');
      fs.mkdirSync(folder);
      fs.writeFileSync(path.join(folder, 'ids.npy'), writeNpy({ datatype: 'INT64', shape: [2, 3], data: BigInt64Array.from([1n, 2n, 3n, 4n, 5n, 6n]) }));
      fs.writeFileSync(path.join(folder, 'mask.npy'), writeNpy({ datatype: 'BOOL', shape: [2, 3], data: Uint8Array.from([1, 1, 0, 1, 0, 0]) }));
      const feed = await feedOf('tokens', workloadOf({ inputData: folder }));
      const answers = await sendAll('tokens', feed, 2);
      assert.deepEqual(answers.map((answer) => answer.outputs!.find((output) => output.name === 'lengths')!.data), [[2], [1]]);
    });

    it('names the file, step and input of a problem', async () => {
      const file = path.join(dir.path(), 'bad.json');
      fs.writeFileSync(file, JSON.stringify({ data: [{ ids: [1, 2], mask: [true, true] }, { ids: [1, 'x'], mask: [true, true] }] }));
      await rejects('tokens', workloadOf({ inputData: file }), /bad\.json: step 1: input ids: value 1 is "x", not an integer \(INT64\)/);
      fs.writeFileSync(file, JSON.stringify({ data: [{ ids: [1, 2], mask: [true, true] }, { ids: [1, 2] }] }));
      await rejects('tokens', workloadOf({ inputData: file }), /bad\.json: step 1: gives no mask; every step gives the inputs step 0 gives/);
      fs.writeFileSync(file, JSON.stringify({ data: [{ idz: [1, 2] }] }));
      await rejects('tokens', workloadOf({ inputData: file }), /bad\.json: step 0: input idz: model tokens has no input "idz"; its inputs are ids, mask/);
      fs.writeFileSync(file, JSON.stringify({ data: [{ image: [1, 2, 3] }] }));
      await rejects('conv', workloadOf({ inputData: file }), /bad\.json: step 0: input image: the input's dim 1 is dynamic \[3, -1, -1\]; give \{"content": \[…\], "shape": \[…\]\}/);
      await rejects('tokens', workloadOf({ inputData: path.join(dir.path(), 'absent.json') }), /absent\.json: cannot be read: no such file or folder/);
      fs.writeFileSync(file, JSON.stringify({ data: [{ ids: [1, 2], mask: [true, true] }] }));
      await rejects('tokens', workloadOf({ inputData: file, inputs: { ids: 'zeros' } }), /inputs\.ids: ids is given by inputData; keep only its shape here/);
    });
  });
});

// The values of one generated input, per datatype: seeded random (uniform or normal), zeros, a constant
// or a running sequence. Pure: the random source is passed in, and a sequence's position is its state.

import type { Rng } from '../../common/prng.ts';
import { allocateData, datatypeInfo, type Datatype, type DatatypeInfo, type TensorData } from '../../reference-server/tensors/datatypes.ts';
import { toFloat16Bits } from '../../reference-server/tensors/float16.ts';
import type { InputGenerator } from './inputPlan.ts';

/** Default range of random integers: small non-negative values, as token ids and counts mostly are. */
const defaultIntMax = 100;
const defaultStringLength = 16;
/**
 * Random floats are drawn on a grid: uniform on 1024 equal steps of [min, max], normal in steps of
 * stddev/1024. A few thousand distinct values keep JSON bodies short and fast to write (each value's text
 * is written once, then looked up: bench/requestBodies.bench.ts, a 3x224x224 FP32 image: 37 ms per JSON
 * body against 146 ms for off-grid floats), and
 * k/1024 of a unit range is exact in FP16 too.
 */
const floatGrid = 1024;
const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** The generator state of one input across a run: its random source and how far its sequence has got. */
export interface ValueState {
  readonly rng: Rng;
  position: number;
}

type NumberSink = (index: number, value: number) => void;

/** Writes a JS number into element `index` of `data`, as its datatype stores it (integers already in range). */
function numberSink(datatype: Datatype, data: TensorData): NumberSink {
  const kind = datatypeInfo[datatype].kind;
  if (kind === 'fp16') return (index, value) => void ((data as Uint16Array)[index] = toFloat16Bits(value));
  if (kind === 'bigint') return (index, value) => void ((data as BigInt64Array)[index] = BigInt(value));
  if (kind === 'bool') return (index, value) => void ((data as Uint8Array)[index] = value === 0 ? 0 : 1);
  if (kind === 'bytes') return (index, value) => void ((data as string[])[index] = String(value));
  return (index, value) => void ((data as Float32Array)[index] = value);
}

/** The inclusive integer range of a datatype, as numbers (64-bit types clipped to what a double holds exactly). */
function integerRange(datatype: Datatype): [number, number] {
  const info: DatatypeInfo = datatypeInfo[datatype];
  if (info.kind === 'bool') return [0, 1];
  const min = Math.max(Number(info.min ?? -Number.MAX_SAFE_INTEGER), -Number.MAX_SAFE_INTEGER);
  const max = Math.min(Number(info.max ?? Number.MAX_SAFE_INTEGER), Number.MAX_SAFE_INTEGER);
  return [min, max];
}

function randomValues(datatype: Datatype, spec: Extract<InputGenerator, { kind: 'random' }>['random'], count: number, rng: Rng): TensorData {
  const data = allocateData(datatype, count);
  const kind = datatypeInfo[datatype].kind;
  if (kind === 'bytes') {
    const length = spec.length ?? defaultStringLength;
    const strings = data as string[];
    for (let i = 0; i < count; i++) {
      let text = '';
      for (let c = 0; c < length; c++) text += alphabet[rng.nextInt(alphabet.length)];
      strings[i] = text;
    }
    return data;
  }
  const sink = numberSink(datatype, data);
  const integer = kind === 'int' || kind === 'bigint' || kind === 'bool';
  const [typeMin, typeMax] = integer ? integerRange(datatype) : [-Infinity, Infinity];
  const min = Math.max(spec.min ?? 0, typeMin);
  const max = Math.min(spec.max ?? (kind === 'bool' ? 1 : integer ? defaultIntMax : 1), typeMax);
  if (spec.distribution === 'normal') {
    const mean = spec.mean ?? 0;
    const stddev = spec.stddev ?? 1;
    const low = spec.min ?? typeMin;
    const high = spec.max ?? typeMax;
    for (let i = 0; i < count; i++) {
      const z = rng.normal();
      const value = Math.min(high, Math.max(low, mean + stddev * (integer ? z : Math.round(z * floatGrid) / floatGrid)));
      sink(i, integer ? Math.round(value) : value);
    }
    return data;
  }
  if (integer) {
    const span = max - min + 1;
    for (let i = 0; i < count; i++) sink(i, min + Math.floor(rng.next() * span));
    return data;
  }
  const step = (max - min) / floatGrid;
  for (let i = 0; i < count; i++) sink(i, min + Math.floor(rng.next() * (floatGrid + 1)) * step);
  return data;
}

/** A sequence element wrapped into an integer type's range (BOOL alternates by parity). */
function wrapInteger(datatype: Datatype, value: number): number {
  const [min, max] = integerRange(datatype);
  if (value >= min && value <= max) return value;
  const span = max - min + 1;
  return ((((value - min) % span) + span) % span) + min;
}

/** `count` values of `datatype` from `generator` (not `data`), advancing `state`. */
export function generateValues(datatype: Datatype, generator: Exclude<InputGenerator, { kind: 'data' }>, count: number, state: ValueState): TensorData {
  switch (generator.kind) {
    case 'zeros':
      return allocateData(datatype, count);
    case 'random':
      return randomValues(datatype, generator.random, count, state.rng);
    case 'constant': {
      const data = allocateData(datatype, count);
      const value = generator.value;
      if (typeof value === 'string') (data as string[]).fill(value);
      else {
        const sink = numberSink(datatype, data);
        for (let i = 0; i < count; i++) sink(i, typeof value === 'boolean' ? Number(value) : value);
      }
      return data;
    }
    case 'sequence': {
      const data = allocateData(datatype, count);
      const sink = numberSink(datatype, data);
      const kind = datatypeInfo[datatype].kind;
      const integer = kind === 'int' || kind === 'bigint';
      for (let i = 0; i < count; i++) {
        const value = generator.start + generator.step * (state.position + i);
        sink(i, integer ? wrapInteger(datatype, value) : kind === 'bool' ? Math.abs(Math.trunc(value)) % 2 : value);
      }
      state.position += count;
      return data;
    }
  }
}

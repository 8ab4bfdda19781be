// Tensor values in JSON, checked against their datatype element by element: integers in range for the
// integer types, true/false for BOOL, strings for BYTES, numbers within range for the float types (FP16
// rounded to nearest even). Every problem names the flat index of the element and what was wrong.

import { datatypeInfo, type Datatype, type TensorData } from './datatypes.ts';
import { fromFloat16Bits, isFloat16Finite, toFloat16Bits } from './float16.ts';

const float32Max = 3.4028234663852886e38;

const describe = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : typeof value === 'object' ? 'an object' : String(value);

/** Why `value` cannot be element `index` of a `datatype` tensor, or undefined once it is stored in `target`. */
export function storeJsonValue(datatype: Datatype, value: unknown, target: TensorData, index: number): string | undefined {
  const info = datatypeInfo[datatype];
  switch (info.kind) {
    case 'float': {
      if (typeof value !== 'number') return `is ${describe(value)}, not a number (${datatype})`;
      if (datatype === 'FP32' && Math.abs(value) > float32Max) return `is ${value}, out of range for FP32`;
      (target as Float32Array)[index] = value;
      return undefined;
    }
    case 'fp16': {
      if (typeof value !== 'number') return `is ${describe(value)}, not a number (FP16)`;
      const bits = toFloat16Bits(value);
      if (!isFloat16Finite(bits)) return `is ${value}, out of range for FP16 (±65504)`;
      (target as Uint16Array)[index] = bits;
      return undefined;
    }
    case 'int': {
      if (typeof value !== 'number' || !Number.isInteger(value)) return `is ${describe(value)}, not an integer (${datatype})`;
      if (value < (info.min as number) || value > (info.max as number)) return `is ${value}, out of range for ${datatype} (${info.min} to ${info.max})`;
      (target as Int32Array)[index] = value;
      return undefined;
    }
    case 'bigint': {
      if (typeof value !== 'number' || !Number.isInteger(value)) return `is ${describe(value)}, not an integer (${datatype})`;
      // JSON.parse has already rounded anything beyond 2^53 to a double: refuse rather than send a guess.
      if (!Number.isSafeInteger(value)) return `is ${value}, beyond ±2^53, which JSON cannot carry exactly; send it as binary tensor data`;
      const big = BigInt(value);
      if (big < (info.min as bigint) || big > (info.max as bigint)) return `is ${value}, out of range for ${datatype}`;
      (target as BigInt64Array)[index] = big;
      return undefined;
    }
    case 'bool': {
      if (typeof value !== 'boolean') return `is ${describe(value)}, not true or false (BOOL)`;
      (target as Uint8Array)[index] = value ? 1 : 0;
      return undefined;
    }
    case 'bytes': {
      if (typeof value !== 'string') return `is ${describe(value)}, not a string (BYTES)`;
      (target as string[])[index] = value;
      return undefined;
    }
  }
}

/** The JSON array text of a tensor's values (flat), exact for 64-bit integers (their digits are written as they are). */
export function tensorDataJson(datatype: Datatype, data: TensorData): string {
  switch (datatypeInfo[datatype].kind) {
    case 'bytes':
      return JSON.stringify(data);
    case 'bool':
      return `[${Array.from(data as Uint8Array, (value) => (value === 0 ? 'false' : 'true')).join(',')}]`;
    case 'fp16':
      return JSON.stringify(Array.from(data as Uint16Array, fromFloat16Bits));
    case 'float': {
      const values = data as Float32Array;
      // join writes NaN and Infinity as words JSON has not; JSON.stringify writes them as null.
      for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i]!)) return JSON.stringify(Array.from(values));
      return `[${values.join(',')}]`;
    }
    default:
      return `[${(data as Int32Array).join(',')}]`;
  }
}

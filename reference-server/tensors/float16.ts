// IEEE 754 binary16 from and to JavaScript numbers, rounding to nearest, ties to even, straight from the
// double (going through float32 first would round twice and be wrong for some values).

const twoTo = (exponent: number) => 2 ** exponent;

function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const rest = value - floor;
  if (rest > 0.5) return floor + 1;
  if (rest < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** The binary16 bit pattern nearest to `value` (Infinity beyond ±65504 once rounded, NaN as a quiet NaN). */
export function toFloat16Bits(value: number): number {
  if (Number.isNaN(value)) return 0x7e00;
  const sign = value < 0 || Object.is(value, -0) ? 0x8000 : 0;
  const magnitude = Math.abs(value);
  // 65520 is halfway between 65504 (the largest half) and 65536, and rounds to even: to infinity.
  if (magnitude >= 65_520) return sign | 0x7c00;
  if (magnitude < twoTo(-14)) return sign | roundHalfEven(magnitude * twoTo(24)); // subnormal (1024 is the smallest normal, encoded alike)
  let exponent = Math.floor(Math.log2(magnitude));
  if (twoTo(exponent) > magnitude) exponent--;
  else if (twoTo(exponent + 1) <= magnitude) exponent++;
  // Dividing by a power of two, subtracting 1 and scaling by 1024 are exact in a double.
  let mantissa = roundHalfEven((magnitude / twoTo(exponent) - 1) * 1024);
  if (mantissa === 1024) {
    mantissa = 0;
    exponent++;
  }
  return sign | ((exponent + 15) << 10) | mantissa;
}

/** The number a binary16 bit pattern holds. */
export function fromFloat16Bits(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) return sign * mantissa * twoTo(-24);
  if (exponent === 31) return mantissa === 0 ? sign * Infinity : Number.NaN;
  return sign * (1 + mantissa / 1024) * twoTo(exponent - 15);
}

/** Whether the bits are ±Infinity or NaN. */
export const isFloat16Finite = (bits: number): boolean => ((bits >> 10) & 0x1f) !== 31;

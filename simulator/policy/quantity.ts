// Kubernetes resource quantities ("500m", "1.5", "2k", "1Gi", 15) as integer milli-units, the unit the HPA
// controller computes in, and back to the canonical text a manifest carries.

const decimalSuffixes: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };
const binarySuffixes: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const pattern = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E))?$/;

/** The quantity in milli-units, rounded up as Kubernetes' MilliValue does; or the reason it is not a quantity. */
export function parseQuantityMilli(value: number | string): { ok: true; milli: number } | { ok: false; problem: string } {
  let units: number;
  if (typeof value === 'number') {
    units = value;
  } else {
    const match = pattern.exec(value.trim());
    if (match === null) return { ok: false, problem: `"${value}" is not a Kubernetes quantity (e.g. 15, 500m, 1.5, 2k)` };
    const [, number, exponent, suffix] = match;
    const scale = exponent !== undefined ? 10 ** Number(exponent.slice(1)) : suffix === undefined ? 1 : (decimalSuffixes[suffix] ?? binarySuffixes[suffix]!);
    units = Number(number) * scale;
  }
  if (!Number.isFinite(units) || units < 0) return { ok: false, problem: `must be a non-negative quantity, got ${String(value)}` };
  // Round up at the milli digit, tolerating binary floating-point noise below it.
  const milli = Math.ceil(Number((units * 1000).toPrecision(12)));
  return { ok: true, milli };
}

/** The canonical text of a milli-quantity: "15" for 15000, "500m" for 500. */
export function formatQuantityMilli(milli: number): string {
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

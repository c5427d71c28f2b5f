/**
 * Rounding for scores: 2 decimals, half up (away from zero, symmetric for negatives), robust to binary
 * representation error (2.905 → 2.91, 1.005 → 1.01) by rounding on the shortest decimal string of the
 * number after trimming float noise to 15 significant digits.
 */

/** Shift a decimal number by `places` powers of ten through its string form (no binary error). */
function shift(x: number, places: number): number {
  const [mantissa, exponent] = String(x).split("e");
  return Number(`${mantissa}e${Number(exponent ?? 0) + places}`);
}

/** Exact powers of ten for the fast path. */
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/** Round half up to `digits` decimals. Non-finite input is returned unchanged; -0 becomes 0. */
export function roundHalfUp(x: number, digits: number): number {
  if (!Number.isFinite(x)) return x;
  const sign = x < 0 ? -1 : 1;
  // Fast path (no strings): when |x|·10^digits is clearly away from a half, float error and the
  // 15-digit trim (both < 1e-14 relative) cannot change which way it rounds, and k / 10^digits is the
  // same correctly rounded double as the string shift. Values near a half take the exact path below.
  const scale = POW10[digits];
  if (scale !== undefined) {
    const y = Math.abs(x) * scale;
    if (y < 1e15 && Math.abs(y - Math.floor(y) - 0.5) > y * 1e-14 + 1e-9) {
      const fast = Math.round(y) / scale;
      return fast === 0 ? 0 : sign * fast;
    }
  }
  // 15 significant digits drop the tail of float error (0.1 + 0.2 → 0.3) while keeping every digit a
  // person could have typed.
  const clean = Number(Math.abs(x).toPrecision(15));
  const rounded = shift(Math.round(shift(clean, digits)), -digits);
  return rounded === 0 ? 0 : sign * rounded;
}

/** 2 decimals, half up: the rounding of every score. */
export function round2(x: number): number {
  return roundHalfUp(x, 2);
}

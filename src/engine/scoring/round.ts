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

/** Round half up to `digits` decimals. Non-finite input is returned unchanged; -0 becomes 0. */
export function roundHalfUp(x: number, digits: number): number {
  if (!Number.isFinite(x)) return x;
  const sign = x < 0 ? -1 : 1;
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

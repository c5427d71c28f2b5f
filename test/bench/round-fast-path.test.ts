/** roundHalfUp's string-free fast path (added for engine speed) must give exactly what the exact
 *  string-shift rounding gives, on random values of every magnitude and on values typed as halves. */
import fc from "fast-check";
import { roundHalfUp } from "../../src/engine/scoring/round";

/** The reference: round on the shortest decimal string after trimming to 15 significant digits. */
function shift(x: number, places: number): number {
  const [mantissa, exponent] = String(x).split("e");
  return Number(`${mantissa}e${Number(exponent ?? 0) + places}`);
}
function reference(x: number, digits: number): number {
  if (!Number.isFinite(x)) return x;
  const sign = x < 0 ? -1 : 1;
  const clean = Number(Math.abs(x).toPrecision(15));
  const rounded = shift(Math.round(shift(clean, digits)), -digits);
  return rounded === 0 ? 0 : sign * rounded;
}

const DIGITS = [0, 1, 2, 4, 6];

describe("roundHalfUp fast path", () => {
  it("equals the string rounding on arbitrary doubles", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), fc.constantFrom(...DIGITS), (x, d) => {
        expect(Object.is(roundHalfUp(x, d), reference(x, d))).toBe(true);
      }),
      { numRuns: 20000 },
    );
  });

  it("equals the string rounding on values typed with a trailing 5", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.integer({ min: 1, max: 8 }),
        fc.constantFrom(...DIGITS),
        (m, e, d) => {
          const x = Number(`${m}5e-${e}`);
          expect(Object.is(roundHalfUp(x, d), reference(x, d))).toBe(true);
        },
      ),
      { numRuns: 20000 },
    );
  });

  it("equals the string rounding on quotients like scores and rates", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100000 }),
        fc.integer({ min: 1, max: 100000 }),
        fc.constantFrom(...DIGITS),
        (a, b, d) => {
          const x = (a / b) * 7.5;
          expect(Object.is(roundHalfUp(x, d), reference(x, d))).toBe(true);
        },
      ),
      { numRuns: 20000 },
    );
  });
});

/** round2: 2 decimals, half up, symmetric for negatives, robust to binary representation error. */
import { round2, roundHalfUp } from "../../src/engine/scoring/round";

describe("round2", () => {
  it.each([
    [2.905, 2.91],
    [0.125, 0.13],
    [1.005, 1.01],
    [1.255, 1.26],
    [8.345, 8.35],
    [2.9098560955742614, 2.91],
    [0.1 + 0.2, 0.3],
    [2.904999, 2.9],
    [85.54, 85.54],
    [0, 0],
    [1e-9, 0],
    [123456.785, 123456.79],
  ])("%p → %p", (x, expected) => {
    expect(round2(x)).toBe(expected);
  });

  it("is symmetric for negatives", () => {
    expect(round2(-2.905)).toBe(-2.91);
    expect(round2(-0.125)).toBe(-0.13);
    expect(round2(-1.004)).toBe(-1);
  });

  it("never returns -0", () => {
    expect(Object.is(round2(-0.001), 0)).toBe(true);
    expect(Object.is(round2(-0), 0)).toBe(true);
  });

  it("handles numbers written with exponents", () => {
    expect(round2(1.2345e-7)).toBe(0);
    expect(round2(1e21)).toBe(1e21);
    expect(roundHalfUp(5e-7, 6)).toBe(0.000001);
  });

  it("passes non-finite input through", () => {
    expect(round2(Number.NaN)).toBeNaN();
    expect(round2(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
  });

  it("agrees with exact decimal half-up rounding on every cent-and-a-half value", () => {
    for (let cents = -2000; cents <= 2000; cents++) {
      const x = Number(`${cents}5e-3`); // 0.005, 0.015, … as typed
      const expected = (cents < 0 ? -1 : 1) * ((Math.abs(cents) * 10 + 10) / 1000);
      expect(round2(x)).toBeCloseTo(expected, 12);
    }
  });
});

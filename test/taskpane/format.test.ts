/** Pane number display and form parsing. */
import {
  formatRate,
  formatScore,
  formatTotal,
  parseNumberText,
  toPercentText,
} from "../../src/taskpane/format";

describe("pane formatting", () => {
  it("shows scores to at most two decimals and totals with two", () => {
    expect(formatScore(20.34)).toBe("20.34");
    expect(formatScore(38)).toBe("38");
    expect(formatScore(14.200000000000001)).toBe("14.2");
    expect(formatScore(null)).toBe("—");
    expect(formatTotal(85.54)).toBe("85.54");
    expect(formatTotal(85)).toBe("85.00");
  });

  it("shows rates as 0.00%", () => {
    expect(formatRate(0.678)).toBe("67.80%");
    expect(formatRate(1.2090005)).toBe("120.90%");
    expect(formatRate(0.9466666)).toBe("94.67%");
    expect(formatRate(null)).toBe("—");
  });

  it("parses form numbers (full-width digits, %), NaN for anything else", () => {
    expect(parseNumberText(" 90 ")).toBe(90);
    expect(parseNumberText("７.５%")).toBe(7.5);
    expect(parseNumberText("0.01")).toBe(0.01);
    expect(parseNumberText("")).toBeNaN();
    expect(parseNumberText("abc")).toBeNaN();
    expect(parseNumberText("1e3")).toBeNaN();
    expect(toPercentText(0.07)).toBe("7");
    expect(toPercentText(0.9)).toBe("90");
  });
});

/** The one display rule for scores and rates (src/engine/format.ts) and the pane's form parsing. */
import { formatRate, formatScore, formatWeight } from "../../src/engine/format";
import { parseNumberText, toPercentText } from "../../src/taskpane/format";

describe("pane formatting", () => {
  it("shows a weight or maximum as the table sets it, whole when whole", () => {
    expect(formatWeight(40)).toBe("40");
    expect(formatWeight(100.0000001)).toBe("100");
    expect(formatWeight(2.5)).toBe("2.50");
    expect(formatWeight(null)).toBe("—");
  });

  it("shows every score and total with two decimals", () => {
    expect(formatScore(20.34)).toBe("20.34");
    expect(formatScore(38)).toBe("38.00");
    expect(formatScore(14.200000000000001)).toBe("14.20");
    expect(formatScore((80 / 85) * 15)).toBe("14.12"); // 14.1176…
    expect(formatScore(0.125)).toBe("0.13"); // halves away from zero
    expect(formatScore(-0.001)).toBe("0.00");
    expect(formatScore(null)).toBe("—");
    expect(formatScore(85.54)).toBe("85.54");
    expect(formatScore(85)).toBe("85.00");
  });

  it("shows rates as 0.00%", () => {
    expect(formatRate(0.678)).toBe("67.80%");
    expect(formatRate(1.2090005)).toBe("120.90%");
    expect(formatRate(0.9466666)).toBe("94.67%");
    expect(formatRate(null)).toBe("—");
    expect(formatRate(-0.35)).toBe("-35.00%");
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

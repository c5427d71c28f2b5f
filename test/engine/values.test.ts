/** Cell values: numbers in every written form, targets, blanks, errors — and never NaN. */
import fc from "fast-check";
import { cellText, isExcelError, normalizeText, readNumber, readTargetValue } from "../../src/engine/values";

describe("normalizeText", () => {
  it("folds full-width digits, letters and punctuation to half-width", () => {
    expect(normalizeText("５５２．４５")).toBe("552.45");
    expect(normalizeText("项目资金（万元）")).toBe("项目资金(万元)");
    expect(normalizeText("金额单位：元")).toBe("金额单位:元");
    expect(normalizeText("１２０．９０％")).toBe("120.90%");
    expect(normalizeText("１，２３４")).toBe("1,234");
    expect(normalizeText("ＡＢｃ")).toBe("ABc");
  });
  it("trims and collapses inner whitespace, including the ideographic space", () => {
    expect(normalizeText("  合\u3000\u3000计 \n ")).toBe("合 计");
    expect(normalizeText("年初预算数\n(A)")).toBe("年初预算数 (A)");
  });
});

describe("isExcelError", () => {
  it.each(["#DIV/0!", "#N/A", "#REF!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!", " #SPILL! "])(
    "%s is an error",
    (e) => expect(isExcelError(e)).toBe(true),
  );
  it.each([null, 0, "", "#", "DIV/0", "#1", "合计", true])("%p is not an error", (v) =>
    expect(isExcelError(v)).toBe(false),
  );
});

describe("readNumber", () => {
  it.each([
    [552.45, 552.45],
    ["552.45", 552.45],
    [" 552.45 ", 552.45],
    ["552.45万元", 552.45],
    ["1,234.50", 1234.5],
    ["1,234,567", 1234567],
    ["５５２．４５", 552.45],
    ["-326.15", -326.15],
    ["−5", -5],
    [".5", 0.5],
    ["1.2E+3", 1200],
    ["10分", 10],
    [0, 0],
  ])("%p → %p", (input, value) => {
    expect(readNumber(input)).toEqual(expect.objectContaining({ kind: "number", value, percent: false }));
  });

  it("reads percentages as fractions and says so", () => {
    expect(readNumber("120.90%")).toEqual({ kind: "number", value: 1.209, percent: true });
    expect(readNumber("20.90%")).toEqual({ kind: "number", value: 0.209, percent: true });
    expect(readNumber("１００％")).toEqual({ kind: "number", value: 1, percent: true });
    expect(readNumber("-5%")).toEqual({ kind: "number", value: -0.05, percent: true });
  });

  it("keeps the money unit written in the cell", () => {
    expect(readNumber("5,524,500元")).toEqual({ kind: "number", value: 5524500, percent: false, unit: "元" });
    expect(readNumber("552.45万元")).toEqual({ kind: "number", value: 552.45, percent: false, unit: "万元" });
  });

  it.each([null, "", "   ", "-", "—", "/", "－", "--", "——", "\u3000"])(
    "%p is blank (unknown, not zero)",
    (v) => expect(readNumber(v)).toEqual({ kind: "blank" }),
  );

  it.each(["#DIV/0!", "#N/A", "#REF!"])("%s is an error", (e) =>
    expect(readNumber(e)).toEqual({ kind: "error", error: e }),
  );

  it.each(["十二", "12个", "≥12个", "约500", "1,23,4", "552.45.1", "abc", "达成"])("%p is text", (v) => {
    expect(readNumber(v).kind).toBe("text");
  });

  it("gives text for booleans and an error for non-finite numbers", () => {
    expect(readNumber(true)).toEqual({ kind: "text", text: "TRUE" });
    expect(readNumber(Number.NaN)).toEqual({ kind: "error", error: "#NUM!" });
    expect(readNumber(Number.POSITIVE_INFINITY).kind).toBe("error");
  });

  it("never returns NaN or Infinity for any string", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const r = readNumber(s);
        return r.kind !== "number" || Number.isFinite(r.value);
      }),
    );
  });

  it("round-trips every finite number written as text", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }), (x) => {
        const r = readNumber(String(x));
        return r.kind === "number" && r.value === x;
      }),
    );
  });
});

describe("readTargetValue", () => {
  it.each([
    ["≥12个", { op: "≥", value: 12, percent: false, unit: "个" }],
    ["12个", { op: null, value: 12, percent: false, unit: "个" }],
    [">=12个", { op: "≥", value: 12, percent: false, unit: "个" }],
    ["≧12", { op: "≥", value: 12, percent: false, unit: null }],
    ["≥95%", { op: "≥", value: 0.95, percent: true, unit: "%" }],
    ["≤100%", { op: "≤", value: 1, percent: true, unit: "%" }],
    ["≦0", { op: "≤", value: 0, percent: false, unit: null }],
    ["=0", { op: "=", value: 0, percent: false, unit: null }],
    ["＞＝１２个", { op: "≥", value: 12, percent: false, unit: "个" }],
    ["不低于 95%", { op: "≥", value: 0.95, percent: true, unit: "%" }],
    ["≥ 1,200 人次", { op: "≥", value: 1200, percent: false, unit: "人次" }],
    ["-5%", { op: null, value: -0.05, percent: true, unit: "%" }],
    [12, { op: null, value: 12, percent: false, unit: null }],
  ] as const)("%p", (input, expected) => {
    expect(readTargetValue(input)).toEqual(expected);
  });

  it("keeps the comparison when there is no number", () => {
    expect(readTargetValue("≥较上年")).toEqual({ op: "≥", value: null, percent: false, unit: null });
  });

  it.each([null, "", "-", "达成", "#N/A", true])("%p has no value", (v) => {
    expect(readTargetValue(v)).toEqual({ op: null, value: null, percent: false, unit: null });
  });
});

describe("cellText", () => {
  it("trims, collapses whitespace and keeps widths", () => {
    expect(cellText("  产出指标（50分） ")).toBe("产出指标（50分）");
    expect(cellText("   ")).toBeNull();
    expect(cellText(3)).toBe("3");
    expect(cellText(null)).toBeNull();
  });
});

/** Property tests: the 评分标准 parser never throws, and whatever it accepts evaluates to a finite number. */
import fc from "fast-check";
import { criteriaApplies, evaluateCriteria, parseCriteria } from "../../src/engine/scoring/criteria";

/** Pieces real criteria are made of, so random strings come close to (and often hit) the grammar. */
const FRAGMENTS = [
  "预算调整率",
  "执行率",
  "“三公经费”",
  "变动率",
  "=",
  "＝",
  "≤",
  "≦",
  "≥",
  "≧",
  "<",
  ">",
  "<=",
  ">=",
  "＜",
  "＞",
  "大于",
  "低于",
  "不低于",
  "以上",
  "以下",
  "为",
  "0",
  "1",
  "5",
  "10",
  "20",
  "30",
  "90",
  "100",
  "0.5",
  "０",
  "１０",
  "%",
  "％",
  "-",
  "－",
  "~",
  "至",
  "(含)",
  "（含）",
  "(不含)",
  "，",
  "；",
  "。",
  ",",
  ";",
  "计",
  "得",
  "分",
  "计3分",
  "得满分",
  "满分",
  "不得分",
  "每超过",
  "每低于",
  "每偏离",
  "每减少",
  "每",
  "一个百分点",
  "个百分点",
  "个",
  "扣",
  "扣0.5分",
  "扣完为止",
  "满分为止",
  "最多扣",
  "按完成比例计算得分",
  "完成率×分值",
  "以100%为标准",
  "为标准",
  " ",
  "\n",
  "x",
  "一",
  "两",
  "十",
  "半",
  "-5%",
  "1e3",
  ".",
  "..",
  "((",
  "))",
];

const criteriaLike = fc
  .array(fc.constantFrom(...FRAGMENTS), { maxLength: 30 })
  .map((parts) => parts.join(""));

describe("parseCriteria properties", () => {
  it("never throws on criteria-like text and evaluates to finite numbers", () => {
    fc.assert(
      fc.property(
        criteriaLike,
        fc.double({ min: -10, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (text, value, weight) => {
          const c = parseCriteria(text);
          if (c === null) return;
          const score = evaluateCriteria(c, value, weight);
          expect(Number.isFinite(score)).toBe(true);
          expect(typeof criteriaApplies(c, value)).toBe("boolean");
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("never throws on arbitrary unicode text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 60 }), (text) => {
        const c = parseCriteria(text);
        expect(c === null || typeof c.kind === "string").toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("parses some of the generated texts (the generator reaches the grammar)", () => {
    const samples = fc.sample(criteriaLike, { numRuns: 5000, seed: 42 });
    const accepted = samples.filter((t) => parseCriteria(t) !== null);
    expect(accepted.length).toBeGreaterThan(0);
  });

  it("deduction and deviation rules never go below 0", () => {
    const rules = [
      "在职人员控制率≦100%，计5分；每超过一个百分点扣0.5分，扣完为止",
      "预算执行率为100%，计5分；每偏离1个百分点扣0.1分，扣完为止",
      "重点支出安排率≥90%，计5分；每低于1个百分点扣1分",
    ].map((t) => parseCriteria(t));
    fc.assert(
      fc.property(fc.double({ min: -100, max: 100, noNaN: true }), (value) => {
        for (const c of rules) {
          if (c === null) throw new Error("fixture did not parse");
          const s = evaluateCriteria(c, value, 5);
          expect(s).toBeGreaterThanOrEqual(0);
          expect(s).toBeLessThanOrEqual(5);
        }
      }),
    );
  });
});

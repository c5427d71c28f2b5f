/** Property test: random indicator rows never give a score outside [0, 分值], NaN or Infinity. */
import fc from "fast-check";
import { scoreIndicatorTable } from "../../src/engine/scoring/score";
import type { CellValue, IndicatorRow, Nature } from "../../src/engine/types";
import { config, metrics, row, table } from "./score-fixtures";

const cell: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constant(null),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, 0, -0, 1e-12),
  fc.constantFrom(
    "≥12个",
    "9个",
    "100%",
    "95%",
    "-5%",
    "≤0",
    "=0",
    "达成",
    "部分达成",
    "未达到预期指标",
    "不适用",
    "N/A",
  ),
  fc.constantFrom("#DIV/0!", "#N/A", "", "—", "abc", "≥", "120.90%", "１２０％", "0", "≦100%", true, false),
  fc.string({ maxLength: 8 }),
);

const criteria = fc.oneof(
  fc.constant(null),
  fc.constantFrom(
    "预算调整率=0，计3分；0-10%(含)，计2分；10-20%(含)，计1分；20-30%(含)，计0.5分；大于30%不得分",
    "预算执行率为100%，计5分；每偏离1个百分点扣0.1分，扣完为止",
    "在职人员控制率≦100%，计5分；每超过一个百分点扣0.5分，扣完为止",
    "按完成比例计算得分，满分为止",
    "完成率≥90%，计50分；低于90%不得分",
    "酌情扣分",
  ),
);

const nature = fc.constantFrom<Nature | null>(null, "≥", "≤", "=", "定性", "正向", "反向");

const indicator: fc.Arbitrary<IndicatorRow> = fc
  .record({
    level1: fc.constantFrom("投入", "过程", "产出", "效益"),
    level3: fc.constantFrom("预算执行率", "预算调整率", "完成率", "数量", "满意度", "控制率"),
    weight: fc.oneof(
      fc.constant(null),
      fc.double({ min: -5, max: 60, noNaN: true }),
      fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY),
    ),
    nature,
    target: cell,
    actual: cell,
    unit: fc.constantFrom(null, "%", "个"),
    criteria,
    entered: fc.oneof(fc.constant(null), fc.double({ min: -10, max: 100 }), fc.constantFrom(Number.NaN)),
    scoreIsFormula: fc.boolean(),
    scoreIsOurs: fc.boolean(),
    scoreText: fc.constantFrom(undefined, null, "不适用", "好"),
  })
  .map((p) => row(p as Partial<IndicatorRow>));

const named = fc.dictionary(
  fc.constantFrom("预算执行率", "预算调整率", "三公经费变动率"),
  fc.oneof(
    fc.double({ min: -3, max: 3, noNaN: true }),
    fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY),
  ),
);

function finite(x: number | null): boolean {
  return x === null || Number.isFinite(x);
}

describe("scoreIndicatorTable properties", () => {
  it("keeps every score within [0, 分值], finite, and levels/total consistent", () => {
    fc.assert(
      fc.property(
        fc.array(indicator, { minLength: 1, maxLength: 12 }),
        named,
        fc.boolean(),
        fc.constantFrom<"ratio" | "deviation">("ratio", "deviation"),
        (rows, metricValues, rebase, reverseFormula) => {
          const result = scoreIndicatorTable(
            table(rows),
            metrics(metricValues),
            config({ rebaseNotApplicable: rebase, reverseFormula }),
          );
          for (const r of result.rows) {
            expect(finite(r.score)).toBe(true);
            expect(finite(r.computed)).toBe(true);
            expect(finite(r.rate)).toBe(true);
            expect(finite(r.metricValue)).toBe(true);
            const w = r.source.weight;
            if (r.score !== null) {
              expect(r.score).toBeGreaterThanOrEqual(0);
              if (typeof w === "number" && Number.isFinite(w) && w >= 0)
                expect(r.score).toBeLessThanOrEqual(w);
            }
            if (r.computed !== null && typeof w === "number") {
              expect(r.computed).toBeGreaterThanOrEqual(0);
              expect(r.computed).toBeLessThanOrEqual(w);
            }
            if (r.rate !== null) expect(r.rate).toBeLessThanOrEqual(1);
          }
          for (const level of result.levels) {
            expect(Number.isFinite(level.score)).toBe(true);
            expect(Number.isFinite(level.weight)).toBe(true);
            expect(finite(level.rate)).toBe(true);
            expect(level.score).toBeGreaterThanOrEqual(0);
          }
          expect(Number.isFinite(result.total.score)).toBe(true);
          expect(Number.isFinite(result.total.max)).toBe(true);
          expect(finite(result.total.rate)).toBe(true);
          expect(typeof result.total.grade).toBe("string");
        },
      ),
      { numRuns: 300 },
    );
  });
});

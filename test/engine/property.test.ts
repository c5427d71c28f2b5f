/**
 * Property tests over the whole pipeline (issue 6): random grids made of random header subsets from the
 * synonym table and random cells (numbers, numeric text, Excel errors, blanks, long text, random
 * 评分标准 strings). evaluate + planWrites + planSummary + buildReport never throw; scores stay within
 * [0, 分值]; a level's score is the sum of its rows' rounded scores; the total is the sum of the levels;
 * the JSON report holds no NaN/Infinity.
 */
import fc from "fast-check";
import { evaluate } from "../../src/engine/evaluate";
import { HEADER_SYNONYMS } from "../../src/engine/headers";
import { planWrites } from "../../src/engine/plan";
import { buildReport } from "../../src/engine/report";
import { round2 } from "../../src/engine/scoring/score";
import { planSummary } from "../../src/engine/summary";
import type { CellValue, FieldKey, WorkbookSnapshot } from "../../src/engine/types";
import { sheet, workbook, type Row } from "./helpers/grid";

const ALL_HEADERS = (Object.keys(HEADER_SYNONYMS) as FieldKey[]).flatMap((f) => HEADER_SYNONYMS[f]);

const criteriaText = fc.oneof(
  fc.constantFrom(
    "预算调整率=0，计3分；0-10%(含)，计2分；10-20%(含)，计1分；20-30%(含)，计0.5分；大于30%不得分",
    "在职人员控制率≦100%，计5分；每超过一个百分点扣0.5分，扣完为止",
    "预算执行率为100%，计5分；每偏离1个百分点扣0.1分，扣完为止",
    "按完成比例计算得分，满分为止",
    "≥90%，计5分；80%(含)-90%，计4分；低于60%不得分",
    "每偏离1个百分点扣100分",
    "计-5分",
    "扣完为止",
  ),
  fc.string({ maxLength: 30 }),
  fc
    .tuple(
      fc.constantFrom("≥", "≤", "=", "每超过", "每偏离"),
      fc.integer({ min: -5, max: 200 }),
      fc.double({ min: -10, max: 20, noNaN: true }),
    )
    .map(([op, n, pts]) => `${op}${n}%，计${pts}分；每超过一个百分点扣${pts / 10}分，扣完为止`),
);

const cell: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(null) },
  { weight: 3, arbitrary: fc.integer({ min: -20, max: 120 }) },
  { weight: 2, arbitrary: fc.double({ min: -1e4, max: 1e4, noNaN: true, noDefaultInfinity: true }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "≥12个",
      "≤100%",
      "95%",
      "１２０％",
      "1,234.5",
      "552.45万元",
      "达成",
      "部分达成",
      "不适用",
      "—",
      "/",
      "#DIV/0!",
      "#N/A",
      "#REF!",
      "产出指标（50分）",
      "投入(15)",
      "合计",
      "总分",
      "其中：财政拨款",
      "基本支出",
      "项目支出",
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom(...ALL_HEADERS) },
  { weight: 1, arbitrary: criteriaText },
  { weight: 1, arbitrary: fc.string({ minLength: 41, maxLength: 80 }) },
  { weight: 1, arbitrary: fc.boolean() },
);

const grid: fc.Arbitrary<{ rows: Row[]; merges: string[] }> = fc
  .record({
    header: fc.uniqueArray(fc.constantFrom(...ALL_HEADERS), { minLength: 2, maxLength: 9 }),
    levels: fc.boolean(),
    above: fc.integer({ min: 0, max: 2 }),
    body: fc.array(fc.array(cell, { minLength: 1, maxLength: 10 }), { minLength: 0, maxLength: 10 }),
    merge: fc.option(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 4 })), { nil: null }),
  })
  .map(({ header, levels, above, body, merge }) => {
    const head = levels ? ["一级指标", "二级指标", "三级指标", "分值", ...header] : header;
    const rows: Row[] = [];
    for (let i = 0; i < above; i++) rows.push(["标题"]);
    rows.push(head, ...body);
    const merges: string[] = [];
    if (merge) {
      const [col, len] = merge;
      const top = above + 2;
      const letter = String.fromCharCode(65 + col);
      if (top + len <= rows.length) merges.push(`${letter}${top}:${letter}${top + len}`);
    }
    return { rows, merges };
  });

function finiteJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (typeof v === "number" && !Number.isFinite(v)) throw new Error(`non-finite number ${v}`);
    return v;
  });
}

function check(snapshot: WorkbookSnapshot): void {
  const e = evaluate(snapshot);
  expect(e.notChecked.filter((n) => n.reason.startsWith("内部错误"))).toEqual([]);
  planWrites(snapshot, e);
  planSummary(e);
  finiteJson(buildReport(e));
  finiteJson(e.metrics);
  for (const result of e.scores) {
    for (const row of result.rows) {
      if (row.score === null) continue;
      expect(Number.isFinite(row.score)).toBe(true);
      expect(row.score).toBeGreaterThanOrEqual(0);
      if (row.source.weight !== null && row.source.weight >= 0)
        expect(row.score).toBeLessThanOrEqual(row.source.weight);
      expect(round2(row.score)).toBe(row.score);
    }
    for (const level of result.levels) {
      if (level.rebase) continue;
      const rows = result.rows.filter(
        (r) => r.source.level1.trim() === level.name && r.method !== "notApplicable",
      );
      expect(level.score).toBeCloseTo(round2(rows.reduce((s, r) => s + (r.score ?? 0), 0)), 9);
    }
    const sum = round2(result.levels.reduce((s, l) => s + l.score, 0));
    expect(result.total.score).toBeCloseTo(sum, 9);
    expect(Number.isFinite(result.total.max)).toBe(true);
  }
}

describe("whole pipeline on random grids", () => {
  it("never throws; scores in range; levels and total add up; finite JSON", () => {
    fc.assert(
      fc.property(grid, ({ rows, merges }) => check(workbook([sheet("表", rows, { merges })]))),
      { numRuns: 150 },
    );
  });

  it("two random sheets, one with a budget header and one with an indicator header", () => {
    const budget = fc.array(fc.array(cell, { minLength: 5, maxLength: 5 }), { maxLength: 6 });
    const indicators = fc.array(
      fc.tuple(
        fc.constantFrom("产出", "效益", "满意度", null),
        fc.constantFrom("数量", null),
        fc.string({ maxLength: 6 }),
        cell,
        fc.constantFrom("≥", "≤", "=", "定性", null),
        cell,
        cell,
        fc.oneof(fc.constant(null), criteriaText),
        cell,
      ),
      { maxLength: 8 },
    );
    fc.assert(
      fc.property(budget, indicators, (b, ind) => {
        const snapshot = workbook([
          sheet("预算执行", [["资金来源", "年初预算数", "调整后预算数", "决算数", "全年实际支出数"], ...b]),
          sheet("指标评分", [
            ["一级指标", "二级指标", "三级指标", "分值", "指标性质", "目标值", "实际值", "评分标准", "得分"],
            ...ind.map((r) => [...r] as Row),
          ]),
        ]);
        check(snapshot);
      }),
      { numRuns: 150 },
    );
  });
});

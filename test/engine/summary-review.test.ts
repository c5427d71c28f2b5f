/**
 * 问题汇总 with 自评 and 复核 columns (issue 16): under the score table, 指标 | 自评得分 | 复核得分 | 偏离度,
 * the 合计 row, each changed row with both scores (marked beyond the profile's threshold) and one
 * sentence. The workbook is test/engine/fixtures/review.ts's: 自评 40 + 30 + 25 = 95, 复核 36 + 24 + 25 = 85,
 * 偏离度 (95 − 85) / 95 = 10.526…%; 完成道路数 4/40 = 10% (not beyond 10%), 受益人数 6/30 = 20% (beyond).
 */
import { DEFAULT_CONFIG } from "../../src/engine/config";
import { evaluate } from "../../src/engine/evaluate";
import { reportModels } from "../../src/engine/report-model";
import { planSummary } from "../../src/engine/summary";
import type { SummarySheet } from "../../src/engine/types";
import { gaozhuangSnapshot } from "../../examples/source/gaozhuang-2023";
import { NINETY_FIVE, reviewWorkbook, selfReviewWorkbook } from "./fixtures/review";
import { sheet, workbook } from "./helpers/grid";

const values = (s: SummarySheet, i: number) => s.rows[i].slice(0, 5).map((c) => c.value);
const firstCol = (s: SummarySheet) => s.rows.map((r) => String(r[0]?.value ?? ""));

describe("自评 vs 复核 in the summary sheet", () => {
  it("gives 95 beside 85 at 10.53%, the two changed rows with both scores, 受益人数 flagged", () => {
    const s = planSummary(evaluate(selfReviewWorkbook()));
    const col = firstCol(s);
    const at = col.indexOf("自评与复核得分对比");
    expect(at).toBeGreaterThan(0);
    expect(s.rows[at][0].style).toBe("category");
    expect(values(s, at + 1).slice(0, 4)).toEqual(["指标", "自评得分", "复核得分", "偏离度"]);
    expect(values(s, at + 2).slice(0, 4)).toEqual(["合计", 95, 85, 10 / 95]);
    expect(s.rows[at + 2][3].numberFormat).toBe("0.00%");
    expect(values(s, at + 3)).toEqual(["完成道路数", 40, 36, 0.1, "查看 指标评分!H2"]);
    expect(values(s, at + 4)).toEqual(["受益人数（偏离度超过阈值）", 30, 24, 0.2, "查看 指标评分!H3"]);
    expect(s.rows[at + 4][4].link).toEqual({ sheet: "指标评分", address: "H3" });
    expect(col[at + 5]).toBe("复核调整指标2项，其中偏离度超过10%的1项；得分以复核得分85.00分计。");
    // before 二、评价结论, whose sentence gives the 复核 total
    expect(col.indexOf("二、评价结论")).toBeGreaterThan(at + 5);
    expect(col).toContain("该部门最终得分为85.00分，绩效评价结果等级为“良”。");
  });

  it("flags both changed rows at a 5% threshold, and speaks English", () => {
    const config = {
      ...DEFAULT_CONFIG,
      lang: "en-US" as const,
      review: { ...DEFAULT_CONFIG.review, selfDeviation: 0.05 },
    };
    const s = planSummary(evaluate(selfReviewWorkbook(), config));
    const col = firstCol(s);
    const at = col.indexOf("Self-evaluation and review scores");
    expect(values(s, at + 2).slice(0, 4)).toEqual(["Total", 95, 85, 10 / 95]);
    expect(col[at + 3]).toBe("完成道路数 (beyond the threshold)");
    expect(col[at + 4]).toBe("受益人数 (beyond the threshold)");
    expect(col[at + 5]).toBe(
      "The review changed 2 indicator(s), 2 of them deviating by more than 5%; the score is the review score, 85.00.",
    );
  });

  it("says the scores agree when the 复核 column equals the 自评 column", () => {
    const snapshot = workbook([
      sheet("指标评分", [
        ["一级指标", "二级指标", "三级指标", "分值", "自评得分", "复核得分"],
        ["产出指标", "数量指标", "完成道路数", 60, 50, 50],
        ["效益指标", "社会效益指标", "受益人数", 40, 40, 40],
      ]),
    ]);
    const s = planSummary(evaluate(snapshot));
    const col = firstCol(s);
    const at = col.indexOf("自评与复核得分对比");
    expect(values(s, at + 2).slice(0, 4)).toEqual(["合计", 90, 90, 0]);
    expect(col[at + 3]).toBe("各指标复核得分与自评得分一致，得分以复核得分90.00分计。");
  });

  it("has no such section without a 自评 column, nor on the sample (85.54 → 良)", () => {
    expect(firstCol(planSummary(evaluate(reviewWorkbook(NINETY_FIVE))))).not.toContain("自评与复核得分对比");
    const sample = evaluate(gaozhuangSnapshot());
    expect(sample.scores[0].total).toMatchObject({ score: 85.54, grade: "良" });
    expect(firstCol(planSummary(sample))).not.toContain("自评与复核得分对比");
    expect(reportModels(sample)[0].model.review).toBeNull();
  });

  it("puts the comparison in the report model of each subject", () => {
    const model = reportModels(evaluate(selfReviewWorkbook()))[0].model;
    expect(model.review).toMatchObject({ selfTotal: 95, reviewTotal: 85, limit: 0.1, flagged: 1 });
    expect(model.review!.changed.map((r) => [r.indicator, r.diff, r.cells[1].address])).toEqual([
      ["完成道路数", 4, "G2"],
      ["受益人数", 6, "G3"],
    ]);
  });
});

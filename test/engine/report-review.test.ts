/**
 * The JSON report's `review` (issue 16): per subject and at the top level (same rule as `total`), the
 * 自评 and 复核 totals, 偏离度, rows changed, the 执行率 cap and every review finding with its level.
 *
 * Workbooks: test/engine/fixtures/review.ts.
 * 自评/复核 (selfReviewWorkbook): 自评 95, 复核 85, 偏离度 10/95; rows 2–4, 自评 in G, 复核 in H. Its review
 * findings, worked from the rows:
 *   REVIEW_SELF_DEVIATION (P1): 受益人数 6/30 = 20% > 10% (完成道路数 4/40 = 10% is not beyond);
 *   REVIEW_BELOW_TARGET_FULL (P0): 完成道路数 9 of 10 and 受益人数 80 of 100, both self-scored full;
 *   REVIEW_DEDUCTION_NO_REASON (P2): 群众满意度 self-scored 25 of 30 and the table has no reason column.
 * NINETY_FIVE at 执行率 65%: under 一体化自评 the cap lowers 95 to 79 (REVIEW_EXECUTION_CAP, P0), nothing
 * else; under default nothing at all.
 */
import { profileConfig, profileNamed } from "../../src/engine/config";
import { evaluate } from "../../src/engine/evaluate";
import { buildReport } from "../../src/engine/report";
import { gaozhuangSnapshot } from "../../examples/source/gaozhuang-2023";
import { sheet, workbook } from "./helpers/grid";
import { PROJECT_FORMS, projectsWorkbook } from "./fixtures/subjects";
import { NINETY_FIVE, reviewWorkbook, SELF_REVIEW_HEADER, selfReviewWorkbook } from "./fixtures/review";

const YITIHUA = profileConfig(profileNamed("一体化自评")!);

describe("report.review with 自评 and 复核 columns", () => {
  const report = buildReport(evaluate(selfReviewWorkbook()));
  const review = report.subjects[0].review;

  it("gives both totals, the 偏离度 and the rows changed, per subject and at the top level", () => {
    expect(review).toMatchObject({ selfTotal: 95, reviewTotal: 85, rowsChanged: 2, cap: null });
    expect(review.deviation).toBeCloseTo(10 / 95, 12);
    expect(report.review).toEqual(review);
    // the 复核 score is the subject's score
    expect(report.total).toMatchObject({ score: 85, grade: "良" });
  });

  it("lists each row with its cells, difference, 偏离度 and whether it is beyond 10%", () => {
    expect(review.rows).toEqual([
      {
        sheet: "指标评分",
        cell: "H2",
        selfCell: "G2",
        indicator: "完成道路数",
        self: 40,
        review: 36,
        diff: 4,
        deviation: 0.1,
        flagged: false,
      },
      {
        sheet: "指标评分",
        cell: "H3",
        selfCell: "G3",
        indicator: "受益人数",
        self: 30,
        review: 24,
        diff: 6,
        deviation: 0.2,
        flagged: true,
      },
      {
        sheet: "指标评分",
        cell: "H4",
        selfCell: "G4",
        indicator: "群众满意度",
        self: 25,
        review: 25,
        diff: 0,
        deviation: 0,
        flagged: false,
      },
    ]);
  });

  it("carries every review finding with its level, and counts them per level", () => {
    expect(review.findings.map((f) => [f.rule, f.level])).toEqual([
      ["REVIEW_SELF_DEVIATION", "P1"],
      ["REVIEW_BELOW_TARGET_FULL", "P0"],
      ["REVIEW_DEDUCTION_NO_REASON", "P2"],
    ]);
    expect(review.levels).toEqual({ P0: 1, P1: 1, P2: 1 });
    expect(report.overview[0].review).toEqual({ P0: 1, P1: 1, P2: 1 });
    const deviation = review.findings[0];
    expect(deviation.members.map((m) => [m.cell, m.text])).toEqual([
      ["H3", "“受益人数”自评30分、复核24分（偏离度20.00%）"],
    ]);
    expect(review.findings[1].members.map((m) => m.cell)).toEqual(["G2", "G3"]);
  });

  it("an ordinary finding has no level; the 偏离度 finding among the subject's findings has P1", () => {
    const own = report.subjects[0].findings;
    expect(own.find((f) => f.rule === "REVIEW_SELF_DEVIATION")?.level).toBe("P1");
    expect(own.filter((f) => !f.rule.startsWith("REVIEW_")).every((f) => !("level" in f))).toBe(true);
  });

  it("swapping the columns (复核 left of 自评) reads the same", () => {
    const swapped = workbook([
      sheet("指标评分", [
        [...SELF_REVIEW_HEADER.slice(0, 6), "复核得分", "自评得分"],
        ["产出指标", "数量指标", "完成道路数", 40, 10, 9, 36, 40],
        ["效益指标", "社会效益指标", "受益人数", 30, 100, 80, 24, 30],
        ["满意度指标", "服务对象满意度指标", "群众满意度", 30, "90%", "85%", 25, 25],
      ]),
    ]);
    const r = buildReport(evaluate(swapped)).review!;
    expect(r).toMatchObject({ selfTotal: 95, reviewTotal: 85, rowsChanged: 2 });
    expect(r.rows[1]).toMatchObject({ cell: "G3", selfCell: "H3", flagged: true });
  });
});

describe("report.review without a 复核 column", () => {
  it("under 一体化自评 at 执行率 65%: the cap 95 → 79 is the one review finding (P0)", () => {
    const report = buildReport(evaluate(reviewWorkbook(NINETY_FIVE, { budget: [100, 65] }), YITIHUA));
    expect(report.review).toMatchObject({
      selfTotal: null,
      reviewTotal: null,
      deviation: null,
      rowsChanged: 0,
      rows: [],
      cap: { before: 95, max: 79, executionRate: 0.65 },
      levels: { P0: 1, P1: 0, P2: 0 },
    });
    expect(report.review!.findings.map((f) => [f.rule, f.level, f.cell])).toEqual([
      ["REVIEW_EXECUTION_CAP", "P0", "I1"], // no 总分 row: the 得分 header
    ]);
    expect(report.total).toMatchObject({ score: 79, grade: "中" });
  });

  it("under default the same workbook has no review finding and no cap", () => {
    const report = buildReport(evaluate(reviewWorkbook(NINETY_FIVE, { budget: [100, 65] })));
    expect(report.review).toEqual({
      selfTotal: null,
      reviewTotal: null,
      deviation: null,
      rowsChanged: 0,
      rows: [],
      cap: null,
      levels: { P0: 0, P1: 0, P2: 0 },
      findings: [],
    });
    expect(report.total).toMatchObject({ score: 95, grade: "优" });
  });

  it("the sample keeps 85.54 → 良 and its review survives a JSON round trip", () => {
    const report = buildReport(evaluate(gaozhuangSnapshot()));
    expect(report.total).toMatchObject({ score: 85.54, grade: "良" });
    expect(report.review).not.toBeNull();
    expect(JSON.parse(JSON.stringify(report.review))).toEqual(report.review);
    const counted = report.review!.findings.length;
    const { P0, P1, P2 } = report.review!.levels;
    expect(P0 + P1 + P2).toBe(counted);
  });
});

describe("report.review on project 自评表 (test/engine/fixtures/subjects.ts)", () => {
  it("a 0 / 0 budget block row is UNSCORED_ROW, not a blank 实际完成值; 27 of 30 without a reason is P2", () => {
    const report = buildReport(evaluate(projectsWorkbook(PROJECT_FORMS)));
    const bridge = report.subjects[1];
    expect(bridge.name).toBe("桥梁维修");
    expect(bridge.findings.map((f) => f.rule)).toContain("UNSCORED_ROW");
    expect(bridge.review.findings.map((f) => [f.rule, f.level, f.members.map((m) => m.cell)])).toEqual([
      ["REVIEW_DEDUCTION_NO_REASON", "P2", ["H17"]],
    ]);
    // several subjects and no department: no top-level review
    expect(report.review).toBeNull();
  });
});

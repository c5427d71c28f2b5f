/**
 * The 复核 checks (issue 16), each on a hand-built workbook that triggers it and one that does not, and
 * 自评 vs 复核 columns with the 偏离度 worked by hand. Workbooks: test/engine/fixtures/review.ts (预算执行
 * 调整后 100 / 实际 95 → 执行率 95% unless a test says otherwise; 指标评分 under REVIEW_HEADER).
 *
 * The baseline NINETY_FIVE triggers none: 完成道路数 10/10 at 40/40; 受益人数 90 of 100 at 25/30 with
 * “扣5分” (5 taken = 5 stated); 群众满意度 95% (a figure) at 30/30.
 */
import { DEFAULT_CONFIG, profileConfig, profileNamed } from "../../src/engine/config";
import { evaluate } from "../../src/engine/evaluate";
import { foreignGroup, statedDeduction } from "../../src/engine/rules/review";
import { renderMessage } from "../../src/engine/rules/catalogue";
import type { CellValue, EvalConfig, Finding } from "../../src/engine/types";
import { sheet, workbook } from "./helpers/grid";
import {
  NINETY_FIVE,
  reviewWorkbook,
  row,
  SELF_REVIEW_HEADER,
  SELF_REVIEW_ROWS,
  selfReviewWorkbook,
} from "./fixtures/review";

const YITIHUA = profileConfig(profileNamed("一体化自评")!);

function reviewOf(
  rows: CellValue[][],
  options: { budget?: [number, number] | null } = {},
  config: EvalConfig = DEFAULT_CONFIG,
) {
  const e = evaluate(reviewWorkbook(rows, options), config);
  return e.subjects[0].review!;
}

function rule(
  rows: CellValue[][],
  code: string,
  options: { budget?: [number, number] | null } = {},
  config = DEFAULT_CONFIG,
): Finding | null {
  return reviewOf(rows, options, config).findings.find((f) => f.rule === code) ?? null;
}

const base = NINETY_FIVE;
const replace = (i: number, r: CellValue[]) => base.map((x, j) => (j === i ? r : x));

describe("the baseline", () => {
  it("triggers no review check, and the ordinary findings carry no review rule", () => {
    const e = evaluate(reviewWorkbook(base));
    expect(e.subjects[0].review).toEqual({ findings: [], scores: null });
    expect(e.findings.some((f) => f.rule.startsWith("REVIEW_"))).toBe(false);
  });
});

describe("every row at full score", () => {
  it("triggers when all rows are full (40 + 30 + 30 = 100), P1 by default and P0 under 一体化自评", () => {
    const all = replace(1, row("效益指标", "社会效益指标", "受益人数", 30, "≥", 100, 100, 30));
    const f = rule(all, "REVIEW_ALL_FULL");
    expect(f).toMatchObject({ level: "P1", params: { rows: 3, total: 100 } });
    expect(renderMessage(f!, "zh-CN")).toBe(
      "全部3项指标均为满分（合计100分），自评未如实反映指标完成情况的可能性较大。",
    );
    expect(rule(all, "REVIEW_ALL_FULL", {}, YITIHUA)?.level).toBe("P0");
  });
  it("does not trigger when one row lost points", () => {
    expect(rule(base, "REVIEW_ALL_FULL")).toBeNull();
  });
});

describe("0 or blank 实际完成值 without a reason", () => {
  it("triggers on 0 and on a blank actual with no 偏差原因", () => {
    const rows = [
      ...base,
      row("产出指标", "数量指标", "培训场次", 0, "≥", 5, 0, 0),
      row("产出指标", "数量指标", "宣传次数", 0, "≥", 3, null, 0),
    ];
    const f = rule(rows, "REVIEW_ZERO_NO_REASON");
    expect(f?.members.map((m) => [m.cell, m.params.indicator, m.params.actual])).toEqual([
      ["G5", "培训场次", "0"],
      ["G6", "宣传次数", ""],
    ]);
    // a blank actual prints as "—" in either language
    expect(renderMessage(f!, "zh-CN")).toContain("“宣传次数”（实际完成值：—）");
    expect(renderMessage(f!, "en-US")).toContain("“宣传次数” (actual: —)");
  });
  it("does not trigger when the reason is given", () => {
    const rows = [...base, row("产出指标", "数量指标", "培训场次", 0, "≥", 5, 0, 0, "受疫情影响未开展")];
    expect(rule(rows, "REVIEW_ZERO_NO_REASON")).toBeNull();
  });
});

describe("成本指标 written as ≥", () => {
  const cost = (nature: string, target: string) =>
    replace(
      0,
      row("产出指标", "成本指标", "人均培训成本", 40, nature, target, target.replace(/[≥≤]/, ""), 40),
    );
  it("triggers on ≥", () => {
    const f = rule(cost("≥", "≥500"), "REVIEW_COST_GE");
    expect(f?.members.map((m) => [m.cell, m.params.indicator, m.params.target])).toEqual([
      ["E2", "人均培训成本", "≥500"],
    ]);
    expect(f?.level).toBe("P2");
  });
  it("does not trigger on ≤", () => {
    expect(rule(cost("≤", "≤500"), "REVIEW_COST_GE")).toBeNull();
  });
});

describe("满意度 at full score without a figure or a survey", () => {
  const sat = (actual: string, reason: string | null = null) =>
    replace(2, row("满意度指标", "服务对象满意度指标", "群众满意度", 30, "定性", "满意", actual, 30, reason));
  it("triggers on 不投诉=满意", () => {
    const f = rule(sat("无投诉"), "REVIEW_SATISFACTION_NO_SURVEY");
    expect(f?.members.map((m) => [m.cell, m.params.actual, m.params.score])).toEqual([["G4", "无投诉", 30]]);
  });
  it("does not trigger with a figure, or with a survey note", () => {
    expect(rule(base, "REVIEW_SATISFACTION_NO_SURVEY")).toBeNull();
    expect(rule(sat("满意", "发放问卷200份，回收186份"), "REVIEW_SATISFACTION_NO_SURVEY")).toBeNull();
  });
});

describe("completion below target with a full score", () => {
  it("triggers: 8 of 10 at 40/40; the criteria give 8/10 × 40 = 32, so 8 points are at stake", () => {
    const f = rule(
      replace(0, row("产出指标", "数量指标", "完成道路数", 40, "≥", 10, 8, 40)),
      "REVIEW_BELOW_TARGET_FULL",
    );
    expect(f).toMatchObject({ severity: "error", level: "P0" });
    expect(f?.members.map((m) => [m.cell, m.params.computed, m.params.deduct])).toEqual([["I2", 32, 8]]);
  });
  it("triggers for a 反向 row above its target (cost 600 against ≤500)", () => {
    const f = rule(
      replace(0, row("产出指标", "成本指标", "人均培训成本", 40, "≤", "≤500", 600, 40)),
      "REVIEW_BELOW_TARGET_FULL",
    );
    // 反向 ratio: 500 / 600 × 40 = 33.333… → 33.33; 40 − 33.33 = 6.67
    expect(f?.members.map((m) => [m.params.computed, m.params.deduct])).toEqual([[33.33, 6.67]]);
  });
  it("does not trigger when the target is met, nor when the points were deducted", () => {
    expect(rule(base, "REVIEW_BELOW_TARGET_FULL")).toBeNull();
  });
});

describe("deductions", () => {
  it("a deduction with no reason triggers; one with a reason does not", () => {
    const none = replace(1, row("效益指标", "社会效益指标", "受益人数", 30, "≥", 100, 90, 25));
    expect(
      rule(none, "REVIEW_DEDUCTION_NO_REASON")?.members.map((m) => [m.cell, m.params.score, m.params.weight]),
    ).toEqual([["I3", 25, 30]]);
    expect(rule(base, "REVIEW_DEDUCTION_NO_REASON")).toBeNull();
  });
  it("a stated percentage that differs from the points taken triggers: 扣10% of 30 = 3, but 5 taken", () => {
    const rows = replace(
      1,
      row("效益指标", "社会效益指标", "受益人数", 30, "≥", 100, 90, 25, "未达目标，扣10%"),
    );
    const f = rule(rows, "REVIEW_DEDUCTION_MISMATCH");
    expect(f?.members.map((m) => [m.cell, m.params.stated, m.params.taken, m.params.deduct])).toEqual([
      ["J3", 3, 5, -2],
    ]);
    expect(rule(base, "REVIEW_DEDUCTION_MISMATCH")).toBeNull();
    // 扣15% of 30 = 4.5: within 0.5 of 5 → no finding
    const close = replace(1, row("效益指标", "社会效益指标", "受益人数", 30, "≥", 100, 90, 25, "扣15%"));
    expect(rule(close, "REVIEW_DEDUCTION_MISMATCH")).toBeNull();
  });
  it("reads 扣X% and 扣X分 and adds them up", () => {
    expect(statedDeduction("数量未完成扣1分，质量扣除10%", 20)).toEqual({
      points: 3,
      text: "扣1分、扣除10%",
    });
    expect(statedDeduction("按完成比例计分", 20)).toBeNull();
  });
});

describe("the same 三级 under two 一级", () => {
  it("triggers when 群众满意度 sits under 效益指标 and 满意度指标", () => {
    const rows = [...base, row("效益指标", "社会效益指标", "群众满意度", 0, "≥", "90%", "95%", 0)];
    const f = rule(rows, "REVIEW_DUPLICATE_LEVEL3");
    expect(f?.members.map((m) => [m.cell, m.params.first, m.params.second])).toEqual([
      ["C5", "满意度指标", "效益指标"],
    ]);
  });
  it("does not trigger for distinct names, nor for one name twice under one 一级", () => {
    expect(rule(base, "REVIEW_DUPLICATE_LEVEL3")).toBeNull();
    const rows = [...base, row("产出指标", "质量指标", "完成道路数", 0, "≥", 10, 10, 0)];
    expect(rule(rows, "REVIEW_DUPLICATE_LEVEL3")).toBeNull();
  });
});

describe("a 三级 under the wrong 二级 (level2-words.json)", () => {
  it("triggers on 资金支付率 as a 数量指标 (its words are 时效指标's)", () => {
    const rows = replace(0, row("产出指标", "数量指标", "资金支付率", 40, "≥", "100%", "100%", 40));
    const f = rule(rows, "REVIEW_LEVEL2_MISMATCH");
    expect(f?.members.map((m) => [m.cell, m.params.level2, m.params.expected])).toEqual([
      ["C2", "数量指标", "时效指标"],
    ]);
  });
  it("does not trigger under 时效指标, nor for a name that says nothing", () => {
    expect(foreignGroup("时效指标", "资金支付率")).toBeNull();
    expect(foreignGroup("数量指标", "完成道路数")).toBeNull();
    expect(foreignGroup("数量指标", "道路维修")).toBeNull();
    expect(foreignGroup("数量指标", "资金支付率")?.name).toBe("时效指标");
    // counting words do not claim a benefit indicator: 受益人数 is a 社会效益指标
    expect(foreignGroup("社会效益指标", "受益人数")).toBeNull();
    expect(rule(base, "REVIEW_LEVEL2_MISMATCH")).toBeNull();
  });
});

describe("outputs at full score with 执行率 below the profile's line", () => {
  it("triggers at 0.08% spent (0.08 of 100 万元) with 完成道路数 at 40/40", () => {
    const f = rule(base, "REVIEW_OUTPUT_FULL_LOW_EXECUTION", { budget: [100, 0.08] });
    expect(f?.params.rate).toBeCloseTo(0.0008, 12);
    expect(f?.params.limit).toBe(0.5);
    expect(f?.members.map((m) => [m.cell, m.params.indicator])).toEqual([["I2", "完成道路数"]]);
    expect(renderMessage(f!, "zh-CN")).toBe(
      "预算执行率仅为0.08%（低于50%），以下产出指标仍为满分：“完成道路数”40分。",
    );
  });
  it("does not trigger at 执行率 95%, nor at 50% exactly", () => {
    expect(rule(base, "REVIEW_OUTPUT_FULL_LOW_EXECUTION")).toBeNull();
    expect(rule(base, "REVIEW_OUTPUT_FULL_LOW_EXECUTION", { budget: [100, 50] })).toBeNull();
  });
});

describe("self-score above the 执行率 cap", () => {
  it("is a review finding under 一体化自评 at 执行率 65% (95 → 79, 16 points)", () => {
    const f = rule(base, "REVIEW_EXECUTION_CAP", { budget: [100, 65] }, YITIHUA);
    expect(f).toMatchObject({ level: "P0", params: { before: 95, max: 79, deduct: 16 } });
  });
  it("is none under default, nor under 一体化自评 at 执行率 95%", () => {
    expect(rule(base, "REVIEW_EXECUTION_CAP", { budget: [100, 65] })).toBeNull();
    expect(rule(base, "REVIEW_EXECUTION_CAP", {}, YITIHUA)).toBeNull();
  });
});

describe("自评 vs 复核 columns", () => {
  const header = SELF_REVIEW_HEADER;
  const rows = SELF_REVIEW_ROWS;
  const bookWith = selfReviewWorkbook;

  it("computes both totals, the 偏离度 and the rows changed; the 复核 score is the subject's", () => {
    const e = evaluate(bookWith(header));
    const review = e.subjects[0].review!;
    expect(review.scores).toMatchObject({ selfTotal: 95, reviewTotal: 85, rowsChanged: 2 });
    expect(review.scores!.deviation).toBeCloseTo(10 / 95, 12);
    expect(review.scores!.rows.map((r) => [r.indicator, r.self, r.review, r.diff])).toEqual([
      ["完成道路数", 40, 36, 4],
      ["受益人数", 30, 24, 6],
      ["群众满意度", 25, 25, 0],
    ]);
    expect(review.scores!.rows.map((r) => r.deviation)).toEqual([0.1, 0.2, 0]);
    expect(e.scores[0].total).toMatchObject({ score: 85, grade: "良" });
    const flagged = e.findings.find((f) => f.rule === "REVIEW_SELF_DEVIATION");
    expect(flagged?.members.map((m) => [m.cell, m.params.indicator, m.params.deduct])).toEqual([
      ["H3", "受益人数", 6],
    ]);
  });

  it("does not flag a 偏离度 at the threshold: 40 → 36 and 30 → 27 are 10% each, not beyond 10%", () => {
    const within = rows.map((r, i) => (i === 1 ? [...r.slice(0, 7), 27] : r));
    const e = evaluate(workbook([sheet("指标评分", [header, ...within])]));
    const review = e.subjects[0].review!;
    // 自评 95, 复核 36 + 27 + 25 = 88, 偏离度 7/95
    expect(review.scores).toMatchObject({ selfTotal: 95, reviewTotal: 88, rowsChanged: 2 });
    expect(review.scores!.deviation).toBeCloseTo(7 / 95, 12);
    expect(review.scores!.rows.map((r) => r.deviation)).toEqual([0.1, 0.1, 0]);
    expect(review.findings.find((f) => f.rule === "REVIEW_SELF_DEVIATION")).toBeUndefined();
    // the same rows beyond a 5% threshold are both flagged
    const strict = { ...DEFAULT_CONFIG, review: { ...DEFAULT_CONFIG.review, selfDeviation: 0.05 } };
    const flagged = evaluate(workbook([sheet("指标评分", [header, ...within])]), strict).findings.find(
      (f) => f.rule === "REVIEW_SELF_DEVIATION",
    );
    expect(flagged?.members.map((m) => m.params.indicator)).toEqual(["完成道路数", "受益人数"]);
  });

  it("reads 得分 + 财政复核得分 and 自评得分 + 评价得分 the same way", () => {
    for (const [self, review] of [
      ["得分", "财政复核得分"],
      ["自评得分", "评价得分"],
    ]) {
      const e = evaluate(bookWith([...header.slice(0, 6), self, review]));
      expect(e.subjects[0].review!.scores).toMatchObject({ selfTotal: 95, reviewTotal: 85, rowsChanged: 2 });
    }
  });

  it("a table with one score column has no comparison (评价得分 alone is its 得分)", () => {
    const one = workbook([
      sheet("指标评分", [[...header.slice(0, 6), "评价得分"], ...rows.map((r) => r.slice(0, 7))]),
    ]);
    const e = evaluate(one);
    expect(e.subjects[0].review!.scores).toBeNull();
    expect(e.scores[0].total.score).toBe(95);
  });
});

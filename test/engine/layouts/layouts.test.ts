/**
 * Real workbook layouts (issue 6): each form built from its description (test/engine/fixtures/layouts.ts)
 * and evaluated end to end; the expected numbers are worked out by hand in the comments.
 */
import { evaluate } from "../../../src/engine/evaluate";
import { planWrites } from "../../../src/engine/plan";
import type { Evaluation, TableKind } from "../../../src/engine/types";
import { sheet, workbook } from "../helpers/grid";
import {
  frameworkScoreTable,
  guizhouDepartmentSelfEvaluation,
  incomeExpenditureFinalAccounts,
  ministryProjectSelfEvaluation,
  overallTargets,
  sichuanProjectSelfEvaluation,
} from "../fixtures/layouts";

function table(e: Evaluation, kind: TableKind) {
  return e.detection.tables.filter((t) => t.kind === kind);
}
function levels(e: Evaluation) {
  return e.scores[0].levels.map((l) => [l.name, l.weight, l.score]);
}
function rowScore(e: Evaluation, level3: string) {
  const r = e.scores[0].rows.find((s) => s.source.level3 === level3);
  if (!r) throw new Error(`no row ${level3}`);
  return [r.method, r.score];
}
function rules(e: Evaluation) {
  return e.findings.filter((f) => f.rule !== "TABLE_MISSING").map((f) => `${f.rule} ${f.sheet}!${f.cell}`);
}

describe("财政部 项目支出绩效自评表 (one sheet)", () => {
  const snapshot = ministryProjectSelfEvaluation();
  const e = evaluate(snapshot);

  it("finds the budget block (row 5) and the indicator block (row 12) on the one sheet", () => {
    expect(
      table(e, "budget").map((t) => [t.sheet, t.headerRow + 1, t.firstDataRow + 1, t.lastRow + 1]),
    ).toEqual([["项目自评表", 5, 6, 9]]);
    expect(table(e, "indicators").map((t) => [t.sheet, t.headerRow + 1, t.lastRow + 1])).toEqual([
      ["项目自评表", 12, 19],
    ]);
    expect(e.scores[0].table.totalRow?.row).toBe(18); // 总分, Excel row 19
  });

  it("reads 其中：当年财政拨款 under 年度资金总额 as one of its parts (no structure finding)", () => {
    const rows = e.detection.budget!.rows;
    expect(rows.map((r) => [r.name, r.isTotal, r.isSubItem])).toEqual([
      ["年度资金总额", true, false],
      ["其中：当年财政拨款", false, false],
      ["上年结转资金", false, false],
      ["其他资金", false, false],
    ]);
    // 80 + 20 + 0 = 100 年初; 100 + 20 + 0 = 120 全年; 90 + 18 + 0 = 108 执行: the parts add up
    expect(rules(e).filter((r) => r.startsWith("STRUCTURE"))).toEqual([]);
  });

  it("computes 执行率 per row: 108 / 120 = 90%, 90 / 100 = 90%, 18 / 20 = 90%", () => {
    expect(e.metrics.execution.map((r) => [r.name, r.value])).toEqual([
      ["年度资金总额", 0.9],
      ["其中：当年财政拨款", 0.9],
      ["上年结转资金", 0.9],
      ["其他资金", null], // 0 / 0: not computable
    ]);
  });

  it("scores the budget block (执行率 × 分值) as part of the 100 points", () => {
    // budget: 90% × 10 = 9
    // 产出: 养护里程 120 ≥ 120 → 20; 路况优良率 80/85 × 15 = 14.1176 → 14.12; 及时率 100% → 10;
    //       成本 0.9 ≤ 0.9 → 5; sum 49.12
    // 效益: entered 27 (定性 达成, band 24–30); 满意度: 92% ≥ 90% → 10
    // total 9 + 49.12 + 27 + 10 = 95.12 → 优
    expect(rowScore(e, "预算执行率")).toEqual(["executionRate", 9]);
    expect(rowScore(e, "路况优良率")).toEqual(["positive", 14.12]);
    expect(levels(e)).toEqual([
      ["预算执行", 10, 9],
      ["产出指标", 50, 49.12],
      ["效益指标", 30, 27],
      ["满意度指标", 10, 10],
    ]);
    expect(e.scores[0].total).toMatchObject({ score: 95.12, max: 100, grade: "优" });
    expect(rules(e).filter((r) => r.startsWith("WEIGHTS"))).toEqual([]);
  });

  it("writes the budget 得分 into the budget block's own 得分 cell (H6) and the total into H19", () => {
    const plan = planWrites(snapshot, e);
    const score = plan.writes.filter((w) => w.role === "score" || w.role === "total");
    expect(score.find((w) => w.row === 5)).toMatchObject({ col: 7, value: 9 });
    // (the results block beside the table also has a "total" cell; the 总分 row's is H19)
    expect(score.find((w) => w.role === "total" && w.row === 18)).toMatchObject({ col: 7, value: 95.12 });
  });
});

describe("Sichuan 部门预算项目支出绩效自评表", () => {
  const snapshot = sichuanProjectSelfEvaluation();
  const e = evaluate(snapshot);

  it("takes 年度预算数（万元） as the row-label column of the budget block", () => {
    const [budget] = table(e, "budget");
    expect([budget.headerRow + 1, budget.columns]).toEqual([
      3,
      { name: 0, initial: 1, adjusted: 2, actual: 3, executionRate: 4, weight: 5, score: 6 },
    ]);
    expect(table(e, "indicators").map((t) => t.headerRow + 1)).toEqual([10]);
  });

  it("computes 执行率 from 调整后预算数 and 调整率 from 年初", () => {
    // 总额 225 / 250 = 90%; 财政资金 190 / 200 = 95%; 单位资金 35 / 50 = 70% (< 90%: finding)
    expect(e.metrics.execution.map((r) => r.value)).toEqual([0.9, 0.95, null, 0.7, null]);
    // 总额 (250 − 200) / 200 = 25%; 财政资金 (200 − 150) / 150 = 33.33% (> 30%: error)
    expect(e.metrics.adjustment[0].value).toBeCloseTo(0.25, 10);
    expect(e.metrics.adjustment[1].value).toBeCloseTo(1 / 3, 10);
    expect(rules(e)).toEqual(["BUDGET_EXECUTION_LOW 自评表!E7", "BUDGET_ADJUSTMENT_RATE 自评表!C5"]);
  });

  it("scores 指标性质 =, ≥, ≤ rows and the budget block: 93 → 优", () => {
    // budget 90% × 10 = 9 (budget 得分 in column G, the indicators' in column I)
    // 培训人次 ≥ 500, 450 → 450/500 × 20 = 18; 合格率 96 ≥ 95 → 15; 按时完成率 = 100, 100 → 10;
    // 人均成本 ≤ 400, 500 → 400/500 × 10 = 8 (ratio formula)    产出 51
    // 就业率 ≥ 80, 72 → 72/80 × 20 = 18; 安全事故 = 0, 0 → 5        效益 23
    // 满意度 95 ≥ 90 → 10                                          满意度 10
    // total 9 + 51 + 23 + 10 = 93 → 优
    expect(rowScore(e, "培训人次")).toEqual(["positive", 18]);
    expect(rowScore(e, "按时完成率")).toEqual(["equal", 10]);
    expect(rowScore(e, "人均培训成本")).toEqual(["reverse", 8]);
    expect(rowScore(e, "安全责任事故")).toEqual(["equal", 5]);
    expect(levels(e)).toEqual([
      ["预算执行", 10, 9],
      ["产出指标", 55, 51],
      ["效益指标", 25, 23],
      ["满意度指标", 10, 10],
    ]);
    expect(e.scores[0].total).toMatchObject({ score: 93, max: 100, grade: "优" });
  });

  it("writes the budget 得分 into G4, not into the indicators' 得分 column", () => {
    const plan = planWrites(snapshot, e);
    const budgetScore = plan.writes.filter((w) => w.row === 3 && w.role === "score");
    expect(budgetScore.map((w) => [w.col, w.value])).toEqual([[6, 9]]);
    expect(plan.writes.some((w) => w.row === 3 && w.role === "scoreRate")).toBe(false);
  });

  it("the deviation formula for ≤ rows is configurable", () => {
    // (1 − (500 − 400) / 400) × 10 = 7.5
    const d = evaluate(snapshot, { reverseFormula: "deviation" });
    expect(rowScore(d, "人均培训成本")).toEqual(["reverse", 7.5]);
  });
});

describe("Guizhou 部门整体支出绩效自评表 (no adjusted budget)", () => {
  const e = evaluate(guizhouDepartmentSelfEvaluation());

  it("finds the budget block under the 金额单位 line", () => {
    expect(table(e, "budget").map((t) => [t.sheet, t.headerRow + 1, t.unit])).toEqual([
      ["整体自评", 3, "万元"],
    ]);
  });

  it("falls back to 年初 for 执行率, which can exceed 100%", () => {
    // 880 / 800 = 110%; 520 / 500 = 104%; 340 / 280 = 121.43%; 20 / 20 = 100%
    const ex = e.metrics.execution;
    expect(ex.map((r) => r.basis)).toEqual(["initial", "initial", "initial", "initial"]);
    expect(ex[0].value).toBeCloseTo(1.1, 12);
    expect(ex[2].value).toBeCloseTo(340 / 280, 12);
    expect(rules(e)).toContain("BUDGET_EXECUTION_HIGH 整体自评!C4");
    // no adjustment column and no adjusted budget: 调整率 not computable, said so
    expect(e.metrics.adjustment.every((r) => r.value === null)).toBe(true);
    expect(e.notChecked.map((n) => n.item)).toContain("预算调整率");
  });

  it("checks 基本支出 + 项目支出 + 其他 against 年度资金总额 (500 + 280 + 20 = 800; 520 + 340 + 20 = 880)", () => {
    expect(rules(e).filter((r) => r.startsWith("STRUCTURE"))).toEqual([]);
  });
});

describe("部门整体 评分表 (财预〔2013〕53号)", () => {
  // hand scores, identical in all three variants:
  // 在职人员控制率 104%: ≤100% → 5, each point over −0.5: 4 points → 5 − 2 = 3
  // 重点支出安排率 85%: band 80%(含)–90% → 4
  // "三公经费"变动率 3.2%: > 0, each point −0.5: 3.2 × 0.5 = 1.6 → 5 − 1.6 = 3.4
  // 投入 4 + 3 + 4 = 11 of 15; 过程 3.4 + 18 = 21.4 of 25; 产出 36 of 40; 效果 17 of 20
  // total 11 + 21.4 + 36 + 17 = 85.4 → 良
  const expected = [
    ["投入", 15, 11],
    ["过程", 25, 21.4],
    ["产出", 40, 36],
    ["效果", 20, 17],
  ];
  for (const variant of ["single", "perLevel", "label"] as const) {
    it(`variant ${variant}: parses the 评分标准 texts and totals 85.4 → 良`, () => {
      const e = evaluate(frameworkScoreTable(variant));
      expect(table(e, "indicators").map((t) => [t.sheet, t.headerRow + 1])).toEqual([["评分表", 2]]);
      expect(rowScore(e, "在职人员控制率")).toEqual(["criteria", 3]);
      expect(rowScore(e, "重点支出安排率")).toEqual(["criteria", 4]);
      expect(rowScore(e, '"三公经费"变动率')).toEqual(["criteria", 3.4]);
      expect(levels(e)).toEqual(expected);
      expect(e.scores[0].total).toMatchObject({ score: 85.4, max: 100, grade: "良" });
      expect(rules(e).filter((r) => r.startsWith("WEIGHTS"))).toEqual([]);
    });
  }
});

describe("整体绩效目标表 (指标值类型 | 指标值 | 计量单位 | 指标解释 | 评（扣）分标准 | 备注)", () => {
  for (const cost of ["underOutput", "ownLevel"] as const) {
    it(`成本指标 ${cost === "underOutput" ? "under 产出" : "as its own 一级 (财预〔2021〕101号)"}: target findings right`, () => {
      const e = evaluate(overallTargets(cost));
      expect(table(e, "targets").map((t) => t.headerRow + 1)).toEqual([2, 11]);
      expect(table(e, "indicators")).toEqual([]);
      const rows = e.detection.targets!.rows;
      expect(new Set(rows.map((r) => r.project))).toEqual(new Set(["社区养老服务", "道路维修"]));
      expect(rows.find((r) => r.level3 === "维修成本")?.level1).toBe(
        cost === "ownLevel" ? "成本指标" : "产出指标",
      );
      // 道路维修 has no 时效指标 (either way); 社区养老服务 is complete; its 社会效益 row is vague
      expect(rules(e)).toEqual(["TARGET_CATEGORY_MISSING 绩效目标!A12", "TARGET_VAGUE 绩效目标!E7"]);
      const missing = e.findings.find((f) => f.rule === "TARGET_CATEGORY_MISSING")!;
      expect(missing.params).toMatchObject({ project: "道路维修", category: "时效指标" });
    });
  }
});

describe("部门决算 收入支出决算总表 (two halves, 金额单位：元)", () => {
  const e = evaluate(incomeExpenditureFinalAccounts());

  it("reads the four figures from both halves, converted from 元 to 万元", () => {
    const fa = e.detection.finalAccounts!;
    expect(fa.location).toMatchObject({ sheet: "收入支出决算总表", unit: "元" });
    // 6,679,200 元 = 667.92 万元; 120,000 元 = 12 万元
    expect([fa.incomeTotal, fa.expenditureTotal, fa.carriedIn, fa.carriedOut]).toEqual([
      667.92, 667.92, 12, 12,
    ]);
    expect(fa.cells).toEqual({
      incomeTotal: { row: 7, col: 2 },
      expenditureTotal: { row: 7, col: 5 },
      carriedIn: { row: 8, col: 2 },
      carriedOut: { row: 8, col: 5 },
    });
  });

  it("does not read the halves as budget tables, and computes 结转结余率 without a budget", () => {
    expect(table(e, "budget")).toEqual([]);
    // 12 / (667.92 + 12) = 1.7649%
    expect(e.metrics.named["结转结余率"]).toBeCloseTo(12 / 679.92, 12);
  });

  it("feeds 决算完整性 when the budget table has no 决算数 column (seed: 667.92 vs 994.07)", () => {
    const [statement] = incomeExpenditureFinalAccounts().sheets;
    const budget = sheet("预算执行", [
      ["资金来源", "年初预算数", "调整后预算数", "全年实际支出数"],
      ["财政拨款", 552.45, 552.45, 667.92],
      ["单位资金", null, null, 326.15],
      ["合计", 552.45, 552.45, 994.07],
    ]);
    const withBudget = evaluate(workbook([budget, statement]));
    // Σ实际支出 667.92 + 326.15 = 994.07; 决算 = 本年支出合计 667.92; gap 326.15
    expect(withBudget.metrics.finalAccounts?.finalTotal).toBe(667.92);
    expect(withBudget.metrics.finalAccounts?.actualTotal).toBeCloseTo(994.07, 9);
    expect(withBudget.metrics.finalAccounts?.gap).toBeCloseTo(326.15, 9);
    expect(withBudget.metrics.finalAccounts?.source).toBe("finalAccountsTable");
    const f = withBudget.findings.find((x) => x.rule === "FINAL_ACCOUNTS_INCOMPLETE");
    expect([f?.sheet, f?.cell]).toEqual(["收入支出决算总表", "F8"]); // the 本年支出合计 cell
    // 结转结余率 now uses the budget: 12 / 552.45
    expect(withBudget.metrics.named["结转结余率"]).toBeCloseTo(12 / 552.45, 12);
  });
});

/**
 * Real layouts, round two (issue 14): each form built from its description
 * (test/engine/fixtures/layouts-round-two.ts) and evaluated end to end; the expected numbers are worked
 * out by hand in the comments.
 */
import { formatSummary } from "../../../src/cli/summary";
import { evaluate } from "../../../src/engine/evaluate";
import { buildReport } from "../../../src/engine/report";
import { renderMessage } from "../../../src/engine/rules/catalogue";
import type { Evaluation } from "../../../src/engine/types";
import { readNumber } from "../../../src/engine/values";
import {
  repeatedBudgetHeader,
  repeatedIndicatorHeader,
  separatorsOnSecondSheet,
  threeRowHeader,
  totalRowNewProject,
  yuanBudget,
  zeroTotalOverFundedParts,
} from "../fixtures/layouts-round-two";
import { sheet, workbook } from "../helpers/grid";

function rules(e: Evaluation) {
  return e.findings.filter((f) => f.rule !== "TABLE_MISSING").map((f) => `${f.rule} ${f.sheet}!${f.cell}`);
}
function finding(e: Evaluation, rule: string) {
  const f = e.findings.find((x) => x.rule === rule);
  if (!f) throw new Error(`no ${rule}`);
  return f;
}

describe("a total row of zeros above funded parts (财政部-style 自评表)", () => {
  const e = evaluate(zeroTotalOverFundedParts());

  it("computes the parts' 执行率: 118.5 / 118.5 = 100%, 8 / 10 = 80%; the zero total is not computable", () => {
    expect(e.metrics.execution.map((r) => [r.name, r.value])).toEqual([
      ["年度资金总额", null], // 0 / 0
      ["其中：本年财政拨款", 1],
      ["上年结转资金", 0.8],
      ["其他资金", null],
    ]);
    // the department figure is the funded 财政拨款 row, not the empty total
    expect(e.metrics.named["预算执行率"]).toBe(1);
    expect(e.notChecked.map((n) => n.reason)).not.toContain("预算表中没有财政拨款行或合计行");
  });

  it("flags 合计 ≠ 分项之和 on the total row, naming both figures", () => {
    // 年初 120 + 10 = 130 vs 0; 全年预算 118.5 + 10 = 128.5 vs 0; 执行 118.5 + 8 = 126.5 vs 0
    const f = finding(e, "STRUCTURE_MISMATCH");
    expect([f.sheet, f.cell]).toEqual(["项目自评", "C4"]);
    expect(f.members.map((m) => [m.cell, m.params.sum, m.params.total, m.params.diff])).toEqual([
      ["C4", 130, 0, -130],
      ["D4", 128.5, 0, -128.5],
      ["E4", 126.5, 0, -126.5],
    ]);
    const text = renderMessage(f, "zh-CN");
    expect(text).toContain("本年财政拨款＋上年结转资金之和为130.00万元，合计为0.00万元");
    expect(text).not.toContain("其中："); // display names drop the prefix
  });

  it("keeps the entered budget 得分 (9.5 in H4) and totals 9.5 + 50 + 27 + 10 = 96.5", () => {
    // 培训人次 100 ≥ 100 → 50; 就业率 72 / 80 × 30 = 27; 满意度 95 ≥ 90 → 10
    const budgetRow = e.scores[0].rows.find((r) => r.source.level1 === "预算执行")!;
    expect([budgetRow.method, budgetRow.score]).toEqual(["entered", 9.5]);
    expect(e.scores[0].total).toMatchObject({ score: 96.5, grade: "优" });
    // 80% < 90% on 上年结转资金 (G6); the entered 9.5 differs from 100% × 10 = 10
    expect(rules(e)).toEqual([
      "BUDGET_EXECUTION_LOW 项目自评!G6",
      "STRUCTURE_MISMATCH 项目自评!C4",
      "SCORE_DISAGREES 项目自评!H4",
    ]);
  });

  it("says why the total row's 执行率 cell (G4) is left blank, in the console and the JSON", () => {
    const note = { item: "执行率（表中留空的单元格）", reason: "年度资金总额（G4）：调整后预算数为 0" };
    expect(e.notChecked).toContainEqual(note);
    expect(buildReport(e).notChecked).toContainEqual(note);
    expect(formatSummary(e, "zh-CN", "自评.xlsx")).toContain(`  ${note.item}：${note.reason}`);
  });
});

describe("调整率 not computable on the total row (年初 0.00, 调整后 5.20)", () => {
  const e = evaluate(totalRowNewProject());

  it("names the total row in notChecked, not the empty 其中 row", () => {
    const adj = e.notChecked.filter((n) => n.item === "预算调整率");
    expect(adj).toEqual([{ item: "预算调整率", reason: "总额：年初预算为0，调整率无法计算" }]);
    const lines = formatSummary(e, "zh-CN", "自评.xlsx");
    expect(lines).toContain("  预算调整率：总额：年初预算为0，调整率无法计算");
    expect(buildReport(e).notChecked).toContainEqual(adj[0]);
  });

  it("takes the department figures from the total row, which has the data (4.16 / 5.20 = 80%)", () => {
    expect(e.metrics.departmentExecution).toMatchObject({ name: "总额", value: 0.8 });
    expect(e.metrics.named["预算执行率"]).toBe(0.8);
    expect(e.notChecked.some((n) => n.reason.includes("财政资金"))).toBe(false);
  });
});

describe("amounts in 元 (金额单位：元 above the header)", () => {
  it("reads 元 figures as 万元 and speaks 万元 in every message", () => {
    const e = evaluate(yuanBudget());
    expect(e.detection.budget!.location.unit).toBe("元");
    expect(e.detection.budget!.location.columns).toEqual({
      name: 0,
      initial: 1,
      adjustment: 2, // 年中追加
      adjusted: 3,
      actual: 4, // 全年支出
    });
    // 3,516,200 元 = 351.62 万元; 年中追加 1,200,000 元 = 120 万元; 支出 4,500,000 元 = 450 万元
    const [fiscal] = e.detection.budget!.rows;
    expect([fiscal.initial, fiscal.adjustment, fiscal.adjusted, fiscal.actual]).toEqual([
      351.62, 120, 471.62, 450,
    ]);
    // 调整率 120 / 351.62 = 34.13% (> 30%: error); 合计 120 / 381.62 = 31.44%
    const f = finding(e, "BUDGET_ADJUSTMENT_RATE");
    expect(f.severity).toBe("error");
    const text = renderMessage(f, "zh-CN");
    expect(text).toContain("财政拨款预算调整120.00万元，预算调整率34.13%");
    expect(text).toContain("合计预算调整120.00万元，预算调整率31.44%");
    // 单位资金 150,000 / 300,000 = 50%
    expect(renderMessage(finding(e, "BUDGET_EXECUTION_LOW"), "zh-CN")).toContain(
      "单位资金执行率50.00%（支出15.00万元，预算30.00万元）",
    );
    const all = e.findings.map((x) => renderMessage(x, "zh-CN")).join("\n");
    expect(all).not.toMatch(/\d{5,}(?:\.\d+)?万元/);
  });

  it("speaks the 元 budget 3516200.00 as 351.62万元 (no adjusted column: 执行率 on 年初)", () => {
    const e = evaluate(
      workbook([
        sheet("预算执行", [
          /* 1 */ [null, null, "金额单位：元"],
          /* 2 */ ["项目", "年初预算数", "全年支出"],
          /* 3 */ ["财政拨款", 3516200.0, "3,000,000.00"],
        ]),
      ]),
    );
    // 3,516,200 元 = 351.62 万元; 3,000,000 元 = 300 万元; 300 / 351.62 = 85.32% < 90%
    const [fiscal] = e.detection.budget!.rows;
    expect([fiscal.initial, fiscal.actual]).toEqual([351.62, 300]);
    expect(e.metrics.execution[0].value).toBeCloseTo(300 / 351.62, 12);
    const f = finding(e, "BUDGET_EXECUTION_LOW");
    expect([f.sheet, f.cell]).toEqual(["预算执行", "C3"]);
    expect(renderMessage(f, "zh-CN")).toContain("财政拨款执行率85.32%（支出300.00万元，预算351.62万元）");
    const summary = formatSummary(e, "zh-CN", "元.xlsx").join("\n");
    expect(summary).toContain("351.62万元");
    expect(summary).not.toMatch(/\d{5,}(?:\.\d+)?\s*万元/);
  });

  it.each(["全年支出", "支出数", "实际支出", "全年实际支出"])("%s is the spending column", (header) => {
    const e = evaluate(yuanBudget(header));
    expect(e.detection.budget!.location.columns.actual).toBe(4);
    // 财政拨款 4,500,000 / 4,716,200 = 95.42%
    expect(e.metrics.execution[0].value).toBeCloseTo(450 / 471.62, 12);
  });
});

describe("accounting negatives and thousands separators on any budget sheet", () => {
  it("reads (1,234.50) as −1234.50 and 1,234.50 as 1234.50", () => {
    expect(readNumber("(1,234.50)")).toEqual({ kind: "number", value: -1234.5, percent: false });
    expect(readNumber("（1,234.50）")).toEqual({ kind: "number", value: -1234.5, percent: false });
    expect(readNumber("(234.50)万元")).toEqual({
      kind: "number",
      value: -234.5,
      percent: false,
      unit: "万元",
    });
    expect(readNumber("(0)")).toEqual({ kind: "number", value: 0, percent: false });
    expect(readNumber("(−5)")).toEqual({ kind: "text", text: "(−5)" });
    expect(readNumber("(一)")).toEqual({ kind: "text", text: "(一)" });
  });

  it("reports a mistyped figure on the second budget sheet at its own sheet and cell, and nothing else", () => {
    const e = evaluate(separatorsOnSecondSheet());
    expect(
      e.detection.tables.filter((t) => t.kind === "budget").map((t) => [t.sheet, t.headerRow + 1]),
    ).toEqual([
      ["预算执行", 1],
      ["单位资金", 2],
    ]);
    // 1,234.50 / (234.50) / 1,000.00 / 900.00 / 2,000.00 read; 1,9OO.00 (letters O) is not a number
    expect(e.detection.problems.map((p) => [p.code, p.sheet, p.row, p.col])).toEqual([
      ["DATA_NOT_A_NUMBER", "单位资金", 3, 4],
    ]);
    const f = finding(e, "DATA_NOT_A_NUMBER");
    expect([f.sheet, f.cell]).toEqual(["单位资金", "E4"]);
  });

  it("reads 1,234.50 and (234.50) on the second budget sheet and reports the 调整率 at its own sheet and cell", () => {
    const e = evaluate(separatorsOnSecondSheet());
    const [first, second] = e.detection.budgets!;
    expect(first.rows.map((r) => [r.name, r.initial, r.adjusted, r.actual])).toEqual([
      ["财政拨款", 100, 100, 95],
    ]);
    // 经营收入: 1,234.50 | (234.50) | 1,000.00 | 900.00; 其他收入: 2,000.00 | 0 | 2,000.00 | 1,9OO.00 (unknown)
    expect(second.rows.map((r) => [r.name, r.initial, r.adjustment, r.adjusted, r.actual])).toEqual([
      ["经营收入", 1234.5, -234.5, 1000, 900],
      ["其他收入", 2000, 0, 2000, null],
    ]);
    // 执行率 95 / 100 = 95% (预算执行!D2), 900 / 1000 = 90% (单位资金!E3); 其他收入 has no spending figure
    expect(e.metrics.execution.map((r) => [r.sheet, r.row + 1, r.name, r.value])).toEqual([
      ["预算执行", 2, "财政拨款", 0.95],
      ["单位资金", 3, "经营收入", 0.9],
      ["单位资金", 4, "其他收入", null],
    ]);
    // 调整率 −234.50 / 1234.50 = −19.00% (beyond ±10%), read from 单位资金!C3, not from the first sheet
    const f = finding(e, "BUDGET_ADJUSTMENT_RATE");
    expect([f.sheet, f.cell]).toEqual(["单位资金", "C3"]);
    expect(f.members.map((m) => [m.sheet, m.cell, m.params.adjustment, m.params.initial])).toEqual([
      ["单位资金", "C3", -234.5, 1234.5],
    ]);
    expect(f.members[0].params.rate).toBeCloseTo(-234.5 / 1234.5, 12);
    expect(renderMessage(f, "zh-CN")).toContain("经营收入预算调整-234.50万元，预算调整率-19.00%");
    expect(rules(e)).toEqual(["BUDGET_ADJUSTMENT_RATE 单位资金!C3", "DATA_NOT_A_NUMBER 单位资金!E4"]);
  });
  it("reads (1,234.50) on a second budget sheet as −1234.50 and reports it at its own sheet and cell", () => {
    const e = evaluate(
      workbook([
        sheet("预算执行", [
          /* 1 */ ["资金来源", "年初预算数", "调整后预算数", "全年实际支出数"],
          /* 2 */ ["财政拨款", 100, 100, 95],
        ]),
        sheet("单位资金", [
          /* 1 */ ["单位资金明细"],
          /* 2 */ ["资金来源", "年初预算数", "预算调整数", "调整后预算数", "全年实际支出数"],
          /* 3 */ ["经营收入", "5,000.00", "(1,234.50)", "3,765.50", "3,500.00"],
        ]),
      ]),
    );
    const second = e.detection.budgets![1];
    // 5,000.00 − 1,234.50 = 3,765.50: the adjustment is the negative −1234.50
    expect(second.rows.map((r) => [r.name, r.initial, r.adjustment, r.adjusted, r.actual])).toEqual([
      ["经营收入", 5000, -1234.5, 3765.5, 3500],
    ]);
    // 执行率 3500 / 3765.5 = 92.95% (not low); 调整率 −1234.50 / 5000 = −24.69% (beyond ±10%)
    expect(e.metrics.execution.map((r) => [r.sheet, r.name, r.value])).toEqual([
      ["预算执行", "财政拨款", 0.95],
      ["单位资金", "经营收入", 3500 / 3765.5],
    ]);
    const f = finding(e, "BUDGET_ADJUSTMENT_RATE");
    expect([f.sheet, f.cell]).toEqual(["单位资金", "C3"]);
    expect(f.members[0].params.rate).toBeCloseTo(-1234.5 / 5000, 12);
    expect(renderMessage(f, "zh-CN")).toContain("经营收入预算调整-1234.50万元，预算调整率-24.69%");
    expect(rules(e)).toEqual(["BUDGET_ADJUSTMENT_RATE 单位资金!C3"]);
  });
});

describe("three-row headers (title, group row with merged spans, column header row)", () => {
  for (const titleAcross of [false, true]) {
    const label = titleAcross ? "title across the table" : "title over the money columns";
    it(`${label}: columns named by the lowest header cell with the group as context`, () => {
      const e = evaluate(threeRowHeader(titleAcross));
      const [budget] = e.detection.tables.filter((t) => t.kind === "budget");
      // the title across the whole table is not a header row; over the money columns it is one
      expect([budget.headerRow + 1, budget.headerRows, budget.firstDataRow + 1, budget.lastRow + 1]).toEqual(
        titleAcross ? [2, 2, 4, 6] : [1, 3, 4, 6],
      );
      // 年初 under 预算数 → 年初预算数; 调整后 → 调整后预算数; 决算数 under 支出; 占比 names nothing
      expect(budget.columns).toEqual({ name: 0, initial: 1, adjusted: 2, finalAccounts: 3, note: 5 });
      expect(budget.unit).toBe("万元");
      // 执行率 = 决算 / 调整后: 528 / 550 = 96%, 132 / 110 = 120%, 660 / 660 = 100%
      expect(e.metrics.execution.map((r) => [r.name, r.value, r.numeratorBasis])).toEqual([
        ["财政拨款", 0.96, "finalAccounts"],
        ["单位资金", 1.2, "finalAccounts"],
        ["合计", 1, "finalAccounts"],
      ]);
      // 调整率 (550 − 500) / 500 = 10%
      expect(e.metrics.named["预算调整率"]).toBeCloseTo(0.1, 12);
      // 500 + 100 = 600, 550 + 110 = 660, 528 + 132 = 660: the parts add up
      expect(rules(e)).toEqual(["BUDGET_EXECUTION_HIGH 支出情况!D5"]);
    });
  }
});

describe("print-repeated header rows", () => {
  it("a budget table's title and header printed again continue the table above (one table, no finding)", () => {
    const e = evaluate(repeatedBudgetHeader());
    const budgets = e.detection.tables.filter((t) => t.kind === "budget");
    expect(budgets.map((t) => [t.headerRow + 1, t.lastRow + 1])).toEqual([[2, 11]]);
    expect(e.detection.budget!.rows.map((r) => r.name)).toEqual([
      "一般公共预算",
      "政府性基金",
      "国有资本经营预算",
      "财政专户管理资金",
      "单位资金",
      "合计",
    ]);
    // 300 + 50 + 10 + 20 + 30 = 410; 320 + 50 + 10 + 20 + 30 = 430; 310 + 25 + 10 + 18 + 27 = 390
    expect(rules(e).filter((r) => r.startsWith("STRUCTURE") || r.startsWith("DATA"))).toEqual([]);
    // 政府性基金 25 / 50 = 50% is low; the continued rows are checked too: 单位资金 27 / 30 = 90% is not;
    // 调整率 20 / 300 = 6.67% and 20 / 410 = 4.88% stay under 10%
    expect(rules(e)).toEqual(["BUDGET_EXECUTION_LOW 预算执行!D4"]);
  });

  it("an indicator table's header pasted again: the rows below are scored in the same table", () => {
    const e = evaluate(repeatedIndicatorHeader());
    expect(
      e.detection.tables.filter((t) => t.kind === "indicators").map((t) => [t.headerRow + 1, t.lastRow + 1]),
    ).toEqual([[1, 8]]);
    // 450 / 500 × 30 = 27; 合格率 → 20; 按时 → 10; 就业率 72 / 80 × 20 = 18; 满意度 → 20; total 95
    expect(e.scores[0].levels.map((l) => [l.name, l.weight, l.score])).toEqual([
      ["产出", 60, 57],
      ["效益", 20, 18],
      ["满意度", 20, 20],
    ]);
    expect(e.scores[0].total).toMatchObject({ score: 95, grade: "优" });
    expect(rules(e).filter((r) => r.startsWith("WEIGHTS") || r.startsWith("UNSCORED"))).toEqual([]);
  });
});

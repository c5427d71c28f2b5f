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
  separatorsOnSecondSheet,
  totalRowNewProject,
  yuanBudget,
  zeroTotalOverFundedParts,
} from "../fixtures/layouts-round-two";

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
});

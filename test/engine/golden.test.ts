/**
 * The golden test: the sample workbook (docs/domain.md §7, the seed report's facts) scores 85.54 → 良 with the
 * seed's own level table, and every finding docs/domain.md §7 lists is present — and the structure one is not.
 */
import { gaozhuangSnapshot, PROJECTS_WITHOUT_TIMELINESS } from "../../examples/source/gaozhuang-2023";
import { evaluate } from "../../src/engine/evaluate";
import { renderBasis, renderMessage } from "../../src/engine/rules/catalogue";
import type { Finding } from "../../src/engine/types";

const evaluation = evaluate(gaozhuangSnapshot());
const main = evaluation.scores[0];

function only(rule: string): Finding {
  const found = evaluation.findings.filter((f) => f.rule === rule);
  expect(found).toHaveLength(1);
  return found[0];
}

describe("golden: 高庄街道办事处 2023", () => {
  it("scores 85.54 of 100, grade 良", () => {
    expect(main.total.score).toBe(85.54);
    expect(main.total.max).toBe(100);
    expect(main.total.grade).toBe("良");
  });

  it("reproduces the seed's 部门整体绩效评价指标得分表", () => {
    const table = main.levels.map((l) => [l.name, l.weight, l.score, ((l.rate ?? 0) * 100).toFixed(2) + "%"]);
    expect(table).toEqual([
      ["管理效率", 30, 20.34, "67.80%"],
      ["履职效能", 40, 38, "95.00%"],
      ["运行成本", 5, 5, "100.00%"],
      ["社会效应", 15, 14.2, "94.67%"],
      ["可持续发展能力", 10, 8, "80.00%"],
    ]);
  });

  it("computes the department's execution 120.90% and adjustment 20.90%", () => {
    expect(((evaluation.metrics.departmentExecution?.value ?? 0) * 100).toFixed(2)).toBe("120.90");
    expect(((evaluation.metrics.departmentAdjustment?.value ?? 0) * 100).toFixed(2)).toBe("20.90");
    expect(evaluation.metrics.finalAccounts?.gap).toBeCloseTo(326.15, 6);
  });

  it("flags execution above 100% on 财政拨款 at its 执行率 cell", () => {
    const f = only("BUDGET_EXECUTION_HIGH");
    expect(f.sheet).toBe("预算执行");
    expect(f.cell).toBe("G4");
    expect(f.members[0].params.name).toBe("财政拨款");
    expect(renderMessage(f, "zh-CN")).toContain("120.90%");
  });

  it("flags the adjustment rate 20.90% as a warning (between 10% and 30%)", () => {
    const f = only("BUDGET_ADJUSTMENT_RATE");
    expect(f.severity).toBe("warning");
    expect(f.cell).toBe("H4");
    expect(renderMessage(f, "zh-CN")).toContain("20.90%");
  });

  it("flags 调整后预算 552.45 ≠ 552.45 + 115.47", () => {
    const f = only("BUDGET_ADJUSTED_MISMATCH");
    expect(f.cell).toBe("D4");
    expect(f.members[0].params).toMatchObject({
      name: "财政拨款",
      initial: 552.45,
      adjustment: 115.47,
      adjusted: 552.45,
    });
  });

  it("flags 决算 667.92 < 实际支出 994.07 (gap 326.15) citing 预算法 第七十五条", () => {
    const f = only("FINAL_ACCOUNTS_INCOMPLETE");
    const text = renderMessage(f, "zh-CN");
    expect(text).toContain("994.07");
    expect(text).toContain("667.92");
    expect(text).toContain("326.15");
    expect(renderBasis(f, "zh-CN")).toContain("第七十五条");
    expect(renderBasis(f, "zh-CN")).toContain("第八十三条");
  });

  it("groups the ten projects missing 时效指标 into one finding", () => {
    const f = only("TARGET_CATEGORY_MISSING");
    expect(f.params.category).toBe("时效指标");
    expect(f.members.map((m) => m.params.project)).toEqual(PROJECTS_WITHOUT_TIMELINESS);
    expect(f.sheet).toBe("绩效目标");
  });

  it("flags the vague department targets", () => {
    const f = only("TARGET_VAGUE");
    expect(f.members.map((m) => m.params.indicator)).toEqual([
      "重点工作任务计划完成",
      "年度工作目标实现",
      "经济效益",
      "社会效益",
    ]);
  });

  it("raises one finding per 否 in the checklist, each at its 结论 cell", () => {
    const checklist = evaluation.findings.filter((f) => f.rule.startsWith("CHECKLIST_"));
    expect(checklist.map((f) => f.rule).sort()).toEqual(
      [
        "CHECKLIST_BUDGET_SYSTEM",
        "CHECKLIST_PERFORMANCE_SYSTEM",
        "CHECKLIST_PROCUREMENT_SYSTEM",
        "CHECKLIST_CONTRACT_SYSTEM",
        "CHECKLIST_INTERNAL_CONTROL",
        "CHECKLIST_ASSET_INVENTORY",
        "CHECKLIST_RESULT_APPLICATION",
        "CHECKLIST_TARGET_RESPONSIBILITY",
        "CHECKLIST_INNOVATION",
      ].sort(),
    );
    expect(checklist.every((f) => f.sheet === "管理情况" && /^B\d+$/.test(f.cell ?? ""))).toBe(true);
    expect(checklist.find((f) => f.rule === "CHECKLIST_ASSET_INVENTORY")?.cell).toBe("B9");
  });

  it("lists the low-rate rows among 主要失分指标", () => {
    const f = only("LOW_SCORE_RATE");
    expect(f.members.map((m) => m.params.indicator)).toEqual(["预算调整率", "预算执行率", "决算编制完整性"]);
  });

  it("raises no structure finding (471.17 + 196.75 = 667.92) and no scoring or data problem", () => {
    const rules = evaluation.findings.map((f) => f.rule);
    expect(rules).not.toContain("STRUCTURE_MISMATCH");
    for (const absent of [
      "WEIGHTS_LEVEL1_TOTAL",
      "WEIGHTS_CHILDREN",
      "SCORE_OUT_OF_RANGE",
      "UNSCORED_ROW",
      "QUALITATIVE_BAND",
      "TABLE_MISSING",
    ])
      expect(rules).not.toContain(absent);
    expect(evaluation.detection.problems).toEqual([]);
  });

  it("reads 部门名称 and 评价年度 from 基本信息", () => {
    expect(evaluation.info).toEqual({
      department: "平顶山市石龙区高庄街道办事处",
      year: "2023",
      sheet: "基本信息",
    });
  });
});

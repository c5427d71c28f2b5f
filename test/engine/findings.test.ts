/**
 * deriveFindings: each rule fires on a built workbook that breaks it and stays quiet on one that does
 * not; thresholds come from the config; repeated findings are grouped.
 */
import { evaluate } from "../../src/engine/evaluate";
import { renderMessage } from "../../src/engine/rules/catalogue";
import type { Evaluation } from "../../src/engine/types";
import { sheet, workbook, type Row, STANDARD_INDICATOR_HEADER } from "./helpers/grid";

const BUDGET_HEADER: Row = [
  "资金来源",
  "年初预算数",
  "预算调整数",
  "调整后预算数",
  "决算数",
  "实际支出数",
  "执行率",
  "调整率",
];

function budgetBook(rows: Row[], extra: Row[] = []) {
  return workbook([sheet("预算", [["预算执行情况"], BUDGET_HEADER, ...rows, [], ...extra])]);
}

const rules = (e: Evaluation) => e.findings.map((f) => f.rule);
const find = (e: Evaluation, rule: string) => e.findings.find((f) => f.rule === rule);

describe("budget rules", () => {
  it("execution above 100% fires at the 执行率 cell; at exactly 100% it does not", () => {
    const high = evaluate(budgetBook([["财政拨款", 100, 0, 100, 120, 120]]));
    expect(find(high, "BUDGET_EXECUTION_HIGH")?.cell).toBe("G3");
    const exact = evaluate(budgetBook([["财政拨款", 100, 0, 100, 100, 100]]));
    expect(rules(exact)).not.toContain("BUDGET_EXECUTION_HIGH");
    expect(rules(exact)).not.toContain("BUDGET_EXECUTION_LOW");
  });

  it("execution below the configured line fires, and the line is configurable", () => {
    const book = budgetBook([["财政拨款", 100, 0, 100, 85, 85]]);
    expect(rules(evaluate(book))).toContain("BUDGET_EXECUTION_LOW");
    expect(rules(evaluate(book, { thresholds: { executionLow: 0.8 } }))).not.toContain(
      "BUDGET_EXECUTION_LOW",
    );
  });

  it("adjustment rate: warning above 10%, error above 30%, nothing at 10%", () => {
    const warn = evaluate(budgetBook([["财政拨款", 100, 20, 120, 120, 120]]));
    expect(find(warn, "BUDGET_ADJUSTMENT_RATE")?.severity).toBe("warning");
    expect(find(warn, "BUDGET_ADJUSTMENT_RATE")?.cell).toBe("H3");
    const err = evaluate(budgetBook([["财政拨款", 100, 40, 140, 140, 140]]));
    expect(find(err, "BUDGET_ADJUSTMENT_RATE")?.severity).toBe("error");
    const ok = evaluate(budgetBook([["财政拨款", 100, 10, 110, 110, 110]]));
    expect(rules(ok)).not.toContain("BUDGET_ADJUSTMENT_RATE");
  });

  it("adjusted budget mismatch fires when 年初 + 调整 ≠ 调整后 beyond tolerance only", () => {
    const bad = evaluate(budgetBook([["财政拨款", 100, 5, 100, 100, 100]]));
    expect(find(bad, "BUDGET_ADJUSTED_MISMATCH")?.cell).toBe("D3");
    const within = evaluate(budgetBook([["财政拨款", 100, 5, 105.005, 105.005, 105.005]]));
    expect(rules(within)).not.toContain("BUDGET_ADJUSTED_MISMATCH");
  });

  it("final accounts incomplete fires when Σ决算 < Σ实际支出", () => {
    const e = evaluate(
      budgetBook([
        ["财政拨款", 100, 0, 100, 100, 100],
        ["单位资金", null, null, null, null, 50],
        ["合计", 100, 0, 100, 100, 150],
      ]),
    );
    const f = find(e, "FINAL_ACCOUNTS_INCOMPLETE");
    expect(f?.params).toMatchObject({ final: 100, actual: 150, gap: 50 });
    expect(f?.cell).toBe("E5");
    const complete = evaluate(budgetBook([["财政拨款", 100, 0, 100, 100, 100]]));
    expect(rules(complete)).not.toContain("FINAL_ACCOUNTS_INCOMPLETE");
  });

  it("structure mismatch fires on 基本 + 项目 ≠ 合计 and on items ≠ total row, not when they agree", () => {
    const structure = (basic: number) =>
      [
        ["支出类型", "决算数"],
        ["基本支出", basic],
        ["项目支出", 30],
        ["合计", 100],
      ] as Row[];
    const bad = evaluate(budgetBook([["财政拨款", 100, 0, 100, 100, 100]], structure(60)));
    expect(find(bad, "STRUCTURE_MISMATCH")?.params).toMatchObject({ sum: 90, total: 100, diff: 10 });
    const good = evaluate(budgetBook([["财政拨款", 100, 0, 100, 100, 100]], structure(70)));
    expect(rules(good)).not.toContain("STRUCTURE_MISMATCH");
    const total = evaluate(
      budgetBook([
        ["财政拨款", 100, 0, 100, 100, 100],
        ["政府性基金", 50, 0, 50, 50, 50],
        ["合计", 160, 0, 150, 150, 150],
      ]),
    );
    const f = find(total, "STRUCTURE_MISMATCH");
    expect(f?.members.map((m) => m.cell)).toEqual(["B5"]);
  });
});

const IND_HEADER: Row = [...STANDARD_INDICATOR_HEADER];

function indicatorBook(rows: Row[], after: Row[] = []) {
  return workbook([sheet("评分", [["指标评分表"], IND_HEADER, ...rows, ...after])]);
}

describe("scoring rules", () => {
  const complete: Row[] = [
    ["产出", "数量", "完成数", 60, "≥", "10个", "10个", null, null],
    ["效益", "满意度", "满意度", 40, "≥", "90%", "90%", null, null],
  ];

  it("first-level weights not adding up to 100 fire; 100 does not", () => {
    expect(rules(evaluate(indicatorBook(complete)))).not.toContain("WEIGHTS_LEVEL1_TOTAL");
    const short = evaluate(
      indicatorBook([complete[0], ["效益", "满意度", "满意度", 30, "≥", "90%", "90%", null, null]]),
    );
    expect(find(short, "WEIGHTS_LEVEL1_TOTAL")?.params).toMatchObject({ sum: 90, expected: 100 });
  });

  it("a weight written in the label that its rows do not add up to fires WEIGHTS_CHILDREN", () => {
    const e = evaluate(
      indicatorBook([
        ["产出（50分）", "数量", "完成数", 60, "≥", "10个", "10个", null, null],
        ["效益（50分）", "满意度", "满意度", 40, "≥", "90%", "90%", null, null],
      ]),
    );
    expect(find(e, "WEIGHTS_CHILDREN")?.members.length).toBe(2);
  });

  it("an entered score above its weight fires SCORE_OUT_OF_RANGE at the 得分 cell", () => {
    const e = evaluate(
      indicatorBook([complete[0], ["效益", "满意度", "满意度", 40, null, null, null, null, 45]]),
    );
    expect(find(e, "SCORE_OUT_OF_RANGE")?.cell).toBe("I4");
    expect(rules(evaluate(indicatorBook(complete)))).not.toContain("SCORE_OUT_OF_RANGE");
  });

  it("an entered score that disagrees with its computable rule by more than 0.1 fires, within 0.1 not", () => {
    const entered = (score: number) =>
      evaluate(indicatorBook([["产出", "数量", "完成数", 60, "≥", "10个", "5个", null, score], complete[1]]));
    const f = find(entered(20), "SCORE_DISAGREES");
    expect(f?.params).toMatchObject({ entered: 20, computed: 30 });
    expect(rules(entered(30.05))).not.toContain("SCORE_DISAGREES");
  });

  it("a 定性 score outside its band fires QUALITATIVE_BAND", () => {
    const q = (score: number) =>
      evaluate(
        indicatorBook([
          complete[0],
          ["效益", "社会效益", "群众生活改善", 40, "定性", "达成", "达成", null, score],
        ]),
      );
    expect(find(q(20), "QUALITATIVE_BAND")?.params).toMatchObject({ low: 32, high: 40, score: 20 });
    expect(rules(q(36))).not.toContain("QUALITATIVE_BAND");
  });

  it("a row without score or computable rule fires UNSCORED_ROW", () => {
    const e = evaluate(
      indicatorBook([complete[0], ["效益", "满意度", "满意度", 40, null, null, null, "综合评判", null]]),
    );
    expect(find(e, "UNSCORED_ROW")?.members.map((m) => m.params.indicator)).toEqual(["满意度"]);
    expect(rules(evaluate(indicatorBook(complete)))).not.toContain("UNSCORED_ROW");
  });

  it("rows below the low-rate line are grouped as 主要失分指标", () => {
    const e = evaluate(
      indicatorBook([
        ["产出", "数量", "完成数", 60, "≥", "10个", "5个", null, null],
        ["效益", "满意度", "满意度", 40, "≥", "90%", "45%", null, null],
      ]),
    );
    const f = find(e, "LOW_SCORE_RATE");
    expect(f?.members.map((m) => m.cell)).toEqual(["I3", "I4"]);
    expect(rules(evaluate(indicatorBook(complete)))).not.toContain("LOW_SCORE_RATE");
  });

  it("a written grade different from the computed one fires GRADE_MISMATCH", () => {
    const e = evaluate(
      indicatorBook(complete, [["合计", null, null, 100, null, null, null, null, null], ["等级：优"]]),
    );
    expect(rules(e)).not.toContain("GRADE_MISMATCH");
    const low = evaluate(
      indicatorBook(
        [["产出", "数量", "完成数", 60, "≥", "10个", "5个", null, null], complete[1]],
        [["合计", null, null, 100, null, null, null, null, null], ["等级：优"]],
      ),
    );
    expect(find(low, "GRADE_MISMATCH")?.params).toMatchObject({ written: "优", grade: "中" });
  });
});

describe("targets and checklist", () => {
  const TARGET_HEADER: Row = [
    "项目名称",
    "一级指标",
    "二级指标",
    "三级指标",
    "指标值",
    "度量单位",
    "指标值类型",
  ];
  const full = (p: string): Row[] => [
    [p, "产出指标", "数量指标", "完成数", "≥10", "个", "定量"],
    [null, "产出指标", "质量指标", "合格率", "100", "%", "定量"],
    [null, "产出指标", "时效指标", "按时完成率", "100", "%", "定量"],
    [null, "效益指标", "社会效益指标", "群众受益人数", "≥100", "人", "定量"],
    [null, "满意度指标", "服务对象满意度指标", "满意度", "≥90", "%", "定量"],
  ];
  const book = (rows: Row[], merges: string[] = []) =>
    workbook([sheet("目标", [["绩效目标表"], TARGET_HEADER, ...rows], { merges })]);

  it("a complete project raises nothing; projects missing 满意度 are grouped with the category named", () => {
    const quiet = evaluate(book(full("甲项目"), ["A3:A7"]));
    expect(quiet.findings.filter((f) => f.rule !== "TABLE_MISSING")).toEqual([]);
    const a = full("甲项目").slice(0, 4);
    const b = full("乙项目").slice(0, 4);
    const e = evaluate(book([...a, ...b], ["A3:A6", "A7:A10"]));
    const f = find(e, "TARGET_CATEGORY_MISSING");
    expect(f?.params.category).toBe("满意度指标");
    expect(f?.members.map((m) => [m.params.project, m.cell])).toEqual([
      ["甲项目", "A3"],
      ["乙项目", "A7"],
    ]);
    expect(renderMessage(f!, "en-US")).toContain("satisfaction");
  });

  it("a 定量 target without a number, or a generic 三级 name, is vague", () => {
    const rows = full("甲项目");
    rows[0] = ["甲项目", "产出指标", "数量指标", "完成数", "完成", null, "定量"];
    rows[3] = [null, "效益指标", "社会效益指标", "社会效益", "显著", null, "定性"];
    const e = evaluate(book(rows, ["A3:A7"]));
    expect(find(e, "TARGET_VAGUE")?.members.map((m) => m.cell)).toEqual(["E3", "E6"]);
  });

  it("each 否 in the checklist is its own finding with the catalogue rule its text selects", () => {
    const e = evaluate(
      workbook([
        sheet("检查", [
          ["检查事项", "结论", "说明", "依据"],
          ["是否建立合同管理制度", "否", null, null],
          ["是否开展资产清查盘点", "否", null, null],
          ["会议纪要是否完整", "否", null, "办公室制度"],
          ["资金使用是否合规", "是", null, null],
        ]),
      ]),
    );
    expect(e.findings.filter((f) => f.rule.startsWith("CHECKLIST_")).map((f) => [f.rule, f.cell])).toEqual([
      ["CHECKLIST_ASSET_INVENTORY", "B3"],
      ["CHECKLIST_CONTRACT_SYSTEM", "B2"],
      ["CHECKLIST_FAILED", "B4"],
    ]);
  });
});

describe("robustness", () => {
  it("never throws on empty or malformed input and says what was not checked", () => {
    expect(() => evaluate({ sheets: [] })).not.toThrow();
    const e = evaluate({ sheets: [] });
    expect(e.notChecked.length).toBeGreaterThan(0);
    expect(e.findings.every((f) => f.rule === "TABLE_MISSING")).toBe(true);
    expect(() => evaluate(null as never)).not.toThrow();
  });

  it("an Excel error in a number cell becomes a DATA_EXCEL_ERROR finding naming its cell", () => {
    const e = evaluate(budgetBook([["财政拨款", 100, 0, 100, "#REF!", 100]]));
    const f = find(e, "DATA_EXCEL_ERROR");
    expect(f?.sheet).toBe("预算");
    expect(f?.cell).toBe("E3");
    expect(renderMessage(f!, "zh-CN")).toContain("E3");
  });
});

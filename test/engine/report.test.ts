/**
 * buildReport: docs/domain.md §6's fields on the sample, and no NaN/Infinity anywhere (JSON round trip).
 */
import { gaozhuangSnapshot } from "../../examples/source/gaozhuang-2023";
import { evaluate } from "../../src/engine/evaluate";
import fc from "fast-check";
import { planWrites } from "../../src/engine/plan";
import { buildReport } from "../../src/engine/report";
import { planSummary } from "../../src/engine/summary";
import { sheet, workbook } from "./helpers/grid";

describe("buildReport", () => {
  const report = buildReport(evaluate(gaozhuangSnapshot()));

  it("has total, levels and the department metrics", () => {
    expect(report.total).toEqual({ score: 85.54, max: 100, rate: 0.8554, grade: "良" });
    expect(report.levels.map((l) => [l.name, l.weight, l.score])).toEqual([
      ["管理效率", 30, 20.34],
      ["履职效能", 40, 38],
      ["运行成本", 5, 5],
      ["社会效应", 15, 14.2],
      ["可持续发展能力", 10, 8],
    ]);
    expect(report.metrics?.departmentExecution).toMatchObject({
      name: "财政拨款",
      sheet: "预算执行",
      cell: "G4",
    });
    expect(report.metrics?.departmentExecution?.value).toBeCloseTo(1.209014, 6);
    expect(report.metrics?.departmentAdjustment?.value).toBeCloseTo(0.209014, 6);
    expect(report.metrics?.finalAccounts?.gap).toBeCloseTo(326.15, 6);
    expect(report.department).toBe("平顶山市石龙区高庄街道办事处");
  });

  it("renders findings with rule, severity, category, cell, message, members, basis, recommendation", () => {
    const f = report.findings.find((x) => x.rule === "TARGET_CATEGORY_MISSING")!;
    expect(f).toMatchObject({
      severity: "warning",
      category: "performance",
      categoryName: "绩效目标与绩效管理",
      sheet: "绩效目标",
      cell: "A4",
    });
    expect(f.members).toHaveLength(10);
    expect(f.members[0].text).toBe("纪检工作办案经费");
    expect(f.message).toContain("时效指标");
    expect(f.basis).toContain("财预〔2021〕101号");
    expect(f.recommendation).not.toBeNull();
  });

  it("lists the recognised tables with 1-based header rows and column letters", () => {
    const indicators = report.tables.find((t) => t.kind === "indicators")!;
    expect(indicators).toMatchObject({ sheet: "指标评分", headerRow: 3, range: "A3:J26" });
    expect(indicators.columns.score).toBe("I");
    expect(report.tables.map((t) => t.kind).sort()).toEqual([
      "budget",
      "checklist",
      "indicators",
      "structure",
      "targets",
    ]);
  });

  it("says what was not checked", () => {
    const empty = buildReport(evaluate({ sheets: [] }));
    expect(empty.total).toBeNull();
    expect(empty.notChecked.map((n) => n.item)).toEqual(expect.arrayContaining(["预算执行表", "指标评分表"]));
  });

  it("survives a JSON round trip unchanged: no NaN, no Infinity, no undefined values", () => {
    const awkward = workbook([
      sheet("预算", [
        ["资金来源", "年初预算数", "调整后预算数", "实际支出数", "执行率", "调整率"],
        ["新增项目", 0, 0, 10, null, null],
        ["财政拨款", "#DIV/0!", 100, 50, null, null],
      ]),
    ]);
    for (const r of [report, buildReport(evaluate(awkward)), buildReport(evaluate({ sheets: [] }))]) {
      const text = JSON.stringify(r);
      expect(text).not.toMatch(/NaN|Infinity/);
      expect(JSON.parse(text)).toEqual(r);
      const walk = (x: unknown): void => {
        if (typeof x === "number") expect(Number.isFinite(x)).toBe(true);
        else if (Array.isArray(x)) x.forEach(walk);
        else if (x && typeof x === "object") Object.values(x).forEach(walk);
      };
      walk(r);
    }
  });
});

describe("the whole pipeline on arbitrary input", () => {
  // Cells drawn from header words, labels, numbers of every kind, errors and blanks, so that tables are
  // sometimes recognised with nonsense in them.
  const WORDS = [
    "资金来源",
    "年初预算数",
    "预算调整数",
    "调整后预算数",
    "决算数",
    "实际支出数",
    "执行率",
    "调整率",
    "合计",
    "一级指标",
    "二级指标",
    "三级指标",
    "分值",
    "目标值",
    "实际值",
    "评分标准",
    "得分",
    "得分率",
    "指标性质",
    "项目名称",
    "指标值",
    "指标值类型",
    "定量",
    "检查事项",
    "结论",
    "否",
    "是",
    "达成",
    "定性",
    "≥",
    "≤",
    "#DIV/0!",
    "#REF!",
    "不适用",
    "",
    "-",
    "12个",
    "95%",
    "-5%",
    "财政拨款",
    "基本支出",
    "项目支出",
  ];
  const cell = fc.oneof(
    fc.constantFrom(...WORDS),
    fc.double({ noNaN: false, noDefaultInfinity: false }),
    fc.integer({ min: -5, max: 1000 }),
    fc.constant(null),
  );

  it("never throws and always yields a finite JSON report", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 10 }), { minLength: 1, maxLength: 14 }),
        (rows) => {
          const snapshot = workbook([sheet("表", rows)]);
          const evaluation = evaluate(snapshot);
          planWrites(snapshot, evaluation);
          planSummary(evaluation);
          const text = JSON.stringify(buildReport(evaluation));
          expect(text).not.toMatch(/NaN|Infinity/);
        },
      ),
      { numRuns: 150 },
    );
  });
});

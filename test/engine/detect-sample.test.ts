/** The sample workbook (docs/domain.md §7): every table at its sheet and header row. */
import { gaozhuangSnapshot, PROJECTS_WITHOUT_TIMELINESS } from "../../examples/source/gaozhuang-2023";
import { detectTables } from "../../src/engine/detect";

describe("gaozhuang-2023 sample", () => {
  const d = detectTables(gaozhuangSnapshot());

  it("finds budget, structure, indicators, targets and checklist at the right sheets and header rows", () => {
    expect(d.tables.map((t) => [t.kind, t.sheet, t.headerRow, t.headerRows])).toEqual([
      ["budget", "预算执行", 2, 1],
      ["structure", "预算执行", 8, 1],
      ["indicators", "指标评分", 2, 1],
      ["targets", "绩效目标", 2, 1],
      ["checklist", "管理情况", 2, 1],
    ]);
    expect(d.missing).toEqual([]);
    expect(d.problems).toEqual([]);
  });

  it("reads the budget rows exactly", () => {
    expect(
      d.budget?.rows.map((r) => [
        r.name,
        r.initial,
        r.adjustment,
        r.adjusted,
        r.finalAccounts,
        r.actual,
        r.isTotal,
      ]),
    ).toEqual([
      ["财政拨款", 552.45, 115.47, 552.45, 667.92, 667.92, false],
      ["政府性基金", 387, null, 387, null, null, false],
      ["单位资金", null, null, null, null, 326.15, false],
      ["合计", 939.45, 115.47, 939.45, 667.92, 994.07, true],
    ]);
    expect(d.budget?.location.columns).toMatchObject({ executionRate: 6, adjustmentRate: 7 });
  });

  it("reads the structure rows", () => {
    expect(d.structure?.rows.map((r) => [r.name, r.type, r.amount])).toEqual([
      ["基本支出", "basic", 471.17],
      ["项目支出", "project", 196.75],
      ["合计", "total", 667.92],
    ]);
  });

  it("reads 22 indicator rows under 5 一级指标 with weights summing to 100", () => {
    const t = d.indicators[0];
    expect(d.indicators).toHaveLength(1);
    expect(t.rows).toHaveLength(22);
    expect([...new Set(t.rows.map((r) => r.level1))]).toEqual([
      "管理效率",
      "履职效能",
      "运行成本",
      "社会效应",
      "可持续发展能力",
    ]);
    expect(t.rows.reduce((s, r) => s + (r.weight ?? 0), 0)).toBe(100);
    expect(t.totalRow).toMatchObject({ weight: 100, entered: null });
    const byName = Object.fromEntries(t.rows.map((r) => [r.level3, r]));
    expect(byName["预算调整率"]).toMatchObject({
      level1: "管理效率",
      level2: "预算编制",
      weight: 3,
      entered: null,
    });
    expect(byName["资产管理规范性"]).toMatchObject({ level2: "资产管理", entered: 3.43 });
    expect(byName["人居环境整治达标村（社区）数"]).toMatchObject({
      nature: "≥",
      target: "12个",
      actual: "9个",
      unit: "个",
    });
    expect(byName["乡村振兴带动效果"]).toMatchObject({
      level1: "社会效应",
      level2: "经济效益",
      nature: "定性",
      entered: 4.2,
    });
    expect(byName['"三公经费"变动率']).toMatchObject({ nature: "≤", target: "0%", actual: "-5%" });
    expect(t.rows.filter((r) => r.entered === null).map((r) => r.level3)).toEqual([
      "预算调整率",
      "预算执行率",
      "人居环境整治达标村（社区）数",
      "重点工作办结率",
      '"三公经费"变动率',
      "公用经费控制率",
      "服务对象满意度",
    ]);
  });

  it("reads the targets: eleven projects plus 部门整体, the ten without 时效", () => {
    const rows = d.targets?.rows ?? [];
    const projects = [...new Set(rows.map((r) => r.project))];
    expect(projects).toHaveLength(12);
    for (const p of PROJECTS_WITHOUT_TIMELINESS) {
      const own = rows.filter((r) => r.project === p);
      expect(own).toHaveLength(5);
      expect(own.some((r) => r.level2.startsWith("时效"))).toBe(false);
    }
    const dept = rows.filter((r) => r.project === "部门整体").map((r) => r.level3);
    expect(dept).toEqual(
      expect.arrayContaining(["重点工作任务计划完成", "年度工作目标实现", "经济效益", "社会效益"]),
    );
  });

  it("reads the checklist: nine 否 and one 是", () => {
    const rows = d.checklist?.rows ?? [];
    expect(rows.filter((r) => r.ok === false)).toHaveLength(9);
    expect(rows.filter((r) => r.ok === true).map((r) => r.item)).toEqual(["资金使用是否合规"]);
  });
});

/** Table detection: every layout variant real workbooks use. */
import { detectTables } from "../../src/engine/detect";
import type { BudgetTable, IndicatorTable } from "../../src/engine/types";
import { sheet, workbook, type Row, STANDARD_INDICATOR_HEADER, STANDARD_BUDGET_HEADER } from "./helpers/grid";

const BUDGET_HEADER = [...STANDARD_BUDGET_HEADER];
const BUDGET_ROWS: Row[] = [
  ["财政拨款", 552.45, 115.47, 552.45, 667.92, 667.92],
  ["政府性基金", 387, null, 387],
  ["单位资金", null, null, null, null, 326.15],
  ["合计", 939.45, 115.47, 939.45, 667.92, 994.07],
];

function budgetOf(rows: Row[], name = "预算"): BudgetTable {
  const d = detectTables(workbook([sheet(name, rows)]));
  expect(d.budget).not.toBeNull();
  return d.budget as BudgetTable;
}

function indicatorsOf(rows: Row[], merges: string[] = []): IndicatorTable {
  const d = detectTables(workbook([sheet("指标", rows, { merges })]));
  expect(d.indicators).toHaveLength(1);
  return d.indicators[0];
}

describe("budget table", () => {
  it("finds a header on row 6 below title rows and reads every row", () => {
    const rows: Row[] = [
      ["2023年度部门预算执行情况表"],
      [],
      ["填报单位：高庄街道办事处", null, null, null, null, "金额单位：万元"],
      [],
      ["说明文字，不是表头"],
      [],
      BUDGET_HEADER,
      ...BUDGET_ROWS,
    ];
    const b = budgetOf(rows);
    expect(b.location).toMatchObject({
      kind: "budget",
      sheet: "预算",
      headerRow: 6,
      headerRows: 1,
      firstDataRow: 7,
      lastRow: 10,
    });
    expect(b.location.columns).toEqual({
      name: 0,
      initial: 1,
      adjustment: 2,
      adjusted: 3,
      finalAccounts: 4,
      actual: 5,
      executionRate: 6,
      adjustmentRate: 7,
    });
    expect(b.location.unit).toBe("万元");
    expect(b.rows.map((r) => r.name)).toEqual(["财政拨款", "政府性基金", "单位资金", "合计"]);
    expect(b.rows[0]).toEqual({
      row: 7,
      name: "财政拨款",
      isTotal: false,
      isSubItem: false,
      initial: 552.45,
      adjustment: 115.47,
      adjusted: 552.45,
      finalAccounts: 667.92,
      actual: 667.92,
    });
    // blank is unknown, never zero
    expect(b.rows[1]).toMatchObject({ adjustment: null, finalAccounts: null, actual: null });
    expect(b.rows[3].isTotal).toBe(true);
  });

  it("reads columns in any order and ignores unknown columns", () => {
    const rows: Row[] = [
      ["序号", "全年执行数", "备用列", "项目名称", "全年预算数", "年初预算数"],
      [1, 95, "x", "办公经费", 100, 80],
      [2, 40, "y", "合计", 50, 50],
    ];
    const b = budgetOf(rows);
    expect(b.location.columns).toEqual({ actual: 1, name: 3, adjusted: 4, initial: 5 });
    expect(b.rows[0]).toMatchObject({ name: "办公经费", actual: 95, adjusted: 100, initial: 80 });
  });

  it("reads a two-row header: merged group cells over sub-headers, vertical merges beside them", () => {
    const rows: Row[] = [
      ["项目支出预算执行表"],
      ["项目", "预算执行情况", null, null, "决算数"],
      [null, "年初预算数（万元）", "调整后预算数（万元）", "全年执行数（万元）"],
      ["项目A", 100, 120, 110, 110],
      ["项目B", 50, 50, 45, 45],
    ];
    const d = detectTables(workbook([sheet("表", rows, { merges: ["A1:E1", "A2:A3", "B2:D2", "E2:E3"] })]));
    const b = d.budget as BudgetTable;
    expect(b.location).toMatchObject({ headerRow: 1, headerRows: 2, firstDataRow: 3, lastRow: 4 });
    expect(b.location.columns).toMatchObject({
      name: 0,
      initial: 1,
      adjusted: 2,
      actual: 3,
      finalAccounts: 4,
    });
    expect(b.rows[0]).toMatchObject({
      name: "项目A",
      initial: 100,
      adjusted: 120,
      actual: 110,
      finalAccounts: 110,
    });
    expect(d.problems).toEqual([]);
  });

  it("reads a two-row header whose group row names no field itself", () => {
    const rows: Row[] = [
      ["资金来源", "预算情况", null, "执行情况", null],
      [null, "年初预算数", "调整后预算数", "全年执行数", "执行率"],
      ["财政拨款", 552.45, 552.45, 667.92, null],
    ];
    const d = detectTables(workbook([sheet("表", rows, { merges: ["A1:A2", "B1:C1", "D1:E1"] })]));
    expect(d.budget?.location).toMatchObject({ headerRow: 0, headerRows: 2, firstDataRow: 2 });
    expect(d.budget?.location.columns).toEqual({
      name: 0,
      initial: 1,
      adjusted: 2,
      actual: 3,
      executionRate: 4,
    });
    expect(d.budget?.rows[0]).toMatchObject({ name: "财政拨款", initial: 552.45, actual: 667.92 });
  });

  it("does not take a title line above a one-row header for a group row", () => {
    const rows: Row[] = [["2023年度预算执行情况表"], BUDGET_HEADER, ...BUDGET_ROWS];
    const d = detectTables(workbook([sheet("表", rows, { merges: ["A1:H1"] })]));
    expect(d.budget?.location).toMatchObject({ headerRow: 1, headerRows: 1 });
  });

  it("converts 元 to 万元 from a 金额单位：元 line above the header", () => {
    const rows: Row[] = [
      ["预算执行情况"],
      ["金额单位：元"],
      ["资金来源", "年初预算数", "调整后预算数", "全年执行数"],
      ["财政拨款", 5524500, "5,524,500.00", 6679200],
    ];
    const b = budgetOf(rows);
    expect(b.location.unit).toBe("元");
    expect(b.rows[0].initial).toBeCloseTo(552.45, 10);
    expect(b.rows[0].adjusted).toBeCloseTo(552.45, 10);
    expect(b.rows[0].actual).toBeCloseTo(667.92, 10);
  });

  it("converts 元 to 万元 from a unit in the header", () => {
    const rows: Row[] = [
      ["资金来源", "年初预算数（元）", "全年执行数（元）"],
      ["财政拨款", 1000000, 900000],
    ];
    const b = budgetOf(rows);
    expect(b.location.unit).toBe("元");
    expect(b.rows[0]).toMatchObject({ initial: 100, actual: 90 });
  });

  it("marks total rows and 其中 sub-rows; a 其中 row right under the total opens the total's parts", () => {
    const rows: Row[] = [
      ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数"],
      ["年度资金总额", 100, 120, 110],
      ["其中：当年财政拨款", 80, 100, 95],
      ["上年结转资金", 20, 20, 15],
      ["其中：专项资金", 5, 5, 5],
      ["其他资金", null, null, null],
    ];
    const b = budgetOf(rows);
    expect(b.rows.map((r) => [r.name, r.isTotal, r.isSubItem])).toEqual([
      ["年度资金总额", true, false],
      ["其中：当年财政拨款", false, false],
      ["上年结转资金", false, false],
      ["其中：专项资金", false, true],
      ["其他资金", false, false],
    ]);
  });

  it("reads hidden rows too", () => {
    const d = detectTables(workbook([sheet("预算", [BUDGET_HEADER, ...BUDGET_ROWS], { hiddenRows: [2] })]));
    expect(d.budget?.rows.map((r) => r.name)).toContain("政府性基金");
  });
});

describe("two tables on one sheet: budget, then a structure table below", () => {
  const rows: Row[] = [
    ["2023年度高庄街道办事处预算执行情况"],
    ["金额单位：万元"],
    BUDGET_HEADER,
    ...BUDGET_ROWS,
    [],
    ["支出类型", "决算数"],
    ["基本支出", 471.17],
    ["项目支出", 196.75],
    ["合计", 667.92],
  ];
  const d = detectTables(workbook([sheet("预算执行", rows)]));

  it("finds both tables at their header rows", () => {
    expect(d.tables.map((t) => [t.kind, t.sheet, t.headerRow, t.lastRow])).toEqual([
      ["budget", "预算执行", 2, 6],
      ["structure", "预算执行", 8, 11],
    ]);
  });

  it("keeps the structure rows out of the budget rows", () => {
    expect(d.budget?.rows).toHaveLength(4);
    expect(d.structure?.rows.map((r) => [r.type, r.amount, r.col])).toEqual([
      ["basic", 471.17, 1],
      ["project", 196.75, 1],
      ["total", 667.92, 1],
    ]);
  });
});

describe("structure rows inside a budget table", () => {
  it("splits 基本支出/项目支出 rows into the structure table", () => {
    const rows: Row[] = [
      ["资金来源", "年初预算数", "全年执行数"],
      ["财政拨款", 100, 90],
      ["基本支出", null, 60],
      ["项目支出", null, 30],
      ["合计", 100, 90],
    ];
    const d = detectTables(workbook([sheet("预算", rows)]));
    expect(d.budget?.rows.map((r) => r.name)).toEqual(["财政拨款", "合计"]);
    expect(d.structure?.rows.map((r) => [r.type, r.amount])).toEqual([
      ["basic", 60],
      ["project", 30],
      ["total", 90],
    ]);
  });

  it("a budget table by expenditure type is both a budget and a structure table", () => {
    const rows: Row[] = [
      ["支出类型", "年初预算数", "调整后预算数", "决算数"],
      ["基本支出", 400, 450, 471.17],
      ["项目支出", 150, 200, 196.75],
      ["合计", 550, 650, 667.92],
    ];
    const d = detectTables(workbook([sheet("预算", rows)]));
    expect(d.budget?.rows).toHaveLength(3);
    expect(d.structure?.rows.map((r) => r.amount)).toEqual([471.17, 196.75, 667.92]);
    expect(d.tables.map((t) => t.kind)).toEqual(["budget", "structure"]);
  });
});

describe("indicator table", () => {
  const HEADER = [...STANDARD_INDICATOR_HEADER];

  it("carries merged 一级/二级 labels down their rows, and blanks under a label without a merge", () => {
    const rows: Row[] = [
      ["指标评分表"],
      HEADER,
      ["产出", "数量", "完成村数", 8, "≥", "12个", "9个", "按比例", null],
      [null, null, "培训人次", 7, "≥", "100人次", "120人次", "按比例", null],
      [null, "质量", "验收合格率", 5, "≥", "100%", "100%", "按比例", 5],
      ["效益", "社会效益", "群众生活改善", 10, "定性", "达成", "达成", "定性", 9],
      [null, null, "满意度", 10, null, "≥95%", "96%", "按比例", null],
      ["合计", null, null, 40, null, null, null, null, null],
    ];
    // 一级 产出 merged A3:A5; 二级 数量 merged B3:B4; 效益 and 社会效益 left as plain blanks below
    const t = indicatorsOf(rows, ["A3:A5", "B3:B4"]);
    expect(t.location).toMatchObject({ headerRow: 1, firstDataRow: 2, lastRow: 7 });
    expect(t.rows.map((r) => [r.level1, r.level2, r.level3, r.weight])).toEqual([
      ["产出", "数量", "完成村数", 8],
      ["产出", "数量", "培训人次", 7],
      ["产出", "质量", "验收合格率", 5],
      ["效益", "社会效益", "群众生活改善", 10],
      ["效益", "社会效益", "满意度", 10],
    ]);
    expect(t.rows[0]).toMatchObject({
      nature: "≥",
      target: "12个",
      actual: "9个",
      unit: "个",
      criteria: "按比例",
    });
    expect(t.rows[2].entered).toBe(5);
    expect(t.rows[3].nature).toBe("定性");
    expect(t.rows[4].nature).toBe("≥"); // inferred from the target text
    expect(t.totalRow).toEqual({ row: 7, weight: 40, entered: null });
  });

  it("starts a new 一级's 二级 afresh", () => {
    const rows: Row[] = [
      ["一级指标", "二级指标", "三级指标", "分值"],
      ["产出", "数量", "a", 5],
      ["效益", null, "b", 5],
    ];
    const t = indicatorsOf(rows);
    expect(t.rows.map((r) => `${r.level1}/${r.level2}/${r.level3}`)).toEqual(["产出/数量/a", "效益//b"]);
  });

  it("reads weights written in labels and keeps the clean names", () => {
    const rows: Row[] = [
      ["一级指标", "二级指标", "三级指标", "分值", "得分"],
      ["投入(15)", "预算编制（5分）", "预算调整率", 5, null],
      [null, "预算执行（10分）", "预算执行率", 10, null],
      ["产出指标（50分）", "数量指标(20)", "完成数", 20, null],
      [null, "质量指标（３０分）", "合格率", 30, null],
      ["产出指标(35)", "时效", "及时率（5分）", null, null],
    ];
    const t = indicatorsOf(rows, ["A2:A3", "A4:A5"]);
    expect(t.levelWeights).toEqual({ 投入: 15, 产出指标: 50 });
    expect(t.level2Weights).toEqual({
      "投入/预算编制": 5,
      "投入/预算执行": 10,
      "产出指标/数量指标": 20,
      "产出指标/质量指标": 30,
    });
    expect(t.rows.map((r) => r.level1)).toEqual(["投入", "投入", "产出指标", "产出指标", "产出指标"]);
    expect(t.rows[4]).toMatchObject({ level2: "时效", level3: "及时率", weight: 5 });
  });

  it("reads one 分值 column per level", () => {
    const rows: Row[] = [
      ["一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "得分"],
      ["产出", 30, "数量", 20, "完成数", 12, null],
      [null, null, null, null, "培训数", 8, null],
      [null, null, "质量", 10, "合格率", 10, null],
      ["效益", 70, "社会效益", 70, "满意度", 70, null],
    ];
    const t = indicatorsOf(rows, ["A2:A4", "B2:B4", "C2:C3", "D2:D3"]);
    expect(t.location.columns).toMatchObject({
      level1: 0,
      weight1: 1,
      level2: 2,
      weight2: 3,
      level3: 4,
      weight: 5,
      score: 6,
    });
    expect(t.levelWeights).toEqual({ 产出: 30, 效益: 70 });
    expect(t.level2Weights).toEqual({ "产出/数量": 20, "产出/质量": 10, "效益/社会效益": 70 });
    expect(t.rows.map((r) => r.weight)).toEqual([12, 8, 10, 70]);
  });

  it("reads a two-row header with per-level groups (一级指标 over 名称 | 分值)", () => {
    const rows: Row[] = [
      ["一级指标", null, "二级指标", null, "三级指标", null, "得分"],
      ["名称", "分值", "名称", "分值", "名称", "分值"],
      ["产出", 60, "数量", 60, "完成数", 60, null],
      ["效益", 40, "满意度", 40, "满意度", 40, null],
    ];
    const d = detectTables(workbook([sheet("指标", rows, { merges: ["A1:B1", "C1:D1", "E1:F1", "G1:G2"] })]));
    const t = d.indicators[0];
    expect(t.location).toMatchObject({ headerRow: 0, headerRows: 2, firstDataRow: 2 });
    expect(t.location.columns).toMatchObject({
      level1: 0,
      weight1: 1,
      level2: 2,
      weight2: 3,
      level3: 4,
      weight3: 5,
      score: 6,
    });
    expect(t.levelWeights).toEqual({ 产出: 60, 效益: 40 });
    expect(t.rows.map((r) => [r.level3, r.weight])).toEqual([
      ["完成数", 60],
      ["满意度", 40],
    ]);
  });

  it("takes the 二级 name as the leaf when there is no 三级 column", () => {
    const rows: Row[] = [
      ["一级指标", "二级指标", "分值", "得分"],
      ["决策", "项目立项", 10, 9],
      [null, "绩效目标", 10, 8],
    ];
    const t = indicatorsOf(rows, ["A2:A3"]);
    expect(t.rows.map((r) => [r.level1, r.level2, r.level3])).toEqual([
      ["决策", "", "项目立项"],
      ["决策", "", "绩效目标"],
    ]);
  });

  it("needs a 三级 name for an indicator row", () => {
    const rows: Row[] = [
      ["一级指标", "二级指标", "三级指标", "分值"],
      ["产出", "数量", "完成数", 10],
      [null, null, null, null, "旁注"],
      [null, null, "合格率", 10],
    ];
    expect(indicatorsOf(rows).rows.map((r) => r.level3)).toEqual(["完成数", "合格率"]);
  });

  it("reads 指标性质 in every written form", () => {
    const natures = ["≥", "≤", "=", ">=", "≧", "≦", "＜＝", "正向", "反向", "定性", "定量"];
    const rows: Row[] = [["一级指标", "二级指标", "三级指标", "分值", "指标性质", "目标值"]];
    natures.forEach((n, i) =>
      rows.push(["产出", "数量", `指标${i}`, 1, n, i === natures.length - 1 ? "≤5天" : 10]),
    );
    expect(indicatorsOf(rows).rows.map((r) => r.nature)).toEqual([
      "≥",
      "≤",
      "=",
      "≥",
      "≥",
      "≤",
      "≤",
      "正向",
      "反向",
      "定性",
      "≤",
    ]);
  });

  it("flags 得分 formulas and cells the add-in wrote last time", () => {
    const rows: Row[] = [
      ["一级指标", "二级指标", "三级指标", "分值", "得分"],
      ["产出", "数量", "a", 5, 4],
      [null, null, "b", 5, 3],
      [null, null, "c", 5, 2.5],
      [null, null, "d", 5, 1],
    ];
    const formulas = [[], [null, null, null, null, "=D2*0.8"]];
    const snap = workbook([sheet("指标", rows, { formulas })], {
      version: 1,
      runAt: "2026-01-01T00:00:00Z",
      entries: [
        { sheet: "指标", address: "E3", value: 3, previous: null }, // still ours
        { sheet: "指标", address: "E4", value: 2, previous: null }, // the user typed over it
        { sheet: "其他表", address: "E5", value: 1, previous: null }, // another sheet
      ],
      marks: [],
    });
    const t = detectTables(snap).indicators[0];
    expect(t.rows.map((r) => [r.scoreIsFormula, r.scoreIsOurs, r.entered])).toEqual([
      [true, false, 4],
      [false, true, null],
      [false, false, 2.5],
      [false, false, 1],
    ]);
  });

  it("finds the 总分 row and a grade written below it", () => {
    const rows: Row[] = [
      ["一级指标", "二级指标", "三级指标", "分值", "得分"],
      ["产出", "数量", "a", 60, 50],
      ["效益", "满意度", "b", 40, 35],
      ["总分", null, null, 100, 85],
      ["评价等级", null, null, "良"],
    ];
    const t = indicatorsOf(rows, ["A4:C4", "A5:C5"]);
    expect(t.totalRow).toEqual({ row: 3, weight: 100, entered: 85 });
    expect(t.writtenGrade).toEqual({ row: 4, col: 3, grade: "良" });
    expect(t.location.lastRow).toBe(4);
    expect(t.rows).toHaveLength(2);
  });

  it("reads a grade written in one cell (等级：良)", () => {
    const rows: Row[] = [
      ["一级指标", "二级指标", "三级指标", "分值", "得分"],
      ["产出", "数量", "a", 100, 88],
      ["合计", null, null, 100, 88, "等级：良"],
    ];
    expect(indicatorsOf(rows).writtenGrade).toEqual({ row: 2, col: 5, grade: "良" });
  });
});

describe("自评表: a budget block above an indicator block on one sheet", () => {
  const rows: Row[] = [
    ["项目支出绩效自评表"],
    ["（2023年度）"],
    ["项目名称", "武装工作经费"],
    ["主管部门", "高庄街道办事处", null, "实施单位", "高庄街道办事处"],
    ["项目资金（万元）", null, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["年度资金总额", null, 20, 20, 18, 10, null, null],
    ["其中：当年财政拨款", null, 20, 20, 18, null, null, null],
    ["上年结转资金", null, null, null, null, null, null, null],
    ["其他资金", null, null, null, null, null, null, null],
    ["年度总体目标", "预期目标", null, null, null, "实际完成情况"],
    [null, "保障民兵训练", null, null, null, "完成民兵训练"],
    [
      "绩效指标",
      "一级指标",
      "二级指标",
      "三级指标",
      "年度指标值",
      "实际完成值",
      "分值",
      "得分",
      "偏差原因分析及改进措施",
    ],
    [null, "产出指标", "数量指标", "训练人数", "≥50人", "52人", 20, null],
    [null, null, "时效指标", "按时完成率", "100%", "100%", 20, null],
    [null, "效益指标", "社会效益指标", "国防意识提升", "有效提升", "有效提升", 30, 28],
    [null, "满意度指标", "服务对象满意度指标", "民兵满意度", "≥90%", "95%", 10, null],
    ["总分", null, null, null, null, null, 90, null],
  ];
  const merges = [
    "A1:I1",
    "A5:B5",
    "A6:B6",
    "A7:B7",
    "A8:B8",
    "A9:B9",
    "A10:A11",
    "B10:E10",
    "F10:I10",
    "B11:E11",
    "F11:I11",
    "A12:A16",
    "B13:B14",
    "A17:F17",
  ];
  const d = detectTables(workbook([sheet("自评表", rows, { merges })]));

  it("finds the budget block and stops it before the 年度总体目标 rows", () => {
    expect(d.budget?.location).toMatchObject({ sheet: "自评表", headerRow: 4, firstDataRow: 5, lastRow: 8 });
    expect(d.budget?.location.columns).toMatchObject({
      name: 0,
      initial: 2,
      adjusted: 3,
      actual: 4,
      weight: 5,
      executionRate: 6,
      score: 7,
    });
    expect(d.budget?.rows.map((r) => [r.name, r.isTotal, r.isSubItem, r.actual])).toEqual([
      ["年度资金总额", true, false, 18],
      ["其中：当年财政拨款", false, false, 18],
      ["上年结转资金", false, false, null],
      ["其他资金", false, false, null],
    ]);
  });

  it("finds the indicator block below it", () => {
    const t = d.indicators[0];
    expect(t.location).toMatchObject({ headerRow: 11, firstDataRow: 12, lastRow: 16 });
    expect(t.location.columns).toMatchObject({
      level1: 1,
      level2: 2,
      level3: 3,
      target: 4,
      actualValue: 5,
      weight: 6,
      score: 7,
      reason: 8,
    });
    expect(t.rows.map((r) => [r.level1, r.level2, r.level3, r.weight, r.nature])).toEqual([
      // the budget block's 分值 scores too (执行率 × 分值), as the form's first 一级
      ["预算执行", "预算执行", "预算执行率", 10, null],
      ["产出指标", "数量指标", "训练人数", 20, "≥"],
      ["产出指标", "时效指标", "按时完成率", 20, null],
      ["效益指标", "社会效益指标", "国防意识提升", 30, "定性"],
      ["满意度指标", "服务对象满意度指标", "民兵满意度", 10, "≥"],
    ]);
    expect(t.totalRow).toEqual({ row: 16, weight: 90, entered: null });
    expect(t.rows[0]).toMatchObject({ row: 5, actual: 0.9, entered: null, scoreIsOurs: false });
    expect(t.levelWeights).toEqual({ 预算执行: 10 });
  });

  it("knows the budget block's 得分 the add-in wrote last time", () => {
    const written = rows.map((r, i) => (i === 5 ? [...r.slice(0, 7), 9] : r));
    const snap = workbook([sheet("自评表", written, { merges })], {
      version: 1,
      runAt: "2026-01-01T00:00:00Z",
      entries: [{ sheet: "自评表", address: "H6", value: 9, previous: null }],
      marks: [],
    });
    const t = detectTables(snap).indicators[0];
    expect(t.rows[0]).toMatchObject({ level3: "预算执行率", scoreIsOurs: true, entered: null });
  });

  it("misses nothing a project 自评表 holds (targets and checklists are the department's) and has no problems", () => {
    expect(d.missing).toEqual([]);
    expect(d.problems).toEqual([]);
  });
});

describe("targets and checklist", () => {
  it("carries merged project names and levels down the target rows", () => {
    const rows: Row[] = [
      ["绩效目标表"],
      ["项目名称", "一级指标", "二级指标", "三级指标", "指标值", "度量单位", "指标值类型"],
      ["秸秆禁烧经费", "产出指标", "数量指标", "巡查次数", "≥100", "次", "定量"],
      [null, null, "质量指标", "火点发生率", "0", "%", "定量"],
      [null, "效益指标", "社会效益指标", "空气质量改善", "有效改善", null, "定性"],
      ["武装工作经费", "产出指标", "数量指标", "训练人数", "≥50人", null, "定量"],
    ];
    const d = detectTables(workbook([sheet("目标", rows, { merges: ["A3:A5", "B3:B4"] })]));
    expect(d.targets?.location).toMatchObject({ headerRow: 1, lastRow: 5 });
    expect(
      d.targets?.rows.map((r) => [r.project, r.level1, r.level2, r.level3, r.value, r.unit, r.valueType]),
    ).toEqual([
      ["秸秆禁烧经费", "产出指标", "数量指标", "巡查次数", "≥100", "次", "定量"],
      ["秸秆禁烧经费", "产出指标", "质量指标", "火点发生率", "0", "%", "定量"],
      ["秸秆禁烧经费", "效益指标", "社会效益指标", "空气质量改善", "有效改善", null, "定性"],
      ["武装工作经费", "产出指标", "数量指标", "训练人数", "≥50人", "人", "定量"],
    ]);
    expect(d.indicators).toEqual([]);
  });

  it("takes the project from a 项目名称 line above a target table without a project column", () => {
    const rows: Row[] = [
      ["项目绩效目标表"],
      ["项目名称", null, "秸秆禁烧经费"],
      ["一级指标", "二级指标", "三级指标", "指标值"],
      ["产出指标", "数量指标", "巡查次数", "≥100次"],
    ];
    const d = detectTables(workbook([sheet("目标", rows)]));
    expect(d.targets?.rows.map((r) => [r.project, r.level3, r.unit])).toEqual([
      ["秸秆禁烧经费", "巡查次数", "次"],
    ]);
  });

  it("reads checklist conclusions as ok / not ok", () => {
    const rows: Row[] = [
      ["检查事项", "结论", "说明", "依据"],
      ["是否建立预算管理制度", "否", "未建立", "预算法"],
      ["是否开展固定资产清查", "未开展", null, "财资〔2020〕97号"],
      ["是否有采购制度", "有", null, null],
      ["资金使用是否合规", "是", "抽查未见违规", null],
      ["是否公开", "已公开", null, null],
      ["是否建立合同制度", "无", null, null],
      ["待定事项", "待核实", null, null],
    ];
    const d = detectTables(workbook([sheet("管理", rows)]));
    expect(d.checklist?.rows.map((r) => [r.item, r.ok])).toEqual([
      ["是否建立预算管理制度", false],
      ["是否开展固定资产清查", false],
      ["是否有采购制度", true],
      ["资金使用是否合规", true],
      ["是否公开", true],
      ["是否建立合同制度", false],
      ["待定事项", null],
    ]);
    expect(d.checklist?.rows[0]).toMatchObject({
      raw: "否",
      note: "未建立",
      basis: "预算法",
      conclusionCol: 1,
      row: 1,
    });
  });
});

describe("收入支出决算总表", () => {
  it("reads the four figures from the two halves, skipping 行次, converting 元", () => {
    const rows: Row[] = [
      ["收入支出决算总表"],
      ["公开01表", null, null, null, null, "金额单位：元"],
      ["收入", null, null, "支出"],
      ["项目", "行次", "金额", "项目", "行次", "金额"],
      ["一、一般公共预算财政拨款收入", 1, 5524500, "一、一般公共服务支出", 32, 4000000],
      ["二、政府性基金预算财政拨款收入", 2, 1154700, "二、农林水支出", 33, 2679200],
      ["本年收入合计", 19, 6679200, "本年支出合计", 46, 6679200],
      ["年初结转和结余", 20, 100000, "年末结转和结余", 47, "100,000.00"],
    ];
    const d = detectTables(workbook([sheet("决算总表", rows, { merges: ["A1:F1", "A3:C3", "D3:F3"] })]));
    const fa = d.finalAccounts;
    expect(fa).not.toBeNull();
    expect(fa?.incomeTotal).toBeCloseTo(667.92, 10);
    expect(fa?.expenditureTotal).toBeCloseTo(667.92, 10);
    expect(fa?.carriedIn).toBeCloseTo(10, 10);
    expect(fa?.carriedOut).toBeCloseTo(10, 10);
    expect(fa?.cells).toEqual({
      incomeTotal: { row: 6, col: 2 },
      expenditureTotal: { row: 6, col: 5 },
      carriedIn: { row: 7, col: 2 },
      carriedOut: { row: 7, col: 5 },
    });
    expect(fa?.location).toMatchObject({
      kind: "finalAccounts",
      sheet: "决算总表",
      headerRow: 3,
      unit: "元",
    });
    // its halves are not mistaken for budget tables
    expect(d.budget).toBeNull();
    expect(d.tables.map((t) => t.kind)).toEqual(["finalAccounts"]);
  });
});

describe("missing", () => {
  it("lists every expected kind for an empty workbook", () => {
    const d = detectTables(workbook([sheet("空", []), sheet("文字", [["只有一句话"]])]));
    expect(d.missing).toEqual(["budget", "indicators", "targets", "checklist"]);
    expect(d.tables).toEqual([]);
    expect(d.indicators).toEqual([]);
  });

  it("reads a sheet whose used range does not start at A1", () => {
    const s = sheet("偏移", [BUDGET_HEADER, ...BUDGET_ROWS], { top: 9, left: 2 });
    const d = detectTables(workbook([s]));
    expect(d.budget?.location).toMatchObject({ headerRow: 9, firstDataRow: 10 });
    expect(d.budget?.location.columns.name).toBe(2);
    expect(d.budget?.rows[0]).toMatchObject({ row: 10, name: "财政拨款", initial: 552.45 });
  });
});

describe("indicator weights in other shapes", () => {
  it("reads 分值 written as percentages as points", () => {
    const rows: Row[] = [
      ["一级指标", "二级指标", "三级指标", "权重", "得分"],
      ["产出", "数量", "完成数", "60%", 50],
      ["效益", "满意度", "满意度", "40%", 35],
    ];
    expect(indicatorsOf(rows).rows.map((r) => r.weight)).toEqual([60, 40]);
  });

  it("takes a 小计 row as its 一级's weight, not as an indicator", () => {
    const rows: Row[] = [
      ["一级指标", "二级指标", "三级指标", "分值", "得分"],
      ["产出", "数量", "完成数", 30, null],
      [null, "质量", "合格率", 30, null],
      ["小计", null, null, 60, null],
      ["效益", "满意度", "满意度", 40, null],
      [null, null, "小计", 40, null],
      ["合计", null, null, 100, null],
    ];
    const t = indicatorsOf(rows, ["A2:A3"]);
    expect(t.rows.map((r) => `${r.level1}/${r.level3}`)).toEqual([
      "产出/完成数",
      "产出/合格率",
      "效益/满意度",
    ]);
    expect(t.levelWeights).toEqual({ 产出: 60, 效益: 40 });
    expect(t.totalRow?.weight).toBe(100);
  });
});

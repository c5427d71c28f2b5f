/** Metrics (docs/domain.md §3): 执行率, 调整率, department rows, 决算完整性, 结转结余率 — never NaN/Infinity. */
import fc from "fast-check";
import { gaozhuangSnapshot } from "../../examples/source/gaozhuang-2023";
import { resolveConfig } from "../../src/engine/config";
import { detectTables } from "../../src/engine/detect";
import { computeMetrics } from "../../src/engine/metrics";
import type { BudgetRow, Detection, EvalConfig, Metrics } from "../../src/engine/types";
import { sheet, workbook, type Row } from "./helpers/grid";

const config = resolveConfig();

function metricsOf(rows: Row[], cfg: EvalConfig = config): Metrics {
  return computeMetrics(detectTables(workbook([sheet("预算", rows)])), cfg);
}

describe("the sample workbook", () => {
  const m = computeMetrics(detectTables(gaozhuangSnapshot()), config);

  it("执行率 of 财政拨款 = 667.92 / 552.45 (120.90%)", () => {
    expect(m.departmentExecution).toMatchObject({
      sheet: "预算执行",
      row: 3,
      name: "财政拨款",
      isTotal: false,
      numerator: 667.92,
      denominator: 552.45,
      basis: "adjusted",
      numeratorBasis: "actual",
    });
    expect(m.departmentExecution?.value).toBe(667.92 / 552.45);
    expect((m.departmentExecution?.value ?? 0) * 100).toBeCloseTo(120.9, 2);
  });

  it("调整率 of 财政拨款 = 115.47 / 552.45 (20.90%)", () => {
    expect(m.departmentAdjustment).toMatchObject({
      name: "财政拨款",
      numerator: 115.47,
      denominator: 552.45,
      basis: "initial",
    });
    expect(m.departmentAdjustment?.value).toBe(115.47 / 552.45);
    expect((m.departmentAdjustment?.value ?? 0) * 100).toBeCloseTo(20.9, 2);
  });

  it("决算 667.92 vs 实际支出 994.07, gap 326.15", () => {
    expect(m.finalAccounts).toEqual({ finalTotal: 667.92, actualTotal: 994.07, gap: 326.15 });
  });

  it("names the metrics for indicator rows", () => {
    expect(m.named).toEqual({ 预算执行率: 667.92 / 552.45, 预算调整率: 115.47 / 552.45 });
    // the department metrics are all computed; the rates left blank in the sheet say why
    expect(m.notComputed).toEqual([
      {
        metric: "执行率（表中留空的单元格）",
        reason: "政府性基金（G5）：无实际支出数或决算数；单位资金（G6）：无调整后预算数和年初预算数",
      },
      { metric: "调整率（表中留空的单元格）", reason: "单位资金（H6）：无年初预算数" },
    ]);
  });

  it("gives every budget row its rates, with reasons where they cannot be computed", () => {
    expect(
      m.execution.map((r) => [r.name, r.value === null ? r.reason : Number(r.value.toFixed(6))]),
    ).toEqual([
      ["财政拨款", 1.209014],
      ["政府性基金", "无实际支出数或决算数"],
      ["单位资金", "无调整后预算数和年初预算数"],
      ["合计", Number((994.07 / 939.45).toFixed(6))],
    ]);
    expect(
      m.adjustment.map((r) => [r.name, r.value === null ? r.reason : Number(r.value.toFixed(6))]),
    ).toEqual([
      ["财政拨款", 0.209014],
      ["政府性基金", 0], // no 调整数 written: (调整后 − 年初) / 年初
      ["单位资金", "无年初预算数"],
      ["合计", Number((115.47 / 939.45).toFixed(6))],
    ]);
  });

  it("uses the total row when metricBasisRow is total", () => {
    const t = computeMetrics(detectTables(gaozhuangSnapshot()), resolveConfig({ metricBasisRow: "total" }));
    expect(t.departmentExecution).toMatchObject({ name: "合计", isTotal: true, value: 994.07 / 939.45 });
    expect(t.named["预算调整率"]).toBe(115.47 / 939.45);
  });
});

describe("执行率", () => {
  it("falls back to 年初 when there is no 调整后 column, and says so", () => {
    const m = metricsOf([
      ["资金来源", "年初预算数", "全年执行数"],
      ["财政拨款", 200, 150],
    ]);
    expect(m.execution[0]).toMatchObject({ value: 0.75, basis: "initial", denominator: 200 });
    expect(m.departmentExecution?.value).toBe(0.75); // the only row
  });

  it("falls back to 年初 when the 调整后 cell is blank", () => {
    const m = metricsOf([
      ["资金来源", "年初预算数", "调整后预算数", "全年执行数"],
      ["财政拨款", 200, null, 150],
      ["合计", 200, "-", 150],
    ]);
    expect(m.execution.map((r) => [r.basis, r.value])).toEqual([
      ["initial", 0.75],
      ["initial", 0.75],
    ]);
  });

  it("always uses 年初 with executionDenominator initial", () => {
    const m = metricsOf(
      [
        ["资金来源", "年初预算数", "调整后预算数", "全年执行数"],
        ["财政拨款", 200, 250, 150],
      ],
      resolveConfig({ executionDenominator: "initial" }),
    );
    expect(m.execution[0]).toMatchObject({ basis: "initial", value: 0.75 });
  });

  it("uses 决算数 when there is no 实际支出", () => {
    const m = metricsOf([
      ["资金来源", "调整后预算数", "决算数"],
      ["财政拨款", 100, 90],
    ]);
    expect(m.execution[0]).toMatchObject({ value: 0.9, numeratorBasis: "finalAccounts", basis: "adjusted" });
  });

  it("is not computable when the budget is 0, never Infinity", () => {
    const m = metricsOf([
      ["资金来源", "年初预算数", "调整后预算数", "全年执行数"],
      ["新增项目", 0, 0, 10],
    ]);
    expect(m.execution[0]).toMatchObject({ value: null, reason: "调整后预算数为 0" });
    expect(m.named).toEqual({});
    expect(m.notComputed.map((n) => n.metric)).toEqual(expect.arrayContaining(["预算执行率", "预算调整率"]));
  });

  it("reads the 其中：当年财政拨款 row as the fiscal row of a 自评表", () => {
    const m = metricsOf([
      ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数"],
      ["年度资金总额", 100, 120, 110],
      ["其中：当年财政拨款", 80, 100, 95],
      ["上年结转资金", 20, 20, 15],
    ]);
    expect(m.departmentExecution).toMatchObject({ name: "其中：当年财政拨款", value: 0.95 });
    expect(m.departmentAdjustment?.value).toBe(0.25);
  });
});

describe("调整率", () => {
  it("is (调整后 − 年初) / 年初 without an adjustment column", () => {
    const m = metricsOf([
      ["资金来源", "年初预算数", "调整后预算数", "全年执行数"],
      ["财政拨款", 552.45, 667.92, 667.92],
    ]);
    expect(m.adjustment[0].value).toBe((667.92 - 552.45) / 552.45);
    expect(m.adjustment[0].numerator).toBeCloseTo(115.47, 10);
  });

  it("年初 = 0 is not computable (a new project), never Infinity", () => {
    const m = metricsOf([
      ["资金来源", "年初预算数", "预算调整数", "调整后预算数"],
      ["新增资金", 0, 50, 50],
      ["合计", 0, 50, 50],
    ]);
    expect(m.adjustment.map((r) => r.value)).toEqual([null, null]);
    expect(m.adjustment[0].reason).toBe("年初预算为0，调整率无法计算");
    expect(m.notComputed).toContainEqual({
      metric: "预算调整率",
      reason: "合计：年初预算为0，调整率无法计算",
    });
  });

  it("年初 blank is not computable", () => {
    const m = metricsOf([
      ["资金来源", "年初预算数", "预算调整数"],
      ["财政拨款", null, 50],
    ]);
    expect(m.adjustment[0]).toMatchObject({ value: null, reason: "无年初预算数" });
  });

  it("says why when neither 调整数 nor 调整后 is there", () => {
    const m = metricsOf([
      ["资金来源", "年初预算数", "全年执行数"],
      ["财政拨款", 100, 90],
    ]);
    expect(m.adjustment[0]).toMatchObject({ value: null, reason: "无调整数和调整后预算数" });
  });
});

describe("department rows", () => {
  it("are null, with the reason, when there is no 财政拨款 row and no total row", () => {
    const m = metricsOf([
      ["资金来源", "年初预算数", "全年执行数"],
      ["政府性基金", 100, 90],
      ["单位资金", 50, 40],
    ]);
    expect(m.departmentExecution).toBeNull();
    expect(m.departmentAdjustment).toBeNull();
    expect(m.notComputed.map((n) => n.metric)).toEqual(["预算执行率", "预算调整率", "决算完整性"]);
    expect(m.notComputed[0].reason).toBe("预算表中没有财政拨款行或合计行");
  });

  it("without a budget table, everything budget-based is listed as not computed", () => {
    const m = computeMetrics(detectTables(workbook([sheet("空", [["无表"]])])), config);
    expect(m.execution).toEqual([]);
    expect(m.finalAccounts).toBeNull();
    expect(m.notComputed.map((n) => n.metric)).toEqual(["预算执行率", "预算调整率", "决算完整性"]);
  });
});

describe("决算完整性", () => {
  it("sums funding-source rows, not the total nor 其中 rows", () => {
    const m = metricsOf([
      ["资金来源", "决算数", "实际支出数"],
      ["财政拨款", 100, 100],
      ["其中：项目资金", 30, 30],
      ["单位资金", null, 50],
      ["合计", 999, 999],
    ]);
    expect(m.finalAccounts).toEqual({ finalTotal: 100, actualTotal: 150, gap: 50 });
  });

  it("uses the total row when only it has figures", () => {
    const m = metricsOf([
      ["资金来源", "决算数", "实际支出数"],
      ["财政拨款", null, null],
      ["合计", 667.92, 994.07],
    ]);
    expect(m.finalAccounts).toEqual({ finalTotal: 667.92, actualTotal: 994.07, gap: 326.15 });
  });

  it("is listed as not computed without a 决算数 column", () => {
    const m = metricsOf([
      ["资金来源", "年初预算数", "实际支出数"],
      ["财政拨款", 100, 100],
    ]);
    expect(m.finalAccounts).toBeNull();
    expect(m.notComputed).toContainEqual({ metric: "决算完整性", reason: "预算表中没有决算数列" });
  });
});

describe("结转结余率", () => {
  const fa: Row[] = [
    ["收入支出决算总表"],
    ["项目", "行次", "金额", "项目", "行次", "金额"],
    ["本年收入合计", 1, 900, "本年支出合计", 2, 850],
    ["年初结转和结余", 3, 100, "年末结转和结余", 4, 150],
  ];

  it("= 年末结转和结余 / (本年收入合计 + 年初结转和结余) without a budget table", () => {
    const m = computeMetrics(detectTables(workbook([sheet("决算", fa)])), config);
    expect(m.named["结转结余率"]).toBe(0.15);
  });

  it("= 年末结转和结余 / 支出预算数 (the total row) when a budget table is there", () => {
    const budget: Row[] = [
      ["资金来源", "年初预算数", "调整后预算数", "全年执行数"],
      ["财政拨款", 800, 1000, 850],
      ["合计", 800, 1000, 850],
    ];
    const m = computeMetrics(detectTables(workbook([sheet("决算", fa), sheet("预算", budget)])), config);
    expect(m.named["结转结余率"]).toBe(0.15);
    expect(m.named["预算执行率"]).toBe(0.85);
  });
});

describe("never NaN or Infinity", () => {
  const amount = fc.option(fc.oneof(fc.constant(0), fc.double({ min: -1e6, max: 1e6, noNaN: true })), {
    nil: null,
  });
  it("for any budget figures, every rate is a finite number or null with a reason", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(amount, amount, amount, amount, amount), { minLength: 1, maxLength: 6 }),
        (figures) => {
          const rows: BudgetRow[] = figures.map(
            ([initial, adjustment, adjusted, finalAccounts, actual], i) => ({
              row: i + 1,
              name: i === 0 ? "财政拨款" : i === figures.length - 1 ? "合计" : `资金${i}`,
              isTotal: i > 0 && i === figures.length - 1,
              isSubItem: false,
              initial,
              adjustment,
              adjusted,
              finalAccounts,
              actual,
            }),
          );
          const detection: Detection = {
            tables: [],
            missing: [],
            budget: {
              location: {
                kind: "budget",
                sheet: "预算",
                headerRow: 0,
                headerRows: 1,
                firstDataRow: 1,
                lastRow: rows.length,
                columns: { name: 0, initial: 1, adjustment: 2, adjusted: 3, finalAccounts: 4, actual: 5 },
              },
              rows,
            },
            structure: null,
            finalAccounts: null,
            indicators: [],
            targets: null,
            checklist: null,
            problems: [],
          };
          const m = computeMetrics(detection, config);
          for (const r of [...m.execution, ...m.adjustment]) {
            if (r.value === null) expect(typeof r.reason).toBe("string");
            else expect(Number.isFinite(r.value)).toBe(true);
          }
          for (const v of Object.values(m.named)) expect(Number.isFinite(v)).toBe(true);
          if (m.finalAccounts) expect(Number.isFinite(m.finalAccounts.gap)).toBe(true);
        },
      ),
    );
  });
});

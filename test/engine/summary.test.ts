/**
 * planSummary: title from 基本信息, the score table, the conclusion sentence in the seed's wording,
 * problems by category in the report's order with basis and links, recommendations, chart, language.
 */
import { gaozhuangSnapshot } from "../../examples/source/gaozhuang-2023";
import { evaluate } from "../../src/engine/evaluate";
import { planSummary } from "../../src/engine/summary";
import type { SummarySheet } from "../../src/engine/types";

/** Each row's text in the printed columns A–D (the chart's data sit further right). */
const texts = (s: SummarySheet) =>
  s.rows.map((r) =>
    r
      .slice(0, 4)
      .map((c) => c.value ?? "")
      .join("|"),
  );
const firstCol = (s: SummarySheet) => s.rows.map((r) => String(r[0]?.value ?? ""));

describe("planSummary on the sample", () => {
  const evaluation = evaluate(gaozhuangSnapshot());
  const summary = planSummary(evaluation);

  it("titles the sheet from 基本信息", () => {
    expect(summary.rows[0][0]).toMatchObject({
      value: "平顶山市石龙区高庄街道办事处 2023年度部门整体绩效评价问题汇总",
      style: "title",
    });
    expect(summary.name).toBe("问题汇总");
  });

  it("holds the seed's score table and conclusion sentence", () => {
    const lines = texts(summary);
    const header = lines.indexOf("一级指标|分值|得分|得分率");
    expect(header).toBeGreaterThan(0);
    expect(summary.rows[header + 1].slice(0, 4).map((c) => c.value)).toEqual(["管理效率", 30, 20.34, 0.678]);
    expect(summary.rows[header + 1][3].numberFormat).toBe("0.00%");
    expect(summary.rows[header + 6].slice(0, 4).map((c) => c.value)).toEqual(["合计", 100, 85.54, 0.8554]);
    expect(firstCol(summary)).toContain("该项目最终得分为85.54分，绩效评价结果等级为“良”。");
  });

  it("groups problems by category in the report's order, numbered, with basis and a link to the cell", () => {
    const col = firstCol(summary);
    const start = col.indexOf("三、存在问题");
    const end = col.indexOf("四、有关建议");
    const categories = col.slice(start, end).filter((t) => /^（[一二三四五六七]）/.test(t));
    expect(categories).toEqual([
      "（一）预决算管理",
      "（二）绩效目标与绩效管理",
      "（三）资产管理",
      "（四）制度建设与执行",
      "（五）目标管理与履职",
      "（六）评分与指标体系",
    ]);
    const fa = summary.rows.findIndex((r) => String(r[0]?.value).includes("未将部门全部资金纳入决算"));
    expect(summary.rows[fa][4]).toMatchObject({ style: "link", link: { sheet: "预算执行", address: "E7" } });
    expect(String(summary.rows[fa + 1][0].value)).toMatch(/^依据：《中华人民共和国预算法》第七十五条/);
    expect(col.slice(start, end).some((t) => /^1\. 部门整体绩效目标编制不全面/.test(t))).toBe(true);
  });

  it("lists each category's recommendations once", () => {
    const col = firstCol(summary);
    const advice = col.slice(col.indexOf("四、有关建议"));
    const budgetAccuracy = advice.filter((t) => t.includes("降低预算调整率"));
    expect(budgetAccuracy).toHaveLength(1);
    expect(advice.some((t) => t.includes("清查盘点"))).toBe(true);
  });

  it("charts 得分率 by 一级指标 from two adjacent columns beside the score table and prints on A4", () => {
    const chart = summary.chart!;
    const { categories, values } = chart;
    expect(summary.rows[categories.row][categories.col].value).toBe("管理效率");
    expect(values).toMatchObject({ row: categories.row, col: categories.col + 1, rowCount: 5, colCount: 1 });
    // the chart's rates are the score table's rates, row for row
    for (let i = 0; i < 5; i++) {
      expect(summary.rows[values.row + i][values.col].value).toBe(summary.rows[categories.row + i][3].value);
      expect(summary.rows[categories.row + i][categories.col].value).toBe(
        summary.rows[categories.row + i][0].value,
      );
    }
    expect(summary.rows[values.row + 4][values.col].value).toBe(0.8);
    // the chart sits below its data, not over it
    expect(chart.anchor.row).toBeGreaterThan(values.row + values.rowCount);
    expect(summary.print.paper).toBe("A4");
    expect(summary.columnWidths.length).toBeGreaterThanOrEqual(5);
  });

  it("merges stay within the sheet and do not overlap", () => {
    const seen = new Set<string>();
    for (const m of summary.merges) {
      expect(m.row).toBeLessThan(summary.rows.length);
      for (let c = m.col; c < m.col + m.colCount; c++) {
        const key = `${m.row}:${c}`;
        expect(seen.has(key)).toBe(false);
        seen.add(key);
      }
    }
  });

  it("picks another name when a user's sheet has it", () => {
    expect(planSummary(evaluation, { existingNames: ["问题汇总", "问题汇总(2)"] }).name).toBe("问题汇总(3)");
  });

  it("renders in English when config.lang is en-US", () => {
    const en = planSummary(evaluate(gaozhuangSnapshot(), { lang: "en-US" }));
    expect(firstCol(en)).toContain("The final score is 85.54 points; the evaluation grade is “良”.");
    expect(firstCol(en)).toContain("(a) Budget and final accounts");
  });
});

describe("planSummary without tables", () => {
  it("uses a generic title and says there is no score", () => {
    const s = planSummary(evaluate({ sheets: [] }));
    expect(s.rows[0][0].value).toBe("部门整体绩效评价问题汇总");
    expect(firstCol(s)).toContain("未识别到指标评分表，未计算得分。");
    expect(s.chart).toBeNull();
  });
});

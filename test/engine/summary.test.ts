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
    // a department: 该部门 (the seed's words), not 该项目
    expect(firstCol(summary)).toContain("该部门最终得分为85.54分，绩效评价结果等级为“良”。");
  });

  it("groups problems by category in the report's order and headings, numbered, with basis and a link to the cell", () => {
    const col = firstCol(summary);
    const start = col.indexOf("三、存在问题");
    const end = col.indexOf("四、有关建议");
    const categories = col.slice(start, end).filter((t) => /^（[一二三四五六七]）/.test(t));
    // the report's own group headings (engine/report-model), the subject's problems only
    expect(categories).toEqual([
      "（一）预决算编制准确性待提升，预算管理需加强",
      "（二）绩效目标设置不合理，绩效管理工作质量有待提高",
      "（三）资产管理不规范，未进行定期资产清查",
      "（四）管理制度不健全，制度执行有待加强",
      "（五）目标管理不到位，履职能力有待提升",
    ]);
    const fa = summary.rows.findIndex((r) => String(r[0]?.value).includes("未将部门全部资金纳入决算"));
    expect(fa).toBeGreaterThan(start);
    expect(fa).toBeLessThan(end);
    expect(summary.rows[fa][4]).toMatchObject({ style: "link", link: { sheet: "预算执行", address: "E7" } });
    expect(String(summary.rows[fa + 1][0].value)).toMatch(/^依据：《中华人民共和国预算法》第七十五条/);
    // the report's sentence for 决算完整性: both figures
    expect(String(summary.rows[fa][0].value)).toMatch(/994\.07万元.*667\.92万元/);
    expect(col.slice(start, end).some((t) => /^1\. 部门整体绩效目标编制不全面/.test(t))).toBe(true);
  });

  it("gives one recommendation group per problem group, in the same order, like the report", () => {
    const col = firstCol(summary);
    const problemGroups = col
      .slice(col.indexOf("三、存在问题"), col.indexOf("四、有关建议"))
      .filter((t) => /^（[一二三四五六七]）/.test(t));
    const adviceGroups = col
      .slice(col.indexOf("四、有关建议"), col.indexOf("五、数据检查说明"))
      .filter((t) => /^（[一二三四五六七]）/.test(t));
    expect(adviceGroups).toHaveLength(problemGroups.length);
    expect(adviceGroups[0]).toBe("（一）提高预决算数据准确性，提升预决算管理统筹能力");
  });

  it("keeps the product's own notes (scoring checks, cells not read) in 五、数据检查说明, not among the problems", () => {
    const col = firstCol(summary);
    const scoringFindings = evaluation.findings.filter(
      (f) => f.category === "scoring" || f.category === "data",
    );
    const appendix = col.slice(col.indexOf("五、数据检查说明"));
    expect(col.indexOf("五、数据检查说明")).toBeGreaterThan(col.indexOf("四、有关建议"));
    expect(appendix.filter((t) => /^\d+\. /.test(t)).length).toBeGreaterThanOrEqual(scoringFindings.length);
    expect(col.slice(col.indexOf("三、存在问题"), col.indexOf("四、有关建议")).join("\n")).not.toMatch(
      /评分与指标体系|未识别到|docs\//,
    );
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
    // a heading over the block (header row 一级指标 | 得分率, then the rates): a copy without the chart says
    // what the two columns are
    expect(summary.rows[categories.row - 1][categories.col].value).toBe("一级指标");
    expect(summary.rows[categories.row - 2][categories.col].value).toBe("图表数据：各一级指标得分率");
    // the heading cell is outside every merge of its row
    for (const m of summary.merges)
      if (m.row <= categories.row - 2 && categories.row - 2 < m.row + m.rowCount)
        expect(m.col + m.colCount).toBeLessThanOrEqual(categories.col);
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

  it("renders in English when config.lang is en-US", () => {
    const en = planSummary(evaluate(gaozhuangSnapshot(), { lang: "en-US" }));
    expect(firstCol(en)).toContain(
      "The final score of the department is 85.54 points; the evaluation grade is “良”.",
    );
    expect(firstCol(en)).toContain(
      "(a) Budget preparation needs to be more accurate and budget management stronger",
    );
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

/**
 * Expenditure structure by columns (issue 14): `人员经费支出 | 公用经费支出 | 项目支出 | 支出合计` beside
 * `收入合计`. Numbers worked out by hand in test/engine/fixtures/spending.ts.
 */
import { formatSummary } from "../../../src/cli/summary";
import { evaluate } from "../../../src/engine/evaluate";
import { buildReport } from "../../../src/engine/report";
import { buildReportModel, runsText } from "../../../src/engine/report-model";
import { renderMessage } from "../../../src/engine/rules/catalogue";
import type { Evaluation } from "../../../src/engine/types";
import { spendingByColumns, spendingTwoRowHeaderInYuan, spendingUnits } from "../fixtures/spending";
import { sheet, workbook } from "../helpers/grid";

function rules(e: Evaluation) {
  return e.findings.filter((f) => f.rule !== "TABLE_MISSING").map((f) => `${f.rule} ${f.sheet}!${f.cell}`);
}

function paragraphs(e: Evaluation): string[] {
  const out: string[] = [];
  for (const section of buildReportModel(e).sections)
    for (const block of section.blocks) if (block.type === "paragraph") out.push(runsText(block.runs));
  return out;
}

describe("收入合计 | 人员经费支出 | 公用经费支出 | 项目支出 | 支出合计 that add up", () => {
  const e = evaluate(spendingByColumns());

  it("is an expenditure-structure table, not a budget table", () => {
    expect(e.detection.tables.map((t) => [t.kind, t.sheet, t.headerRow + 1])).toEqual([
      ["budget", "预算执行", 1],
      ["structure", "部门整体支出", 3],
    ]);
    expect(e.detection.budgets).toHaveLength(1);
    expect(e.detection.spending!.headers).toEqual({
      incomeTotal: "收入合计",
      personnel: "人员经费支出",
      publicFunds: "公用经费支出",
      projectSpending: "项目支出",
      spendingTotal: "支出合计",
    });
  });

  it("computes 基本支出 = 620.5 + 85.3 = 705.8 and takes 支出合计 1218 as written; no finding", () => {
    expect(e.metrics.spending).toEqual({
      sheet: "部门整体支出",
      row: 3,
      name: "合计",
      income: 1250,
      personnel: 620.5,
      publicFunds: 85.3,
      basic: 705.8,
      project: 512.2,
      total: 1218,
      basicDerived: true,
      totalDerived: false,
    });
    expect(rules(e)).not.toContain("SPENDING_STRUCTURE_MISMATCH 部门整体支出!F4");
    expect(e.findings.map((f) => f.rule)).not.toContain("SPENDING_STRUCTURE_MISMATCH");
  });

  it("feeds the report's 决算支出 sentence: 1218 of 1250 = 97.44%, of 1200 = 101.50%, 基本 705.8, 项目 512.2", () => {
    const text = paragraphs(e).find((p) => p.startsWith("支出方面"));
    expect(text).toBe(
      "支出方面：部门决算支出共计1218.00万元，完成调整预算数的97.44%，完成年初预算数的101.50%。包括基本支出705.80万元，项目支出512.20万元。",
    );
  });

  it("prints the structure in the console and the JSON", () => {
    expect(formatSummary(e, "zh-CN", "部门.xlsx")).toContain(
      "  支出结构 基本支出 705.80 万元（人员经费 620.50 万元，公用经费 85.30 万元），项目支出 512.20 万元，支出合计 1218.00 万元",
    );
    expect(buildReport(e).metrics?.spending).toEqual({
      sheet: "部门整体支出",
      cell: "A4",
      income: 1250,
      personnel: 620.5,
      publicFunds: 85.3,
      basic: 705.8,
      project: 512.2,
      total: 1218,
    });
  });
});

describe("元, 基本支出 over 合计 | 人员经费 | 公用经费, 上缴上级支出, two units and a 合计 row that do not add up", () => {
  const e = evaluate(spendingTwoRowHeaderInYuan());
  const table = () => e.detection.spending!;

  it("reads the two-row header and converts 元 to 万元", () => {
    expect(table().location).toMatchObject({ headerRow: 1, headerRows: 2, firstDataRow: 3, unit: "元" });
    expect(table().headers).toEqual({
      incomeTotal: "收入合计",
      personnel: "人员经费",
      publicFunds: "公用经费",
      basicSpending: "基本支出合计",
      projectSpending: "项目支出",
      spendingTotal: "支出合计",
    });
    expect(table().otherColumns).toEqual([{ col: 6, header: "上缴上级支出" }]);
    expect(
      table().rows.map((r) => [
        r.name,
        r.basicSpending,
        r.personnel,
        r.publicFunds,
        r.projectSpending,
        r.other,
        r.spendingTotal,
      ]),
    ).toEqual([
      ["本级", 520, 450, 70, 260, [0], 780],
      ["下属单位", 180, 150, 28, 110, [10], 300],
      ["合计", 700, 600, 98, 370, [10], 1090],
    ]);
  });

  it("flags 基本支出 ≠ 人员经费 + 公用经费 (C5, C6) and 支出合计 ≠ 基本 + 项目 + 上缴 (H6), naming both figures", () => {
    expect(rules(e)).toEqual(["SPENDING_STRUCTURE_MISMATCH 支出决算!C5"]);
    const f = e.findings.find((x) => x.rule === "SPENDING_STRUCTURE_MISMATCH")!;
    expect(f.members.map((m) => [m.cell, m.params.sum, m.params.total, m.params.diff])).toEqual([
      ["C5", 178, 180, 2],
      ["C6", 698, 700, 2],
      ["H6", 1080, 1090, 10],
    ]);
    const zh = renderMessage(f, "zh-CN");
    expect(zh).toContain(
      "下属单位的基本支出合计（C5）：人员经费＋公用经费之和为178.00万元，表中为180.00万元，相差2.00万元",
    );
    expect(zh).toContain(
      "合计的支出合计（H6）：基本支出合计＋项目支出＋上缴上级支出之和为1080.00万元，表中为1090.00万元，相差10.00万元",
    );
    expect(renderMessage(f, "en-US")).toContain(
      "支出合计 of 合计 (H6): 基本支出合计＋项目支出＋上缴上级支出 add up to 1080.00 but the table says 1090.00, a difference of 10.00 (10k yuan)",
    );
  });

  it("takes the department's structure from the 合计 row, as written", () => {
    expect(e.metrics.spending).toMatchObject({
      row: 5,
      income: 1100,
      basic: 700,
      project: 370,
      total: 1090,
      basicDerived: false,
      totalDerived: false,
    });
  });
});

describe("several units and a 合计 row: each row, and the 合计 row against the units", () => {
  it("all add up: no finding, the department's structure from the 合计 row", () => {
    // rows: 300 + 50 + 120 = 470, 100 + 20 + 60 = 180, 80 + 10 + 50 = 140, 480 + 80 + 230 = 790;
    // columns: 500 + 200 + 150 = 850, 480, 80, 230, 470 + 180 + 140 = 790
    const e = evaluate(spendingUnits(true));
    expect(e.detection.spending!.rows.map((r) => [r.name, r.isTotal])).toEqual([
      ["本级", false],
      ["甲单位", false],
      ["乙单位", false],
      ["合计", true],
    ]);
    expect(e.findings.map((f) => f.rule)).not.toContain("SPENDING_STRUCTURE_MISMATCH");
    expect(e.metrics.spending).toMatchObject({
      row: 5,
      income: 850,
      personnel: 480,
      publicFunds: 80,
      basic: 560, // 480 + 80
      project: 230,
      total: 790,
      basicDerived: true,
    });
  });

  it("flags each row that does not add up and each 合计 column that is not the units' sum", () => {
    const e = evaluate(spendingUnits());
    expect(rules(e)).toEqual(["SPENDING_STRUCTURE_MISMATCH 单位支出!F4"]);
    const f = e.findings.find((x) => x.rule === "SPENDING_STRUCTURE_MISMATCH")!;
    // 甲单位 100 + 20 + 60 = 180 vs 185 (F4); 合计 480 + 82 + 230 = 792 vs 795 (F6);
    // 合计 公用经费 50 + 20 + 10 = 80 vs 82 (D6); 支出合计 470 + 185 + 140 = 795 agrees with F6
    expect(
      f.members.map((m) => [m.cell, m.params.parts, m.params.sum, m.params.total, m.params.diff]),
    ).toEqual([
      ["F4", "人员经费支出＋公用经费支出＋项目支出", 180, 185, 5],
      ["F6", "人员经费支出＋公用经费支出＋项目支出", 792, 795, 3],
      ["D6", "本级＋甲单位＋乙单位", 80, 82, 2],
    ]);
    const zh = renderMessage(f, "zh-CN");
    expect(zh).toContain(
      "甲单位的支出合计（F4）：人员经费支出＋公用经费支出＋项目支出之和为180.00万元，表中为185.00万元，相差5.00万元",
    );
    expect(zh).toContain(
      "合计的公用经费支出（D6）：本级＋甲单位＋乙单位之和为80.00万元，表中为82.00万元，相差2.00万元",
    );
    // 本级 and 乙单位 add up: no member for them
    expect(f.members.some((m) => m.cell === "F3" || m.cell === "F5")).toBe(false);
  });

  it("a blank unit cell leaves that 合计 column unchecked (blank is unknown)", () => {
    const snapshot = spendingUnits();
    snapshot.sheets[0].values[4][3] = null; // D5: 乙单位's 公用经费 blank
    const f = evaluate(snapshot).findings.find((x) => x.rule === "SPENDING_STRUCTURE_MISMATCH")!;
    // 乙单位's row is not checked either; D6 is not compared with 50 + 20
    expect(f.members.map((m) => m.cell)).toEqual(["F4", "F6"]);
  });
});

describe("what is not a structure table by columns, or gives no department figures", () => {
  it("several units without a 合计 row: each row checked, no department figures, and 未能检查 says why", () => {
    const e = evaluate(
      workbook([
        sheet("支出", [
          ["项目", "人员经费支出", "公用经费支出", "项目支出", "支出合计"],
          ["甲单位", 10, 2, 5, 17],
          ["乙单位", 8, 1, 4, 14], // 8 + 1 + 4 = 13 ≠ 14
        ]),
      ]),
    );
    expect(e.metrics.spending).toBeNull();
    expect(e.notChecked).toContainEqual({ item: "支出结构", reason: "支出结构表有多行而没有合计行，未汇总" });
    expect(
      e.findings.find((f) => f.rule === "SPENDING_STRUCTURE_MISMATCH")?.members.map((m) => m.cell),
    ).toEqual(["E3"]);
  });

  it("a blank 公用经费 is unknown: the row's sums are not checked and 基本支出 is not derived", () => {
    const e = evaluate(
      workbook([
        sheet("支出", [
          ["项目", "人员经费支出", "公用经费支出", "项目支出", "支出合计"],
          ["合计", 10, null, 5, 17],
        ]),
      ]),
    );
    expect(e.findings.map((f) => f.rule)).not.toContain("SPENDING_STRUCTURE_MISMATCH");
    expect(e.metrics.spending).toMatchObject({ basic: null, project: 5, total: 17, basicDerived: false });
  });

  it("a budget header with 基本支出 | 项目支出 columns stays a budget table", () => {
    const e = evaluate(
      workbook([
        sheet("预算", [
          ["资金来源", "年初预算数", "基本支出", "项目支出", "全年实际支出数"],
          ["财政拨款", 100, 60, 40, 90],
        ]),
      ]),
    );
    expect(e.detection.tables.map((t) => t.kind)).toEqual(["budget"]);
    expect(e.detection.spending ?? null).toBeNull();
  });

  it("the 决算总表's 本年收入合计 | … | 本年支出合计 row is not a header", () => {
    const e = evaluate(
      workbook([
        sheet("决算总表", [
          ["金额单位：元"],
          ["收入", null, null, "支出", null, null],
          ["项目", "行次", "金额", "项目", "行次", "金额"],
          ["本年收入合计", 3, 6679200, "本年支出合计", 34, 6679200],
        ]),
      ]),
    );
    expect(e.detection.spending ?? null).toBeNull();
  });
});

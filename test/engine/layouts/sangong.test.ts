/**
 * "三公"经费 tables (issue 14): each shape from test/engine/fixtures/sangong.ts evaluated end to end. The
 * expected numbers are worked out by hand in the comments; the 评分表 scores `"三公经费"变动率` (≦0 → 5, each
 * point above 0 −0.5) and `"三公经费"控制率` (≦100% → 5, each point above −0.5) from the computed figures.
 */
import { formatSummary } from "../../../src/cli/summary";
import { evaluate } from "../../../src/engine/evaluate";
import { buildReport } from "../../../src/engine/report";
import { renderMessage } from "../../../src/engine/rules/catalogue";
import type { Evaluation, WorkbookSnapshot } from "../../../src/engine/types";
import {
  sangongGroupedHeader,
  sangongIndicators,
  sangongThisYearLastYear,
  sangongTransposed,
  sangongWithBudget,
  sangongYearColumnsInYuan,
} from "../fixtures/sangong";
import { sheet, workbook } from "../helpers/grid";

function rules(e: Evaluation) {
  return e.findings.filter((f) => f.rule !== "TABLE_MISSING").map((f) => `${f.rule} ${f.sheet}!${f.cell}`);
}
function finding(e: Evaluation, rule: string) {
  const f = e.findings.find((x) => x.rule === rule);
  if (!f) throw new Error(`no ${rule}`);
  return f;
}
function rowScore(e: Evaluation, name: string) {
  const row = e.scores[0].rows.find((r) => r.source.level3 === name);
  if (!row) throw new Error(`no row ${name}`);
  return [row.method, row.score];
}
const CHANGE = '"三公经费"变动率';
const CONTROL = '"三公经费"控制率';

describe("项目 | 预算数 | 决算数 | 上年决算数, 合计 written 17.53 over items adding up to 17.35", () => {
  const e = evaluate(sangongWithBudget());

  it("is a 三公 table, not a budget table", () => {
    expect(e.detection.tables.map((t) => [t.kind, t.sheet, t.headerRow + 1])).toEqual([
      ["sangong", "三公经费", 3],
      ["indicators", "评分表", 1],
    ]);
    expect(e.detection.budget).toBeNull();
    expect(e.detection.sangong!.columns).toEqual({
      budget: { col: 1, header: "预算数" },
      current: { col: 2, header: "决算数" },
      prior: { col: 3, header: "上年决算数" },
    });
    expect(e.detection.sangong!.rows.map((r) => [r.item, r.current, r.prior, r.budget])).toEqual([
      ["total", 17.53, 18.5, 20],
      ["abroad", 6, 5, 6],
      ["vehicle", 3.15, 4, 4],
      ["reception", 8.2, 9.5, 10],
    ]);
  });

  it("computes 变动率 and 控制率 from the 合计 row and feeds them to the 评分表", () => {
    // 变动率 (17.53 − 18.5) / 18.5 = −0.97 / 18.5 = −5.2432…%; 控制率 17.53 / 20 = 87.65%
    expect(e.metrics.sangong).toMatchObject({ totalRow: 3, current: 17.53, prior: 18.5, budget: 20 });
    expect(e.metrics.named[CHANGE]).toBeCloseTo(-0.97 / 18.5, 12);
    expect(e.metrics.named[CONTROL]).toBeCloseTo(0.8765, 12);
    // both within their limits: 5 + 5
    expect(rowScore(e, CHANGE)).toEqual(["criteria", 5]);
    expect(rowScore(e, CONTROL)).toEqual(["criteria", 5]);
    expect(e.scores[0].total.score).toBe(10);
  });

  it("flags 合计 ≠ 分项之和 at the 合计 row's 决算数 cell, naming both figures", () => {
    // 6 + 3.15 + 8.2 = 17.35 vs 17.53: 0.18 apart; 预算 6 + 4 + 10 = 20 and 上年 5 + 4 + 9.5 = 18.5 agree
    expect(rules(e)).toEqual(["SANGONG_SUM_MISMATCH 三公经费!C4"]);
    const f = finding(e, "SANGONG_SUM_MISMATCH");
    expect(f.members.map((m) => [m.cell, m.params.sum, m.params.total, m.params.diff])).toEqual([
      ["C4", 17.35, 17.53, 0.18],
    ]);
    const zh = renderMessage(f, "zh-CN");
    expect(zh).toContain(
      "合计行决算数（C4）：因公出国（境）费＋公务用车购置及运行维护费＋公务接待费之和为17.35万元，表中为17.53万元，相差0.18万元",
    );
    expect(renderMessage(f, "en-US")).toContain("add up to 17.35 but the table says 17.53");
  });

  it("shows the figures in the console and the JSON", () => {
    expect(formatSummary(e, "zh-CN", "部门.xlsx")).toContain(
      "  “三公”经费 本年 17.53 万元，上年 18.50 万元，变动率 -5.24%；预算 20.00 万元，控制率 87.65%",
    );
    expect(buildReport(e).metrics?.sangong).toMatchObject({ current: 17.53, prior: 18.5, budget: 20 });
  });
});

describe("项目 | 本年 | 上年 with 公务用车购置费 / 运行维护费 under their parent, no budget column", () => {
  const e = evaluate(sangongThisYearLastYear());

  it("adds the parent, not its 其中 rows, into the total; 变动率 (12 − 16) / 16 = −25%", () => {
    expect(e.detection.sangong!.rows.map((r) => r.item)).toEqual([
      "abroad",
      "vehicle",
      "vehiclePurchase",
      "vehicleRunning",
      "reception",
      "total",
    ]);
    // 0 + 7.5 + 4.5 = 12 and 2 + 9 + 5 = 16 agree with 合计; 0 + 7.5 = 7.5 and 0 + 9 = 9 with the parent
    expect(rules(e).filter((r) => r.startsWith("SANGONG"))).toEqual([]);
    expect(e.metrics.named[CHANGE]).toBe(-0.25);
    expect(rowScore(e, CHANGE)).toEqual(["criteria", 5]);
  });

  it("says why 控制率 is not computed and leaves its row for the evaluator", () => {
    expect(e.metrics.named[CONTROL]).toBeUndefined();
    const note = { item: CONTROL, reason: "“三公”经费表中没有预算数列" };
    expect(e.notChecked).toContainEqual(note);
    expect(formatSummary(e, "zh-CN", "部门.xlsx")).toContain(`  ${note.item}：${note.reason}`);
    expect(rowScore(e, CONTROL)).toEqual(["unscored", null]);
  });

  it("flags a parent that differs from its parts (公务用车 7.5 written as 7.8)", () => {
    const snapshot = sangongThisYearLastYear();
    snapshot.sheets[0].values[2][1] = 7.8; // B3
    const f = finding(evaluate(snapshot), "SANGONG_SUM_MISMATCH");
    // 合计: 0 + 7.8 + 4.5 = 12.3 vs 12 (B7); parent: 0 + 7.5 = 7.5 vs 7.8 (B3)
    expect(f.members.map((m) => [m.cell, m.params.item, m.params.sum, m.params.total])).toEqual([
      ["B7", "合计", 12.3, 12],
      ["B3", "2.公务用车购置及运行维护费", 7.5, 7.8],
    ]);
  });
});

describe("year columns 2019年 | 2018年 in 元, no 合计 row", () => {
  const e = evaluate(sangongYearColumnsInYuan());

  it("reads the later year as this year, converts 元 to 万元 and ignores 增减率", () => {
    const table = e.detection.sangong!;
    expect(table.location.unit).toBe("元");
    expect(table.columns).toEqual({
      current: { col: 1, header: "2019年" },
      prior: { col: 2, header: "2018年" },
    });
    // 60,000 元 = 6 万元; "31,500.00" = 3.15; 82,000 = 8.2
    expect(table.rows.map((r) => [r.current, r.prior])).toEqual([
      [6, 5],
      [3.15, 3],
      [8.2, 8],
    ]);
  });

  it("takes the totals from the items: 17.35 vs 16, up 8.4375%: a finding and 5 − 8.4375 × 0.5 = 0.78", () => {
    expect(e.metrics.sangong).toMatchObject({ totalRow: null, current: 17.35, prior: 16 });
    expect(e.metrics.named[CHANGE]).toBeCloseTo(1.35 / 16, 12);
    expect(rowScore(e, CHANGE)).toEqual(["criteria", 0.78]);
    const f = finding(e, "SANGONG_INCREASE");
    expect([f.sheet, f.cell]).toEqual(["三公经费", "B3"]);
    expect(renderMessage(f, "zh-CN")).toBe(
      "“三公”经费本年17.35万元，较上年16.00万元增长8.44%，未做到只减不增。",
    );
  });
});

describe("two-row header: 本年 over 预算数 | 决算数, 上年 over 决算数", () => {
  const e = evaluate(sangongGroupedHeader());

  it("names each column by its group and sub-header", () => {
    expect(e.detection.sangong!.columns).toEqual({
      budget: { col: 1, header: "本年预算数" },
      current: { col: 2, header: "本年决算数" },
      prior: { col: 3, header: "上年决算数" },
    });
    expect(e.detection.sangong!.location).toMatchObject({ headerRow: 0, headerRows: 2, firstDataRow: 2 });
  });

  it("spending above budget and last year: 控制率 105% → 5 − 5 × 0.5 = 2.5; 变动率 14.55% → 0", () => {
    // 12.6 / 12 = 1.05; (12.6 − 11) / 11 = 1.6 / 11 = 14.545…% → 7.27 points off, floored at 0
    expect(e.metrics.named[CONTROL]).toBeCloseTo(1.05, 12);
    expect(e.metrics.named[CHANGE]).toBeCloseTo(1.6 / 11, 12);
    expect(rowScore(e, CONTROL)).toEqual(["criteria", 2.5]);
    expect(rowScore(e, CHANGE)).toEqual(["criteria", 0]);
    // the items add up (0 + 0 + 5.6 + 7 = 12.6; 0 + 0 + 5 + 7 = 12; 0 + 0 + 5 + 6 = 11)
    expect(rules(e)).toEqual([
      "SANGONG_INCREASE 三公经费!C7",
      "SANGONG_OVER_BUDGET 三公经费!C7",
      "LOW_SCORE_RATE 评分表!F2",
    ]);
    expect(renderMessage(finding(e, "SANGONG_OVER_BUDGET"), "zh-CN")).toBe(
      "“三公”经费支出12.60万元，超过预算12.00万元，控制率105.00%。",
    );
  });
});

describe("transposed: items as columns (公务用车 小计 | 购置费 | 运行维护费 under their group), years as rows", () => {
  const e = evaluate(sangongTransposed());

  it("reads the items from the two header rows and the figures from the year rows", () => {
    expect(e.detection.tables.map((t) => [t.kind, t.sheet, t.headerRow + 1])).toEqual([
      ["sangong", "三公经费", 3],
      ["indicators", "评分表", 1],
    ]);
    expect(e.detection.budget).toBeNull();
    const table = e.detection.sangong!;
    expect(table.location).toMatchObject({ headerRow: 2, headerRows: 2, firstDataRow: 4, lastRow: 6 });
    // 2023年 is the later year: 2023年预算数 the budget, 2023年决算数 this year, 2022年决算数 last year
    expect(table.columns).toEqual({
      budget: { col: 0, row: 4, header: "2023年预算数" },
      current: { col: 0, row: 5, header: "2023年决算数" },
      prior: { col: 0, row: 6, header: "2022年决算数" },
    });
    expect(table.rows.map((r) => [r.col, r.item, r.name, r.budget, r.current, r.prior])).toEqual([
      [1, "abroad", "因公出国（境）费", 6, 6, 5],
      [2, "vehicle", "公务用车购置及运行维护费", 4, 3.15, 4], // 小计 under its group
      [3, "vehiclePurchase", "公务用车购置费", 0, 0, 0],
      [4, "vehicleRunning", "公务用车运行维护费", 4, 3.15, 4],
      [5, "reception", "公务接待费", 10, 8.2, 9.5],
      [6, "total", "合计", 20, 17.53, 18.5],
    ]);
  });

  it("computes 变动率 (17.53 − 18.5) / 18.5 = −5.24% and 控制率 17.53 / 20 = 87.65% and scores them", () => {
    expect(e.metrics.sangong).toMatchObject({ current: 17.53, prior: 18.5, budget: 20 });
    expect(e.metrics.named[CHANGE]).toBeCloseTo(-0.97 / 18.5, 12);
    expect(e.metrics.named[CONTROL]).toBeCloseTo(0.8765, 12);
    expect(rowScore(e, CHANGE)).toEqual(["criteria", 5]);
    expect(rowScore(e, CONTROL)).toEqual(["criteria", 5]);
    expect(e.scores[0].total.score).toBe(10);
  });

  it("flags 合计 ≠ 分项之和 at the 2023年决算数 row's 合计 cell (G6), naming both figures", () => {
    // 决算 6 + 3.15 + 8.2 = 17.35 vs 17.53; 预算 6 + 4 + 10 = 20 and 2022 5 + 4 + 9.5 = 18.5 agree;
    // 公务用车 0 + 4 = 4, 0 + 3.15 = 3.15, 0 + 4 = 4 agree with 小计
    expect(rules(e)).toEqual(["SANGONG_SUM_MISMATCH 三公经费!G6"]);
    const f = finding(e, "SANGONG_SUM_MISMATCH");
    expect(f.members.map((m) => [m.cell, m.params.sum, m.params.total, m.params.diff])).toEqual([
      ["G6", 17.35, 17.53, 0.18],
    ]);
    expect(renderMessage(f, "zh-CN")).toContain(
      "合计行2023年决算数（G6）：因公出国（境）费＋公务用车购置及运行维护费＋公务接待费之和为17.35万元，表中为17.53万元，相差0.18万元",
    );
  });

  it("flags a 小计 that differs from its parts, and an increase and overspending at this year's 合计 cell", () => {
    const snapshot = sangongTransposed();
    const v = snapshot.sheets[0].values;
    v[6][3] = 1; // D7: 2022 购置费 1 + 运行维护费 4 = 5 ≠ 小计 4 (C7)
    v[5][6] = 17.35; // G6: 合计 as its items
    v[4][6] = 17; // G5: budget 17 ≠ 6 + 4 + 10 = 20 (G5)
    v[6][6] = 16; // G7: last year 16 ≠ 5 + 4 + 9.5 = 18.5 (G7)
    const ev = evaluate(snapshot);
    const f = finding(ev, "SANGONG_SUM_MISMATCH");
    expect(f.members.map((m) => [m.cell, m.params.item, m.params.sum, m.params.total])).toEqual([
      ["G7", "合计", 18.5, 16], // columns in the order 本年, 上年, 预算
      ["G5", "合计", 20, 17],
      ["C7", "公务用车购置及运行维护费", 5, 4],
    ]);
    // 变动率 (17.35 − 16) / 16 = 8.44% > 0; 控制率 17.35 / 17 = 102.06% > 100%: both at G6
    expect(rules(ev)).toEqual([
      "SANGONG_SUM_MISMATCH 三公经费!G7",
      "SANGONG_INCREASE 三公经费!G6",
      "SANGONG_OVER_BUDGET 三公经费!G6",
      "LOW_SCORE_RATE 评分表!F2",
    ]);
    // 5 − 8.4375 × 0.5 = 0.78; 5 − 2.0588 × 0.5 = 3.97
    expect(rowScore(ev, CHANGE)).toEqual(["criteria", 0.78]);
    expect(rowScore(ev, CONTROL)).toEqual(["criteria", 3.97]);
  });
});

describe("what is not a 三公 table", () => {
  function withSheet(rows: (string | number | null)[][]): WorkbookSnapshot {
    return workbook([sheet("支出明细", rows), sheet("评分表", sangongIndicators())]);
  }

  it("an economic-classification list with one 三公 item between other rows stays a budget table", () => {
    const e = evaluate(
      withSheet([
        ["项目", "年初预算数", "全年支出数"],
        ["办公费", 10, 9],
        ["因公出国（境）费用", 2, 1],
        ["维修（护）费", 5, 5],
        ["公务接待费", 3, 2],
        ["合计", 20, 17],
      ]),
    );
    expect(e.detection.tables.map((t) => t.kind)).toEqual(["budget", "indicators"]);
    expect(e.detection.sangong).toBeUndefined();
    expect(e.metrics.named[CHANGE]).toBeUndefined();
  });

  it("三公 rows without any header above are not read", () => {
    const e = evaluate(
      withSheet([
        ["因公出国（境）费", 1, 2],
        ["公务接待费", 3, 4],
      ]),
    );
    expect(e.detection.sangong).toBeUndefined();
  });
});

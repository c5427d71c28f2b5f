/**
 * planWrites: what is written where, ownership of cells (user value, formula, ledger-owned, protected,
 * overwrite option), marks, determinism and repeat runs.
 */
import { syntheticWorkbook } from "../../bench/synthetic";
import { gaozhuangSnapshot } from "../../examples/source/gaozhuang-2023";
import { a1 } from "../../src/engine/address";
import { evaluate } from "../../src/engine/evaluate";
import { MAX_MARKS, planWrites } from "../../src/engine/plan";
import type { CellWrite, WorkbookSnapshot, WritePlan } from "../../src/engine/types";
import { ledgerOf, sheet, workbook, type Row } from "./helpers/grid";

/** Apply a plan to a snapshot the way a host would, recording the ledger. */
function apply(snapshot: WorkbookSnapshot, plan: WritePlan): WorkbookSnapshot {
  const out = JSON.parse(JSON.stringify(snapshot)) as WorkbookSnapshot;
  for (const w of plan.writes) {
    const s = out.sheets.find((x) => x.name === w.sheet)!;
    const width = Math.max(s.values[0]?.length ?? 0, w.col - s.left + 1);
    while (s.values.length <= w.row - s.top) s.values.push([]);
    s.values = s.values.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? null));
    if (s.formulas) s.formulas = s.values.map((r, ri) => r.map((_, ci) => s.formulas?.[ri]?.[ci] ?? null));
    s.values[w.row - s.top][w.col - s.left] = w.value;
  }
  out.ledger = ledgerOf(
    plan.writes.map((w) => ({ sheet: w.sheet, address: a1(w.row, w.col), value: w.value })),
  );
  return out;
}

const at = (plan: WritePlan, sheetName: string, address: string): CellWrite | undefined =>
  plan.writes.find((w) => w.sheet === sheetName && a1(w.row, w.col) === address);

const HEADER: Row = [
  "一级指标",
  "二级指标",
  "三级指标",
  "分值",
  "指标性质",
  "目标值",
  "实际值",
  "得分",
  "得分率",
];
const ROWS: Row[] = [
  ["产出", "数量", "完成数", 60, "≥", "10个", "5个", null, null],
  ["效益", "满意度", "满意度", 40, "≥", "90%", "90%", null, null],
];

describe("planWrites on the sample", () => {
  const snapshot = gaozhuangSnapshot();
  const plan = planWrites(snapshot, evaluate(snapshot));

  it("writes computed 得分 and every 得分率, never an entered score", () => {
    expect(at(plan, "指标评分", "I4")).toMatchObject({ value: 0.5, role: "score", numberFormat: "0.00" });
    expect(at(plan, "指标评分", "I7")).toMatchObject({ value: 2.91, role: "score" });
    expect(at(plan, "指标评分", "I5")).toBeUndefined(); // 2.5 entered by the evaluator
    expect(at(plan, "指标评分", "J5")).toMatchObject({
      value: 0.833333,
      role: "scoreRate",
      numberFormat: "0.00%",
    });
  });

  it("writes 执行率/调整率 into the budget table; a 不可计算 row gets nothing", () => {
    expect(at(plan, "预算执行", "G4")).toMatchObject({
      value: 1.209014,
      role: "executionRate",
      numberFormat: "0.00%",
    });
    expect(at(plan, "预算执行", "H4")).toMatchObject({ value: 0.209014, role: "adjustmentRate" });
    expect(at(plan, "预算执行", "G5")).toBeUndefined();
    expect(at(plan, "预算执行", "G6")).toBeUndefined();
  });

  it("writes the total into the 合计 row and a results block one blank column to the right", () => {
    expect(at(plan, "指标评分", "I26")).toMatchObject({ value: 85.54, role: "total" });
    expect(at(plan, "指标评分", "J26")).toMatchObject({ value: 0.8554, role: "totalRate" });
    const block = plan.writes
      .filter((w) => w.sheet === "指标评分" && w.col >= 11)
      .map((w) => [a1(w.row, w.col), w.value, w.role]);
    expect(block.slice(0, 8)).toEqual([
      ["L3", "一级指标", "label"],
      ["M3", "分值", "label"],
      ["N3", "得分", "label"],
      ["O3", "得分率", "label"],
      ["L4", "管理效率", "levelLabel"],
      ["M4", 30, "levelWeight"],
      ["N4", 20.34, "levelScore"],
      ["O4", 0.678, "levelRate"],
    ]);
    expect(block.slice(-6)).toEqual([
      ["L9", "合计", "label"],
      ["M9", 100, "levelWeight"],
      ["N9", 85.54, "total"],
      ["O9", 0.8554, "totalRate"],
      ["L10", "等级", "label"],
      ["M10", "良", "grade"],
    ]);
  });

  it("marks the cells behind findings, merging adjacent cells of one rule", () => {
    const exec = plan.marks.filter((m) => m.rule === "BUDGET_EXECUTION_HIGH");
    expect(exec.map((m) => [m.range.row, m.range.col])).toEqual([
      [3, 6],
      [6, 6],
    ]);
    const low = plan.marks.find((m) => m.rule === "LOW_SCORE_RATE" && m.range.row === 6);
    expect(low?.range.rowCount).toBe(2); // 预算执行率 and 决算编制完整性 are adjacent
    expect(plan.marks.filter((m) => m.rule === "TARGET_CATEGORY_MISSING")).toHaveLength(10);
  });

  it("is deterministic and repeatable: the second run plans the same values into the same cells", () => {
    expect(planWrites(gaozhuangSnapshot(), evaluate(gaozhuangSnapshot()))).toEqual(plan);
    const second = apply(snapshot, plan);
    const plan2 = planWrites(second, evaluate(second));
    expect(plan2.writes).toEqual(plan.writes);
    expect(plan2.skipped).toEqual([]);
  });
});

describe("cell ownership", () => {
  it("skips a user's value and a formula, reporting why", () => {
    const book = workbook([
      sheet("评分", [HEADER, [...ROWS[0].slice(0, 7), null, "手填"], [...ROWS[1].slice(0, 7), null, 0.9]], {
        formulas: [[], [], [null, null, null, null, null, null, null, null, "=H3/D3"]],
      }),
    ]);
    const plan = planWrites(book, evaluate(book));
    expect(plan.skipped).toEqual(
      expect.arrayContaining([
        { sheet: "评分", row: 1, col: 8, role: "scoreRate", reason: "userValue" },
        { sheet: "评分", row: 2, col: 8, role: "scoreRate", reason: "formula" },
      ]),
    );
    expect(at(plan, "评分", "H2")).toMatchObject({ value: 30, role: "score" });
  });

  it("overwrites a cell the ledger says is ours while it still holds our value, not once the user changed it", () => {
    const rows = [HEADER, [...ROWS[0].slice(0, 7), 29, null], ROWS[1]];
    const ours = workbook([sheet("评分", rows)], ledgerOf([{ sheet: "评分", address: "H2", value: 29 }]));
    expect(at(planWrites(ours, evaluate(ours)), "评分", "H2")).toMatchObject({ value: 30 });
    const changed = workbook([sheet("评分", rows)], ledgerOf([{ sheet: "评分", address: "H2", value: 28 }]));
    const plan = planWrites(changed, evaluate(changed));
    expect(at(plan, "评分", "H2")).toBeUndefined();
  });

  it("clears its own earlier score when the row can no longer be scored", () => {
    const rows = [HEADER, ["产出", "数量", "完成数", 60, null, null, null, 30, 0.5], ROWS[1]];
    const book = workbook(
      [sheet("评分", rows)],
      ledgerOf([
        { sheet: "评分", address: "H2", value: 30 },
        { sheet: "评分", address: "I2", value: 0.5 },
      ]),
    );
    const plan = planWrites(book, evaluate(book));
    expect(at(plan, "评分", "H2")).toMatchObject({ value: "", role: "score" });
    expect(at(plan, "评分", "I2")).toMatchObject({ value: "", role: "scoreRate" });
  });

  it("overwriteUserValues writes over the user's cells; a protected sheet is never written", () => {
    const book = workbook([sheet("评分", [HEADER, [...ROWS[0].slice(0, 8), "手填"], ROWS[1]])]);
    const plan = planWrites(book, evaluate(book, { overwriteUserValues: true }));
    expect(at(plan, "评分", "I2")).toMatchObject({ role: "scoreRate" });
    const locked = workbook([sheet("评分", [HEADER, ...ROWS], { protected: true })]);
    const lockedPlan = planWrites(locked, evaluate(locked));
    expect(lockedPlan.writes).toEqual([]);
    expect(lockedPlan.skipped.every((s) => s.reason === "protected")).toBe(true);
    expect(lockedPlan.marks).toEqual([]);
  });

  it("puts the results block after the last used column, ignoring the add-in's own earlier block", () => {
    const book = workbook([sheet("评分", [[...HEADER, null, "备注"], ...ROWS])]);
    const plan = planWrites(book, evaluate(book));
    expect(at(plan, "评分", "M1")).toMatchObject({ value: "一级指标" });
    const again = apply(book, plan);
    expect(planWrites(again, evaluate(again)).writes).toEqual(plan.writes);
  });
});

describe("planWrites on a huge workbook", () => {
  it("marks at most MAX_MARKS areas, errors first, and counts the rest", () => {
    const snapshot = syntheticWorkbook(20000, 200);
    const evaluation = evaluate(snapshot);
    const plan = planWrites(snapshot, evaluation);
    const members = evaluation.findings.reduce((n, f) => n + Math.max(1, f.members.length), 0);
    expect(members).toBeGreaterThan(MAX_MARKS);
    expect(plan.marks.length).toBe(MAX_MARKS);
    expect(plan.marksOmitted).toBeGreaterThan(0);
    // every error mark is kept before any warning is
    const errors = evaluation.findings
      .filter((f) => f.severity === "error")
      .reduce((n, f) => n + f.members.length, 0);
    const keptErrors = plan.marks.filter((m) => m.severity === "error").length;
    if (errors >= MAX_MARKS) expect(keptErrors).toBe(MAX_MARKS);
    else expect(plan.marks.some((m) => m.severity !== "error")).toBe(true);
  });
});

/**
 * Hostile and broken input (issue 6): every case evaluates without throwing and, where the input is at
 * fault, says so with a finding or problem naming the sheet and cell.
 */
import { a1 } from "../../src/engine/address";
import { evaluate } from "../../src/engine/evaluate";
import { planWrites } from "../../src/engine/plan";
import { buildReport } from "../../src/engine/report";
import { planSummary } from "../../src/engine/summary";
import type { CellValue, Evaluation, SheetSnapshot, WorkbookSnapshot } from "../../src/engine/types";
import { sheet, workbook, type Row } from "./helpers/grid";

const BUDGET_HEADER = [
  "资金来源",
  "年初预算数",
  "调整后预算数",
  "决算数",
  "全年实际支出数",
  "执行率",
  "调整率",
];
const INDICATOR_HEADER = [
  "一级指标",
  "二级指标",
  "三级指标",
  "分值",
  "指标性质",
  "目标值",
  "实际值",
  "评分标准",
  "得分",
];

/** Every stage runs and the JSON report holds only finite numbers. */
function runAll(snapshot: WorkbookSnapshot): Evaluation {
  const e = evaluate(snapshot);
  planWrites(snapshot, e);
  planSummary(e);
  JSON.stringify(buildReport(e), (_k, v: unknown) => {
    if (typeof v === "number" && !Number.isFinite(v)) throw new Error(`non-finite number ${v}`);
    return v;
  });
  return e;
}

function problemsAt(e: Evaluation) {
  return e.detection.problems.map((p) => `${p.code} ${p.sheet}!${a1(p.row, p.col)}`);
}
function findingsOf(e: Evaluation, rule: string) {
  return e.findings.filter((f) => f.rule === rule);
}

function budgetSheet(rows: Row[], name = "预算执行"): WorkbookSnapshot {
  return workbook([sheet(name, [BUDGET_HEADER, ...rows])]);
}

describe("numbers written as text", () => {
  it("reads units, thousands separators and full-width digits", () => {
    const e = runAll(
      budgetSheet([
        ["财政拨款", "552.45万元", "１，２００．５０", "1,100.5", "1,100.50", null, null],
        ["合计", "552.45", "1200.5", "1100.5", "1100.5", null, null],
      ]),
    );
    const row = e.detection.budget!.rows[0];
    expect([row.initial, row.adjusted, row.finalAccounts, row.actual]).toEqual([
      552.45, 1200.5, 1100.5, 1100.5,
    ]);
    expect(e.detection.problems).toEqual([]);
    expect(e.metrics.execution[0].value).toBeCloseTo(1100.5 / 1200.5, 12);
  });
});

describe("Excel errors and placeholders in number cells", () => {
  it.each([["#DIV/0!"], ["#N/A"], ["#REF!"]])(
    "%s becomes DATA_EXCEL_ERROR at its cell, value unknown",
    (err) => {
      const e = runAll(budgetSheet([["财政拨款", 100, err, 90, 90, null, null]]));
      expect(problemsAt(e)).toEqual(["DATA_EXCEL_ERROR 预算执行!C2"]);
      expect(e.detection.budget!.rows[0].adjusted).toBeNull();
      // falls back to 年初: 90 / 100
      expect(e.metrics.execution[0]).toMatchObject({ value: 0.9, basis: "initial" });
      const f = findingsOf(e, "DATA_EXCEL_ERROR")[0];
      expect([f.sheet, f.cell]).toEqual(["预算执行", "C2"]);
    },
  );

  it.each([["—"], ["/"]])("a %s in a number cell is blank, not zero and not a problem", (dash) => {
    const e = runAll(budgetSheet([["财政拨款", 100, dash, 90, 90, null, null]]));
    expect(e.detection.budget!.rows[0].adjusted).toBeNull();
    expect(e.metrics.execution[0].basis).toBe("initial");
    expect(Number.isFinite(e.metrics.execution[0].value)).toBe(true);
  });

  it("prose in a number cell is DATA_NOT_A_NUMBER naming the cell", () => {
    const e = runAll(budgetSheet([["财政拨款", 100, 120, "见附表", 90, null, null]]));
    expect(problemsAt(e)).toEqual(["DATA_NOT_A_NUMBER 预算执行!D2"]);
    const f = findingsOf(e, "DATA_NOT_A_NUMBER")[0];
    expect([f.sheet, f.cell]).toEqual(["预算执行", "D2"]);
  });
});

describe("年初 = 0", () => {
  it("调整率 is not computable (never Infinity) and says why", () => {
    const e = runAll(budgetSheet([["新增项目", 0, 50, 40, 40, null, null]]));
    const adj = e.metrics.adjustment[0];
    expect(adj.value).toBeNull();
    expect(adj.reason).toBeTruthy();
    expect(e.metrics.execution[0].value).toBeCloseTo(0.8, 12); // 40 / 50
    expect(JSON.stringify(e)).not.toMatch(/Infinity|NaN/);
  });
});

describe("indicator table problems", () => {
  it("weights that do not sum to 100: WEIGHTS_LEVEL1_TOTAL at the 分值 column", () => {
    const e = runAll(
      workbook([
        sheet("指标", [
          INDICATOR_HEADER,
          ["产出", "数量", "完成数", 40, "≥", 10, 10, null, null],
          ["效益", "社会效益", "满意度", 50, "≥", 0.9, 0.95, null, null],
        ]),
      ]),
    );
    const f = findingsOf(e, "WEIGHTS_LEVEL1_TOTAL")[0];
    expect(f).toMatchObject({ sheet: "指标", params: { sum: 90, expected: 100 } });
    expect(f.cell).toMatch(/^D\d+$/);
  });

  it("an entered score above its 分值 or negative: SCORE_OUT_OF_RANGE at the 得分 cell, capped", () => {
    const e = runAll(
      workbook([
        sheet("指标", [
          INDICATOR_HEADER,
          ["产出", "数量", "完成数", 50, null, null, null, null, 55],
          ["效益", "社会效益", "群众满意", 50, null, null, null, null, -3],
        ]),
      ]),
    );
    const f = findingsOf(e, "SCORE_OUT_OF_RANGE");
    const cells = f.flatMap((x) =>
      x.members.length ? x.members.map((m) => `${m.sheet}!${m.cell}`) : [`${x.sheet}!${x.cell}`],
    );
    expect(cells.sort()).toEqual(["指标!I2", "指标!I3"]);
    for (const row of e.scores[0].rows) {
      expect(row.score).not.toBeNull();
      expect(row.score!).toBeGreaterThanOrEqual(0);
      expect(row.score!).toBeLessThanOrEqual(row.source.weight!);
    }
  });

  it("a 评分标准 the parser does not know leaves the row for the evaluator (UNSCORED_ROW at its cell)", () => {
    const e = runAll(
      workbook([
        sheet("指标", [
          INDICATOR_HEADER,
          ["产出", "质量", "档案管理规范性", 10, null, null, null, "由评价组结合现场核查情况酌情打分", null],
          ["效益", "社会效益", "完成数", 90, "≥", 10, 10, null, null],
        ]),
      ]),
    );
    const row = e.scores[0].rows[0];
    expect(row).toMatchObject({ method: "unscored", score: null });
    const f = findingsOf(e, "UNSCORED_ROW")[0];
    expect(f.sheet).toBe("指标");
    const cells = [f.cell, ...f.members.map((m) => m.cell)];
    expect(cells.some((c) => c !== null && /2$/.test(c))).toBe(true);
    // nothing is written into its 得分 cell
    const plan = planWrites(workbook([]), e);
    expect(plan.writes.some((w) => w.row === 1 && w.role === "score")).toBe(false);
  });

  it("a header split over two rows (merged group over sub-headers)", () => {
    const e = runAll(
      workbook([
        sheet(
          "指标",
          [
            ["指标", null, null, "分值", "目标值", "实际值", "得分"],
            ["一级指标", "二级指标", "三级指标", null, null, null, null],
            ["产出", "数量", "完成数", 60, "≥10", 8, null],
            ["效益", "满意度", "满意度", 40, "≥90%", "95%", null],
          ],
          { merges: ["A1:C1", "D1:D2", "E1:E2", "F1:F2", "G1:G2"] },
        ),
      ]),
    );
    const [t] = e.detection.tables.filter((x) => x.kind === "indicators");
    expect([t.headerRow, t.headerRows, t.firstDataRow]).toEqual([0, 2, 2]);
    // 8 / 10 × 60 = 48; 40 → 88
    expect(e.scores[0].total.score).toBe(88);
  });

  it("hidden rows are still read (a hidden row is data the evaluator kept)", () => {
    const rows: Row[] = [
      INDICATOR_HEADER,
      ["产出", "数量", "完成数", 60, "≥", 10, 8, null, null],
      ["效益", "满意度", "满意度", 40, "≥", 0.9, 0.95, null, null],
    ];
    const e = runAll(workbook([sheet("指标", rows, { hiddenRows: [2] })]));
    expect(e.scores[0].rows).toHaveLength(2);
    expect(e.scores[0].total.score).toBe(88);
  });
});

describe("degenerate workbooks", () => {
  it("an empty workbook: nothing found, each missing table said, no throw", () => {
    const e = runAll(workbook([]));
    expect(e.scores).toEqual([]);
    expect(e.detection.missing.sort()).toEqual(["budget", "checklist", "indicators", "targets"]);
    expect(e.notChecked.length).toBeGreaterThan(0);
  });

  it("an empty sheet and a sheet of blanks", () => {
    const e = runAll(
      workbook([
        sheet("空", []),
        sheet("空白", [
          [null, null],
          [null, null],
        ]),
      ]),
    );
    expect(e.detection.tables).toEqual([]);
  });

  it("a used range of 1,048,576 mostly blank rows stays small (its time is the bench's business)", () => {
    const blank: CellValue[] = Object.freeze(Array<CellValue>(9).fill(null)) as CellValue[];
    const values: CellValue[][] = new Array<CellValue[]>(1_048_576).fill(blank);
    values[0] = [...INDICATOR_HEADER];
    values[1] = ["产出", "数量", "完成数", 60, "≥", 10, 8, null, null];
    values[2] = ["效益", "满意度", "满意度", 40, "≥", 0.9, 0.95, null, null];
    const big: SheetSnapshot = { name: "大表", top: 0, left: 0, values, merges: [] };
    const before = process.memoryUsage().heapUsed;
    const e = runAll(workbook([big]));
    const grew = process.memoryUsage().heapUsed - before;
    expect(e.scores[0].total.score).toBe(88);
    expect(grew).toBeLessThan(200 * 1024 * 1024);
    // the engine never mutated the shared blank row (it is frozen: a write would have thrown)
    expect(blank.every((v) => v === null)).toBe(true);
  });

  it("a protected sheet: planWrites skips its outputs with reason protected", () => {
    const snapshot = workbook([
      sheet(
        "指标",
        [
          INDICATOR_HEADER,
          ["产出", "数量", "完成数", 60, "≥", 10, 8, null, null],
          ["效益", "满意度", "满意度", 40, "≥", 0.9, 0.95, null, null],
        ],
        { protected: true },
      ),
    ]);
    const e = runAll(snapshot);
    const plan = planWrites(snapshot, e);
    expect(plan.writes.filter((w) => w.sheet === "指标")).toEqual([]);
    expect(plan.skipped.length).toBeGreaterThan(0);
    expect(plan.skipped.every((s) => s.sheet === "指标" && s.reason === "protected")).toBe(true);
    expect(plan.skipped.some((s) => s.role === "score" && s.row === 1 && s.col === 8)).toBe(true);
  });

  it("not a snapshot at all: reported, not thrown", () => {
    const e = evaluate({} as WorkbookSnapshot);
    expect(e.notChecked[0].item).toBe("工作簿");
  });
});

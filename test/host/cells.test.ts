/** The decisions about the user's cells that every adapter shares (src/host/cells.ts), tested once. */
import type { Ledger, LedgerEntry, WritePlan } from "../../src/engine/types";
import {
  firstProtected,
  freeSheetName,
  heldAtRead,
  ledgerAfterClearMarks,
  ledgerAfterRun,
  ledgerAfterUndo,
  ledgerWithSummary,
  markGroups,
  markerFormula,
  markerSeverity,
  markedAreas,
  marksToClear,
  mayWrite,
  parseSettings,
  sameValue,
  sheetsToRefuse,
  summarySheetTarget,
  toCellValue,
  toFormula,
  undoRestores,
  undoTarget,
  validSheetName,
  type WriteOutcome,
} from "../../src/host/cells";

const entry = (address: string, value: LedgerEntry["value"], previous: LedgerEntry["previous"] = null) =>
  ({ sheet: "表", address, value, previous, previousFormat: "General" }) as LedgerEntry;

const ledger = (entries: LedgerEntry[], extra: Partial<Ledger> = {}): Ledger => ({
  version: 1,
  runAt: "2026-11-27T00:00:00.000Z",
  entries,
  marks: [],
  ...extra,
});

describe("sameValue", () => {
  it("numbers within 15 significant digits are the same; text and types are compared exactly", () => {
    // 0.1 + 0.2 = 0.30000000000000004: differs from 0.3 by 5.6e-17 ≤ 1e-12 × 1
    expect(sameValue(0.1 + 0.2, 0.3)).toBe(true);
    // 1209.0000001 vs 1209: 1e-7 > 1e-12 × 1209 = 1.2e-9
    expect(sameValue(1209.0000001, 1209)).toBe(false);
    expect(sameValue(1e15 + 1, 1e15)).toBe(true); // 1 ≤ 1e-12 × 1e15 = 1000
    expect(sameValue("良", "良")).toBe(true);
    expect(sameValue("良 ", "良")).toBe(false);
    expect(sameValue(1, "1")).toBe(false);
    expect(sameValue(null, null)).toBe(true);
    expect(sameValue(0, null)).toBe(false);
  });

  it("raw host values become cell values and formulas", () => {
    expect(toCellValue("")).toBeNull();
    expect(toCellValue(undefined)).toBeNull();
    expect(toCellValue(3)).toBe(3);
    expect(toCellValue(true)).toBe(true);
    expect(toFormula("=A1+1")).toBe("=A1+1");
    expect(toFormula("12")).toBeNull();
    expect(toFormula("=")).toBeNull();
    expect(toFormula(12)).toBeNull();
  });
});

describe("mayWrite", () => {
  const ours = entry("E2", 0.5);
  it("an empty cell, or ours unchanged: yes; a user's value or any formula: no", () => {
    expect(mayWrite({ value: null, formula: null }, undefined)).toBe(true);
    expect(mayWrite({ value: 0.5, formula: null }, ours)).toBe(true);
    expect(mayWrite({ value: 0.5, formula: null }, undefined)).toBe(false); // the user typed our number
    expect(mayWrite({ value: 1, formula: null }, ours)).toBe(false); // ours, changed since
    expect(mayWrite({ value: 0.5, formula: "=A1" }, ours)).toBe(false);
    expect(mayWrite({ value: null, formula: "=A1" }, undefined)).toBe(false);
  });

  it("with overwrite: the user's cell while unchanged since the read, never a later edit", () => {
    const atRead = { value: 2.5, formula: null };
    expect(mayWrite({ value: 2.5, formula: null }, undefined, { overwrite: true, atRead })).toBe(true);
    expect(mayWrite({ value: 4, formula: null }, undefined, { overwrite: true, atRead })).toBe(false);
    const formula = { value: 0, formula: "=C4/B4-1" };
    expect(mayWrite({ value: 7, formula: "=C4/B4-1" }, undefined, { overwrite: true, atRead: formula })).toBe(
      true, // a formula's result may change; the formula did not
    );
    expect(mayWrite({ value: 0, formula: "=C4/B4" }, undefined, { overwrite: true, atRead: formula })).toBe(
      false,
    );
    expect(mayWrite({ value: 9, formula: null }, undefined, { overwrite: true, atRead: null })).toBe(true);
  });

  it("heldAtRead finds a cell in a snapshot by absolute coordinates", () => {
    const snapshot = {
      sheets: [{ name: "表", top: 1, left: 2, values: [[1, 2]], formulas: [[null, "=C2"]], merges: [] }],
    };
    expect(heldAtRead(snapshot, "表", 1, 3)).toEqual({ value: 2, formula: "=C2" });
    expect(heldAtRead(snapshot, "表", 9, 9)).toEqual({ value: null, formula: null });
    expect(heldAtRead(snapshot, "别的", 1, 3)).toBeNull();
  });
});

describe("ledgerAfterRun", () => {
  const outcome = (address: string, value: number, before: WriteOutcome["before"], written: boolean) => {
    const col = address.charCodeAt(0) - 65;
    const row = Number(address.slice(1)) - 1;
    return { sheet: "表", row, col, value, before, written } as WriteOutcome;
  };

  it("keeps the first run's previous while the cell stays ours; records a new cell's value and format", () => {
    const previous = ledger([entry("E2", 0.5, 2)], { summarySheet: "问题汇总" });
    const next = ledgerAfterRun(
      previous,
      [
        outcome("E2", 0.6, { value: 0.5, formula: null, format: "0.00" }, true),
        outcome("E3", 9, { value: null, formula: null, format: "General" }, true),
      ],
      [{ sheet: "表", address: "E2" }],
      "2026-11-28T00:00:00.000Z",
    );
    expect(next.entries).toEqual([
      { sheet: "表", address: "E2", value: 0.6, previous: 2, previousFormat: "General" },
      { sheet: "表", address: "E3", value: 9, previous: null, previousFormat: "General" },
    ]);
    expect(next.marks).toEqual([{ sheet: "表", address: "E2" }]);
    expect(next.summarySheet).toBe("问题汇总");
    expect(next.runAt).toBe("2026-11-28T00:00:00.000Z");
  });

  it("drops a cell the user changed since; keeps one not planned this time; a cleared cell restarts", () => {
    const previous = ledger([entry("E2", 0.5, 2), entry("F9", 1, null), entry("E4", 3, 7)]);
    const next = ledgerAfterRun(
      previous,
      [
        outcome("E2", 0.6, { value: 1, formula: null }, false), // user typed 1 over our 0.5
        outcome("E4", 3, { value: null, formula: null, format: "General" }, true), // user cleared our 3
      ],
      [],
      "t",
    );
    expect(next.entries.map((e) => [e.address, e.value, e.previous])).toEqual([
      ["F9", 1, null],
      ["E4", 3, null], // what it held just before (empty), not the 7 from before the first run
    ]);
  });
});

describe("undo and clear", () => {
  it("restores only a cell still holding what the add-in wrote, to its earlier value or formula", () => {
    const e = entry("E2", 0.5, "=C4/B4-1");
    expect(undoRestores({ value: 0.5, formula: null }, e)).toBe(true);
    expect(undoRestores({ value: 0.6, formula: null }, e)).toBe(false);
    expect(undoRestores({ value: 0.5, formula: "=X1" }, e)).toBe(false);
    expect(undoTarget(e)).toEqual({ value: null, formula: "=C4/B4-1", format: "General" });
    expect(undoTarget({ sheet: "表", address: "A1", value: 1, previous: 2.5 })).toEqual({
      value: 2.5,
      formula: null,
    });
  });

  it("the ledger after undo is empty but knows the summary sheet; after clear only the marks go", () => {
    const l = ledger([entry("E2", 1)], { marks: [{ sheet: "表", address: "A1" }], summarySheet: "汇总" });
    expect(ledgerAfterUndo(l, "u")).toEqual({
      version: 1,
      runAt: "u",
      entries: [],
      marks: [],
      summarySheet: "汇总",
    });
    expect(ledgerAfterClearMarks(l)).toEqual({ ...l, marks: [] });
    expect(marksToClear({ ...l, marks: [...l.marks, { sheet: "已删", address: "B2" }] }, ["表"])).toEqual(
      l.marks,
    );
  });

  it("names the sheets that refuse an operation when protected", () => {
    const plan = {
      writes: [{ sheet: "b", row: 0, col: 0, value: 1, role: "score" }],
      marks: [
        { sheet: "c", range: { row: 0, col: 0, rowCount: 1, colCount: 1 }, severity: "info", rule: "X" },
      ],
      skipped: [],
      sheets: ["a"],
    } as WritePlan;
    expect(sheetsToRefuse({ plan })).toEqual(["a", "b"]); // a mark on a protected sheet is left out instead
    const l = ledger([entry("E2", 1)], { marks: [{ sheet: "m", address: "A1" }] });
    expect(sheetsToRefuse({ undo: l })).toEqual(["表", "m"]);
    expect(sheetsToRefuse({ clear: l })).toEqual(["m"]);
    expect(firstProtected(["a", "b"], (s) => s === "b")).toBe("b");
    expect(firstProtected(["a"], () => undefined)).toBeNull();
  });
});

describe("the summary sheet's name", () => {
  it("makes any text a valid Excel sheet name", () => {
    expect(validSheetName("问题/汇总:[2023]*?")).toBe("问题_汇总__2023___");
    expect(validSheetName("'quoted'")).toBe("quoted");
    expect([...validSheetName("很".repeat(40))].length).toBe(31);
    expect(validSheetName("")).toBe("问题汇总");
  });

  it("picks 问题汇总 (2) when a user's sheet already has the name (case-insensitive)", () => {
    expect(freeSheetName("问题汇总", ["预算执行"])).toBe("问题汇总");
    expect(freeSheetName("问题汇总", ["问题汇总"])).toBe("问题汇总 (2)");
    expect(freeSheetName("问题汇总", ["问题汇总", "问题汇总 (2)"])).toBe("问题汇总 (3)");
    expect(freeSheetName("Summary", ["SUMMARY"])).toBe("Summary (2)");
    const long = "长".repeat(31);
    const name = freeSheetName(long, [long]);
    expect([...name].length).toBeLessThanOrEqual(31);
    expect(name.endsWith(" (2)")).toBe(true);
  });

  it("reuses the ledger's sheet when it still exists, else leaves a user's sheet of that name alone", () => {
    const l = ledger([], { summarySheet: "问题汇总 (2)" });
    expect(summarySheetTarget("问题汇总", ["问题汇总", "问题汇总 (2)"], l)).toEqual({
      name: "问题汇总 (2)",
      reuse: true,
    });
    expect(summarySheetTarget("问题汇总", ["问题汇总"], l)).toEqual({ name: "问题汇总 (2)", reuse: false });
    expect(summarySheetTarget("问题汇总", ["预算执行"], null)).toEqual({ name: "问题汇总", reuse: false });
    expect(ledgerWithSummary(null, "问题汇总").summarySheet).toBe("问题汇总");
  });
});

describe("marks", () => {
  it("recognises only its own marker formulas", () => {
    expect(markerSeverity(markerFormula("warning", "k1.3"))).toBe("warning");
    expect(markerSeverity("=$I5<0.6")).toBeNull();
    expect(markerSeverity(undefined)).toBeNull();
    expect(markerFormula("error", "a.0")).toBe('=AND(TRUE,"绩效评价助手|error|a.0"<>"")');
  });

  it("one per area, the most severe winning, grouped per sheet and severity; unusable sheets left out", () => {
    const m = (sheet: string, row: number, severity: "error" | "warning" | "info") => ({
      sheet,
      range: { row, col: 0, rowCount: 1, colCount: 1 },
      severity,
      rule: "R",
    });
    const plan = {
      writes: [],
      marks: [
        m("a", 0, "info"),
        m("a", 0, "error"),
        m("a", 1, "warning"),
        m("a", 2, "info"),
        m("locked", 0, "error"),
      ],
      skipped: [],
      sheets: [],
    } as WritePlan;
    const { groups, areas } = markGroups(plan, (s) => s !== "locked");
    expect(areas).toBe(3); // A1 (error wins over info), A2, A3
    expect(groups).toEqual([
      { sheet: "a", severity: "error", addresses: ["A1"] },
      { sheet: "a", severity: "warning", addresses: ["A2"] },
      { sheet: "a", severity: "info", addresses: ["A3"] },
    ]);
    expect(markedAreas(groups).map((x) => x.address)).toEqual(["A1", "A2", "A3"]);
  });
});

describe("settings", () => {
  it("are JSON text or an object; anything else is unreadable", () => {
    expect(parseSettings('{"lang":"en-US"}')).toEqual({ lang: "en-US" });
    expect(parseSettings({ lang: "zh-CN" })).toEqual({ lang: "zh-CN" });
    expect(parseSettings("[1]")).toBeNull();
    expect(parseSettings("{oops")).toBeNull();
  });
});

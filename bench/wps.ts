/**
 * `--only=wps`: calls into WPS 表格's ET object model per 评分, counted by the typed fake
 * (test/host/wps-fake.ts) — on the bundled sample and on a generated workbook of 50,000 budget rows and
 * 5,000 indicator rows (bench/synthetic.ts, as the round-trip section builds it). The 评分 is the pane's:
 * scoreWorkbook over the WPS adapter, i.e. readSnapshot, then applyPlan (its re-check and the writes).
 *
 * What is counted, and the targets of issue 15 ("Speed"):
 *  - cells read: cells covered by the calls that read cell contents (Value2, Value(), HasFormula, Formula,
 *    NumberFormat), both passes, every sheet.
 *  - block read calls per sheet: for every sheet, pass (the snapshot; applyPlan's re-check) and property
 *    read, the calls beside ⌈cells that pass read of that property on that sheet / 500,000⌉. Target: no
 *    more calls than that anywhere (ET reads one property per call, so a pass costs a Value2 and a
 *    HasFormula call — and a Formula call when the block holds formulas — per 500,000 cells).
 *  - contiguous write runs: the written cells (the ledger after the run) in runs of consecutive rows down
 *    a column; number-format runs the same with one format. Target: value write calls (Value2) ≤ value
 *    runs, NumberFormat write calls ≤ format runs.
 *  - per-cell calls: a one-cell write whose cell lies in a run longer than one cell, and one-cell reads
 *    of a property made twice or more on a sheet in one pass (a loop over cells). Target: 0.
 * Writes of the add-in's own sheet (the ledger) and marks (one conditional format per severity and
 * sheet, ≤ 250 address characters each) are counted in the write calls, not in the runs.
 */
import * as path from "node:path";
import ExcelJS from "exceljs";
import { parseCell } from "../src/engine/address";
import { resolveConfig } from "../src/engine/config";
import { LEDGER_SHEET, parseLedger } from "../src/host/ledger";
import { MemoryWorkbook } from "../src/host/memory";
import { memoryWorkbookFromExcelJS } from "../src/host/memory/xlsx";
import type { WorkbookHost } from "../src/host/port";
import { createWpsHost } from "../src/host/wps/host";
import { scoreWorkbook } from "../src/usecases";
import { FakeApplication, FakeWorkbook, type CallRecord } from "../test/host/wps-fake";
import { syntheticWorkbook } from "./synthetic";

const BLOCK = 500_000;
const CELL_READS = new Set(["Value2", "Value()", "HasFormula", "Formula", "NumberFormat"]);
const SAMPLE = path.join(__dirname, "..", "examples", "gaozhuang-2023.xlsx");

type Pass = "snapshot" | "apply";

/** One (sheet, pass, property) of the reads: calls and the cells they covered. */
interface ReadGroup {
  sheet: string;
  pass: Pass;
  what: string;
  calls: number;
  cells: number;
  /** ⌈cells / 500,000⌉ */
  allowed: number;
}

export interface WpsCallCount {
  label: string;
  total: number | null;
  grade: string | null;
  ms: number;
  calls: number;
  readCalls: number;
  writeCalls: number;
  cellsRead: number;
  reads: ReadGroup[];
  /** The read group furthest over its allowance (else the one reading the most cells). */
  worstRead: ReadGroup | null;
  cellsWritten: number;
  valueRuns: number;
  valueWriteCalls: number;
  formatRuns: number;
  formatWriteCalls: number;
  markCalls: number;
  perCellCalls: number;
}

/** The sample workbook as the in-memory Excel holds it (as test/host/wps-host.test.ts loads it). */
export async function sampleMemory(): Promise<MemoryWorkbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(SAMPLE);
  return memoryWorkbookFromExcelJS(book);
}

/** A generated workbook of `budgetRows` budget rows and a tenth as many indicator rows. */
export function generatedMemory(budgetRows: number): MemoryWorkbook {
  return MemoryWorkbook.fromSnapshot(syntheticWorkbook(budgetRows, budgetRows / 10));
}

/** Runs of consecutive rows down each column; with `key`, a run also keeps one key (null: no run). */
function runsOf(cells: { row: number; col: number; key: string | null }[]): { length: number }[] {
  const sorted = cells.filter((c) => c.key !== null).sort((a, b) => a.col - b.col || a.row - b.row);
  const runs: { col: number; end: number; key: string | null; length: number }[] = [];
  for (const c of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.col === c.col && last.end + 1 === c.row && last.key === c.key) {
      last.end = c.row;
      last.length++;
    } else runs.push({ col: c.col, end: c.row, key: c.key, length: 1 });
  }
  return runs;
}

/** Which run (by "sheet:row:col") each cell is in, and the run's length. */
function runLengths(
  sheet: string,
  cells: { row: number; col: number; key: string | null }[],
  into: Map<string, number>,
): void {
  const sorted = cells.filter((c) => c.key !== null).sort((a, b) => a.col - b.col || a.row - b.row);
  let start = 0;
  for (let i = 1; i <= sorted.length; i++) {
    const prev = sorted[i - 1];
    const c = sorted[i];
    if (c && c.col === prev.col && c.row === prev.row + 1 && c.key === prev.key) continue;
    for (let k = start; k < i; k++) into.set(`${sheet}:${sorted[k].row}:${sorted[k].col}`, i - start);
    start = i;
  }
}

/** 评分 of `memory` through the WPS adapter on the fake, every call counted. */
export async function countWpsCalls(label: string, memory: MemoryWorkbook): Promise<WpsCallCount> {
  const fake = FakeWorkbook.fromMemory(memory);
  const host = createWpsHost(new FakeApplication(fake));
  const passOf: Pass[] = [];
  const tagged = (pass: Pass, body: () => Promise<unknown>) => async () => {
    const from = fake.stats.log.length;
    try {
      return await body();
    } finally {
      for (let i = from; i < fake.stats.log.length; i++) passOf[i] = pass;
    }
  };
  const counted: WorkbookHost = {
    ...host,
    readSnapshot: (p) =>
      tagged("snapshot", () => host.readSnapshot(p))() as ReturnType<typeof host.readSnapshot>,
    applyPlan: (plan) => tagged("apply", () => host.applyPlan(plan))() as ReturnType<typeof host.applyPlan>,
  };
  fake.resetStats();
  const start = performance.now();
  const { evaluation } = await scoreWorkbook(counted, resolveConfig());
  const ms = performance.now() - start;
  const log: (CallRecord & { pass: Pass })[] = fake.stats.log.map((c, i) => ({
    ...c,
    pass: passOf[i] ?? "apply",
  }));

  // Reads.
  const groups = new Map<string, ReadGroup>();
  const oneCell = new Map<string, number>();
  for (const c of log) {
    if (c.kind !== "read" || !CELL_READS.has(c.what)) continue;
    const k = `${c.sheet}\u0000${c.pass}\u0000${c.what}`;
    const g = groups.get(k) ?? { sheet: c.sheet, pass: c.pass, what: c.what, calls: 0, cells: 0, allowed: 0 };
    g.calls++;
    g.cells += c.cells;
    g.allowed = Math.max(1, Math.ceil(g.cells / BLOCK));
    groups.set(k, g);
    if (c.cells === 1) oneCell.set(k, (oneCell.get(k) ?? 0) + 1);
  }
  const reads = [...groups.values()];
  // The group furthest over its allowance; among those within it, the one reading the most cells.
  let worstRead: ReadGroup | null = null;
  for (const g of reads)
    if (
      !worstRead ||
      g.calls - g.allowed > worstRead.calls - worstRead.allowed ||
      (g.calls - g.allowed === worstRead.calls - worstRead.allowed && g.cells > worstRead.cells)
    )
      worstRead = g;
  let perCellCalls = [...oneCell.values()].filter((n) => n >= 2).reduce((a, n) => a + n, 0);

  // Writes: the cells written are the ledger's entries (a first run on a fresh workbook).
  const ledgerSheet = fake.sheets.find((s) => s.name === LEDGER_SHEET);
  const parts: string[] = [];
  for (let r = 1; ledgerSheet; r++) {
    const v = ledgerSheet.cell(`A${r}`).value;
    if (typeof v !== "string" || v === "") break;
    parts.push(v);
  }
  const entries = parseLedger(parts.join(""))?.entries ?? [];
  const bySheet = new Map<string, { row: number; col: number; format: string | null }[]>();
  for (const e of entries) {
    const { row, col } = parseCell(e.address);
    const format = fake.sheet(e.sheet).at(row, col)?.numberFormat ?? null;
    const list = bySheet.get(e.sheet) ?? [];
    list.push({ row, col, format });
    bySheet.set(e.sheet, list);
  }
  let valueRuns = 0;
  let formatRuns = 0;
  const valueRunOf = new Map<string, number>();
  const formatRunOf = new Map<string, number>();
  for (const [sheet, cells] of bySheet) {
    const values = cells.map((c) => ({ ...c, key: "" }));
    const formats = cells.map((c) => ({ ...c, key: c.format }));
    valueRuns += runsOf(values).length;
    formatRuns += runsOf(formats).length;
    runLengths(sheet, values, valueRunOf);
    runLengths(sheet, formats, formatRunOf);
  }
  const userWrites = log.filter((c) => c.kind === "write" && c.sheet !== LEDGER_SHEET);
  const valueWrites = userWrites.filter((c) => c.what === "Value2" || c.what === "Formula");
  const formatWrites = userWrites.filter((c) => c.what === "NumberFormat");
  for (const [list, runOf] of [
    [valueWrites, valueRunOf],
    [formatWrites, formatRunOf],
  ] as const)
    for (const c of list)
      if (c.cells === 1) {
        const { row, col } = parseCell(c.address);
        if ((runOf.get(`${c.sheet}:${row}:${col}`) ?? 1) > 1) perCellCalls++;
      }

  const top = evaluation.scores[0]?.total;
  return {
    label,
    total: top?.score ?? null,
    grade: top?.grade ?? null,
    ms,
    calls: fake.stats.calls,
    readCalls: fake.stats.reads,
    writeCalls: fake.stats.writes,
    cellsRead: reads.reduce((n, g) => n + g.cells, 0),
    reads,
    worstRead,
    cellsWritten: entries.length,
    valueRuns,
    valueWriteCalls: valueWrites.length,
    formatRuns,
    formatWriteCalls: formatWrites.length,
    markCalls: userWrites.filter((c) => c.what.startsWith("FormatCondition")).length,
    perCellCalls,
  };
}

const n = (x: number) => x.toLocaleString("en-US");
const verdict = (ok: boolean) => (ok ? "met" : "MISSED");

function rows(c: WpsCallCount): string[][] {
  const w = c.worstRead;
  const readsOk = c.reads.every((g) => g.calls <= g.allowed);
  const perSheet = [...new Set(c.reads.map((g) => g.sheet))]
    .map((s) => {
      const gs = c.reads.filter((g) => g.sheet === s);
      return `${s} ${gs.reduce((k, g) => k + g.calls, 0)}`;
    })
    .join(", ");
  return [
    [c.label, "评分 result, time (fake)", `${c.total} ${c.grade}, ${c.ms.toFixed(0)} ms`, "—", ""],
    [
      c.label,
      "calls in all (reads / writes)",
      `${n(c.calls)} (${n(c.readCalls)} / ${n(c.writeCalls)})`,
      "—",
      "",
    ],
    [c.label, "cells read", n(c.cellsRead), "—", ""],
    [c.label, "cell-read calls per sheet (both passes, all properties)", perSheet, "—", ""],
    [
      c.label,
      "block read calls per sheet, pass and property (worst)",
      w ? `${w.calls} (${w.sheet}, ${w.pass}, ${w.what}: ${n(w.cells)} cells)` : "—",
      w ? `≤ ${w.allowed} (1 per 500,000 cells)` : "≤ 1 per 500,000 cells",
      verdict(readsOk),
    ],
    [c.label, "cells written / contiguous write runs", `${n(c.cellsWritten)} / ${n(c.valueRuns)}`, "—", ""],
    [
      c.label,
      "value write calls",
      n(c.valueWriteCalls),
      `≤ ${n(c.valueRuns)} runs`,
      verdict(c.valueWriteCalls <= c.valueRuns),
    ],
    [
      c.label,
      "number-format write calls",
      n(c.formatWriteCalls),
      `≤ ${n(c.formatRuns)} format runs`,
      verdict(c.formatWriteCalls <= c.formatRuns),
    ],
    [
      c.label,
      "write calls in all (incl. marks, ledger)",
      `${n(c.writeCalls)} (marks ${n(c.markCalls)})`,
      "—",
      "",
    ],
    [c.label, "per-cell calls", n(c.perCellCalls), "0", verdict(c.perCellCalls === 0)],
  ];
}

/** The section: counts for the sample and 50,000 rows, printed as a table; the figures for results.json. */
export async function wpsCalls(): Promise<{ rows: WpsCallCount[]; targets: Record<string, unknown> }> {
  const counts = [
    await countWpsCalls("sample", await sampleMemory()),
    await countWpsCalls("50k rows", generatedMemory(50_000)),
  ];
  const cells = [["workbook", "what", "measured", "target", "result"], ...counts.flatMap(rows)];
  const widths = cells[0].map((_, i) => Math.max(...cells.map((r) => [...r[i]].length)));
  console.log(
    "\nwps. Calls into the ET fake per 评分 (WPS adapter, readSnapshot + applyPlan) — target: reads ≤ 1 block call per 500,000 cells per sheet, writes ≤ 1 call per contiguous run, no per-cell call",
  );
  for (const [k, r] of cells.entries()) {
    console.log("  " + r.map((x, i) => x.padEnd(widths[i])).join("  "));
    if (k === 0) console.log("  " + widths.map((x) => "-".repeat(x)).join("  "));
  }
  return {
    rows: counts,
    targets: { readCallsPerBlock: BLOCK, writeCallsPerRun: 1, perCellCalls: 0 },
  };
}

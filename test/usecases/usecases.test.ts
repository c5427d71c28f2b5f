/**
 * The use-cases over the Office.js adapter and the in-memory Excel, on the sample workbook (docs/domain.md §7):
 * scoring in ≤ 4 syncs with the seed's results, the summary sheet, older Excel, settings, and errors
 * coming out as HostErrors with both languages.
 */
import * as path from "node:path";
import ExcelJS from "exceljs";
import { gaozhuangSnapshot } from "../../examples/source/gaozhuang-2023";
import { resolveConfig } from "../../src/engine/config";
import { LEDGER_SETTING_KEY, SETTINGS_KEY } from "../../src/host/ledger";
import { MemoryWorkbook, createExcelApi, isSetSupportedBy } from "../../src/host/memory";
import { memoryWorkbookFromExcelJS } from "../../src/host/memory/xlsx";
import { createOfficeHost } from "../../src/host/office/host";
import { HostError, type WorkbookHost } from "../../src/host/port";
import {
  LocalizedHostError,
  clearMarks,
  inspectWorkbook,
  insertSummarySheet,
  loadSettings,
  saveSettings,
  scoreWorkbook,
  selectCell,
  undoLastRun,
  type Stage,
} from "../../src/usecases";

const SAMPLE_XLSX = path.join(__dirname, "../../examples/gaozhuang-2023.xlsx");

/** The sample as an in-memory Excel, loaded from the shipped .xlsx through ExcelJS. */
async function sampleWorkbook(): Promise<MemoryWorkbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(SAMPLE_XLSX);
  return memoryWorkbookFromExcelJS(book);
}

function hostFor(wb: MemoryWorkbook) {
  return createOfficeHost(createExcelApi(wb), { isSetSupported: (s, v) => isSetSupportedBy(wb, s, v) });
}

/** Every cell's value, formula and number format, by sheet. */
function cells(wb: MemoryWorkbook) {
  return wb.sheets.map((s) => ({
    name: s.name,
    cells: [...s.cells.entries()]
      .sort(([a], [b]) => a - b)
      .map(([k, c]) => [k, c.value, c.formula ?? null, c.numberFormat ?? "General"]),
  }));
}

/** The address of the first cell on a sheet whose value is `text`. */
function find(wb: MemoryWorkbook, sheet: string, text: string): { row: number; col: number } {
  for (const [key, c] of wb.sheet(sheet).cells)
    if (c.value === text) return { row: Math.floor(key / 16384), col: key % 16384 };
  throw new Error(`"${text}" not on ${sheet}`);
}

function at(wb: MemoryWorkbook, sheet: string, row: number, col: number) {
  const c = wb.sheet(sheet).cells.get(row * 16384 + col);
  return { value: c?.value ?? null, numberFormat: c?.numberFormat ?? "General" };
}

function allValues(wb: MemoryWorkbook, sheet: string): unknown[] {
  return [...wb.sheet(sheet).cells.values()].map((c) => c.value);
}

describe.each(["1.13", "1.7"])("use-cases on the sample workbook (ExcelApi %s)", (api) => {
  it("scores in at most 4 syncs and writes 得分, 得分率, 执行率, 调整率, 85.54 and 良", async () => {
    const wb = await sampleWorkbook();
    wb.supportedApi = api;
    const stages: Stage[] = [];
    const { evaluation, plan, applied } = await scoreWorkbook(hostFor(wb), resolveConfig(), (s) =>
      stages.push(s),
    );
    expect(stages).toEqual(["reading", "scoring", "writing", "done"]);
    expect(wb.stats.syncs).toBeLessThanOrEqual(4);
    expect(evaluation.scores[0].total.score).toBeCloseTo(85.54, 2);
    expect(evaluation.scores[0].total.grade).toBe("良");
    expect(applied.written).toBe(plan.writes.length);

    // 执行率 and 调整率 of 财政拨款.
    const header = find(wb, "预算执行", "执行率");
    const fiscal = find(wb, "预算执行", "财政拨款");
    const exec = at(wb, "预算执行", fiscal.row, header.col);
    expect(exec.value as number).toBeCloseTo(667.92 / 552.45, 6);
    expect(exec.numberFormat).toContain("%");
    const adj = at(wb, "预算执行", fiscal.row, find(wb, "预算执行", "调整率").col);
    expect(adj.value as number).toBeCloseTo(115.47 / 552.45, 6);

    // 得分 of the computed rows and 得分率 beside them.
    const scoreCol = find(wb, "指标评分", "得分").col;
    const rateCol = find(wb, "指标评分", "得分率").col;
    const adjRow = find(wb, "指标评分", "预算调整率").row;
    const execRow = find(wb, "指标评分", "预算执行率").row;
    expect(at(wb, "指标评分", adjRow, scoreCol).value).toBe(0.5);
    expect(at(wb, "指标评分", execRow, scoreCol).value).toBe(2.91);
    expect(at(wb, "指标评分", adjRow, rateCol).value as number).toBeCloseTo(0.5 / 3, 6);
    // An entered score stays as the evaluator wrote it.
    const entered = find(wb, "指标评分", "绩效目标合理性").row;
    expect(at(wb, "指标评分", entered, scoreCol).value).toBe(2.5);
    // Total and grade somewhere on the sheet.
    expect(allValues(wb, "指标评分")).toEqual(expect.arrayContaining([85.54, "良"]));
    expect(wb.settings.has(LEDGER_SETTING_KEY)).toBe(true);
  });

  it("a second run marks the same areas as the first (no finding on the add-in's own output)", async () => {
    const wb = await sampleWorkbook();
    wb.supportedApi = api;
    const host = hostFor(wb);
    await scoreWorkbook(host, resolveConfig());
    const first = wb.sheets.map((s) => s.conditionalFormats.map((f) => `${f.range} ${f.fill}`).sort());
    wb.resetStats();
    const { evaluation } = await scoreWorkbook(host, resolveConfig());
    // Read (1: the sheets are known from the first run), re-check with the previous marks' types, their
    // rule formulas, writes.
    expect(wb.stats.syncs).toBeLessThanOrEqual(4);
    const second = wb.sheets.map((s) => s.conditionalFormats.map((f) => `${f.range} ${f.fill}`).sort());
    expect(
      evaluation.findings
        .filter((f) => f.rule.startsWith("DATA_"))
        .map((f) => `${f.rule} ${f.sheet}!${f.cell}`),
    ).toEqual([]);
    expect(second).toEqual(first);
  });

  it("inspects without writing", async () => {
    const wb = await sampleWorkbook();
    wb.supportedApi = api;
    const before = cells(wb);
    const evaluation = await inspectWorkbook(hostFor(wb));
    expect(evaluation.scores[0].total.score).toBeCloseTo(85.54, 2);
    expect(cells(wb)).toEqual(before);
    expect(wb.settings.size).toBe(0);
  });

  it("scoring twice leaves the same cells as once; undo returns every cell; marks clear", async () => {
    const original = await sampleWorkbook();
    const before = cells(original);
    const once = await sampleWorkbook();
    once.supportedApi = api;
    await scoreWorkbook(hostFor(once), resolveConfig());
    const twice = await sampleWorkbook();
    twice.supportedApi = api;
    const host = hostFor(twice);
    await scoreWorkbook(host, resolveConfig());
    await scoreWorkbook(host, resolveConfig());
    expect(cells(twice)).toEqual(cells(once));
    expect(await clearMarks(host)).toBeGreaterThan(0);
    expect(twice.sheets.every((s) => s.conditionalFormats.length === 0)).toBe(true);
    expect(await undoLastRun(host)).toBeGreaterThan(0);
    expect(cells(twice)).toEqual(before);
  });

  it("inserts the findings summary: 85.54, 良, the levels, a link per finding, a chart; twice → one sheet", async () => {
    const wb = await sampleWorkbook();
    wb.supportedApi = api;
    wb.setCell("问题汇总", "A1", "我自己的表");
    const host = hostFor(wb);
    const evaluation = await inspectWorkbook(host);
    const { sheet } = await insertSummarySheet(host, evaluation);
    expect(sheet).not.toBe("问题汇总");
    const values = allValues(wb, sheet);
    expect(values).toContain(85.54);
    expect(values.some((v) => typeof v === "string" && v.includes("85.54") && v.includes("良"))).toBe(true);
    for (const level of evaluation.scores[0].levels) {
      expect(values).toContain(level.name);
      if (level.rate !== null)
        expect(values.some((v) => typeof v === "number" && Math.abs(v - (level.rate as number)) < 1e-9)).toBe(
          true,
        );
    }
    expect(evaluation.scores[0].levels.length).toBe(5);
    const links = [...wb.sheet(sheet).cells.values()].filter((c) => c.hyperlink?.documentReference);
    const located = evaluation.findings.filter((f) => f.sheet && f.cell);
    expect(links.length).toBeGreaterThanOrEqual(located.length);
    for (const f of located)
      expect(links.some((c) => c.hyperlink!.documentReference!.endsWith(`!${f.cell!.split(":")[0]}`))).toBe(
        true,
      );
    expect(wb.sheet(sheet).charts.length).toBe(1);
    const again = await insertSummarySheet(host, evaluation);
    expect(again.sheet).toBe(sheet);
    expect(wb.sheetNames().filter((n) => n.startsWith("问题汇总")).length).toBe(2);
    expect(wb.cell("问题汇总", "A1").value).toBe("我自己的表");
  });
});

describe("use-cases: settings, selection, errors", () => {
  it("saves valid settings and refuses invalid ones with their errors", async () => {
    const wb = MemoryWorkbook.fromCells({ S: [[1]] });
    const host = hostFor(wb);
    expect(await loadSettings(host)).toEqual({ config: resolveConfig(), errors: [] });
    expect(await saveSettings(host, { thresholds: { executionLow: 0.8 } })).toEqual([]);
    const loaded = await loadSettings(host);
    expect(loaded.errors).toEqual([]);
    expect(loaded.config.thresholds.executionLow).toBe(0.8);
    const errors = await saveSettings(host, { thresholds: { executionLow: -1 } });
    expect(errors.map((e) => e.path)).toEqual(["thresholds.executionLow"]);
    expect(JSON.parse(wb.settings.get(SETTINGS_KEY) as string)).toEqual({
      thresholds: { executionLow: 0.8 },
    });
  });

  it("reports a saved setting that no longer validates", async () => {
    const wb = MemoryWorkbook.fromCells({ S: [[1]] });
    wb.settings.set(SETTINGS_KEY, JSON.stringify({ lang: "fr-FR" }));
    const { config, errors } = await loadSettings(hostFor(wb));
    expect(errors.map((e) => e.path)).toEqual(["lang"]);
    expect(config).toEqual(resolveConfig());
  });

  it("selects a finding's cell", async () => {
    const wb = MemoryWorkbook.fromCells({ 指标评分: [[1]], 预算执行: [[2]] });
    await selectCell(hostFor(wb), "预算执行", "G4");
    expect(wb.selection).toEqual({ sheet: "预算执行", address: "G4" });
  });

  it("turns anything a host throws into a HostError with both languages", async () => {
    const broken = {
      readSnapshot: () => Promise.reject(new TypeError("boom")),
      undoLastRun: () => Promise.reject(new HostError("NotFound", "找不到工作表“X”", "X")),
    } as unknown as WorkbookHost;
    const e1 = await inspectWorkbook(broken).catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(HostError);
    expect((e1 as LocalizedHostError).messages["zh-CN"]).toContain("boom");
    expect((e1 as LocalizedHostError).messages["en-US"]).toContain("Inspecting the workbook");
    const e2 = await undoLastRun(broken).catch((e: unknown) => e);
    expect(e2).toBeInstanceOf(LocalizedHostError);
    expect((e2 as HostError).code).toBe("NotFound");
    expect((e2 as HostError).sheet).toBe("X");
  });

  it("a protected sheet stops scoring with SheetProtected naming it, nothing written", async () => {
    const wb = MemoryWorkbook.fromSnapshot(gaozhuangSnapshot());
    wb.sheet("指标评分").protected = true;
    const before = cells(wb);
    const error = await scoreWorkbook(hostFor(wb), resolveConfig()).catch((e: unknown) => e);
    // The planner may already leave a protected sheet out; then nothing is written there either.
    if (error instanceof HostError) {
      expect(error.code).toBe("SheetProtected");
      expect(error.message).toContain("指标评分");
      expect(cells(wb)).toEqual(before);
    } else {
      const after = cells(wb).find((s) => s.name === "指标评分");
      expect(after).toEqual(before.find((s) => s.name === "指标评分"));
    }
  });
});

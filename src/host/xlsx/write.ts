/**
 * Writing into an in-memory ExcelJS workbook: a WritePlan (values, number formats, marks as conditional
 * formatting rules carrying a marker formula so they can be removed without touching the user's own
 * fills), the ledger of what was written and what each cell held before, undo and clearing of marks,
 * and the 问题汇总 summary sheet. Every check runs before the first cell is touched: a plan naming a
 * protected or missing sheet is refused whole.
 */
import type ExcelJS from "exceljs";
import { a1, parseCell, qualified, rangeA1 } from "../../engine/address";
import type {
  CellValue,
  Ledger,
  LedgerEntry,
  Severity,
  SummarySheet,
  SummaryStyle,
  WritePlan,
} from "../../engine/types";
import { emptyLedger } from "../ledger";
import { HostError, type ApplyResult } from "../port";
import { fitCellText, summarySheetTarget } from "../cells";
import { isLedgerSheet, readLedger, writeLedger } from "./ledger-sheet";
import { plainValue } from "./read";

/** Every mark's rule formula starts with this (always true, and never written by a person). */
export const MARK_PREFIX = 'ISTEXT("perfEval.mark:';

const MARK_FILL: Record<Severity, string> = {
  error: "FFFFC7CE",
  warning: "FFFFEB9C",
  info: "FFDDEBF7",
};

type CfRule = { type: string; formulae?: unknown[] };
type Cf = { ref: string; rules: CfRule[] };

function isMarkRule(rule: CfRule): boolean {
  return (
    rule.type === "expression" &&
    Array.isArray(rule.formulae) &&
    typeof rule.formulae[0] === "string" &&
    rule.formulae[0].startsWith(MARK_PREFIX)
  );
}

function isProtected(sheet: ExcelJS.Worksheet): boolean {
  const p = (sheet as unknown as { sheetProtection?: { sheet?: boolean } | null }).sheetProtection;
  return Boolean(p && p.sheet);
}

function cfOf(sheet: ExcelJS.Worksheet): Cf[] {
  return ((sheet as unknown as { conditionalFormattings?: Cf[] }).conditionalFormattings ??= []);
}

/** What a cell holds, as the ledger keeps it: its value, or "=…" for a formula. */
export function heldValue(cell: ExcelJS.Cell): CellValue {
  if (cell.formula) return `=${cell.formula}`;
  return plainValue(cell.value);
}

function formatOf(cell: ExcelJS.Cell): string {
  return cell.style?.numFmt ?? "General";
}

function setNumberFormat(cell: ExcelJS.Cell, format: string | undefined): void {
  // Styles read from a file are shared between cells: replace the object, never mutate it.
  const style = { ...(cell.style ?? {}) } as Partial<ExcelJS.Style>;
  if (format === undefined) delete style.numFmt;
  else style.numFmt = format;
  cell.style = style;
}

function restoreValue(cell: ExcelJS.Cell, value: CellValue): void {
  if (typeof value === "string" && value.startsWith("=") && value.length > 1)
    cell.value = { formula: value.slice(1) } as ExcelJS.CellFormulaValue;
  else cell.value = value;
}

/** Excel's column count: a cell's key on its sheet is row × COLS + column. */
const COLS = 16384;

function cellsOf<T>(bySheet: Map<string, Map<number, T>>, sheet: string): Map<number, T> {
  let cells = bySheet.get(sheet);
  if (!cells) bySheet.set(sheet, (cells = new Map()));
  return cells;
}

/** Number formats set on written cells: one style object per (style the cell had, format), so ExcelJS
 *  files each combination once instead of serialising a style per cell when it saves. Styles are
 *  replaced, never mutated (a style read from a file is shared between its cells already). */
class StyleCache {
  private readonly empty = new Map<string, Partial<ExcelJS.Style>>();
  private readonly byBase = new WeakMap<object, Map<string, Partial<ExcelJS.Style>>>();

  withFormat(cell: ExcelJS.Cell, numFmt: string): Partial<ExcelJS.Style> {
    const base = cell.style as Partial<ExcelJS.Style> | undefined;
    let plain = true;
    if (base)
      for (const _ in base) {
        plain = false;
        break;
      }
    let formats: Map<string, Partial<ExcelJS.Style>> | undefined;
    if (plain) formats = this.empty;
    else if (!(formats = this.byBase.get(base as object)))
      this.byBase.set(base as object, (formats = new Map()));
    let style = formats.get(numFmt);
    if (!style) formats.set(numFmt, (style = { ...(plain ? {} : base), numFmt }));
    return style;
  }
}

/** A workbook's sheet by name; HostError naming it when it is missing or protected. */
function writableSheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new HostError("NotFound", `找不到工作表“${name}”，未写入任何内容。`, name);
  if (isProtected(sheet))
    throw new HostError(
      "SheetProtected",
      `工作表“${name}”受保护，无法写入评分结果；请先撤销工作表保护。未写入任何内容。`,
      name,
    );
  return sheet;
}

/** Remove every mark the add-in made (its conditional formatting rules only); returns the areas cleared. */
export function clearMarksInWorkbook(workbook: ExcelJS.Workbook): number {
  let cleared = 0;
  for (const sheet of workbook.worksheets) {
    const kept: Cf[] = [];
    for (const cf of cfOf(sheet)) {
      const rules = cf.rules.filter((r) => !isMarkRule(r));
      cleared += cf.rules.length - rules.length;
      if (rules.length) kept.push({ ...cf, rules });
    }
    (sheet as unknown as { conditionalFormattings: Cf[] }).conditionalFormattings = kept;
  }
  return cleared;
}

/** Remove the marks and forget them in the ledger (清除标记). */
export function clearMarksAndLedger(workbook: ExcelJS.Workbook): number {
  const cleared = clearMarksInWorkbook(workbook);
  const ledger = readLedger(workbook);
  if (ledger && ledger.marks.length) writeLedger(workbook, { ...ledger, marks: [] });
  return cleared;
}

/** Apply a plan: all checks first, then values, formats, marks and the ledger. */
export function applyPlanToWorkbook(
  workbook: ExcelJS.Workbook,
  plan: WritePlan,
  runAt: string = new Date().toISOString(),
): { result: ApplyResult; ledger: Ledger } {
  const names = new Set<string>([
    ...plan.sheets,
    ...plan.writes.map((w) => w.sheet),
    ...plan.marks.map((m) => m.sheet),
  ]);
  const sheets = new Map<string, ExcelJS.Worksheet>();
  for (const name of names) {
    const sheet = writableSheet(workbook, name);
    if (isLedgerSheet(sheet)) throw new HostError("NotFound", `不能写入助手自用的工作表“${name}”。`, name);
    sheets.set(name, sheet);
  }
  for (const w of plan.writes) {
    if (!(Number.isInteger(w.row) && Number.isInteger(w.col) && w.row >= 0 && w.col >= 0))
      throw new HostError(
        "NotFound",
        `写入位置无效：工作表“${w.sheet}”第 ${w.row + 1} 行第 ${w.col + 1} 列。`,
        w.sheet,
      );
    if (typeof w.value === "number" && !Number.isFinite(w.value))
      throw new HostError(
        "SyncFailed",
        `拒绝写入非有限数值：“${w.sheet}”!${a1(w.row, w.col)}。`,
        w.sheet,
        a1(w.row, w.col),
      );
  }

  const old = readLedger(workbook);
  // Entries by sheet, then by cell (row × 2^14 + column: Excel has 16,384 columns).
  const oldEntries = new Map<string, Map<number, LedgerEntry>>();
  for (const e of old?.entries ?? []) {
    const { row, col } = parseCell(e.address);
    cellsOf(oldEntries, e.sheet).set(row * COLS + col, e);
  }

  const entries = new Map<string, Map<number, LedgerEntry>>();
  const styles = new StyleCache();
  let sheetName = "";
  let sheet: ExcelJS.Worksheet | undefined;
  let sheetEntries: Map<number, LedgerEntry> | undefined;
  let before: Map<number, LedgerEntry> | undefined;
  for (const w of plan.writes) {
    if (w.sheet !== sheetName || !sheet) {
      sheetName = w.sheet;
      sheet = sheets.get(w.sheet) as ExcelJS.Worksheet;
      sheetEntries = cellsOf(entries, w.sheet);
      before = oldEntries.get(w.sheet);
    }
    const cell = sheet.getRow(w.row + 1).getCell(w.col + 1);
    const held = heldValue(cell);
    const key = w.row * COLS + w.col;
    const last = before?.get(key);
    const entry: LedgerEntry =
      last && last.value === held
        ? { ...last, value: w.value }
        : { sheet: w.sheet, address: a1(w.row, w.col), value: w.value, previous: held };
    if (!(last && last.value === held) && w.numberFormat !== undefined) entry.previousFormat = formatOf(cell);
    const style = w.numberFormat === undefined ? undefined : styles.withFormat(cell, w.numberFormat);
    cell.value = typeof w.value === "string" ? fitCellText(w.value) : w.value;
    if (style) cell.style = style;
    (sheetEntries as Map<number, LedgerEntry>).set(key, entry);
  }
  // Cells written last time and not this time stay the add-in's while they still hold what it wrote.
  for (const [name, cells] of oldEntries) {
    const kept = entries.get(name);
    const oldSheet = workbook.getWorksheet(name);
    for (const [key, e] of cells) {
      if (kept?.has(key)) continue;
      if (oldSheet && heldValue(oldSheet.getCell(e.address)) === e.value) cellsOf(entries, name).set(key, e);
    }
  }

  clearMarksInWorkbook(workbook);
  // One style object per severity: the saved copy files one differential format for each (./package).
  const markStyles = new Map<Severity, object>();
  const markStyle = (severity: Severity): object => {
    let style = markStyles.get(severity);
    if (!style)
      markStyles.set(
        severity,
        (style = { fill: { type: "pattern", pattern: "solid", bgColor: { argb: MARK_FILL[severity] } } }),
      );
    return style;
  };
  plan.marks.forEach((mark) => {
    const sheet = sheets.get(mark.sheet) as ExcelJS.Worksheet;
    const ref = rangeA1(mark.range);
    const rule = {
      type: "expression",
      formulae: [`${MARK_PREFIX}${mark.rule.replace(/"/g, "")}")`],
      style: markStyle(mark.severity),
    };
    sheet.addConditionalFormatting({ ref, rules: [rule] } as unknown as ExcelJS.ConditionalFormattingOptions);
  });

  const ledger: Ledger = {
    ...emptyLedger(runAt),
    entries: [...entries.values()].flatMap((cells) => [...cells.values()]),
    marks: plan.marks.map((m) => ({ sheet: m.sheet, address: rangeA1(m.range) })),
  };
  if (old?.summarySheet !== undefined) ledger.summarySheet = old.summarySheet;
  writeLedger(workbook, ledger);
  const written = new Set(plan.writes.map((w) => w.sheet));
  return {
    result: { written: plan.writes.length, marked: plan.marks.length, sheets: [...written] },
    ledger,
  };
}

/** Restore every cell the last run wrote (and still holds what it wrote); clears the marks too. */
export function undoLastRunInWorkbook(workbook: ExcelJS.Workbook): number {
  const old = readLedger(workbook);
  if (!old) return 0;
  for (const e of old.entries) {
    const sheet = workbook.getWorksheet(e.sheet);
    if (sheet && isProtected(sheet))
      throw new HostError("SheetProtected", `工作表“${e.sheet}”受保护，无法撤销上次评分。`, e.sheet);
  }
  let restored = 0;
  for (const e of old.entries) {
    const sheet = workbook.getWorksheet(e.sheet);
    if (!sheet) continue;
    const cell = sheet.getCell(e.address);
    if (heldValue(cell) !== e.value) continue;
    restoreValue(cell, e.previous);
    if (e.previousFormat !== undefined)
      setNumberFormat(cell, e.previousFormat === "General" ? undefined : e.previousFormat);
    restored++;
  }
  clearMarksInWorkbook(workbook);
  const ledger: Ledger = { ...emptyLedger(old.runAt) };
  if (old.summarySheet !== undefined) ledger.summarySheet = old.summarySheet;
  writeLedger(workbook, ledger);
  return restored;
}

// ───────────────────────────── summary sheet ─────────────────────────────

const THIN = { style: "thin", color: { argb: "FFBFBFBF" } } as const;
const BOX = { top: THIN, left: THIN, bottom: THIN, right: THIN } as Partial<ExcelJS.Borders>;

function solid(argb: string): ExcelJS.Fill {
  return { type: "pattern", pattern: "solid", fgColor: { argb } };
}

const STYLES: Record<SummaryStyle, Partial<ExcelJS.Style>> = {
  title: { font: { bold: true, size: 16 }, alignment: { horizontal: "center", vertical: "middle" } },
  subtitle: { font: { bold: true, size: 12 }, alignment: { vertical: "middle", wrapText: true } },
  header: {
    font: { bold: true },
    fill: solid("FFD9E1F2"),
    border: BOX,
    alignment: { horizontal: "center", vertical: "middle", wrapText: true },
  },
  body: { border: BOX, alignment: { vertical: "top", wrapText: true } },
  total: {
    font: { bold: true },
    border: { ...BOX, top: { style: "double" } },
    alignment: { vertical: "middle" },
  },
  category: { font: { bold: true, size: 12 }, fill: solid("FFF2F2F2"), alignment: { vertical: "middle" } },
  note: {
    font: { italic: true, color: { argb: "FF595959" } },
    alignment: { vertical: "top", wrapText: true },
  },
  link: {
    font: { color: { argb: "FF0563C1" }, underline: true },
    border: BOX,
    alignment: { vertical: "top" },
  },
};

/** Create (or replace the add-in's own earlier) summary sheet; a user's sheet of that name is kept and
 *  another name chosen. Records the sheet in the ledger. */
export function writeSummarySheet(workbook: ExcelJS.Workbook, summary: SummarySheet): { sheet: string } {
  const ledger = readLedger(workbook) ?? emptyLedger();
  const { name, reuse } = summarySheetTarget(
    summary.name,
    workbook.worksheets.map((s) => s.name),
    ledger,
  );
  const ours = reuse ? workbook.getWorksheet(name) : undefined;
  if (ours && isProtected(ours))
    throw new HostError("SheetProtected", `工作表“${ours.name}”受保护，无法更新问题汇总表。`, ours.name);
  // ExcelJS cannot clear a sheet's formats and merges in place: the add-in's own sheet is made again.
  if (ours) workbook.removeWorksheet(ours.id);
  const sheet = workbook.addWorksheet(name, {
    pageSetup: {
      paperSize: 9, // A4
      orientation: summary.print.orientation,
      fitToPage: summary.print.fitToWidth,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.6, right: 0.6, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
    },
  });
  summary.columnWidths.forEach((width, i) => {
    sheet.getColumn(i + 1).width = width;
  });
  summary.rows.forEach((cells, r) => {
    cells.forEach((c, col) => {
      if (!c) return;
      const cell = sheet.getCell(r + 1, col + 1);
      if (c.link && c.value !== null) {
        const target = qualified(c.link.sheet, c.link.address);
        cell.value = {
          text: fitCellText(String(c.value)),
          hyperlink: `#${target}`,
          tooltip: target,
        } as ExcelJS.CellHyperlinkValue;
      } else cell.value = typeof c.value === "string" ? fitCellText(c.value) : c.value;
      const style: Partial<ExcelJS.Style> = { ...(c.style ? STYLES[c.style] : {}) };
      if (c.link) Object.assign(style, STYLES.link);
      if (c.numberFormat) style.numFmt = c.numberFormat;
      cell.style = style;
    });
  });
  for (const m of summary.merges)
    sheet.mergeCells(m.row + 1, m.col + 1, m.row + m.rowCount, m.col + m.colCount);
  ledger.summarySheet = name;
  writeLedger(workbook, ledger);
  return { sheet: name };
}

/** Parse-check an A1 address (throws a HostError naming the sheet when it is not one). */
export function checkedCell(sheet: string, address: string): { row: number; col: number } {
  try {
    return parseCell(address.includes(":") ? address.slice(0, address.indexOf(":")) : address);
  } catch {
    throw new HostError("NotFound", `地址无效：工作表“${sheet}”的“${address}”。`, sheet, address);
  }
}

/**
 * Reading an .xlsx file into the engine's WorkbookSnapshot (Node only, through ExcelJS): plain cell values
 * (rich text and hyperlinks as their text, dates as Excel serial numbers, formulas as their cached result
 * with the formula text beside, errors as "#DIV/0!" …), merges, hidden rows, sheet protection, and the
 * ledger from the add-in's very-hidden sheet (which is not itself part of the snapshot).
 */
import { promises as fs } from "node:fs";
import type ExcelJS from "exceljs";
import { ValueType, Workbook } from "./exceljs";
import type { CellRange, CellValue, SheetSnapshot, WorkbookSnapshot } from "../../engine/types";
import { parseRange } from "../../engine/address";
import { HostError } from "../port";
import { isLedgerSheet, readLedger } from "./ledger-sheet";

const DAY_MS = 86400000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/** A JS date (as ExcelJS reads a date cell, in UTC) → the Excel serial number. */
export function dateToSerial(date: Date, date1904 = false): number {
  return (date.getTime() - (date1904 ? EPOCH_1904 : EPOCH_1900)) / DAY_MS;
}

type RichTextLike = { richText: { text: string }[] };

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null;
}

function richText(x: unknown): string | null {
  if (isObject(x) && Array.isArray((x as RichTextLike).richText))
    return (x as RichTextLike).richText.map((run) => run.text ?? "").join("");
  return null;
}

/** One ExcelJS value (or formula result) → a snapshot CellValue. */
export function plainValue(value: unknown, date1904 = false): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : dateToSerial(value, date1904);
  const rich = richText(value);
  if (rich !== null) return rich;
  if (isObject(value)) {
    if (typeof value.error === "string") return value.error;
    if ("formula" in value || "sharedFormula" in value) return plainValue(value.result, date1904);
    if ("hyperlink" in value) {
      const text = value.text;
      return typeof text === "string"
        ? text
        : (richText(text) ?? (typeof value.hyperlink === "string" ? value.hyperlink : null));
    }
  }
  return null;
}

/** The formula text of a cell ("=SUM(B2:B4)"), shared formulas translated to this cell; else null. */
function formulaOf(cell: ExcelJS.Cell): string | null {
  if (cell.type !== ValueType.Formula) return null;
  const text = cell.formula;
  return text ? `=${text}` : null;
}

function isProtected(sheet: ExcelJS.Worksheet): boolean {
  const protection = (sheet as unknown as { sheetProtection?: { sheet?: boolean } | null }).sheetProtection;
  return Boolean(protection && protection.sheet);
}

type MergeRange = { top: number; left: number; bottom: number; right: number };

/** Merged areas as absolute 0-based ranges. Read from the sheet's merge table (its `model` getter
 *  would build a model of every row and cell just to list them). */
export function mergesOf(sheet: ExcelJS.Worksheet): CellRange[] {
  const table = (sheet as unknown as { _merges?: Record<string, MergeRange> })._merges;
  if (!table || typeof table !== "object") {
    const merges = (sheet.model as unknown as { merges?: string[] }).merges ?? [];
    return merges.map((m) => parseRange(m));
  }
  return Object.values(table).map((m) => ({
    row: m.top - 1,
    col: m.left - 1,
    rowCount: m.bottom - m.top + 1,
    colCount: m.right - m.left + 1,
  }));
}

/** One worksheet → a SheetSnapshot over its used range (trimmed to cells that hold something). The
 *  cells found are kept in parallel arrays (no object per cell) until the grid's size is known. */
export function sheetSnapshot(sheet: ExcelJS.Worksheet, date1904 = false): SheetSnapshot {
  const rows: number[] = [];
  const cols: number[] = [];
  const cellValues: CellValue[] = [];
  const cellFormulas: (string | null)[] = [];
  const hiddenRows: number[] = [];
  let [top, left, bottom, right] = [Infinity, Infinity, -Infinity, -Infinity];
  let hasFormulas = false;
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    if (row.hidden) hiddenRows.push(rowNumber - 1);
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      if (cell.type === ValueType.Merge || cell.type === ValueType.Null) return;
      const value = plainValue(cell.value, date1904);
      const formula = formulaOf(cell);
      if (formula === null && (value === null || value === "")) return;
      const r = rowNumber - 1;
      const c = colNumber - 1;
      rows.push(r);
      cols.push(c);
      cellValues.push(value);
      cellFormulas.push(formula);
      if (formula !== null) hasFormulas = true;
      if (r < top) top = r;
      if (r > bottom) bottom = r;
      if (c < left) left = c;
      if (c > right) right = c;
    });
  });
  const snapshot: SheetSnapshot = { name: sheet.name, top: 0, left: 0, values: [], merges: mergesOf(sheet) };
  if (hiddenRows.length) snapshot.hiddenRows = hiddenRows;
  if (isProtected(sheet)) snapshot.protected = true;
  if (rows.length === 0) return snapshot;
  const width = right - left + 1;
  const height = bottom - top + 1;
  const values: CellValue[][] = new Array<CellValue[]>(height);
  for (let r = 0; r < height; r++) values[r] = new Array<CellValue>(width).fill(null);
  let formulas: (string | null)[][] | undefined;
  if (hasFormulas) {
    formulas = new Array<(string | null)[]>(height);
    for (let r = 0; r < height; r++) formulas[r] = new Array<string | null>(width).fill(null);
  }
  for (let i = 0; i < rows.length; i++) {
    values[rows[i] - top][cols[i] - left] = cellValues[i];
    const formula = cellFormulas[i];
    if (formulas && formula !== null) formulas[rows[i] - top][cols[i] - left] = formula;
  }
  Object.assign(snapshot, { top, left, values });
  if (formulas) snapshot.formulas = formulas;
  return snapshot;
}

/** Every sheet but the add-in's own, plus the ledger. */
export function workbookSnapshot(workbook: ExcelJS.Workbook): WorkbookSnapshot {
  const date1904 = Boolean(workbook.properties?.date1904);
  const sheets = workbook.worksheets.filter((s) => !isLedgerSheet(s)).map((s) => sheetSnapshot(s, date1904));
  const snapshot: WorkbookSnapshot = { sheets };
  const ledger = readLedger(workbook);
  if (ledger) snapshot.ledger = ledger;
  return snapshot;
}

/** Load an .xlsx file, keeping the bytes it was read from (the save checks the copy against them);
 *  HostError "Unreadable" (naming the file) when it is missing or not a workbook. */
async function loadWorkbookData(path: string): Promise<{ workbook: ExcelJS.Workbook; data: Buffer }> {
  let data: Buffer;
  try {
    data = await fs.readFile(path);
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === "ENOENT" ? "文件不存在" : (e as Error).message;
    throw new HostError("Unreadable", `无法读取文件“${path}”：${reason}。`);
  }
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch (e) {
    throw new HostError(
      "Unreadable",
      `无法读取文件“${path}”：不是有效的 .xlsx 工作簿（${(e as Error).message}）。`,
    );
  }
  return { workbook, data };
}

/** An ExcelJS workbook from a file's bytes (already read and checked by ./open). */
export async function loadWorkbookBytes(path: string, data: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch (e) {
    throw new HostError(
      "Unreadable",
      `无法读取文件“${path}”：不是有效的 .xlsx 工作簿（${(e as Error).message}）。`,
    );
  }
  return workbook;
}

/** Load an .xlsx file; HostError "Unreadable" (naming the file) when it is missing or not a workbook. */
export async function loadWorkbookFile(path: string): Promise<ExcelJS.Workbook> {
  return (await loadWorkbookData(path)).workbook;
}

/** The workbook, its snapshot, and the file's bytes (read once). */
export async function readWorkbookFile(
  path: string,
): Promise<{ workbook: ExcelJS.Workbook; snapshot: WorkbookSnapshot; data: Buffer }> {
  const { workbook, data } = await loadWorkbookData(path);
  let snapshot: WorkbookSnapshot;
  try {
    snapshot = workbookSnapshot(workbook);
  } catch (e) {
    throw new HostError("Unreadable", `无法读取文件“${path}”的内容：${(e as Error).message}。`);
  }
  return { workbook, snapshot, data };
}

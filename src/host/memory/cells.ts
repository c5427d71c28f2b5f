/**
 * Cell-level semantics shared by the range proxies: turning what the add-in sends (values/formulas
 * arrays) into cells the way Excel does ("=…" becomes a formula, numeric text becomes a number unless
 * the cell is formatted as text "@", a leading apostrophe forces text, "TRUE"/"FALSE" become booleans,
 * null leaves the cell alone), reading values/formulas/value types back, shape checks, and the used
 * range.
 */
import type { CellRange } from "../../engine/types";
import { intersects } from "./addresses";
import { ErrorCodes, RichApiError, SHAPE_MISMATCH } from "./errors";
import { isErrorText } from "./format";
import { cellKey, isBlankCell, keyCol, keyRow } from "./workbook";
import type { CellScalar, MemoryCell, MemorySheet } from "./workbook";

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const PERCENT = /^([+-]?(\d+\.?\d*|\.\d+))%$/;
/** Excel's limit on the characters in one cell. */
const MAX_CELL_TEXT = 32767;

/** Check a 2-D input against the range's shape (a bare scalar only for a 1×1 range). Returns the rows. */
export function checkShape(
  input: unknown,
  rowCount: number,
  colCount: number,
  location: string,
): unknown[][] {
  if (!Array.isArray(input)) {
    if (rowCount === 1 && colCount === 1 && input !== undefined) return [[input]];
    throw new RichApiError(ErrorCodes.invalidArgument, SHAPE_MISMATCH, location);
  }
  if (input.length !== rowCount) throw new RichApiError(ErrorCodes.invalidArgument, SHAPE_MISMATCH, location);
  for (const row of input) {
    if (!Array.isArray(row) || row.length !== colCount)
      throw new RichApiError(ErrorCodes.invalidArgument, SHAPE_MISMATCH, location);
  }
  return input as unknown[][];
}

/** Check each item is a value Excel accepts (number, string, boolean, null); throws InvalidArgument. */
export function checkScalar(x: unknown, location: string): void {
  if (x === null || x === undefined || typeof x === "boolean") return;
  if (typeof x === "number") {
    if (!Number.isFinite(x)) throw new RichApiError(ErrorCodes.invalidArgument, undefined, location);
    return;
  }
  if (typeof x === "string") {
    if (x.length > MAX_CELL_TEXT) throw new RichApiError(ErrorCodes.invalidArgument, undefined, location);
    return;
  }
  throw new RichApiError(ErrorCodes.invalidArgument, undefined, location);
}

export function getCell(sheet: MemorySheet, row: number, col: number): MemoryCell | undefined {
  return sheet.cells.get(cellKey(row, col));
}

/** The cell record, created when missing. */
export function ensureCell(sheet: MemorySheet, row: number, col: number): MemoryCell {
  const key = cellKey(row, col);
  let cell = sheet.cells.get(key);
  if (!cell) {
    cell = { value: null };
    sheet.cells.set(key, cell);
  }
  return cell;
}

/** Drop the record when nothing is left in it. */
export function tidy(sheet: MemorySheet, row: number, col: number): void {
  const key = cellKey(row, col);
  const cell = sheet.cells.get(key);
  if (cell && isBlankCell(cell)) sheet.cells.delete(key);
}

/** Write one input as Excel's values/formulas setters do. null/undefined: leave the cell unchanged. */
export function writeValue(sheet: MemorySheet, row: number, col: number, input: unknown): void {
  if (input === null || input === undefined) return;
  const cell = ensureCell(sheet, row, col);
  const previousFormula = cell.formula;
  const previousValue = cell.value;
  delete cell.formula;
  if (typeof input === "string") {
    const text = input;
    const asText = cell.numberFormat === "@";
    if (text.startsWith("=") && text.length > 1 && !asText) {
      cell.formula = text;
      // Not evaluated: keep the cached value only when the same formula was already there.
      cell.value = previousFormula === text ? previousValue : "";
    } else if (text.startsWith("'")) {
      cell.value = text.slice(1);
    } else if (text === "") {
      cell.value = null;
    } else if (!asText && NUMBER.test(text.trim())) {
      cell.value = Number(text.trim());
    } else if (!asText && PERCENT.test(text.trim())) {
      const m = PERCENT.exec(text.trim()) as RegExpExecArray;
      cell.value = Number(m[1]) / 100;
      if (!cell.numberFormat || cell.numberFormat === "General")
        cell.numberFormat = m[1].includes(".") ? "0.00%" : "0%";
    } else if (!asText && /^(true|false)$/i.test(text.trim())) {
      cell.value = text.trim().toLowerCase() === "true";
    } else {
      cell.value = text;
    }
  } else {
    // Excel has no negative zero.
    cell.value = input === 0 ? 0 : (input as CellScalar);
  }
  tidy(sheet, row, col);
}

/** Range.values for one cell: number, string ("" for empty), boolean. */
export function readValue(cell: MemoryCell | undefined): CellScalar {
  const v = cell?.value;
  return v === null || v === undefined ? "" : v;
}

/** Range.formulas for one cell: the formula text, else the value. */
export function readFormula(cell: MemoryCell | undefined): CellScalar {
  return cell?.formula ?? readValue(cell);
}

/** Range.valueTypes for one cell. */
export function readValueType(cell: MemoryCell | undefined): string {
  const v = cell?.value;
  if (v === null || v === undefined || v === "") return "Empty";
  if (typeof v === "number") return "Double";
  if (typeof v === "boolean") return "Boolean";
  return isErrorText(v) ? "Error" : "String";
}

/** A 2-D grid over an area, built cell by cell. */
export function grid<V>(
  sheet: MemorySheet,
  r: CellRange,
  read: (cell: MemoryCell | undefined, row: number, col: number) => V,
): V[][] {
  const out: V[][] = new Array<V[]>(r.rowCount);
  const cells = sheet.cells;
  for (let i = 0; i < r.rowCount; i++) {
    const row = r.row + i;
    const base = cellKey(row, r.col);
    const line: V[] = new Array<V>(r.colCount);
    for (let j = 0; j < r.colCount; j++) line[j] = read(cells.get(base + j), row, r.col + j);
    out[i] = line;
  }
  return out;
}

/** Cells of a sheet inside an area (only the stored ones, not every address). */
export function cellsIn(sheet: MemorySheet, r: CellRange): { row: number; col: number; cell: MemoryCell }[] {
  const out: { row: number; col: number; cell: MemoryCell }[] = [];
  const area = r.rowCount * r.colCount;
  if (area <= sheet.cells.size * 4) {
    for (let i = 0; i < r.rowCount; i++)
      for (let j = 0; j < r.colCount; j++) {
        const cell = getCell(sheet, r.row + i, r.col + j);
        if (cell) out.push({ row: r.row + i, col: r.col + j, cell });
      }
    return out;
  }
  for (const [key, cell] of sheet.cells) {
    const row = keyRow(key);
    const col = keyCol(key);
    if (row >= r.row && row < r.row + r.rowCount && col >= r.col && col < r.col + r.colCount)
      out.push({ row, col, cell });
  }
  return out.sort((a, b) => a.row - b.row || a.col - b.col);
}

/** The used range: bounding box of cells with a value or formula (valuesOnly) or also any formatting
 *  and merges. null when the sheet is empty. */
export function usedArea(sheet: MemorySheet, valuesOnly: boolean): CellRange | null {
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  const take = (row: number, col: number) => {
    top = Math.min(top, row);
    left = Math.min(left, col);
    bottom = Math.max(bottom, row);
    right = Math.max(right, col);
  };
  for (const [key, cell] of sheet.cells) {
    const hasValue = (cell.value !== null && cell.value !== "") || !!cell.formula;
    if (hasValue || (!valuesOnly && !isBlankCell(cell))) take(keyRow(key), keyCol(key));
  }
  if (!valuesOnly)
    for (const m of sheet.merges) {
      take(m.row, m.col);
      take(m.row + m.rowCount - 1, m.col + m.colCount - 1);
    }
  if (bottom < 0) return null;
  return { row: top, col: left, rowCount: bottom - top + 1, colCount: right - left + 1 };
}

/** Merged areas that intersect an area. */
export function mergesIn(sheet: MemorySheet, r: CellRange): CellRange[] {
  return sheet.merges.filter((m) => intersects(m, r));
}

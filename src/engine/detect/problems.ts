/**
 * Collecting input problems during detection (deduplicated per cell and code), and reading a cell as a
 * number while recording Excel errors and text-in-number-cell problems.
 */
import type { SheetGrid } from "../grid";
import type { DataCode } from "../rules/data";
import type { InputProblem, MoneyUnit } from "../types";
import { isExcelError, readNumber } from "../values";

export class ProblemLog {
  readonly list: InputProblem[] = [];
  private readonly seen = new Set<string>();

  add(
    code: DataCode,
    sheet: string,
    row: number,
    col: number,
    params: Record<string, string | number>,
  ): void {
    const key = `${code}|${sheet}|${row}|${col}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push({ code, sheet, row, col, params });
  }
}

interface NumberCellOptions {
  /** Text values that are expected and not a problem (e.g. 不适用 in a 得分 cell). */
  allowText?: (text: string) => boolean;
}

/** The number in a cell the engine reads; Excel errors and text are logged and read as null. */
export function readNumberCell(
  grid: SheetGrid,
  row: number,
  col: number | undefined,
  log: ProblemLog,
  options: NumberCellOptions = {},
): number | null {
  if (col === undefined) return null;
  const v = grid.value(row, col);
  // the common cells, as readNumber reads them, without its result object
  if (v === null) return null;
  if (typeof v === "number" && Number.isFinite(v)) return v;
  const r = readNumber(v);
  switch (r.kind) {
    case "number":
      return r.value;
    case "blank":
      return null;
    case "error":
      log.add("DATA_EXCEL_ERROR", grid.name, row, col, { value: r.error });
      return null;
    case "text":
      if (!options.allowText?.(r.text)) log.add("DATA_NOT_A_NUMBER", grid.name, row, col, { text: r.text });
      return null;
  }
}

/** A value in `unit` converted to 万元. */
function toWan(value: number, unit: MoneyUnit | "千元" | "亿元"): number {
  switch (unit) {
    case "元":
      return value / 10000;
    case "千元":
      return value / 10;
    case "亿元":
      return value * 10000;
    default:
      return value;
  }
}

/** A money cell in 万元: the table's unit (or a unit written in the cell, `5,524,500元`) converted. */
export function readMoneyCell(
  grid: SheetGrid,
  row: number,
  col: number | undefined,
  tableUnit: MoneyUnit,
  log: ProblemLog,
): number | null {
  if (col === undefined) return null;
  const v = grid.value(row, col);
  if (v === null) return null;
  // a plain number is in the table's unit (readNumber gives it no unit of its own)
  if (typeof v === "number" && Number.isFinite(v)) return toWan(v, tableUnit);
  const r = readNumber(v);
  if (r.kind !== "number") return readNumberCell(grid, row, col, log);
  const unit =
    r.unit === "元" || r.unit === "万元" || r.unit === "亿元" || r.unit === "千元" ? r.unit : tableUnit;
  return toWan(r.value, unit);
}

/** Log an Excel error in a cell read raw (targets, actual values). */
export function checkExcelError(
  grid: SheetGrid,
  row: number,
  col: number | undefined,
  log: ProblemLog,
): void {
  if (col === undefined) return;
  const v = grid.value(row, col);
  if (isExcelError(v))
    log.add("DATA_EXCEL_ERROR", grid.name, row, col, { value: (v as string).trim().toUpperCase() });
}

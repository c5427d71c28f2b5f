/**
 * Addresses and sheet names as Excel treats them: "A1", "$B$2:C9", "A:C" (whole columns), "3:5" (whole
 * rows), "'my sheet'!A1", comma-separated areas; Excel's sheet-name rules; quoting a sheet name in an
 * address the way Range.address does ("指标评分!I5:I26", "'my sheet'!A1").
 */
import { columnIndex, columnName } from "../../engine/address";
import type { CellRange } from "../../engine/types";
import { ErrorCodes, RichApiError } from "./errors";

export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;
const COLS = /^\$?([A-Za-z]{1,3}):\$?([A-Za-z]{1,3})$/;
const ROWS = /^\$?(\d{1,7}):\$?(\d{1,7})$/;

function cellOrNull(text: string): { row: number; col: number } | null {
  const m = CELL.exec(text);
  if (!m) return null;
  const row = Number(m[2]) - 1;
  const col = columnIndex(m[1]);
  if (row < 0 || row >= MAX_ROWS || col < 0 || col >= MAX_COLS) return null;
  return { row, col };
}

/** Split "Sheet!A1:B2" / "'it''s'!A1" into sheet name (unquoted, or null) and the local part. */
export function splitSheet(address: string): { sheet: string | null; local: string } {
  const text = address.trim();
  const bang = text.lastIndexOf("!");
  if (bang < 0) return { sheet: null, local: text };
  let sheet = text.slice(0, bang).trim();
  if (sheet.startsWith("'") && sheet.endsWith("'") && sheet.length >= 2)
    sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, local: text.slice(bang + 1).trim() };
}

/** One area, without a sheet part. null when it is not a valid A1 area. */
export function parseArea(local: string): CellRange | null {
  const text = local.trim();
  const cols = COLS.exec(text);
  if (cols) {
    const a = columnIndex(cols[1]);
    const b = columnIndex(cols[2]);
    if (a >= MAX_COLS || b >= MAX_COLS) return null;
    return { row: 0, col: Math.min(a, b), rowCount: MAX_ROWS, colCount: Math.abs(b - a) + 1 };
  }
  const rows = ROWS.exec(text);
  if (rows) {
    const a = Number(rows[1]) - 1;
    const b = Number(rows[2]) - 1;
    if (a < 0 || b < 0 || a >= MAX_ROWS || b >= MAX_ROWS) return null;
    return { row: Math.min(a, b), col: 0, rowCount: Math.abs(b - a) + 1, colCount: MAX_COLS };
  }
  const [first, second, extra] = text.split(":");
  if (extra !== undefined) return null;
  const a = cellOrNull(first.trim());
  const b = second === undefined ? a : cellOrNull(second.trim());
  if (!a || !b) return null;
  return {
    row: Math.min(a.row, b.row),
    col: Math.min(a.col, b.col),
    rowCount: Math.abs(b.row - a.row) + 1,
    colCount: Math.abs(b.col - a.col) + 1,
  };
}

/** Parse an address for a worksheet's getRange/getRanges: every area must be valid and, when it names
 *  a sheet, name this one (case-insensitive). Throws InvalidArgument otherwise. */
export function parseAreas(address: string, sheetName: string, allowMany: boolean): CellRange[] {
  const parts = address.split(",").map((p) => p.trim());
  if (parts.length === 0 || (!allowMany && parts.length > 1)) throw invalidAddress(address);
  return parts.map((part) => {
    const { sheet, local } = splitSheet(part);
    if (sheet !== null && sheet.toLowerCase() !== sheetName.toLowerCase()) throw invalidAddress(address);
    const area = parseArea(local);
    if (!area) throw invalidAddress(address);
    return area;
  });
}

function invalidAddress(address: string): RichApiError {
  return new RichApiError(ErrorCodes.invalidArgument, undefined, `getRange("${address}")`);
}

/** "B2:D9" ("B2" for one cell; "A:C" / "3:5" for whole columns / rows), as Range.address gives it. */
export function localAddress(r: CellRange): string {
  if (r.rowCount === MAX_ROWS && r.row === 0)
    return `${columnName(r.col)}:${columnName(r.col + r.colCount - 1)}`;
  if (r.colCount === MAX_COLS && r.col === 0) return `${r.row + 1}:${r.row + r.rowCount}`;
  const start = `${columnName(r.col)}${r.row + 1}`;
  if (r.rowCount === 1 && r.colCount === 1) return start;
  return `${start}:${columnName(r.col + r.colCount - 1)}${r.row + r.rowCount}`;
}

const PLAIN_NAME = /^[\p{L}_][\p{L}\p{N}_.]*$/u;
const LOOKS_LIKE_A1 = /^[A-Za-z]{1,3}\d+$/;
const LOOKS_LIKE_R1C1 = /^[Rr](\d*)([Cc](\d*))?$|^[Cc]\d*$/;

/** The sheet part of an address: bare when Excel leaves it bare, else quoted with '' escaping. */
function sheetPrefix(name: string): string {
  const bare = PLAIN_NAME.test(name) && !LOOKS_LIKE_A1.test(name) && !LOOKS_LIKE_R1C1.test(name);
  return bare ? name : `'${name.replace(/'/g, "''")}'`;
}

/** "指标评分!I5:I26", "'my sheet'!A1". */
export function qualifiedAddress(sheet: string, r: CellRange): string {
  return `${sheetPrefix(sheet)}!${localAddress(r)}`;
}

const FORBIDDEN = /[:\\/?*[\]]/;

/** Excel's sheet-name rules: 1–31 characters, none of : \ / ? * [ ], not starting or ending with '.
 *  Returns the reason, or null when the name is valid. */
export function sheetNameProblem(name: unknown): string | null {
  if (typeof name !== "string") return "not text";
  if (name.length === 0 || name.trim().length === 0) return "empty";
  if (name.length > 31) return "longer than 31 characters";
  const bad = FORBIDDEN.exec(name);
  if (bad) return `contains "${bad[0]}"`;
  if (name.startsWith("'") || name.endsWith("'")) return "starts or ends with an apostrophe";
  if (name.toLowerCase() === "history") return "reserved name";
  return null;
}

export function intersects(a: CellRange, b: CellRange): boolean {
  return (
    a.row < b.row + b.rowCount &&
    b.row < a.row + a.rowCount &&
    a.col < b.col + b.colCount &&
    b.col < a.col + a.colCount
  );
}

export function contains(outer: CellRange, inner: CellRange): boolean {
  return (
    inner.row >= outer.row &&
    inner.col >= outer.col &&
    inner.row + inner.rowCount <= outer.row + outer.rowCount &&
    inner.col + inner.colCount <= outer.col + outer.colCount
  );
}

/** A1 addresses ↔ 0-based absolute coordinates. */
import type { CellRange } from "./types";

/** Column names already built (A … ZZZ at most), so a1() on many cells does not rebuild them. */
const NAMES: string[] = [];

export function columnName(col: number): string {
  const known = NAMES[col];
  if (known !== undefined) return known;
  const name = buildColumnName(col);
  if (Number.isInteger(col) && col >= 0 && col < 18278) NAMES[col] = name;
  return name;
}

function buildColumnName(col: number): string {
  let n = col + 1;
  let name = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    name = String.fromCharCode(65 + rem) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

export function columnIndex(name: string): number {
  let n = 0;
  for (const ch of name.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** (row 0, col 1) → "B1". */
export function a1(row: number, col: number): string {
  return `${columnName(col)}${row + 1}`;
}

/** A range → "B2:D9" ("B2" for a single cell). */
export function rangeA1(range: CellRange): string {
  const start = a1(range.row, range.col);
  if (range.rowCount === 1 && range.colCount === 1) return start;
  return `${start}:${a1(range.row + range.rowCount - 1, range.col + range.colCount - 1)}`;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;

/** Where scanCellInto leaves a cell it read (no object per cell). */
let scannedRow = 0;
let scannedCol = 0;

/** The CELL pattern read by hand (no match arrays): false when `s` is not exactly one A1 cell; else
 *  the 0-based cell is in scannedRow / scannedCol. */
function scanCellInto(s: string): boolean {
  const n = s.length;
  let i = 0;
  if (s.charCodeAt(i) === 36) i++;
  let col = 0;
  let letters = 0;
  for (; i < n && letters <= 3; i++, letters++) {
    const c = s.charCodeAt(i);
    const v = c >= 65 && c <= 90 ? c - 64 : c >= 97 && c <= 122 ? c - 96 : 0;
    if (v === 0) break;
    col = col * 26 + v;
  }
  if (letters < 1 || letters > 3) return false;
  if (i < n && s.charCodeAt(i) === 36) i++;
  let row = 0;
  let digits = 0;
  for (; i < n && digits <= 7; i++, digits++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) break;
    row = row * 10 + (c - 48);
  }
  if (digits < 1 || digits > 7 || i !== n) return false;
  scannedRow = row - 1;
  scannedCol = col - 1;
  return true;
}

function scanCell(s: string): { row: number; col: number } | null {
  return scanCellInto(s) ? { row: scannedRow, col: scannedCol } : null;
}

/** "B7" → { row: 6, col: 1 }; throws on anything else. */
export function parseCell(address: string): { row: number; col: number } {
  const trimmed = address.trim();
  const fast = scanCell(trimmed);
  if (fast) return fast;
  const m = CELL.exec(trimmed);
  if (!m) throw new Error(`Not an A1 cell address: "${address}"`);
  return { row: Number(m[2]) - 1, col: columnIndex(m[1]) };
}

/** "B2:D9", "B2", or "Sheet1!B2:D9" (the sheet part is dropped) → a range. */
export function parseRange(address: string): CellRange {
  const bang = address.lastIndexOf("!");
  const bare = bang >= 0 ? address.slice(bang + 1) : address;
  // as bare.split(":")'s first two parts
  const colon = bare.indexOf(":");
  const first = colon < 0 ? bare : bare.slice(0, colon);
  let second = "";
  if (colon >= 0) {
    const rest = bare.slice(colon + 1);
    const next = rest.indexOf(":");
    second = next < 0 ? rest : rest.slice(0, next);
  }
  const a = parseCell(first);
  const b = second ? parseCell(second) : a;
  if (b === a) return { row: a.row, col: a.col, rowCount: 1, colCount: 1 };
  const row = Math.min(a.row, b.row);
  const col = Math.min(a.col, b.col);
  return { row, col, rowCount: Math.abs(b.row - a.row) + 1, colCount: Math.abs(b.col - a.col) + 1 };
}

/** parseRange into `out` as [row, col, rowCount, colCount] without allocating for a plain one-cell
 *  address; false where parseRange would throw. */
export function parseRangeInto(address: string, out: number[]): boolean {
  const t = address.trim();
  if (t.indexOf("!") < 0 && t.indexOf(":") < 0 && scanCellInto(t)) {
    out[0] = scannedRow;
    out[1] = scannedCol;
    out[2] = 1;
    out[3] = 1;
    return true;
  }
  let range: CellRange;
  try {
    range = parseRange(address);
  } catch {
    return false;
  }
  out[0] = range.row;
  out[1] = range.col;
  out[2] = range.rowCount;
  out[3] = range.colCount;
  return true;
}

/** Quote a sheet name for a formula or hyperlink: 'My sheet'!A1. */
export function qualified(sheet: string, address: string): string {
  return `'${sheet.replace(/'/g, "''")}'!${address}`;
}

/** A1 addresses ↔ 0-based absolute coordinates. */
import type { CellRange } from "./types";

export function columnName(col: number): string {
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

/** "B7" → { row: 6, col: 1 }; throws on anything else. */
export function parseCell(address: string): { row: number; col: number } {
  const m = CELL.exec(address.trim());
  if (!m) throw new Error(`Not an A1 cell address: "${address}"`);
  return { row: Number(m[2]) - 1, col: columnIndex(m[1]) };
}

/** "B2:D9", "B2", or "Sheet1!B2:D9" (the sheet part is dropped) → a range. */
export function parseRange(address: string): CellRange {
  const bare = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
  const [first, second] = bare.split(":");
  const a = parseCell(first);
  const b = second ? parseCell(second) : a;
  const row = Math.min(a.row, b.row);
  const col = Math.min(a.col, b.col);
  return { row, col, rowCount: Math.abs(b.row - a.row) + 1, colCount: Math.abs(b.col - a.col) + 1 };
}

/** Quote a sheet name for a formula or hyperlink: 'My sheet'!A1. */
export function qualified(sheet: string, address: string): string {
  return `'${sheet.replace(/'/g, "''")}'!${address}`;
}

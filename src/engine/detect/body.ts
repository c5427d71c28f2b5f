/**
 * The rows of a table below its header: they run until two blank rows, a footer line (注：, 填表人 …),
 * a row the caller calls a break, or the header of the next table.
 */
import type { SheetGrid } from "../grid";
import { isFooterLabel, matchHeader, MAX_HEADER_TEXT } from "../headers";
import { cellText } from "../values";
import { readHeader, type HeaderInfo } from "./header";

export interface BodyOptions {
  /** Columns where a header text would announce the next table (checked cheaply on every row). */
  keyCols: number[];
  /** True for a row that ends the table (e.g. a merged prose row across the figures). */
  isBreak?: (row: number) => boolean;
}

function firstText(grid: SheetGrid, row: number, left: number, right: number): string | null {
  for (let c = left; c <= right; c++) {
    const v = grid.value(row, c);
    if (v === null) continue;
    return typeof v === "string" ? cellText(v) : null;
  }
  return null;
}

/** True when the row opens another table (its header); returns that header's first row. */
function nextHeaderAt(grid: SheetGrid, row: number, keyCols: number[]): number | null {
  let hinted = false;
  for (let i = 0; i < keyCols.length; i++) {
    const v = grid.value(row, keyCols[i]);
    if (typeof v === "string" && v.length <= MAX_HEADER_TEXT && matchHeader(v) !== null) {
      hinted = true;
      break;
    }
  }
  if (!hinted) return null;
  return readHeader(grid, row)?.row ?? null;
}

/** Non-blank rows of the table, in order. */
export function scanBody(grid: SheetGrid, header: HeaderInfo, options: BodyOptions): number[] {
  const rows: number[] = [];
  let blankRun = 0;
  for (let r = header.firstDataRow; r < grid.bottom; r++) {
    if (grid.isBlankRow(r, header.left, header.right)) {
      if (++blankRun >= 2) break;
      continue;
    }
    blankRun = 0;
    const first = firstText(grid, r, header.left, header.right);
    if (first !== null && isFooterLabel(first)) break;
    const next = nextHeaderAt(grid, r, options.keyCols);
    if (next !== null) {
      while (rows.length && rows[rows.length - 1] >= next) rows.pop();
      break;
    }
    if (options.isBreak?.(r)) break;
    rows.push(r);
  }
  return rows;
}

/** Columns of the header as a list (for keyCols). */
export function columnsOf(header: HeaderInfo, fields: (keyof HeaderInfo["columns"])[]): number[] {
  const out: number[] = [];
  for (const f of fields) {
    const c = header.columns[f];
    if (c !== undefined) out.push(c);
  }
  return out;
}

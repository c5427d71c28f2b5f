/**
 * The rows of a table below its header: they run until two blank rows, a footer line (注：, 填表人 …),
 * a row the caller calls a break, or the header of the next table.
 */
import type { SheetGrid } from "../grid";
import { isFooterLabel, matchHeader, MAX_HEADER_TEXT } from "../headers";
import { cellText } from "../values";
import { readHeader, type HeaderInfo } from "./header";

interface BodyOptions {
  /** Columns where a header text would announce the next table (checked cheaply on every row). */
  keyCols: number[];
  /** True for a row that ends the table (e.g. a merged prose row across the figures). */
  isBreak?: (row: number) => boolean;
  /** The header repeated further down (forms printed with repeated title rows, or pasted twice) is
   *  skipped and the rows below it continue this table. Off for target tables, whose blocks repeat
   *  the header once per project under their own 项目名称 line. */
  continueAfterRepeat?: boolean;
}

/** Labels of the info lines above a form's table (`项目名称 | …`): a header repeated right under one is
 *  the next form's, not a printed repeat. */
const INFO_LABELS = /^(?:项目名称|主管部门|实施单位|部门名称|单位名称|预算部门|项目单位|填报单位|编制单位)/;

function rowTexts(grid: SheetGrid, row: number, left: number, right: number): (string | null)[] {
  const out: (string | null)[] = [];
  for (let c = left; c <= right; c++) out.push(cellText(grid.value(row, c)));
  return out;
}

function sameTexts(a: (string | null)[], b: (string | null)[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The rows that would repeat the header: the title rows directly above it (up to 3, not blank), then the
 *  header rows. */
interface RepeatShape {
  anchor: number;
  anchorText: string;
  titles: (string | null)[][];
  header: (string | null)[][];
}

function repeatShape(grid: SheetGrid, header: HeaderInfo): RepeatShape | null {
  const last = header.firstDataRow - 1;
  let anchor = -1;
  let anchorText = "";
  for (let c = header.left; c <= header.right && anchor < 0; c++) {
    const t = cellText(grid.value(last, c));
    if (t !== null) {
      anchor = c;
      anchorText = t;
    }
  }
  if (anchor < 0) return null;
  const rows: (string | null)[][] = [];
  for (let r = header.row; r <= last; r++) rows.push(rowTexts(grid, r, header.left, header.right));
  const titles: (string | null)[][] = [];
  for (let r = header.row - 1; r >= Math.max(grid.top, header.row - 3) && !grid.isBlankRow(r); r--)
    titles.unshift(rowTexts(grid, r, header.left, header.right));
  return { anchor, anchorText, titles, header: rows };
}

/** How many rows from `row` repeat the header (with or without its title rows); 0 when none. */
function repeatLength(
  grid: SheetGrid,
  header: HeaderInfo,
  shape: RepeatShape,
  row: number,
  prev: number | null,
): number {
  const matches = (start: number, block: (string | null)[][]) =>
    block.every((texts, i) => sameTexts(rowTexts(grid, start + i, header.left, header.right), texts));
  const headerRows = shape.header.length;
  const lastOffset = headerRows - 1;
  // with the title rows printed again above it
  for (let k = shape.titles.length; k >= 1; k--) {
    const titles = shape.titles.slice(shape.titles.length - k);
    if (cellText(grid.value(row + k + lastOffset, shape.anchor)) !== shape.anchorText) continue;
    if (matches(row, titles) && matches(row + k, shape.header)) return k + headerRows;
  }
  // the header rows alone, unless they follow the next form's info line
  if (cellText(grid.value(row + lastOffset, shape.anchor)) !== shape.anchorText) return 0;
  if (!matches(row, shape.header)) return 0;
  if (prev !== null && prev === row - 1) {
    const first = rowTexts(grid, prev, header.left, header.right).find((t) => t !== null) ?? "";
    if (INFO_LABELS.test(first.replace(/\s+/g, ""))) return 0;
  }
  return headerRows;
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

/** The rows of a table; `end` is the last row of a repeated header skipped after the last of them
 *  (part of the table's range, so the scanner does not read it as a new, empty table). */
type BodyRows = number[] & { end?: number };

/** The table's last row: its last body row, or a repeated header skipped after it. */
export function lastRowOf(body: BodyRows, header: HeaderInfo): number {
  const last = body.length ? body[body.length - 1] : header.firstDataRow - 1;
  return body.end !== undefined && body.end > last ? body.end : last;
}

/** Non-blank rows of the table, in order. */
export function scanBody(grid: SheetGrid, header: HeaderInfo, options: BodyOptions): BodyRows {
  const rows: BodyRows = [];
  const shape = options.continueAfterRepeat ? repeatShape(grid, header) : null;
  let blankRun = 0;
  for (let r = header.firstDataRow; r < grid.bottom; r++) {
    if (grid.isBlankRow(r, header.left, header.right)) {
      if (++blankRun >= 2) break;
      continue;
    }
    blankRun = 0;
    if (shape) {
      const skip = repeatLength(grid, header, shape, r, rows.length ? rows[rows.length - 1] : null);
      if (skip > 0) {
        r += skip - 1;
        rows.end = r;
        continue;
      }
    }
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

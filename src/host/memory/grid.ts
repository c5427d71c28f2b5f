/**
 * sheetGrid: a read-only view of one sheet for the browser demo — every cell from A1 to the bottom-right
 * of the used range, its text formatted by its number format ("0.00" → 2 decimals, "0.00%" → percent),
 * formula, fill, and whether a conditional format (the add-in's marks) covers it.
 */
import type { CellRange } from "../../engine/types";
import { parseAreas } from "./addresses";
import { getCell, usedArea } from "./cells";
import { formatValue } from "./format";
import type { MemoryWorkbook } from "./workbook";

interface GridCell {
  value: string;
  formula?: string;
  numberFormat?: string;
  fill?: string;
  /** A conditional format covers the cell (how the add-in marks findings). */
  marked: boolean;
  /** The covering conditional format's fill, when it has one. */
  markFill?: string;
}

interface SheetGridView {
  /** Row-major from A1 (rows[r][c] is the cell at row r, column c, 0-based). */
  rows: GridCell[][];
  /** Merged areas, 0-based absolute. */
  merges: CellRange[];
}

export function sheetGrid(workbook: MemoryWorkbook, sheetName: string): SheetGridView {
  const sheet = workbook.sheet(sheetName);
  const used = usedArea(sheet, false);
  const marks: { area: CellRange; fill: string | null }[] = [];
  for (const cf of sheet.conditionalFormats) {
    let areas: CellRange[] = [];
    try {
      areas = parseAreas(cf.range, sheet.name, true);
    } catch {
      areas = [];
    }
    for (const area of areas) marks.push({ area, fill: cf.fill });
  }
  let bottom = used ? used.row + used.rowCount : 0;
  let right = used ? used.col + used.colCount : 0;
  for (const m of marks) {
    if (m.area.rowCount < 100000) bottom = Math.max(bottom, m.area.row + m.area.rowCount);
    if (m.area.colCount < 1000) right = Math.max(right, m.area.col + m.area.colCount);
  }
  const rows: GridCell[][] = [];
  for (let r = 0; r < bottom; r++) {
    const line: GridCell[] = [];
    for (let c = 0; c < right; c++) {
      const cell = getCell(sheet, r, c);
      const out: GridCell = { value: formatValue(cell?.value ?? null, cell?.numberFormat), marked: false };
      if (cell?.formula) out.formula = cell.formula;
      if (cell?.numberFormat) out.numberFormat = cell.numberFormat;
      if (cell?.fill) out.fill = cell.fill;
      const mark = marks.find(
        (m) =>
          r >= m.area.row &&
          r < m.area.row + m.area.rowCount &&
          c >= m.area.col &&
          c < m.area.col + m.area.colCount,
      );
      if (mark) {
        out.marked = true;
        if (mark.fill) out.markFill = mark.fill;
      }
      line.push(out);
    }
    rows.push(line);
  }
  return { rows, merges: sheet.merges.map((m) => ({ ...m })) };
}

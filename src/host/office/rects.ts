/**
 * Grouping single-cell writes into 2-D rectangles so the adapter writes whole blocks, never a cell or a
 * row at a time. Cells inside a rectangle that must stay unchanged hold `null` (Excel leaves them alone).
 */
import type { CellRange } from "../../engine/types";

interface CellItem<T> {
  row: number;
  col: number;
  data: T;
}

export interface Rect<T> extends CellRange {
  /** rowCount × colCount; null where no item. */
  cells: (T | null)[][];
}

/** Rows of gap inside a column run that are still bridged with nulls. */
const MAX_ROW_GAP = 4;

interface Segment<T> {
  col: number;
  row: number;
  rowCount: number;
  items: CellItem<T>[];
}

/**
 * Rectangles holding every item exactly once (rectangles may overlap; each cell is non-null in one). Items of one column are joined into runs (bridging small
 * gaps); runs of adjacent columns are joined while the rectangle stays at least half full.
 */
export function toRects<T>(items: CellItem<T>[]): Rect<T>[] {
  const byCell = new Map<string, CellItem<T>>();
  for (const item of items) byCell.set(`${item.row}:${item.col}`, item);
  const unique = [...byCell.values()].sort((a, b) => a.col - b.col || a.row - b.row);
  const segments: Segment<T>[] = [];
  for (const item of unique) {
    const last = segments[segments.length - 1];
    if (last && last.col === item.col && item.row - (last.row + last.rowCount - 1) <= MAX_ROW_GAP + 1) {
      last.rowCount = item.row - last.row + 1;
      last.items.push(item);
    } else segments.push({ col: item.col, row: item.row, rowCount: 1, items: [item] });
  }
  // Join segments of adjacent columns into rectangles while dense enough.
  const rects: { row: number; col: number; rowCount: number; colCount: number; items: CellItem<T>[] }[] = [];
  const open: typeof rects = [];
  for (const seg of segments) {
    let joined = false;
    for (const rect of open) {
      if (rect.col + rect.colCount !== seg.col) continue;
      const row = Math.min(rect.row, seg.row);
      const end = Math.max(rect.row + rect.rowCount, seg.row + seg.rowCount);
      const area = (end - row) * (rect.colCount + 1);
      if (area <= 2 * (rect.items.length + seg.items.length)) {
        rect.row = row;
        rect.rowCount = end - row;
        rect.colCount++;
        for (const item of seg.items) rect.items.push(item); // no spread: 200k items overflow the stack
        joined = true;
        break;
      }
    }
    if (!joined) {
      const rect = { row: seg.row, col: seg.col, rowCount: seg.rowCount, colCount: 1, items: [...seg.items] };
      rects.push(rect);
      open.push(rect);
    }
    // Rectangles that can no longer grow (their next column is behind us) leave the open list.
    for (let i = open.length - 1; i >= 0; i--)
      if (open[i].col + open[i].colCount < seg.col) open.splice(i, 1);
  }
  return rects.map((r) => {
    const cells: (T | null)[][] = Array.from({ length: r.rowCount }, () =>
      new Array<T | null>(r.colCount).fill(null),
    );
    for (const item of r.items) cells[item.row - r.row][item.col - r.col] = item.data;
    return { row: r.row, col: r.col, rowCount: r.rowCount, colCount: r.colCount, cells };
  });
}

/** A rectangle cut into row slices of at most `maxRows` rows each. */
export function sliceRect<T>(rect: Rect<T>, maxRows: number): Rect<T>[] {
  const step = Math.max(1, Math.floor(maxRows));
  if (rect.rowCount <= step) return [rect];
  const slices: Rect<T>[] = [];
  for (let r = 0; r < rect.rowCount; r += step) {
    const rowCount = Math.min(step, rect.rowCount - r);
    const cells = rect.cells.slice(r, r + rowCount);
    slices.push({ row: rect.row + r, col: rect.col, rowCount, colCount: rect.colCount, cells });
  }
  return slices;
}

/** Consecutive row runs [from, to) whose bytes (`rowBytes` of each row) add up to at most `budget`; a
 *  single row over the budget makes a run of its own. */
export function rowRuns(
  rowCount: number,
  rowBytes: (row: number) => number,
  budget: number,
): [number, number][] {
  const runs: [number, number][] = [];
  let from = 0;
  let used = 0;
  for (let i = 0; i < rowCount; i++) {
    const bytes = rowBytes(i);
    if (i > from && used + bytes > budget) {
      runs.push([from, i]);
      from = i;
      used = 0;
    }
    used += bytes;
  }
  if (rowCount > from) runs.push([from, rowCount]);
  return runs;
}

/** Cells of one rectangle as a 2-D array of `pick(data)` (null where no item). */
export function grid<T, U>(rect: Rect<T>, pick: (data: T) => U | null): (U | null)[][] {
  return rect.cells.map((row) => row.map((cell) => (cell === null ? null : pick(cell))));
}

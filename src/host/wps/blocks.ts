/**
 * Blocks for the WPS adapter (pure): every call into ET is synchronous and cross-process, so cells go
 * in rectangles — contiguous runs down a column, joined with their neighbours when they span the same
 * rows — and no rectangle is larger than BLOCK_CELLS (larger ones are cut by rows, with a yield to the
 * event loop between the pieces).
 */
import type { CellRange } from "../../engine/types";

/** Most cells in one call into ET (a read or a write). */
const BLOCK_CELLS = 500_000;
/** Cells moved between yields to the event loop (the pane stays responsive during a long write). */
const YIELD_CELLS = 50_000;

export interface Block<T> extends CellRange {
  /** rowCount × colCount items, row by row. */
  cells: T[][];
}

/** Items as rectangles of contiguous runs: each column's cells in runs of consecutive rows, runs of
 *  adjacent columns with the same rows joined. Every rectangle is full (no cell outside the items). */
export function runBlocks<T extends { row: number; col: number }>(items: T[]): Block<T>[] {
  const unique = new Map<string, T>();
  for (const item of items) unique.set(`${item.row}:${item.col}`, item);
  const sorted = [...unique.values()].sort((a, b) => a.col - b.col || a.row - b.row);
  const runs: { row: number; col: number; items: T[] }[] = [];
  for (const item of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.col === item.col && last.row + last.items.length === item.row) last.items.push(item);
    else runs.push({ row: item.row, col: item.col, items: [item] });
  }
  const blocks: Block<T>[] = [];
  const open = new Map<string, Block<T>>(); // by "row:rowCount", the block ending at the previous column
  for (const run of runs) {
    const key = `${run.row}:${run.items.length}`;
    const left = open.get(key);
    if (left && left.col + left.colCount === run.col) {
      left.colCount++;
      run.items.forEach((item, i) => left.cells[i].push(item));
      continue;
    }
    const block: Block<T> = {
      row: run.row,
      col: run.col,
      rowCount: run.items.length,
      colCount: 1,
      cells: run.items.map((item) => [item]),
    };
    blocks.push(block);
    open.set(key, block);
  }
  return blocks;
}

/** A rectangle cut by rows into pieces of at most `maxCells` cells. */
export function sliceBlock<T extends CellRange>(block: T, maxCells: number = BLOCK_CELLS): CellRange[] {
  const rows = Math.max(1, Math.floor(maxCells / Math.max(1, block.colCount)));
  const out: CellRange[] = [];
  for (let r = 0; r < block.rowCount; r += rows)
    out.push({
      row: block.row + r,
      col: block.col,
      rowCount: Math.min(rows, block.rowCount - r),
      colCount: block.colCount,
    });
  return out;
}

/** The rows [from, from + rowCount) of a block's cells, relative to the block. */
export function rowsOf<T>(block: Block<T>, part: CellRange): T[][] {
  return block.cells.slice(part.row - block.row, part.row - block.row + part.rowCount);
}

/** Halves of a rectangle (by rows, else by columns); null for one cell. */
export function halves(rect: CellRange): [CellRange, CellRange] | null {
  if (rect.rowCount > 1) {
    const top = Math.ceil(rect.rowCount / 2);
    return [
      { ...rect, rowCount: top },
      { ...rect, row: rect.row + top, rowCount: rect.rowCount - top },
    ];
  }
  if (rect.colCount > 1) {
    const left = Math.ceil(rect.colCount / 2);
    return [
      { ...rect, colCount: left },
      { ...rect, col: rect.col + left, colCount: rect.colCount - left },
    ];
  }
  return null;
}

/** Runs of equal keys along each column of a block (for number formats: one call per run of one format);
 *  null keys are left out. */
export function equalRuns<T>(
  block: Block<T>,
  key: (item: T) => string | null,
): { rect: CellRange; key: string }[] {
  const out: { rect: CellRange; key: string }[] = [];
  for (let j = 0; j < block.colCount; j++) {
    let start = 0;
    for (let i = 1; i <= block.rowCount; i++) {
      const k = key(block.cells[start][j]);
      if (i < block.rowCount && key(block.cells[i][j]) === k) continue;
      if (k !== null)
        out.push({
          rect: { row: block.row + start, col: block.col + j, rowCount: i - start, colCount: 1 },
          key: k,
        });
      start = i;
    }
  }
  // Join equal runs of adjacent columns over the same rows (a block of one format is one call).
  const joined: { rect: CellRange; key: string }[] = [];
  for (const run of out) {
    const prev = joined.find(
      (x) =>
        x.key === run.key &&
        x.rect.row === run.rect.row &&
        x.rect.rowCount === run.rect.rowCount &&
        x.rect.col + x.rect.colCount === run.rect.col,
    );
    if (prev) prev.rect.colCount++;
    else joined.push({ rect: { ...run.rect }, key: run.key });
  }
  return joined;
}

/** Let the event loop run (the task pane repaints, WPS handles its messages). */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Counts cells moved and yields once every YIELD_CELLS. */
export class Pacer {
  private moved = 0;
  async after(cells: number): Promise<void> {
    this.moved += cells;
    if (this.moved >= YIELD_CELLS) {
      this.moved = 0;
      await yieldToEventLoop();
    }
  }
}

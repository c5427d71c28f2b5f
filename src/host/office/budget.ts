/**
 * Payload budgeting for the Office.js adapter. Excel (on the web) refuses a request or a response over
 * 5 MB; the adapter plans its syncs so that none comes near that: reads are cut into row blocks sized by an
 * estimate of bytes per cell, and blocks of many sheets share one sync while the budget allows. Pure
 * functions, so tests can predict the number of syncs.
 */

/** Excel's hard limit on a request or a response (bytes of JSON). */
export const PAYLOAD_LIMIT = 5 * 1024 * 1024;
/** What the adapter aims for per sync, leaving room for protocol overhead. */
export const SYNC_BUDGET = 4 * 1024 * 1024;
/** Estimated response bytes per cell when loading values + formulas (two JSON values, commas, quotes;
 *  most cells of a budget or indicator table are short numbers or short text). Measured on synthetic
 *  50k-row workbooks: about 16. A block that still comes back too large is halved and read again, so
 *  reads may estimate tightly; writes (RECHECK_BYTES_PER_CELL and the plan's own sizes) stay generous. */
export const READ_BYTES_PER_CELL = 20;
/** Estimated response bytes per cell when loading values alone and the formulas of the formula cells only
 *  (getSpecialCellsOrNullObject, ExcelApi 1.9): half of the above, as a constant cell's `formulas` repeats its
 *  value. Measured on synthetic 50k-row workbooks: about 7.7 (the sample's sheets 8–28). */
export const READ_VALUES_BYTES_PER_CELL = 10;
/** Estimated response bytes per cell when loading values + formulas + numberFormat (cut rectangles). */
export const RECHECK_BYTES_PER_CELL = 48;
/** Estimated response bytes of one cell's number format in a re-check ("General" with quotes and comma is 10;
 *  a re-check that still comes back too large, e.g. long accounting formats, is halved and read again). */
export const FORMAT_BYTES_PER_CELL = 16;
/** Largest estimated re-check of one write rectangle (RECHECK_BYTES_PER_CELL a cell): longer ones are cut
 *  into row slices; a quarter of a sync, so slices pack syncs nearly full. */
export const SLICE_BUDGET = SYNC_BUDGET / 4;
/** Estimated request bytes of one queued operation besides its payload (object path, method, ids). */
export const OP_OVERHEAD = 200;

export interface SheetExtent {
  sheet: string;
  /** Absolute top-left of the used range (0-based). */
  top: number;
  left: number;
  rowCount: number;
  colCount: number;
  /** Estimated response bytes per cell of this sheet, when not the plan's default. */
  bytesPerCell?: number;
}

export interface ReadBlock {
  sheet: string;
  top: number;
  left: number;
  rowCount: number;
  colCount: number;
}

/**
 * Row blocks of every used range, grouped into syncs: each group's estimated bytes stay within `budget`.
 * A block of one row is never split further here (the adapter halves on a real payload error).
 */
export function planReadBlocks(
  extents: SheetExtent[],
  bytesPerCell: number = READ_BYTES_PER_CELL,
  budget: number = SYNC_BUDGET,
): ReadBlock[][] {
  const groups: ReadBlock[][] = [];
  let current: ReadBlock[] = [];
  let used = 0;
  for (const extent of extents) {
    if (extent.rowCount <= 0 || extent.colCount <= 0) continue;
    const rowBytes = extent.colCount * (extent.bytesPerCell ?? bytesPerCell);
    let row = 0;
    while (row < extent.rowCount) {
      let fit = Math.floor((budget - used) / rowBytes);
      if (fit < 1) {
        if (current.length) {
          groups.push(current);
          current = [];
          used = 0;
          continue;
        }
        fit = 1; // a single row wider than the budget: send it alone
      }
      const rows = Math.min(fit, extent.rowCount - row);
      current.push({
        sheet: extent.sheet,
        top: extent.top + row,
        left: extent.left,
        rowCount: rows,
        colCount: extent.colCount,
      });
      used += rows * rowBytes;
      row += rows;
    }
  }
  if (current.length) groups.push(current);
  return groups;
}

/** Halve a block by rows (for a retry after ResponsePayloadSizeLimitExceeded). null when it is one row. */
export function halveBlock(block: ReadBlock): [ReadBlock, ReadBlock] | null {
  if (block.rowCount < 2) return null;
  const first = Math.ceil(block.rowCount / 2);
  return [
    { ...block, rowCount: first },
    { ...block, top: block.top + first, rowCount: block.rowCount - first },
  ];
}

/** UTF-8 length of a string without Node or DOM APIs. */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Estimated request bytes of setting `payload` on one proxy. */
export function opBytes(payload: unknown): number {
  return OP_OVERHEAD + (payload === undefined ? 0 : utf8Length(JSON.stringify(payload)));
}

/** Split weighted items into consecutive groups within `budget` (an item over budget goes alone). */
export function packByBytes<T>(
  items: T[],
  bytesOf: (item: T) => number,
  budget: number = SYNC_BUDGET,
): T[][] {
  const groups: T[][] = [];
  let current: T[] = [];
  let used = 0;
  for (const item of items) {
    const bytes = bytesOf(item);
    if (current.length && used + bytes > budget) {
      groups.push(current);
      current = [];
      used = 0;
    }
    current.push(item);
    used += bytes;
  }
  if (current.length) groups.push(current);
  return groups;
}

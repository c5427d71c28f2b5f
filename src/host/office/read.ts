/**
 * readSnapshot for the Office.js adapter, in a number of syncs bounded by bytes, not by sheets or rows:
 *   sync 1: every sheet's name and protection, and the ledger setting (on a re-read, with the first look
 *           below at the sheets the last read saw: sync 2 then only for sheets added or changed since);
 *   sync 2: every sheet's used range (address, position, size), merged areas [1.13], and the cells of a
 *           window A1:Z<n> of each sheet, the windows together within the byte budget;
 *   then:   what lies outside the windows, in row blocks packed into syncs by the same budget (halved and
 *           retried if Excel still answers ResponsePayloadSizeLimitExceeded).
 * Cells travel as values plus the formulas of the formula cells only (getSpecialCellsOrNullObject [1.9]):
 * half the bytes of values + formulas, where a constant's formula repeats its value. Protected sheets and
 * Excel before 1.9 load values + formulas. Typical evaluation workbooks are read in 2 syncs.
 */
import type { CellRange, CellValue, SheetSnapshot, WorkbookSnapshot } from "../../engine/types";
import type { ReadProgress } from "../port";
import { LEDGER_SETTING_KEY, parseLedger } from "../ledger";
import {
  READ_BYTES_PER_CELL,
  READ_VALUES_BYTES_PER_CELL,
  SYNC_BUDGET,
  halveBlock,
  planReadBlocks,
  utf8Length,
  type ReadBlock,
  type SheetExtent,
} from "./budget";
import { LocalizedHostError } from "../errors";
import { errorCode } from "./errors";
import { a1, rangeA1 } from "../../engine/address";

/** Columns of the first-look window (A:Z). */
export const WINDOW_COLS = 26;

/** At most this many rows per first-look window (further bounded by the byte budget over the sheets).
 *  Only the window's used part is loaded, so a large window costs a small sheet nothing. */
const WINDOW_MAX_ROWS = 5000;

/** Rows of each sheet's first-look window when `sheetCount` sheets share sync 2 (at `bytesPerCell`). */
export function windowRows(
  sheetCount: number,
  budget: number = SYNC_BUDGET,
  bytesPerCell: number = READ_BYTES_PER_CELL,
): number {
  const fit = Math.floor(budget / Math.max(1, sheetCount) / (WINDOW_COLS * bytesPerCell));
  return Math.max(1, Math.min(WINDOW_MAX_ROWS, fit));
}

/** The parts of a used range outside the window A1:(WINDOW_COLS × rows), as extents to read in blocks. */
export function outsideWindow(extent: SheetExtent, rows: number): SheetExtent[] {
  const out: SheetExtent[] = [];
  const bytes = extent.bytesPerCell === undefined ? {} : { bytesPerCell: extent.bytesPerCell };
  const bottom = extent.top + extent.rowCount;
  const right = extent.left + extent.colCount;
  // Rows of the used range inside the window's rows, columns right of the window.
  const midTop = extent.top;
  const midBottom = Math.min(bottom, rows);
  const midLeft = Math.max(extent.left, WINDOW_COLS);
  if (midBottom > midTop && right > midLeft)
    out.push({
      sheet: extent.sheet,
      top: midTop,
      left: midLeft,
      rowCount: midBottom - midTop,
      colCount: right - midLeft,
      ...bytes,
    });
  // Rows of the used range below the window, every column.
  const lowTop = Math.max(extent.top, rows);
  if (bottom > lowTop)
    out.push({
      sheet: extent.sheet,
      top: lowTop,
      left: extent.left,
      rowCount: bottom - lowTop,
      colCount: extent.colCount,
      ...bytes,
    });
  return out;
}

/** How many syncs reading these used ranges takes (before any halving retry); `valuesOnly` when the
 *  formulas come from getSpecialCellsOrNullObject (ExcelApi 1.9, unprotected sheets). */
export function predictReadSyncs(extents: SheetExtent[], sheetCount: number, valuesOnly = true): number {
  const bytes = valuesOnly ? READ_VALUES_BYTES_PER_CELL : READ_BYTES_PER_CELL;
  const rows = windowRows(sheetCount, SYNC_BUDGET, bytes);
  return (
    2 +
    planReadBlocks(
      extents.flatMap((e) => outsideWindow(e, rows)),
      bytes,
    ).length
  );
}

/** A range queued for its cells: values and formulas, or values and the formula cells' areas. */
interface CellLoad {
  range: Excel.Range;
  formulaAreas: Excel.RangeAreas | null;
}

/** Queue loading a range's cells (and its position, for windows whose place Excel decides). */
function queueCells(range: Excel.Range, valuesOnly: boolean, position: boolean): CellLoad {
  const where = position ? "rowIndex,columnIndex," : "";
  if (!valuesOnly) {
    range.load(`${where}values,formulas`);
    return { range, formulaAreas: null };
  }
  range.load(`${where}values`);
  const formulaAreas = range.getSpecialCellsOrNullObject("Formulas");
  formulaAreas.areas.load("items/rowIndex,items/columnIndex,items/formulas");
  return { range, formulaAreas };
}

interface SheetInfo {
  name: string;
  protected: boolean;
  /** Formulas come from getSpecialCellsOrNullObject [1.9] (not on protected sheets). */
  valuesOnly: boolean;
  /** Rows of the first-look window, and whether it arrived (false after a payload error). */
  rows: number;
  windowLoaded: boolean;
  used: Excel.Range;
  merged: Excel.RangeAreas | null;
  window: CellLoad;
}

interface Grid {
  extent: SheetExtent;
  values: CellValue[][];
  formulas: (string | null)[][];
  hasFormula: boolean;
}

function toCell(value: unknown): CellValue {
  if (value === "" || value === undefined || value === null) return null;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  return String(value);
}

/** Copy a loaded block's values, and formulas when given (absolute top/left), into the used-range grid. */
function copyInto(
  grid: Grid,
  top: number,
  left: number,
  values: unknown[][],
  formulas: unknown[][] | null,
): void {
  const e = grid.extent;
  for (let i = 0; i < values.length; i++) {
    const r = top + i - e.top;
    if (r < 0 || r >= e.rowCount) continue;
    const rowValues = values[i];
    const rowFormulas = formulas?.[i] ?? [];
    for (let j = 0; j < rowValues.length; j++) {
      const c = left + j - e.left;
      if (c < 0 || c >= e.colCount) continue;
      grid.values[r][c] = toCell(rowValues[j]);
      const f = rowFormulas[j];
      if (typeof f === "string" && f.startsWith("=")) {
        grid.formulas[r][c] = f;
        grid.hasFormula = true;
      }
    }
  }
}

/** Copy a loaded range (values, and formulas from either the range or its formula cells' areas). */
function copyLoad(grid: Grid, top: number, left: number, load: CellLoad): void {
  if (!load.formulaAreas) {
    copyInto(grid, top, left, load.range.values, load.range.formulas);
    return;
  }
  copyInto(grid, top, left, load.range.values, null);
  if (load.formulaAreas.isNullObject) return;
  for (const area of load.formulaAreas.areas.items) {
    const e = grid.extent;
    const formulas = area.formulas;
    for (let i = 0; i < formulas.length; i++) {
      const r = area.rowIndex + i - e.top;
      if (r < 0 || r >= e.rowCount) continue;
      for (let j = 0; j < formulas[i].length; j++) {
        const c = area.columnIndex + j - e.left;
        const f = formulas[i][j];
        if (c < 0 || c >= e.colCount || typeof f !== "string" || !f.startsWith("=")) continue;
        grid.formulas[r][c] = f;
        grid.hasFormula = true;
      }
    }
  }
}

function blockAddress(b: ReadBlock): string {
  return rangeA1({ row: b.top, col: b.left, rowCount: b.rowCount, colCount: b.colCount });
}

function isPayloadError(error: unknown): boolean {
  const code = errorCode(error);
  return code === "ResponsePayloadSizeLimitExceeded" || code === "RequestPayloadSizeLimitExceeded";
}

interface ReadOptions {
  supportsMerges: boolean;
  /** ExcelApi 1.9: getSpecialCellsOrNullObject, so formulas travel only for formula cells. */
  supportsSpecialCells?: boolean;
  /** The sheets the last read saw: their first look rides with sync 1 (a re-read then takes one sync less). */
  knownSheets?: { name: string; protected: boolean }[];
  onProgress?: ReadProgress;
}

/** The whole read, inside one Excel.run batch. Also returns the size of the ledger setting's text. */
export async function readWorkbook(
  context: Excel.RequestContext,
  options: ReadOptions,
): Promise<{ snapshot: WorkbookSnapshot; syncs: number; ledgerBytes: number }> {
  let syncs = 0;
  const bytesOf = (valuesOnly: boolean) => (valuesOnly ? READ_VALUES_BYTES_PER_CELL : READ_BYTES_PER_CELL);
  /** Queue a sheet's first look: used range, merges, and the window (`sheetCount` windows share a sync). */
  const probe = (ws: Excel.Worksheet, name: string, isProtected: boolean, sheetCount: number): SheetInfo => {
    const valuesOnly = options.supportsSpecialCells === true && !isProtected;
    const used = ws.getUsedRangeOrNullObject(true);
    used.load("rowIndex,columnIndex,rowCount,columnCount");
    let merged: Excel.RangeAreas | null = null;
    if (options.supportsMerges) {
      merged = ws.getRange().getMergedAreasOrNullObject();
      merged.load("areaCount");
      merged.areas.load("items/rowIndex,items/columnIndex,items/rowCount,items/columnCount");
    }
    // Only the used part of the window travels (getIntersectionOrNullObject, ExcelApi 1.4): a small
    // sheet costs its own cells, not the window's empty ones.
    const rows = windowRows(sheetCount, SYNC_BUDGET, bytesOf(valuesOnly));
    const window = queueCells(
      used.getIntersectionOrNullObject(`A1:${a1(rows - 1, WINDOW_COLS - 1)}`),
      valuesOnly,
      true,
    );
    return { name, protected: isProtected, valuesOnly, rows, used, merged, window, windowLoaded: true };
  };

  // ── sync 1: names, protection, ledger; on a re-read, also the first look at the sheets the last read
  //    saw (by name, protection as then), used where the sheet is still there and still so protected ──
  const worksheets = context.workbook.worksheets;
  const ledgerSetting = context.workbook.settings.getItemOrNullObject(LEDGER_SETTING_KEY);
  const queueNames = () => {
    worksheets.load("items/name,items/protection/protected");
    ledgerSetting.load("value");
  };
  queueNames();
  const known = options.knownSheets ?? [];
  let early = new Map(
    known.map((k) => [
      k.name,
      probe(worksheets.getItemOrNullObject(k.name), k.name, k.protected, known.length),
    ]),
  );
  try {
    await context.sync();
  } catch (error) {
    if (!early.size || !isPayloadError(error)) throw error;
    // The windows were too large after all: names alone, then the first look as on a first read.
    syncs++;
    early = new Map();
    queueNames();
    await context.sync();
  }
  syncs++;
  options.onProgress?.(1, 3);

  // ── sync 2: used ranges, merges, first-look windows of the sheets not looked at yet ──
  const reuse = (ws: Excel.Worksheet) => early.get(ws.name)?.protected === ws.protection.protected;
  const fresh = worksheets.items.filter((ws) => !reuse(ws));
  const infos: SheetInfo[] = worksheets.items.map((ws) =>
    reuse(ws) ? (early.get(ws.name) as SheetInfo) : probe(ws, ws.name, ws.protection.protected, fresh.length),
  );
  if (fresh.length) {
    try {
      await context.sync();
    } catch (error) {
      if (!isPayloadError(error)) throw error;
      // The windows were too large after all (very long texts): read positions alone, then blocks.
      for (const info of infos) {
        if (!fresh.some((ws) => ws.name === info.name)) continue;
        info.windowLoaded = false;
        info.used = context.workbook.worksheets.getItem(info.name).getUsedRangeOrNullObject(true);
        info.used.load("rowIndex,columnIndex,rowCount,columnCount");
        info.merged = null;
      }
      await context.sync();
      syncs++;
    }
    syncs++;
  }

  const grids: Grid[] = [];
  const remainder: SheetExtent[] = [];
  const merges = new Map<string, CellRange[]>();
  for (const info of infos) {
    const bytesPerCell = bytesOf(info.valuesOnly);
    const extent: SheetExtent = info.used.isNullObject
      ? { sheet: info.name, top: 0, left: 0, rowCount: 0, colCount: 0, bytesPerCell }
      : {
          sheet: info.name,
          top: info.used.rowIndex,
          left: info.used.columnIndex,
          rowCount: info.used.rowCount,
          colCount: info.used.columnCount,
          bytesPerCell,
        };
    const grid: Grid = {
      extent,
      values: Array.from({ length: extent.rowCount }, () => new Array<CellValue>(extent.colCount).fill(null)),
      formulas: Array.from({ length: extent.rowCount }, () =>
        new Array<string | null>(extent.colCount).fill(null),
      ),
      hasFormula: false,
    };
    grids.push(grid);
    if (extent.rowCount === 0) continue;
    if (info.windowLoaded) {
      const window = info.window.range;
      if (!window.isNullObject) copyLoad(grid, window.rowIndex, window.columnIndex, info.window);
      remainder.push(...outsideWindow(extent, info.rows));
    } else remainder.push(extent);
    const list: CellRange[] = [];
    if (info.merged && !info.merged.isNullObject)
      for (const area of info.merged.areas.items)
        list.push({
          row: area.rowIndex,
          col: area.columnIndex,
          rowCount: area.rowCount,
          colCount: area.columnCount,
        });
    merges.set(info.name, list);
  }

  // ── further syncs: blocks outside the windows, packed by bytes ──
  const groups = planReadBlocks(remainder);
  const gridOf = new Map(grids.map((g) => [g.extent.sheet, g]));
  const valuesOnlyBySheet = new Map(infos.map((i) => [i.name, i.valuesOnly]));
  let done = 0;
  let total = groups.length;
  while (groups.length) {
    const group = groups.shift() as ReadBlock[];
    const loads = group.map((block) => {
      const range = context.workbook.worksheets.getItem(block.sheet).getRange(blockAddress(block));
      return { block, load: queueCells(range, valuesOnlyBySheet.get(block.sheet) === true, false) };
    });
    try {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per group of blocks budgeted by bytes (planReadBlocks): the count grows with megabytes, not with sheets, rows or cells.
      await context.sync();
      syncs++;
    } catch (error) {
      syncs++;
      if (!isPayloadError(error)) throw error;
      const halves = group.map(halveBlock);
      if (halves.some((h) => h === null))
        throw new LocalizedHostError("TooLarge", {
          "zh-CN": `工作表“${group[0].sheet}”的一行数据超过 Excel 单次传输上限，无法读取。请缩短该行中过长的文本后重试。`,
          "en-US": `A single row of sheet "${group[0].sheet}" is larger than Excel can send at once. Shorten its longest texts and try again.`,
        });
      const pairs = halves as [ReadBlock, ReadBlock][];
      groups.unshift(
        pairs.map((p) => p[0]),
        pairs.map((p) => p[1]),
      );
      total += 1;
      continue;
    }
    for (const { block, load } of loads)
      copyLoad(gridOf.get(block.sheet) as Grid, block.top, block.left, load);
    done++;
    options.onProgress?.(2 + done, 2 + total);
  }
  options.onProgress?.(1, 1);

  const sheets: SheetSnapshot[] = grids.map((g, i) => {
    const sheet: SheetSnapshot = {
      name: g.extent.sheet,
      top: g.extent.top,
      left: g.extent.left,
      values: g.values,
      merges: merges.get(g.extent.sheet) ?? [],
      protected: infos[i].protected,
    };
    if (g.hasFormula) sheet.formulas = g.formulas;
    return sheet;
  });
  const snapshot: WorkbookSnapshot = { sheets };
  const ledger = ledgerSetting.isNullObject ? null : parseLedger(ledgerSetting.value);
  if (ledger) snapshot.ledger = ledger;
  const raw: unknown = ledgerSetting.isNullObject ? null : ledgerSetting.value;
  const ledgerBytes = raw === null ? 0 : utf8Length(typeof raw === "string" ? raw : JSON.stringify(raw));
  return { snapshot, syncs, ledgerBytes };
}

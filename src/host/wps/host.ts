/**
 * The WPS 表格 adapter: a WorkbookHost over the ET object model of WPS's JS add-ins (the global
 * `Application`). Only I/O: which cells may be written, the ledger, what undo restores, the summary
 * sheet's name and the marks are decided in ../cells, as for the Office.js adapter. Every raw call is in
 * ./et; here the calls are made on blocks (./blocks): reads of ≤ BLOCK_CELLS cells per call (the re-check
 * before writing reads the bounding box of a sheet's targets when that takes fewer calls than run by run),
 * writes of whole rectangles of contiguous runs, the pane given the event loop between large pieces.
 *
 * Where things are kept: the ledger and the settings in the very-hidden sheet `_绩效评价助手` (column A
 * and B, JSON in chunks — the same sheet the .xlsx adapter writes, so a file scored by perf-eval and
 * opened in WPS keeps its ledger); marks as conditional formats (xlExpression) whose rule carries the
 * marker formula, so 清除标记 and undo remove only them. Merged areas are not read (ET has no call that
 * lists them without a per-cell walk): the engine infers them, as on ExcelApi 1.7.
 */
import { a1, parseCell, qualified } from "../../engine/address";
import type {
  CellRange,
  CellValue,
  CellWrite,
  EvalConfig,
  Ledger,
  LedgerEntry,
  SheetSnapshot,
  SummarySheet,
  SummaryStyle,
  WorkbookSnapshot,
  WritePlan,
} from "../../engine/types";
import {
  MARK_FILL,
  MarkIds,
  SUMMARY_STYLES,
  cellKey,
  firstProtected,
  heldAtRead,
  ledgerAfterClearMarks,
  ledgerAfterRun,
  ledgerAfterUndo,
  ledgerIndex,
  ledgerWithSummary,
  markGroups,
  markedAreas,
  markerFormula,
  markerSeverity,
  marksToClear,
  mayWrite,
  parseSettings,
  runToken,
  sheetsToRefuse,
  summarySheetTarget,
  undoRestores,
  undoTarget,
  type HeldCell,
  type SummaryStyleSpec,
  type WriteOutcome,
} from "../cells";
import { missingSheetError, protectedSheetError, restoreFailedError, writeFailedError } from "../errors";
import { CHUNK, LEDGER_SHEET, parseLedger, serializeLedger } from "../ledger";
import type { ApplyResult, ReadProgress, WorkbookHost } from "../port";
import { Pacer, equalRuns, halves, rowsOf, runBlocks, sliceBlock, type Block } from "./blocks";
import { EtBook, type EtApplication, type FoundFormat } from "./et";
import { WPS, errorText, fromEtError, noWorkbookError } from "./errors";

interface WpsHostOptions {
  /** Clock for the ledger's run time (tests). */
  now?: () => string;
}

const LEDGER_COL = 0;
const SETTINGS_COL = 1;
/** Longest list of areas given to one Range("A1,B2,…") call (VBA's address argument stops at 255). */
const MAX_AREAS_TEXT = 250;

// ───────────────────────────── the add-in's own sheet ─────────────────────────────

interface Store {
  ledger: string | null;
  settings: string | null;
  /** Rows of the sheet's used range (to clear old chunks). */
  rows: number;
}

function readStore(book: EtBook): Store {
  if (!book.sheet(LEDGER_SHEET)) return { ledger: null, settings: null, rows: 0 };
  const used = book.used(LEDGER_SHEET);
  if (!used) return { ledger: null, settings: null, rows: 0 };
  const rows = used.top + used.rowCount;
  const grid = book.readValues(LEDGER_SHEET, { row: 0, col: 0, rowCount: rows, colCount: 2 });
  const column = (col: number) => {
    const parts: string[] = [];
    for (const row of grid) {
      const v = row[col];
      if (typeof v !== "string" || v === "") break;
      parts.push(v);
    }
    return parts.length ? parts.join("") : null;
  };
  return { ledger: column(LEDGER_COL), settings: column(SETTINGS_COL), rows };
}

/** Write a column of the add-in's sheet (created very hidden when missing) in one block. */
function writeStore(book: EtBook, col: number, text: string | null): void {
  if (!book.sheet(LEDGER_SHEET)) {
    if (text === null) return;
    book.addSheet(LEDGER_SHEET);
    book.hideSheet(LEDGER_SHEET);
  }
  const old = readStoreRows(book);
  const chunks: string[] = [];
  if (text !== null) for (let i = 0; i < text.length; i += CHUNK) chunks.push(text.slice(i, i + CHUNK));
  const rowCount = Math.max(1, old, chunks.length);
  const grid: CellValue[][] = Array.from({ length: rowCount }, (_, i) => [chunks[i] ?? null]);
  book.writeValues(LEDGER_SHEET, { row: 0, col, rowCount, colCount: 1 }, grid);
}

function readStoreRows(book: EtBook): number {
  const used = book.used(LEDGER_SHEET);
  return used ? used.top + used.rowCount : 0;
}

// ───────────────────────────── block reads ─────────────────────────────

/** What a rectangle holds now: values and formulas (two calls, three when it holds a formula). */
function readHeld(book: EtBook, sheet: string, rect: CellRange): HeldCell[][] {
  const values = book.readValues(sheet, rect);
  const hasFormula = book.hasFormula(sheet, rect);
  const formulas = hasFormula === false ? null : book.readFormulas(sheet, rect);
  return values.map((row, i) => row.map((value, j) => ({ value, formula: formulas?.[i][j] ?? null })));
}

/** The number formats of a rectangle, halved until each part has one (ET answers null for a mixed block). */
function readFormats(
  book: EtBook,
  sheet: string,
  rect: CellRange,
  put: (row: number, col: number, format: string) => void,
): void {
  const stack: CellRange[] = [rect];
  while (stack.length) {
    const part = stack.pop() as CellRange;
    const format = book.readFormat(sheet, part);
    const split = format === null ? halves(part) : null;
    if (split) {
      stack.push(...split);
      continue;
    }
    fillFormat(part, format ?? "General", put);
  }
}

const at = (row: number, col: number) => row * 16384 + col;

/** The rectangle around some rectangles. */
function boundingBox(rects: CellRange[]): CellRange {
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  for (const r of rects) {
    top = Math.min(top, r.row);
    left = Math.min(left, r.col);
    bottom = Math.max(bottom, r.row + r.rowCount - 1);
    right = Math.max(right, r.col + r.colCount - 1);
  }
  return { row: top, col: left, rowCount: bottom - top + 1, colCount: right - left + 1 };
}

function intersect(a: CellRange, b: CellRange): CellRange | null {
  const row = Math.max(a.row, b.row);
  const col = Math.max(a.col, b.col);
  const bottom = Math.min(a.row + a.rowCount, b.row + b.rowCount);
  const right = Math.min(a.col + a.colCount, b.col + b.colCount);
  return bottom > row && right > col ? { row, col, rowCount: bottom - row, colCount: right - col } : null;
}

/** Pieces to read the cells of `blocks` (one sheet) in: their bounding box cut into ≤ BLOCK_CELLS slices
 *  when that takes no more calls than the blocks one by one (a column of short runs between the user's
 *  cells is one call, not one per run), else the blocks' own slices. */
function readPieces(blocks: CellRange[]): CellRange[] {
  if (blocks.length === 0) return [];
  const own = blocks.flatMap((b) => sliceBlock(b));
  const box = sliceBlock(boundingBox(blocks));
  return box.length <= own.length ? box : own;
}

/** Values and formulas of the cells of `blocks` (one sheet), by `at(row, col)`. */
function readHeldOf(book: EtBook, sheet: string, blocks: CellRange[]): Map<number, HeldCell> {
  const held = new Map<number, HeldCell>();
  for (const piece of readPieces(blocks))
    readHeld(book, sheet, piece).forEach((row, i) =>
      row.forEach((cell, j) => held.set(at(piece.row + i, piece.col + j), cell)),
    );
  return held;
}

/** Number formats of the cells of `blocks` (one sheet) into `held`: a piece with one format is one call;
 *  a mixed piece is read again where it meets the blocks, halved until each part has one format. */
function readFormatsOf(book: EtBook, sheet: string, blocks: CellRange[], held: Map<number, HeldCell>): void {
  const put = (row: number, col: number, format: string) => {
    const cell = held.get(at(row, col));
    if (cell) cell.format = format;
  };
  for (const piece of readPieces(blocks)) {
    const format = book.readFormat(sheet, piece);
    if (format !== null) {
      for (const b of blocks) {
        const part = intersect(piece, b);
        if (part) fillFormat(part, format, put);
      }
      continue;
    }
    for (const b of blocks) {
      const part = intersect(piece, b);
      if (part) readFormats(book, sheet, part, put);
    }
  }
}

/** Every cell of `part` has `format`. */
function fillFormat(
  part: CellRange,
  format: string,
  put: (row: number, col: number, format: string) => void,
): void {
  for (let i = 0; i < part.rowCount; i++)
    for (let j = 0; j < part.colCount; j++) put(part.row + i, part.col + j, format);
}

/** Areas lists for Range("…") calls, each at most MAX_AREAS_TEXT characters. */
function areaLists(addresses: string[]): string[][] {
  const lists: string[][] = [];
  let current: string[] = [];
  let length = 0;
  for (const a of addresses) {
    if (current.length && length + a.length + 1 > MAX_AREAS_TEXT) {
      lists.push(current);
      current = [];
      length = 0;
    }
    current.push(a);
    length += a.length + 1;
  }
  if (current.length) lists.push(current);
  return lists;
}

const isMarker = (formula: string) => markerSeverity(formula) !== null;

/** Distinct tokens for the marks of each run of this page (two runs in one millisecond stay apart). */
let runCounter = 0;

// ───────────────────────────── the host ─────────────────────────────

interface Target {
  row: number;
  col: number;
  write: CellWrite;
  before: HeldCell;
  writable: boolean;
}

export function createWpsHost(app: EtApplication, options: WpsHostOptions = {}): WorkbookHost {
  let lastRead: WorkbookSnapshot | null = null;
  const now = () => options.now?.() ?? new Date().toISOString();

  const open = (): EtBook => {
    const book = EtBook.of(app);
    if (!book) throw noWorkbookError();
    return book;
  };

  /** Screen updating off while `body` writes (restored whatever happens). */
  const quietly = async <T>(body: () => Promise<T>): Promise<T> => {
    const had = app.ScreenUpdating;
    try {
      if (had !== undefined) app.ScreenUpdating = false;
    } catch {
      // Some builds refuse it; writing still works.
    }
    try {
      return await body();
    } finally {
      try {
        if (had !== undefined) app.ScreenUpdating = had;
      } catch {
        // ignore
      }
    }
  };

  async function readSnapshot(onProgress?: ReadProgress): Promise<WorkbookSnapshot> {
    try {
      const book = open();
      const infos = book.sheets().filter((s) => s.name !== LEDGER_SHEET);
      const pacer = new Pacer();
      const sheets: SheetSnapshot[] = [];
      let done = 0;
      for (const info of infos) {
        const extent = book.used(info.name);
        if (!extent) {
          sheets.push({
            name: info.name,
            top: 0,
            left: 0,
            values: [],
            merges: [],
            protected: info.protected,
          });
          continue;
        }
        const rect: CellRange = {
          row: extent.top,
          col: extent.left,
          rowCount: extent.rowCount,
          colCount: extent.colCount,
        };
        const values: CellValue[][] = [];
        const formulas: (string | null)[][] = [];
        let anyFormula = false;
        for (const part of sliceBlock(rect)) {
          const held = readHeld(book, info.name, part);
          for (const row of held) {
            values.push(row.map((c) => c.value));
            formulas.push(
              row.map((c) => {
                if (c.formula !== null) anyFormula = true;
                return c.formula;
              }),
            );
          }
          await pacer.after(part.rowCount * part.colCount);
        }
        const sheet: SheetSnapshot = {
          name: info.name,
          top: extent.top,
          left: extent.left,
          values,
          merges: [],
          protected: info.protected,
        };
        if (anyFormula) sheet.formulas = formulas;
        sheets.push(sheet);
        onProgress?.(++done, infos.length);
      }
      const snapshot: WorkbookSnapshot = { sheets };
      const ledger = parseLedger(readStore(book).ledger);
      if (ledger) snapshot.ledger = ledger;
      lastRead = snapshot;
      return snapshot;
    } catch (error) {
      throw fromEtError(error, { "zh-CN": "读取工作簿", "en-US": "Reading the workbook" });
    }
  }

  async function applyPlan(plan: WritePlan): Promise<ApplyResult> {
    let book: EtBook;
    let previousRaw: string | null = null;
    const overwrite = plan.overwrite === true;
    // What the failure path needs, filled as the writes go.
    const attempted: { sheet: string; block: Block<Target> }[] = [];
    const removedOld: FoundFormat[] = [];
    const markSheets = new Set<string>();
    let token = "";
    let started = false;
    try {
      book = open();
      const protectedSheets = new Map(book.sheets().map((s) => [s.name, s.protected]));
      for (const sheet of sheetsToRefuse({ plan }))
        if (!protectedSheets.has(sheet) || sheet === LEDGER_SHEET) throw missingSheetError(sheet);
      const refused = firstProtected(sheetsToRefuse({ plan }), (s) => protectedSheets.get(s));
      if (refused !== null) throw protectedSheetError(refused);
      const usable = (sheet: string) => protectedSheets.get(sheet) === false && sheet !== LEDGER_SHEET;

      const store = readStore(book);
      previousRaw = store.ledger;
      const previous: Ledger | null = parseLedger(previousRaw);
      const owned = ledgerIndex(previous);

      // The re-check: what each target holds now, in as few block calls as the rectangles allow.
      const bySheet = new Map<string, CellWrite[]>();
      for (const w of plan.writes) {
        const list = bySheet.get(w.sheet);
        if (list) list.push(w);
        else bySheet.set(w.sheet, [w]);
      }
      const targets: { sheet: string; targets: Target[] }[] = [];
      for (const [sheet, writes] of bySheet) {
        const blocks = runBlocks(writes);
        const held = readHeldOf(book, sheet, blocks);
        const list: Target[] = [];
        for (const block of blocks)
          for (const row of block.cells)
            for (const write of row) {
              const before = held.get(at(write.row, write.col)) as HeldCell;
              list.push({ row: write.row, col: write.col, write, before, writable: false });
            }
        for (const t of list) {
          const entry = owned.get(cellKey(sheet, a1(t.row, t.col)));
          t.writable = mayWrite(t.before, entry, {
            overwrite,
            atRead: overwrite ? heldAtRead(lastRead, sheet, t.row, t.col) : null,
          });
        }
        // Number formats only where the add-in writes (the ledger and a failed write's restore need them).
        readFormatsOf(book, sheet, runBlocks(list.filter((t) => t.writable)), held);
        targets.push({ sheet, targets: list });
      }

      const runAt = now();
      const outcomes: WriteOutcome[] = [];
      let written = 0;
      const sheetsWritten = new Set<string>();
      for (const { sheet, targets: list } of targets)
        for (const t of list) {
          outcomes.push({
            sheet,
            row: t.row,
            col: t.col,
            value: t.write.value,
            before: t.before,
            written: t.writable,
          });
          if (t.writable) {
            written++;
            sheetsWritten.add(sheet);
          }
        }
      const marks = markGroups(plan, usable);
      const ledger = ledgerAfterRun(previous, outcomes, markedAreas(marks.groups), runAt);
      const ledgerText = serializeLedger(ledger);

      started = true;
      return await quietly(async () => {
        const pacer = new Pacer();
        // Values, then number formats, in rectangles of the writable runs.
        for (const { sheet, targets: list } of targets)
          for (const block of runBlocks(list.filter((t) => t.writable))) {
            attempted.push({ sheet, block });
            for (const part of sliceBlock(block)) {
              book.writeValues(
                sheet,
                part,
                rowsOf(block, part).map((row) => row.map((t) => t.write.value)),
              );
              await pacer.after(part.rowCount * part.colCount);
            }
            for (const run of equalRuns(block, (t) => t.write.numberFormat ?? null))
              book.writeFormat(sheet, run.rect, run.key);
          }
        // The previous run's marks go, this run's come.
        for (const m of previous?.marks ?? []) if (usable(m.sheet)) markSheets.add(m.sheet);
        for (const g of marks.groups) markSheets.add(g.sheet);
        for (const sheet of markSheets)
          for (const found of book.findFormats(sheet, isMarker)) {
            found.remove();
            removedOld.push(found);
          }
        token = `${runToken(runAt)}${(runCounter++).toString(36)}`;
        const ids = new MarkIds(token);
        for (const g of marks.groups)
          for (const list of areaLists(g.addresses))
            book.addMark(g.sheet, list, markerFormula(g.severity, ids.next()), MARK_FILL[g.severity]);
        writeStore(book, LEDGER_COL, ledgerText);
        return { written, marked: marks.areas, sheets: [...sheetsWritten] };
      });
    } catch (error) {
      if (!started)
        throw fromEtError(error, { "zh-CN": "读取写入目标", "en-US": "Reading the target cells" });
      try {
        await quietly(async () => restore(book, attempted, removedOld, markSheets, token, previousRaw));
      } catch (again) {
        throw restoreFailedError(WPS, errorText(error), errorText(again), again);
      }
      throw writeFailedError(WPS, errorText(error), error);
    }
  }

  /** Put back every cell a failed apply may have touched, the marks and the ledger. */
  async function restore(
    book: EtBook,
    attempted: { sheet: string; block: Block<Target> }[],
    removedOld: FoundFormat[],
    markSheets: Set<string>,
    token: string,
    previousRaw: string | null,
  ): Promise<void> {
    const pacer = new Pacer();
    for (const { sheet, block } of attempted) {
      for (const part of sliceBlock(block)) {
        book.writeFormulas(
          sheet,
          part,
          rowsOf(block, part).map((row) => row.map((t) => t.before.formula ?? t.before.value ?? "")),
        );
        await pacer.after(part.rowCount * part.colCount);
      }
      for (const run of equalRuns(block, (t) => t.before.format ?? null))
        book.writeFormat(sheet, run.rect, run.key);
    }
    if (token !== "")
      for (const sheet of markSheets)
        for (const found of book.findFormats(sheet, (f) => isMarker(f) && f.includes(`|${token}.`)))
          found.remove();
    for (const old of removedOld) {
      const severity = markerSeverity(old.formula) ?? "info";
      book.addMark(old.sheet, old.address.split(","), old.formula, old.color ?? MARK_FILL[severity]);
    }
    writeStore(book, LEDGER_COL, previousRaw);
  }

  async function undoLastRun(): Promise<number> {
    try {
      const book = open();
      const infos = book.sheets();
      const names = new Set(infos.map((s) => s.name));
      const protectedSheets = new Set(infos.filter((s) => s.protected).map((s) => s.name));
      const ledger = parseLedger(readStore(book).ledger);
      if (!ledger || (ledger.entries.length === 0 && ledger.marks.length === 0)) return 0;
      const refused = firstProtected(sheetsToRefuse({ undo: ledger }), (s) => protectedSheets.has(s));
      if (refused !== null) throw protectedSheetError(refused);
      return await quietly(async () => {
        const bySheet = new Map<string, (LedgerEntry & { row: number; col: number })[]>();
        for (const e of ledger.entries) {
          if (!names.has(e.sheet)) continue;
          const item = { ...e, ...parseCell(e.address) };
          const list = bySheet.get(e.sheet);
          if (list) list.push(item);
          else bySheet.set(e.sheet, [item]);
        }
        const pacer = new Pacer();
        let restored = 0;
        for (const [sheet, entries] of bySheet) {
          const blocks = runBlocks(entries);
          const held = readHeldOf(book, sheet, blocks);
          const back: typeof entries = [];
          for (const block of blocks)
            for (const row of block.cells)
              for (const e of row) if (undoRestores(held.get(at(e.row, e.col)) as HeldCell, e)) back.push(e);
          restored += back.length;
          for (const block of runBlocks(back)) {
            for (const part of sliceBlock(block)) {
              book.writeFormulas(
                sheet,
                part,
                rowsOf(block, part).map((row) =>
                  row.map((e) => {
                    const target = undoTarget(e);
                    return target.formula ?? target.value ?? "";
                  }),
                ),
              );
              await pacer.after(part.rowCount * part.colCount);
            }
            for (const run of equalRuns(block, (e) => undoTarget(e).format ?? null))
              book.writeFormat(sheet, run.rect, run.key);
          }
        }
        for (const sheet of new Set(ledger.marks.map((m) => m.sheet)))
          if (names.has(sheet)) for (const found of book.findFormats(sheet, isMarker)) found.remove();
        writeStore(book, LEDGER_COL, serializeLedger(ledgerAfterUndo(ledger, now())));
        return restored;
      });
    } catch (error) {
      throw fromEtError(error, { "zh-CN": "撤销上次评分", "en-US": "Undoing the last run" });
    }
  }

  async function clearMarks(): Promise<number> {
    try {
      const book = open();
      const infos = book.sheets();
      const names = infos.map((s) => s.name);
      const protectedSheets = new Set(infos.filter((s) => s.protected).map((s) => s.name));
      const ledger = parseLedger(readStore(book).ledger);
      if (!ledger || ledger.marks.length === 0) return 0;
      const refused = firstProtected(sheetsToRefuse({ clear: ledger }), (s) => protectedSheets.has(s));
      if (refused !== null) throw protectedSheetError(refused);
      const areas = marksToClear(ledger, names);
      for (const sheet of new Set(areas.map((m) => m.sheet)))
        for (const found of book.findFormats(sheet, isMarker)) found.remove();
      writeStore(book, LEDGER_COL, serializeLedger(ledgerAfterClearMarks(ledger)));
      return areas.length;
    } catch (error) {
      throw fromEtError(error, { "zh-CN": "清除标记", "en-US": "Clearing the marks" });
    }
  }

  async function insertSummary(summary: SummarySheet): Promise<{ sheet: string }> {
    try {
      const book = open();
      const names = book.sheets().map((s) => s.name);
      const ledgerRaw = readStore(book).ledger;
      const ledger = parseLedger(ledgerRaw);
      const { name, reuse } = summarySheetTarget(summary.name, names, ledger);
      return await quietly(async () => {
        if (reuse) book.clearSheet(name);
        else book.addSheet(name);
        const width = Math.max(1, summary.columnWidths.length, ...summary.rows.map((r) => r.length));
        const height = summary.rows.length;
        if (height > 0) {
          const cells = summary.rows.map((row) => Array.from({ length: width }, (_, j) => row[j] ?? null));
          const whole: Block<{ row: number; col: number; i: number; j: number }> = {
            row: 0,
            col: 0,
            rowCount: height,
            colCount: width,
            cells: cells.map((row, i) => row.map((_, j) => ({ row: i, col: j, i, j }))),
          };
          book.writeValues(
            name,
            whole,
            cells.map((row) => row.map((c) => c?.value ?? null)),
          );
          for (const run of equalRuns(whole, (x) => cells[x.i][x.j]?.numberFormat ?? null))
            book.writeFormat(name, run.rect, run.key);
          for (const [style, spec] of Object.entries(SUMMARY_STYLES) as [SummaryStyle, SummaryStyleSpec][])
            for (const run of equalRuns(whole, (x) => (cells[x.i][x.j]?.style === style ? style : null)))
              book.style(name, run.rect, spec);
          for (const merge of summary.merges) book.merge(name, merge);
          summary.columnWidths.forEach((chars, col) => {
            if (chars > 0) book.columnWidth(name, col, chars);
          });
          cells.forEach((row, i) =>
            row.forEach((c, j) => {
              if (c?.link)
                book.link(
                  name,
                  i,
                  j,
                  qualified(c.link.sheet, c.link.address),
                  String(c.value ?? c.link.address),
                );
            }),
          );
        }
        book.activate(name);
        writeStore(book, LEDGER_COL, serializeLedger(ledgerWithSummary(ledger, name)));
        return { sheet: name };
      });
    } catch (error) {
      throw fromEtError(error, { "zh-CN": "插入问题汇总表", "en-US": "Inserting the findings summary" });
    }
  }

  return {
    readSnapshot,
    applyPlan,
    insertSummary,
    async select(sheet: string, address: string): Promise<void> {
      const bare = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
      try {
        open().select(sheet, bare);
      } catch (error) {
        throw fromEtError(error, {
          "zh-CN": `选中“${sheet}”!${bare}`,
          "en-US": `Selecting '${sheet}'!${bare}`,
        });
      }
    },
    clearMarks,
    undoLastRun,
    async loadSettings(): Promise<Partial<EvalConfig> | null> {
      try {
        const text = readStore(open()).settings;
        return text === null ? null : parseSettings<EvalConfig>(text);
      } catch (error) {
        throw fromEtError(error, { "zh-CN": "读取设置", "en-US": "Reading the settings" });
      }
    },
    async saveSettings(config: Partial<EvalConfig>): Promise<void> {
      try {
        writeStore(open(), SETTINGS_COL, JSON.stringify(config));
      } catch (error) {
        throw fromEtError(error, { "zh-CN": "保存设置", "en-US": "Saving the settings" });
      }
    },
  };
}

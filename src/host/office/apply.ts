/**
 * applyPlan for the Office.js adapter.
 *   sync 1: protection of every sheet, the ledger, and the current values/formulas/number formats of every
 *           target rectangle (to re-check that each cell is still writable and to record what it held),
 *           packed by the bytes the read saw in those cells; on re-runs also the types of the conditional
 *           formats where the read's ledger says the previous marks are;
 *   (re-runs only: one sync for those formats' rule formulas — two if the ledger changed since the read;)
 *   sync 2: the writes — calculation [1.6] and screen updating [1.9] suspended, number formats and values
 *           in whole 2-D rectangles, the marks as custom conditional formats (batched with getRanges [1.9]),
 *           and the merged ledger. Split into more syncs only when the byte budget requires.
 * If a write sync fails, every cell of the plan is put back (values, formulas, formats, marks, ledger) in
 * following syncs and a SyncFailed HostError says so.
 */
import { a1, rangeA1 } from "../../engine/address";
import type { CellRange, CellWrite, Ledger, WorkbookSnapshot, WritePlan } from "../../engine/types";
import {
  MarkIds,
  cellKey,
  firstProtected,
  heldAtRead,
  ledgerAfterRun,
  ledgerIndex,
  markGroups,
  markedAreas,
  mayWrite,
  runToken,
  sheetsToRefuse,
  toCellValue,
  toFormula,
  type HeldCell,
  type MarkGroup,
  type WriteOutcome,
} from "../cells";
import { EXCEL, protectedSheetError, restoreFailedError, writeFailedError } from "../errors";
import { LEDGER_SETTING_KEY, parseLedger, serializeLedger } from "../ledger";
import type { ApplyResult } from "../port";
import {
  FORMAT_BYTES_PER_CELL,
  OP_OVERHEAD,
  RECHECK_BYTES_PER_CELL,
  SLICE_BUDGET,
  SYNC_BUDGET,
  opBytes,
  packByBytes,
  utf8Length,
} from "./budget";
import { errorCode, errorText, fromExcelError } from "./errors";
import {
  addMark,
  markSearches,
  queueMarkFormulas,
  queueMarkTypes,
  type FoundMark,
  type MarkSearch,
} from "./marks";
import { grid, rowRuns, sliceRect, toRects, type Rect } from "./rects";

export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface Features {
  /** suspendApiCalculationUntilNextSync (ExcelApi 1.6, so always true under the 1.7 minimum). */
  calc: boolean;
  /** ExcelApi 1.9: suspendScreenUpdatingUntilNextSync, getRanges, pageLayout. */
  v19: boolean;
  /** ExcelApi 1.13: getMergedAreasOrNullObject. */
  merges: boolean;
}

/** What one target cell held before the run (its number format always read). */
type Before = HeldCell & { format: string };

interface Target {
  write: CellWrite;
  writable: boolean;
  before: Before | null;
}

/** Areas per getRanges call, keeping the address string short. */
const AREAS_PER_CALL = 100;

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/** Rows of a slice of a `colCount`-wide rectangle whose re-check fits SLICE_BUDGET: a 200k-row output
 *  column is one rectangle, over 5 MB on its own. */
export function sliceRows(colCount: number): number {
  return Math.max(1, Math.floor(SLICE_BUDGET / (colCount * RECHECK_BYTES_PER_CELL)));
}

type Grid2 = (string | number | boolean | null)[][];

/** A write of part of a rectangle, with its estimated request bytes. */
interface GridWrite {
  bytes: number;
  queue: (context: Excel.RequestContext) => void;
}

/**
 * Writes of a rectangle's grids (null where a cell stays unchanged): number formats, then values, then
 * formulas, cut into row runs so that no request is over the sync budget — even long number formats or
 * texts (an undo or restore writes back whatever the cells held).
 */
export function gridWrites(
  sheet: string,
  rect: CellRange,
  grids: { numberFormat?: Grid2; values?: Grid2; formulas?: Grid2 },
): GridWrite[] {
  const kinds = (["numberFormat", "values", "formulas"] as const).filter((k) => grids[k] !== undefined);
  const rowBytes = (i: number) =>
    kinds.reduce((n, k) => n + utf8Length(JSON.stringify((grids[k] as Grid2)[i])) + 1, 0);
  const overhead = kinds.length * OP_OVERHEAD;
  return rowRuns(rect.rowCount, rowBytes, SYNC_BUDGET - overhead).map(([from, to]) => {
    let bytes = overhead;
    for (let i = from; i < to; i++) bytes += rowBytes(i);
    const part = { row: rect.row + from, col: rect.col, rowCount: to - from, colCount: rect.colCount };
    return {
      bytes,
      queue: (context) => {
        const range = context.workbook.worksheets.getItem(sheet).getRange(rangeA1(part));
        const rows = (k: (typeof kinds)[number]) => (grids[k] as Grid2).slice(from, to);
        if (grids.numberFormat) range.numberFormat = rows("numberFormat") as string[][];
        if (grids.values) range.values = rows("values") as (string | number | boolean)[][];
        if (grids.formulas) range.formulas = rows("formulas") as string[][];
      },
    };
  });
}

/** The plan's writes as rectangles per sheet, each small enough for one sync. */
function planRects(plan: WritePlan): { sheet: string; rect: Rect<Target> }[] {
  const out: { sheet: string; rect: Rect<Target> }[] = [];
  for (const [sheet, writes] of groupBy(plan.writes, (w) => w.sheet))
    for (const rect of toRects(
      writes.map((w) => ({
        row: w.row,
        col: w.col,
        data: { write: w, writable: false, before: null } as Target,
      })),
    ))
      for (const slice of sliceRect(rect, sliceRows(rect.colCount))) out.push({ sheet, rect: slice });
  return out;
}

/** Estimated response bytes of re-checking one rectangle (values, formulas, numberFormat): what the read
 *  saw in each cell twice, plus a number format; without that read, RECHECK_BYTES_PER_CELL a cell. */
function recheckBytes(sheet: string, rect: Rect<Target>, lastRead: WorkbookSnapshot | null): number {
  const snap = lastRead?.sheets.find((s) => s.name === sheet);
  if (!snap) return rect.rowCount * rect.colCount * RECHECK_BYTES_PER_CELL;
  let bytes = 0;
  for (let i = 0; i < rect.rowCount; i++) {
    const values = snap.values[rect.row + i - snap.top];
    const formulas = snap.formulas?.[rect.row + i - snap.top];
    for (let j = 0; j < rect.colCount; j++) {
      const c = rect.col + j - snap.left;
      const value = values?.[c] ?? null;
      const shown =
        value === null ? 2 : typeof value === "string" ? utf8Length(value) + 2 : String(value).length;
      const formula = formulas?.[c];
      bytes += shown + 1 + (formula ? utf8Length(formula) + 3 : shown + 1) + FORMAT_BYTES_PER_CELL;
    }
    bytes += 3 * 3; // brackets and commas of the row in each of the three grids
  }
  return bytes;
}

/** A rectangle's re-check read by rows (for a retry after ResponsePayloadSizeLimitExceeded). */
interface RecheckPart {
  sheet: string;
  rect: Rect<Target>;
  /** Rows of the rectangle this part reads. */
  from: number;
  rowCount: number;
}

function isPayloadError(error: unknown): boolean {
  const code = errorCode(error);
  return code === "ResponsePayloadSizeLimitExceeded" || code === "RequestPayloadSizeLimitExceeded";
}

/** Estimated response bytes of one mark search's conditional-format types. */
const MARK_TYPES_BYTES = 64;

/** What a target rectangle holds now, row by row. */
interface TargetCells {
  values: unknown[][];
  formulas: unknown[][];
  formats: unknown[][];
}

/**
 * The re-check: what every target rectangle holds now, in syncs packed by the bytes the read saw there; a
 * group Excel still finds too large is read again in halves (by rectangles, then by rows). The first sync
 * also carries what `queueHead` queued (protection, ledger, mark types: `headBytes` of the budget), queued
 * again if that sync has to be retried.
 */
async function recheckTargets(
  context: Excel.RequestContext,
  rects: { sheet: string; rect: Rect<Target> }[],
  lastRead: WorkbookSnapshot | null,
  queueHead: () => void,
  headBytes: number,
): Promise<Map<Rect<Target>, TargetCells>> {
  const items: { part: RecheckPart | null; bytes: number }[] = [{ part: null, bytes: headBytes }];
  for (const { sheet, rect } of rects)
    items.push({
      part: { sheet, rect, from: 0, rowCount: rect.rowCount },
      bytes: recheckBytes(sheet, rect, lastRead),
    });
  const groups: RecheckPart[][] = packByBytes(items, (p) => p.bytes).map((g) =>
    g.flatMap((p) => (p.part ? [p.part] : [])),
  );
  const loaded = new Map<Rect<Target>, TargetCells>();
  for (const { rect } of rects) loaded.set(rect, { values: [], formulas: [], formats: [] });
  let first = true;
  while (first || groups.length) {
    const group = groups.shift() ?? [];
    const ranges = group.map((part) => {
      const address = rangeA1({
        row: part.rect.row + part.from,
        col: part.rect.col,
        rowCount: part.rowCount,
        colCount: part.rect.colCount,
      });
      const range = context.workbook.worksheets.getItem(part.sheet).getRange(address);
      range.load("values,formulas,numberFormat");
      return { part, range };
    });
    try {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per group of target rectangles budgeted by bytes (packByBytes): the count grows with megabytes, not with cells or rows.
      await context.sync();
    } catch (error) {
      if (!isPayloadError(error) || !group.length) throw error;
      if (first) queueHead(); // its loads went down with the group
      const part = group[0];
      if (group.length === 1 && part.rowCount < 2) throw error;
      const top = Math.ceil(part.rowCount / 2);
      groups.unshift(
        ...(group.length > 1
          ? [group.slice(0, group.length >> 1), group.slice(group.length >> 1)]
          : [
              [{ ...part, rowCount: top }],
              [{ ...part, from: part.from + top, rowCount: part.rowCount - top }],
            ]),
      );
      continue;
    }
    first = false;
    for (const { part, range } of ranges) {
      const into = loaded.get(part.rect) as TargetCells;
      range.values.forEach((row, i) => (into.values[part.from + i] = row));
      range.formulas.forEach((row, i) => (into.formulas[part.from + i] = row));
      range.numberFormat.forEach((row, i) => (into.formats[part.from + i] = row));
    }
  }
  return loaded;
}

/** Queue the marks (one conditional format per getRanges call [1.9], else per area). */
function queueMarks(context: Excel.RequestContext, ops: MarkGroup[], v19: boolean, ids: MarkIds): void {
  for (const op of ops) {
    const ws = context.workbook.worksheets.getItem(op.sheet);
    if (v19) {
      for (let i = 0; i < op.addresses.length; i += AREAS_PER_CALL)
        addMark(ws.getRanges(op.addresses.slice(i, i + AREAS_PER_CALL).join(",")), op.severity, ids.next());
    } else for (const address of op.addresses) addMark(ws.getRange(address), op.severity, ids.next());
  }
}

/** Estimated request bytes of queueing one mark op: per conditional format (one per getRanges call [1.9],
 *  else one per area) the range, the add, the rule formula and the fill, plus the addresses. */
function markOpBytes(op: MarkGroup, v19: boolean): number {
  const formats = v19 ? Math.ceil(op.addresses.length / AREAS_PER_CALL) : op.addresses.length;
  return formats * 4 * OP_OVERHEAD + utf8Length(op.addresses.join(","));
}

interface ApplyOptions {
  features: Features;
  lastRead: WorkbookSnapshot | null;
  /** Size of the ledger setting's text at that read (it travels again with the re-check). */
  ledgerBytes?: number;
  now?: () => string;
}

export async function applyPlanWith(
  run: ExcelRun,
  plan: WritePlan,
  options: ApplyOptions,
): Promise<ApplyResult> {
  const { features } = options;
  const rects = planRects(plan);
  const overwrite = plan.overwrite === true;

  // Everything the failure path needs, filled as we go.
  let previousLedgerRaw: unknown = null;
  let oldMarks: FoundMark[] = [];
  let newMarkOps: MarkGroup[] = [];
  let started = false;

  try {
    return await run(async (context) => {
      // ── sync 1: protection, ledger, what the targets hold now ──
      const worksheets = context.workbook.worksheets;
      const setting = context.workbook.settings.getItemOrNullObject(LEDGER_SETTING_KEY);
      // Re-runs: the previous run's marks as the read's ledger lists them (on sheets the read saw
      // unprotected) are searched in this first sync too; used if the ledger has not changed since.
      const readSheets = new Map(options.lastRead?.sheets.map((sh) => [sh.name, sh.protected === true]));
      const expectedMarks = (options.lastRead?.ledger?.marks ?? []).filter(
        (m) => readSheets.get(m.sheet) === false,
      );
      let earlySearches: MarkSearch[] = [];
      const queueHead = () => {
        worksheets.load("items/name,items/protection/protected");
        setting.load("value");
        earlySearches = markSearches(context.workbook, expectedMarks);
        queueMarkTypes(earlySearches);
      };
      queueHead();
      const headBytes = (options.ledgerBytes ?? 0) + expectedMarks.length * MARK_TYPES_BYTES;
      const loaded = await recheckTargets(context, rects, options.lastRead, queueHead, headBytes);

      const protectedSheets = new Map(worksheets.items.map((ws) => [ws.name, ws.protection.protected]));
      const refused = firstProtected(sheetsToRefuse({ plan }), (sheet) => protectedSheets.get(sheet));
      if (refused !== null) throw protectedSheetError(refused);
      const usable = (sheet: string) => protectedSheets.get(sheet) === false;

      // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/call-sync-after-load -- loaded and synced in recheckTargets (queueHead)
      previousLedgerRaw = setting.isNullObject ? null : (setting.value as unknown);
      const previous: Ledger | null = parseLedger(previousLedgerRaw);
      const ledgerByCell = ledgerIndex(previous);

      for (const { rect } of rects) {
        const { values, formulas, formats } = loaded.get(rect) as TargetCells;
        rect.cells.forEach((row, i) =>
          row.forEach((t, j) => {
            if (!t) return;
            const { sheet, row: r, col: c } = t.write;
            t.before = {
              value: toCellValue(values[i][j]),
              formula: toFormula(formulas[i][j]),
              format: String(formats[i][j] ?? "General"),
            };
            t.writable = mayWrite(t.before, ledgerByCell.get(cellKey(sheet, a1(r, c))), {
              overwrite,
              atRead: overwrite ? heldAtRead(options.lastRead, sheet, r, c) : null,
            });
          }),
        );
      }

      // ── re-runs: find the previous run's marks (types, then rule formulas; the types were loaded with the
      //    re-check when the ledger is still the one the read saw) ──
      const oldSearchMarks = (previous?.marks ?? []).filter(
        (m) => protectedSheets.has(m.sheet) && usable(m.sheet),
      );
      if (oldSearchMarks.length) {
        const key = (m: { sheet: string; address: string }) => `${m.sheet}\u0000${m.address}`;
        const wanted = new Set(oldSearchMarks.map(key));
        let searches = earlySearches;
        if (searches.length !== wanted.size || !searches.every((x) => wanted.has(key(x)))) {
          searches = markSearches(context.workbook, oldSearchMarks);
          queueMarkTypes(searches);
          await context.sync();
        }
        const found = queueMarkFormulas(searches);
        await context.sync();
        oldMarks = found();
      }

      // ── the new ledger ──
      const now = options.now?.() ?? new Date().toISOString();
      let written = 0;
      const sheetsWritten = new Set<string>();
      const outcomes: WriteOutcome[] = [];
      for (const { rect } of rects)
        for (const row of rect.cells)
          for (const t of row) {
            if (!t || !t.before) continue;
            const { sheet, row: r, col: c, value } = t.write;
            outcomes.push({ sheet, row: r, col: c, value, before: t.before, written: t.writable });
            if (!t.writable) continue;
            written++;
            sheetsWritten.add(sheet);
          }
      const marks = markGroups(plan, usable);
      newMarkOps = marks.groups;
      const ledger = ledgerAfterRun(previous, outcomes, markedAreas(newMarkOps), now);
      const ledgerText = serializeLedger(ledger);

      // ── the write syncs ──
      type WriteItem = { bytes: number; queue: () => void };
      const items: WriteItem[] = [];
      for (const { sheet, rect } of rects) {
        const keep = (t: Target) => t.writable;
        const formats = grid(rect, (t) => (keep(t) ? (t.write.numberFormat ?? null) : null));
        const values = grid(rect, (t) => (keep(t) ? t.write.value : null));
        if (!values.some((row) => row.some((v) => v !== null))) continue;
        const hasFormats = formats.some((row) => row.some((f) => f !== null));
        for (const write of gridWrites(
          sheet,
          rect,
          hasFormats ? { numberFormat: formats, values } : { values },
        ))
          items.push({ bytes: write.bytes, queue: () => write.queue(context) });
      }
      const ids = new MarkIds(runToken(now));
      items.push({
        bytes:
          oldMarks.length * OP_OVERHEAD + newMarkOps.reduce((n, op) => n + markOpBytes(op, features.v19), 0),
        queue: () => {
          for (const m of oldMarks) m.format.delete();
          queueMarks(context, newMarkOps, features.v19, ids);
        },
      });
      items.push({
        bytes: opBytes(ledgerText),
        queue: () => context.workbook.settings.add(LEDGER_SETTING_KEY, ledgerText),
      });
      const groups = packByBytes(items, (i) => i.bytes, SYNC_BUDGET);
      started = true;
      for (const group of groups) {
        if (features.calc) context.application.suspendApiCalculationUntilNextSync();
        if (features.v19) context.application.suspendScreenUpdatingUntilNextSync();
        for (const item of group) item.queue();
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per group of writes budgeted by bytes (packByBytes): usually one group; more only when the 5 MB limit requires.
        await context.sync();
      }
      return { written, marked: marks.areas, sheets: [...sheetsWritten] };
    });
  } catch (error) {
    if (!started)
      throw fromExcelError(error, { "zh-CN": "读取写入目标", "en-US": "Reading the target cells" });
    await restore(run, rects, previousLedgerRaw, oldMarks, newMarkOps, features, error);
    throw writeFailedError(EXCEL, errorText(error), error);
  }
}

/** Put back every target cell, the marks and the ledger after a failed write. */
async function restore(
  run: ExcelRun,
  rects: { sheet: string; rect: Rect<Target> }[],
  previousLedgerRaw: unknown,
  oldMarks: FoundMark[],
  newMarkOps: MarkGroup[],
  features: Features,
  cause: unknown,
): Promise<void> {
  try {
    await run(async (context) => {
      // The cells first, in syncs within the budget; the last group rides with the ledger and mark search.
      const writes: GridWrite[] = [];
      for (const { sheet, rect } of rects) {
        const written = (t: Target) => t.writable && t.before !== null;
        if (!rect.cells.some((row) => row.some((t) => t !== null && written(t)))) continue;
        const formulas = grid(rect, (t) => (written(t) ? (t.before as Before).formula : null));
        writes.push(
          ...gridWrites(sheet, rect, {
            numberFormat: grid(rect, (t) => (written(t) ? (t.before as Before).format : null)),
            values: grid(rect, (t) =>
              written(t) && (t.before as Before).formula === null ? ((t.before as Before).value ?? "") : null,
            ),
            ...(formulas.some((row) => row.some((f) => f !== null)) ? { formulas } : {}),
          }),
        );
      }
      const groups = packByBytes(writes, (x) => x.bytes);
      for (const group of groups.slice(0, -1)) {
        for (const write of group) write.queue(context);
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per group of restores budgeted by bytes (packByBytes): usually none before the last.
        await context.sync();
      }
      for (const write of groups[groups.length - 1] ?? []) write.queue(context);
      const setting = context.workbook.settings.getItemOrNullObject(LEDGER_SETTING_KEY);
      setting.load("key");
      if (previousLedgerRaw !== null) context.workbook.settings.add(LEDGER_SETTING_KEY, previousLedgerRaw);
      const searchMarks = [
        ...newMarkOps.flatMap((op) => op.addresses.map((address) => ({ sheet: op.sheet, address }))),
        ...oldMarks.flatMap((m) => m.addresses.map((address) => ({ sheet: m.sheet, address }))),
      ];
      const searches = markSearches(context.workbook, searchMarks);
      queueMarkTypes(searches);
      await context.sync();
      if (previousLedgerRaw === null && !setting.isNullObject) setting.delete();
      const found = queueMarkFormulas(searches, { halfMade: true });
      await context.sync();
      for (const m of found()) m.format.delete();
      queueMarks(
        context,
        oldMarks.map((m) => ({ sheet: m.sheet, severity: m.severity, addresses: m.addresses })),
        features.v19,
        new MarkIds(`r${runToken(new Date().toISOString())}`),
      );
      await context.sync();
    });
  } catch (again) {
    throw restoreFailedError(EXCEL, errorText(cause), errorText(again), again);
  }
}

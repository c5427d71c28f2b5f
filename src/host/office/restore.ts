/**
 * 清除标记 and 撤销上次评分 for the Office.js adapter, both driven by the ledger.
 *   clearMarks: finds the add-in's conditional formats on the ranges the ledger lists (by marker formula)
 *               and deletes only those; the user's fills, fonts and own conditional formats stay.
 *   undoLastRun: puts every ledger cell that still holds what the add-in wrote back to its earlier value and
 *               number format, removes the marks, and empties the ledger (the summary sheet stays known).
 * Syncs: ledger (1), mark types (2), mark formulas (3), writes (4) — more only when the byte budget requires.
 */
import { parseCell, rangeA1 } from "../../engine/address";
import type { Ledger, LedgerEntry } from "../../engine/types";
import {
  firstProtected,
  ledgerAfterClearMarks,
  ledgerAfterUndo,
  marksToClear,
  sheetsToRefuse,
  toCellValue,
  toFormula,
  undoRestores,
  undoTarget,
} from "../cells";
import { protectedSheetError } from "../errors";
import { LEDGER_SETTING_KEY, parseLedger, serializeLedger } from "../ledger";
import { gridWrites, sliceRows, type ExcelRun, type Features } from "./apply";
import { RECHECK_BYTES_PER_CELL, opBytes, packByBytes } from "./budget";
import { fromExcelError } from "./errors";
import { markSearches, queueMarkFormulas, queueMarkTypes } from "./marks";
import { sliceRect, toRects, type Rect } from "./rects";

interface Loaded {
  ledger: Ledger | null;
  names: Set<string>;
  protectedSheets: Set<string>;
}

/** Sync: the ledger and the sheets (name, protection). */
async function loadLedger(context: Excel.RequestContext): Promise<Loaded> {
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name,items/protection/protected");
  const setting = context.workbook.settings.getItemOrNullObject(LEDGER_SETTING_KEY);
  setting.load("value");
  await context.sync();
  return {
    ledger: setting.isNullObject ? null : parseLedger(setting.value),
    names: new Set(worksheets.items.map((ws) => ws.name)),
    protectedSheets: new Set(worksheets.items.filter((ws) => ws.protection.protected).map((ws) => ws.name)),
  };
}

/** Two syncs: our marks on the ledger's marked ranges (existing sheets only). */
async function findMarks(context: Excel.RequestContext, ledger: Ledger, names: Set<string>) {
  const marks = ledger.marks.filter((m) => names.has(m.sheet));
  if (!marks.length) return [];
  const searches = markSearches(context.workbook, marks);
  queueMarkTypes(searches);
  await context.sync();
  const found = queueMarkFormulas(searches);
  await context.sync();
  return found();
}

export async function clearMarksWith(run: ExcelRun, _features: Features): Promise<number> {
  try {
    return await run(async (context) => {
      const { ledger, names, protectedSheets } = await loadLedger(context);
      if (!ledger || ledger.marks.length === 0) return 0;
      const refused = firstProtected(sheetsToRefuse({ clear: ledger }), (s) => protectedSheets.has(s));
      if (refused !== null) throw protectedSheetError(refused);
      const found = await findMarks(context, ledger, names);
      for (const m of found) m.format.delete();
      const areas = marksToClear(ledger, names).length;
      context.workbook.settings.add(LEDGER_SETTING_KEY, serializeLedger(ledgerAfterClearMarks(ledger)));
      await context.sync();
      return areas;
    });
  } catch (error) {
    throw fromExcelError(error, { "zh-CN": "清除标记", "en-US": "Clearing the marks" });
  }
}

export async function undoWith(run: ExcelRun, _features: Features): Promise<number> {
  try {
    return await run(async (context) => {
      const { ledger, names, protectedSheets } = await loadLedger(context);
      if (!ledger || (ledger.entries.length === 0 && ledger.marks.length === 0)) return 0;
      const entries = ledger.entries.filter((e) => names.has(e.sheet));
      const refused = firstProtected(sheetsToRefuse({ undo: ledger }), (s) => protectedSheets.has(s));
      if (refused !== null) throw protectedSheetError(refused);

      // What the cells hold now (a cell the user has changed since is left alone).
      const rects: { sheet: string; rect: Rect<LedgerEntry> }[] = [];
      const bySheet = new Map<string, LedgerEntry[]>();
      for (const e of entries) {
        const list = bySheet.get(e.sheet);
        if (list)
          list.push(e); // no copy per entry: a 200k-row run has 400k entries
        else bySheet.set(e.sheet, [e]);
      }
      for (const [sheet, list] of bySheet)
        for (const rect of toRects(list.map((e) => ({ ...parseCell(e.address), data: e }))))
          for (const slice of sliceRect(rect, sliceRows(rect.colCount))) rects.push({ sheet, rect: slice });
      const loaded = new Map<Rect<LedgerEntry>, Excel.Range>();
      const loadGroups = packByBytes(
        rects,
        (r) => r.rect.rowCount * r.rect.colCount * RECHECK_BYTES_PER_CELL,
      );
      for (const group of loadGroups) {
        for (const { sheet, rect } of group) {
          const range = context.workbook.worksheets.getItem(sheet).getRange(rangeA1(rect));
          range.load("values,formulas");
          loaded.set(rect, range);
        }
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per group of ledger rectangles budgeted by bytes (packByBytes): usually one.
        await context.sync();
      }
      const found = await findMarks(context, ledger, names);

      let restored = 0;
      type Item = { bytes: number; queue: () => void };
      const items: Item[] = [];
      for (const { sheet, rect } of rects) {
        const range = loaded.get(rect) as Excel.Range;
        const values = range.values;
        const formulas = range.formulas;
        const ours = rect.cells.map((row, i) =>
          row.map((e, j) => {
            if (!e) return false;
            return undoRestores({ value: toCellValue(values[i][j]), formula: toFormula(formulas[i][j]) }, e);
          }),
        );
        const keep = (e: LedgerEntry, i: number, j: number) => ours[i][j] && e !== null;
        const formats = rect.cells.map((row, i) =>
          row.map((e, j) => (e && keep(e, i, j) ? (undoTarget(e).format ?? null) : null)),
        );
        // Values and formulas both go through `values` (Excel reads "=…" as a formula); "" empties a cell.
        const previous = rect.cells.map((row, i) =>
          row.map((e, j) => {
            if (!e || !keep(e, i, j)) return null;
            const target = undoTarget(e);
            return target.formula ?? target.value ?? "";
          }),
        );
        const count = ours.flat().filter(Boolean).length;
        if (!count) continue;
        restored += count;
        const hasFormats = formats.some((row) => row.some((f) => f !== null));
        for (const write of gridWrites(
          sheet,
          rect,
          hasFormats ? { numberFormat: formats, values: previous } : { values: previous },
        ))
          items.push({ bytes: write.bytes, queue: () => write.queue(context) });
      }
      const cleared: Ledger = ledgerAfterUndo(ledger, new Date().toISOString());
      items.push({
        bytes: found.length * 200 + opBytes(serializeLedger(cleared)),
        queue: () => {
          for (const m of found) m.format.delete();
          context.workbook.settings.add(LEDGER_SETTING_KEY, serializeLedger(cleared));
        },
      });
      for (const group of packByBytes(items, (i) => i.bytes)) {
        for (const item of group) item.queue();
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per group of restores budgeted by bytes (packByBytes): usually one.
        await context.sync();
      }
      return restored;
    });
  } catch (error) {
    throw fromExcelError(error, { "zh-CN": "撤销上次评分", "en-US": "Undoing the last run" });
  }
}

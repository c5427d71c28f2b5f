/**
 * insertSummary for the Office.js adapter: the 问题汇总 sheet. Reuses the sheet the ledger names (cleared,
 * never deleted — deleting is not undoable), else adds one under a free valid name (../cells decides). Values in one 2-D
 * block, number formats in one, styles in a few rectangles per style, merges, column widths, internal
 * hyperlinks on link cells, a native clustered bar chart, A4 portrait fit-to-width [1.9]; the sheet's name
 * goes into the ledger.
 */
import { a1, qualified, rangeA1 } from "../../engine/address";
import type { CellRange, SummaryCell, SummarySheet, SummaryStyle } from "../../engine/types";
import { SUMMARY_STYLES, ledgerWithSummary, summarySheetTarget, type SummaryStyleSpec } from "../cells";
import { LEDGER_SETTING_KEY, parseLedger, serializeLedger } from "../ledger";
import type { ExcelRun, Features } from "./apply";
import { fromExcelError } from "./errors";

/** Name of the chart the add-in adds (found again to replace it). */
const CHART_NAME = "绩效评价助手_得分率";

/** Exact rectangles (no foreign cells) covering the given cells: runs along rows, stacked when equal. */
export function exactRects(cells: { row: number; col: number }[]): CellRange[] {
  const sorted = [...cells].sort((a, b) => a.row - b.row || a.col - b.col);
  const runs: CellRange[] = [];
  for (const c of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.row === c.row && last.col + last.colCount === c.col) last.colCount++;
    else runs.push({ row: c.row, col: c.col, rowCount: 1, colCount: 1 });
  }
  const out: CellRange[] = [];
  const open = new Map<string, CellRange>();
  for (const run of runs) {
    const key = `${run.col}:${run.colCount}`;
    const above = open.get(key);
    if (above && above.row + above.rowCount === run.row) above.rowCount++;
    else {
      const rect = { ...run };
      out.push(rect);
      open.set(key, rect);
    }
  }
  return out;
}

/** Points for a width in characters (Excel's default 8.43 characters ≈ 48 points). */
function columnPoints(chars: number): number {
  return Math.round(chars * 5.7 * 10) / 10;
}

function sheetGrid(summary: SummarySheet): { width: number; cells: (SummaryCell | null)[][] } {
  const width = Math.max(1, summary.columnWidths.length, ...summary.rows.map((r) => r.length));
  const cells = summary.rows.map((row) => Array.from({ length: width }, (_, j) => row[j] ?? null));
  return { width, cells };
}

export async function insertSummaryWith(
  run: ExcelRun,
  summary: SummarySheet,
  features: Features,
): Promise<{ sheet: string }> {
  try {
    return await run(async (context) => {
      const worksheets = context.workbook.worksheets;
      worksheets.load("items/name");
      const setting = context.workbook.settings.getItemOrNullObject(LEDGER_SETTING_KEY);
      setting.load("value");
      await context.sync();
      const names = worksheets.items.map((ws) => ws.name);
      const ledger = setting.isNullObject ? null : parseLedger(setting.value);
      const { name, reuse } = summarySheetTarget(summary.name, names, ledger);

      let ws: Excel.Worksheet;
      if (reuse) {
        ws = worksheets.getItem(name);
        const charts = worksheets.getItem(name).charts;
        charts.load("items/name");
        await context.sync();
        for (const chart of charts.items) if (chart.name.startsWith(CHART_NAME)) chart.delete();
        ws.getRange().clear("All");
      } else ws = worksheets.add(name);

      const { width, cells } = sheetGrid(summary);
      const height = cells.length;
      if (height > 0) {
        const block = ws.getRange(rangeA1({ row: 0, col: 0, rowCount: height, colCount: width }));
        if (cells.some((row) => row.some((c) => c?.numberFormat)))
          block.numberFormat = cells.map((row) => row.map((c) => c?.numberFormat ?? "General"));
        block.values = cells.map((row) => row.map((c) => c?.value ?? ""));

        // Styles: a few exact rectangles per style.
        for (const [style, spec] of Object.entries(SUMMARY_STYLES) as [SummaryStyle, SummaryStyleSpec][]) {
          const at: { row: number; col: number }[] = [];
          cells.forEach((row, i) => row.forEach((c, j) => c?.style === style && at.push({ row: i, col: j })));
          for (const rect of exactRects(at)) {
            const format = ws.getRange(rangeA1(rect)).format;
            if (spec.bold !== undefined) format.font.bold = spec.bold;
            if (spec.size !== undefined) format.font.size = spec.size;
            if (spec.color !== undefined) format.font.color = spec.color;
            if (spec.underline) format.font.underline = "Single";
            if (spec.fill !== undefined) format.fill.color = spec.fill;
          }
        }
        for (const merge of summary.merges) ws.getRange(rangeA1(merge)).merge(false);
        summary.columnWidths.forEach((chars, col) => {
          if (chars > 0)
            ws.getRange(rangeA1({ row: 0, col, rowCount: height, colCount: 1 })).format.columnWidth =
              columnPoints(chars);
        });
        cells.forEach((row, i) =>
          row.forEach((c, j) => {
            if (!c?.link) return;
            ws.getRange(a1(i, j)).hyperlink = {
              documentReference: qualified(c.link.sheet, c.link.address),
              textToDisplay: String(c.value ?? c.link.address),
            };
          }),
        );
      }

      if (summary.chart) {
        const { categories, values, anchor } = summary.chart;
        const top = Math.min(categories.row, values.row);
        const left = Math.min(categories.col, values.col);
        const bottom = Math.max(categories.row + categories.rowCount, values.row + values.rowCount);
        const right = Math.max(categories.col + categories.colCount, values.col + values.colCount);
        const source = ws.getRange(
          rangeA1({ row: top, col: left, rowCount: bottom - top, colCount: right - left }),
        );
        const chart = ws.charts.add("BarClustered", source, "Columns");
        chart.name = CHART_NAME;
        chart.title.text = summary.chart.title;
        chart.setPosition(a1(anchor.row, anchor.col));
      }

      if (features.v19) {
        ws.pageLayout.orientation = summary.print.orientation === "landscape" ? "Landscape" : "Portrait";
        ws.pageLayout.paperSize = "A4";
        if (summary.print.fitToWidth) ws.pageLayout.zoom = { horizontalFitToPages: 1 };
      }
      ws.activate();
      context.workbook.settings.add(LEDGER_SETTING_KEY, serializeLedger(ledgerWithSummary(ledger, name)));
      await context.sync();
      return { sheet: name };
    });
  } catch (error) {
    throw fromExcelError(error, { "zh-CN": "插入问题汇总表", "en-US": "Inserting the findings summary" });
  }
}

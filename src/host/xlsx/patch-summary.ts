/**
 * The copy's own worksheets, written whole: the 问题汇总 summary sheet (its styles appended to the
 * workbook's style sheet through ./patch-styles, internal hyperlinks to the findings' cells as
 * `location`s, merges, column widths, A4 page setup) and the very-hidden ledger sheet (the ledger in
 * column A, the settings in column B, as inline strings of at most CHUNK characters).
 */
import { qualified } from "../../engine/address";
import type { SummarySheet, SummaryStyle } from "../../engine/types";
import { fitCellText } from "../cells";
import { CHUNK } from "./names";
import { cellXml } from "./patch-sheet";
import type { CellLook, StylePatch } from "./patch-styles";
import { columnName, rangeA1 } from "../../engine/address";
import { escapeAttr } from "./xml";

const HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">';

const GREY = "FFBFBFBF";

/** The summary sheet's looks (as the ExcelJS copy and the add-in draw them). */
const LOOKS: Record<SummaryStyle, CellLook> = {
  title: { font: { bold: true, size: 16 }, alignment: { horizontal: "center", vertical: "center" } },
  subtitle: { font: { bold: true, size: 12 }, alignment: { vertical: "center", wrapText: true } },
  header: {
    font: { bold: true },
    fill: "FFD9E1F2",
    border: { color: GREY },
    alignment: { horizontal: "center", vertical: "center", wrapText: true },
  },
  body: { border: { color: GREY }, alignment: { vertical: "top", wrapText: true } },
  total: {
    font: { bold: true },
    border: { color: GREY, topDouble: true },
    alignment: { vertical: "center" },
  },
  category: { font: { bold: true, size: 12 }, fill: "FFF2F2F2", alignment: { vertical: "center" } },
  note: { font: { italic: true, color: "FF595959" }, alignment: { vertical: "top", wrapText: true } },
  link: {
    font: { color: "FF0563C1", underline: true },
    border: { color: GREY },
    alignment: { vertical: "top" },
  },
};

/** The summary sheet's part. */
export function summarySheetXml(summary: SummarySheet, styles: StylePatch): string {
  const cache = new Map<string, number>();
  const styleOf = (style: SummaryStyle | undefined, link: boolean, numberFormat: string | undefined) => {
    const key = `${style ?? ""}|${link}|${numberFormat ?? ""}`;
    let id = cache.get(key);
    if (id === undefined) {
      const base = style ? LOOKS[style] : {};
      const look: CellLook = link ? { ...base, ...LOOKS.link } : { ...base };
      if (numberFormat) look.numberFormat = numberFormat;
      id =
        look.font || look.fill || look.border || look.alignment || look.numberFormat ? styles.look(look) : 0;
      cache.set(key, id);
    }
    return id;
  };
  let rows = "";
  let maxCol = 0;
  const links: string[] = [];
  summary.rows.forEach((cells, r) => {
    let row = "";
    cells.forEach((c, col) => {
      if (!c) return;
      maxCol = Math.max(maxCol, col);
      const value = typeof c.value === "string" ? fitCellText(c.value) : c.value;
      const style = styleOf(c.style, Boolean(c.link), c.numberFormat);
      row += cellXml("", r, col, { value, formula: null, style });
      if (c.link && c.value !== null) {
        const target = qualified(c.link.sheet, c.link.address);
        links.push(
          `<hyperlink ref="${columnName(col)}${r + 1}" location="${escapeAttr(target)}" display="${escapeAttr(fitCellText(String(c.value)).slice(0, 2000))}"/>`,
        );
      }
    });
    if (row) rows += `<row r="${r + 1}">${row}</row>`;
  });
  const height = Math.max(1, summary.rows.length);
  const dimension = `A1:${columnName(maxCol)}${height}`;
  const cols = summary.columnWidths.length
    ? `<cols>${summary.columnWidths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join("")}</cols>`
    : "";
  const merges = summary.merges.length
    ? `<mergeCells count="${summary.merges.length}">${summary.merges.map((m) => `<mergeCell ref="${rangeA1(m)}"/>`).join("")}</mergeCells>`
    : "";
  const hyperlinks = links.length ? `<hyperlinks>${links.join("")}</hyperlinks>` : "";
  const fit = summary.print.fitToWidth;
  return (
    HEAD +
    (fit ? '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' : "") +
    `<dimension ref="${dimension}"/>` +
    '<sheetViews><sheetView workbookViewId="0"/></sheetViews>' +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    cols +
    `<sheetData>${rows}</sheetData>` +
    merges +
    hyperlinks +
    '<pageMargins left="0.6" right="0.6" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    `<pageSetup paperSize="9" orientation="${summary.print.orientation}"${fit ? ' fitToWidth="1" fitToHeight="0"' : ""}/>` +
    "</worksheet>"
  );
}

function chunks(text: string | null): string[] {
  const out: string[] = [];
  if (text === null) return out;
  for (let i = 0; i < text.length; i += CHUNK) out.push(text.slice(i, i + CHUNK));
  return out;
}

/** The ledger sheet's part: `ledger` in column A, `settings` in column B, from row 1 down. */
export function ledgerSheetXml(ledger: string | null, settings: string | null): string {
  const a = chunks(ledger);
  const b = chunks(settings);
  let rows = "";
  for (let r = 0; r < Math.max(a.length, b.length); r++) {
    let row = "";
    if (a[r] !== undefined) row += cellXml("", r, 0, { value: a[r], formula: null, style: 0 });
    if (b[r] !== undefined) row += cellXml("", r, 1, { value: b[r], formula: null, style: 0 });
    rows += `<row r="${r + 1}">${row}</row>`;
  }
  return `${HEAD}<sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetData>${rows}</sheetData></worksheet>`;
}

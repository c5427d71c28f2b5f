/**
 * ExcelJS ↔ in-memory Excel, so tests and the demo can start from a real .xlsx (examples/gaozhuang-2023.xlsx)
 * and write one back. Carried both ways: values, formulas with their cached results, number formats,
 * merges, solid fills, fonts (bold/italic/size/colour/name), alignment and wrap, hyperlinks, column
 * widths, protection, visibility, page orientation/paper, and
 * expression conditional formats. Not carried: charts (ExcelJS cannot read or write them — see
 * partsExcelJSCannotWrite) and settings (Office keeps them in the add-in's web-extension part); a
 * hyperlink's screen tip is written but ExcelJS does not read it back from a file.
 * This is the only file of src/host/memory that imports ExcelJS; the pane bundle must not import it.
 */
import ExcelJS from "exceljs";
import { charsToPoints, pointsToChars } from "./range";
import { cellKey, MemoryWorkbook } from "./workbook";
import type { CellHyperlink, MemoryCell, MemorySheet, Visibility } from "./workbook";
import { isErrorText } from "./format";
import { parseArea } from "./addresses";

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

function dateSerial(d: Date): number {
  return (d.getTime() - EXCEL_EPOCH) / 86400000;
}

function argbToHex(color: Partial<ExcelJS.Color> | undefined): string | undefined {
  const argb = color?.argb;
  if (typeof argb !== "string" || !/^[0-9a-fA-F]{6,8}$/.test(argb)) return undefined;
  return `#${argb.slice(-6).toUpperCase()}`;
}

function hexToArgb(hex: string): string {
  return `FF${hex.replace("#", "").toUpperCase()}`;
}

function richTextToString(v: { richText: { text: string }[] }): string {
  return v.richText.map((r) => r.text).join("");
}

type Scalar = number | string | boolean;

/** A plain value (number/string/boolean/Date/rich text/error) as the in-memory Excel holds it. */
function scalarOf(v: unknown): Scalar | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return dateSerial(v);
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return richTextToString(o as { richText: { text: string }[] });
    if (typeof o.error === "string") return o.error;
    if ("text" in o) return scalarOf(o.text);
  }
  return String(v);
}

const H_ALIGN_IN: Record<string, string> = {
  left: "Left",
  center: "Center",
  right: "Right",
  fill: "Fill",
  justify: "Justify",
  centerContinuous: "CenterAcrossSelection",
  distributed: "Distributed",
};
const V_ALIGN_IN: Record<string, string> = {
  top: "Top",
  middle: "Center",
  bottom: "Bottom",
  justify: "Justify",
  distributed: "Distributed",
};
const invert = (m: Record<string, string>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [v, k]));
const H_ALIGN_OUT = invert(H_ALIGN_IN);
const V_ALIGN_OUT = invert(V_ALIGN_IN);

const PAPER_IN: Record<number, string> = {
  1: "Letter",
  5: "Legal",
  7: "Executive",
  8: "A3",
  9: "A4",
  11: "A5",
  12: "B4",
  13: "B5",
  3: "Tabloid",
};
const PAPER_OUT = Object.fromEntries(Object.entries(PAPER_IN).map(([k, v]) => [v, Number(k)])) as Record<
  string,
  number
>;

function readCell(cell: ExcelJS.Cell): MemoryCell | null {
  const out: MemoryCell = { value: null };
  const v = cell.value as unknown;
  if (cell.type === ExcelJS.ValueType.Merge) {
    // a merged area's other cells hold nothing of their own
  } else if (cell.type === ExcelJS.ValueType.Formula) {
    const formula = cell.formula;
    if (formula) out.formula = `=${formula}`;
    out.value = scalarOf(cell.result) ?? "";
  } else if (cell.type === ExcelJS.ValueType.Hyperlink) {
    const link = v as { text?: unknown; hyperlink?: string; tooltip?: string };
    const target = link.hyperlink ?? "";
    const h: CellHyperlink = target.startsWith("#")
      ? { documentReference: target.slice(1) }
      : { address: target };
    const text = scalarOf(link.text);
    if (text !== null) h.textToDisplay = String(text);
    if (link.tooltip) h.screenTip = link.tooltip;
    out.hyperlink = h;
    out.value = text ?? target;
  } else {
    out.value = scalarOf(v);
  }
  if (cell.numFmt && cell.numFmt !== "General") out.numberFormat = cell.numFmt;
  const fill = cell.fill as ExcelJS.FillPattern | undefined;
  if (fill && fill.type === "pattern" && fill.pattern === "solid") {
    const hex = argbToHex(fill.fgColor);
    if (hex) out.fill = hex;
  }
  const font = cell.font as Partial<ExcelJS.Font> | undefined;
  if (font) {
    const f: MemoryCell["font"] = {};
    if (font.bold) f.bold = true;
    if (font.italic) f.italic = true;
    if (typeof font.size === "number" && font.size !== 11) f.size = font.size;
    const color = argbToHex(font.color);
    if (color && color !== "#000000") f.color = color;
    if (font.name && font.name !== "Calibri") f.name = font.name;
    if (Object.keys(f).length) out.font = f;
  }
  const align = cell.alignment as Partial<ExcelJS.Alignment> | undefined;
  if (align) {
    if (align.wrapText) out.wrapText = true;
    if (align.horizontal && H_ALIGN_IN[align.horizontal])
      out.horizontalAlignment = H_ALIGN_IN[align.horizontal];
    if (align.vertical && V_ALIGN_IN[align.vertical] && align.vertical !== "bottom")
      out.verticalAlignment = V_ALIGN_IN[align.vertical];
  }
  return out;
}

function readSheet(ws: ExcelJS.Worksheet, sheet: MemorySheet): void {
  ws.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      const c = readCell(cell);
      if (!c) return;
      const blank =
        (c.value === null || c.value === "") &&
        !c.formula &&
        !c.fill &&
        !c.hyperlink &&
        !c.numberFormat &&
        !c.font;
      if (!blank) sheet.cells.set(cellKey(rowNumber - 1, colNumber - 1), c);
    });
  });
  const merges = (ws.model as { merges?: string[] }).merges ?? [];
  for (const m of merges) {
    const area = parseArea(m);
    if (area) sheet.merges.push(area);
  }
  const columnCount = ws.columnCount;
  for (let c = 1; c <= columnCount; c++) {
    const width = ws.getColumn(c).width;
    if (typeof width === "number" && width > 0) sheet.columnWidths.set(c - 1, charsToPoints(width));
  }
  sheet.visibility =
    ({ visible: "Visible", hidden: "Hidden", veryHidden: "VeryHidden" } as Record<string, Visibility>)[
      ws.state
    ] ?? "Visible";
  const protection = (ws as unknown as { sheetProtection?: { sheet?: boolean } | null }).sheetProtection;
  sheet.protected = protection?.sheet === true;
  if (ws.pageSetup?.orientation === "landscape") sheet.pageLayout.orientation = "Landscape";
  if (ws.pageSetup?.paperSize && PAPER_IN[ws.pageSetup.paperSize])
    sheet.pageLayout.paperSize = PAPER_IN[ws.pageSetup.paperSize];
  const cfs =
    (ws as unknown as { conditionalFormattings?: ExcelJS.ConditionalFormattingOptions[] })
      .conditionalFormattings ?? [];
  for (const cf of cfs) {
    for (const rule of cf.rules) {
      if (rule.type !== "expression") continue;
      const style = (rule.style ?? {}) as { fill?: ExcelJS.FillPattern; font?: Partial<ExcelJS.Font> };
      const fontColor = argbToHex(style.font?.color);
      sheet.conditionalFormats.push({
        id: `{xlsx-cf-${sheet.conditionalFormats.length + 1}}`,
        range: cf.ref.replace(/\$/g, "").replace(/\s+/g, ","),
        type: "Custom",
        formula: `=${(rule.formulae ?? [""])[0]}`,
        fill: argbToHex(style.fill?.bgColor) ?? argbToHex(style.fill?.fgColor) ?? null,
        font:
          fontColor || style.font?.bold
            ? { ...(fontColor ? { color: fontColor } : {}), ...(style.font?.bold ? { bold: true } : {}) }
            : null,
        priority: rule.priority ?? sheet.conditionalFormats.length,
      });
    }
  }
}

/** An in-memory workbook holding what an ExcelJS workbook holds (see the header for what is carried). */
export function memoryWorkbookFromExcelJS(wb: ExcelJS.Workbook): MemoryWorkbook {
  const mw = new MemoryWorkbook();
  for (const ws of wb.worksheets) readSheet(ws, mw.addSheet(ws.name));
  const active = wb.views?.[0]?.activeTab;
  if (typeof active === "number" && wb.worksheets[active]) mw.activeSheet = wb.worksheets[active].name;
  return mw;
}

function writeValue(target: ExcelJS.Cell, c: MemoryCell): void {
  if (c.formula) {
    const result =
      c.value === null || c.value === "" ? undefined : isErrorText(c.value) ? { error: c.value } : c.value;
    target.value = { formula: c.formula.replace(/^=/, ""), result } as ExcelJS.CellFormulaValue;
  } else if (c.hyperlink && (c.hyperlink.address || c.hyperlink.documentReference)) {
    const h = c.hyperlink;
    target.value = {
      text: String(c.value ?? h.textToDisplay ?? ""),
      hyperlink: h.address ?? `#${h.documentReference}`,
      ...(h.screenTip ? { tooltip: h.screenTip } : {}),
    } as ExcelJS.CellHyperlinkValue;
  } else if (c.value !== null && c.value !== "") {
    target.value = isErrorText(c.value) ? ({ error: c.value } as ExcelJS.CellErrorValue) : c.value;
  }
}

/** An ExcelJS workbook holding the in-memory workbook (charts and settings are not written). */
export function memoryWorkbookToExcelJS(mw: MemoryWorkbook): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  for (const sheet of mw.sheets) {
    const state = ({ Visible: "visible", Hidden: "hidden", VeryHidden: "veryHidden" } as const)[
      sheet.visibility
    ];
    const ws = wb.addWorksheet(sheet.name, { state });
    for (const [key, c] of sheet.cells) {
      const row = Math.floor(key / 16384);
      const col = key % 16384;
      const target = ws.getCell(row + 1, col + 1);
      writeValue(target, c);
      if (c.numberFormat) target.numFmt = c.numberFormat;
      if (c.fill) target.fill = { type: "pattern", pattern: "solid", fgColor: { argb: hexToArgb(c.fill) } };
      if (c.font) {
        const f = c.font;
        target.font = {
          ...(f.bold ? { bold: true } : {}),
          ...(f.italic ? { italic: true } : {}),
          ...(f.size ? { size: f.size } : {}),
          ...(f.color ? { color: { argb: hexToArgb(f.color) } } : {}),
          ...(f.name ? { name: f.name } : {}),
        };
      }
      if (c.wrapText || c.horizontalAlignment || c.verticalAlignment) {
        target.alignment = {
          ...(c.wrapText ? { wrapText: true } : {}),
          ...(c.horizontalAlignment && H_ALIGN_OUT[c.horizontalAlignment]
            ? { horizontal: H_ALIGN_OUT[c.horizontalAlignment] as ExcelJS.Alignment["horizontal"] }
            : {}),
          ...(c.verticalAlignment && V_ALIGN_OUT[c.verticalAlignment]
            ? { vertical: V_ALIGN_OUT[c.verticalAlignment] as ExcelJS.Alignment["vertical"] }
            : {}),
        };
      }
    }
    for (const m of sheet.merges) ws.mergeCells(m.row + 1, m.col + 1, m.row + m.rowCount, m.col + m.colCount);
    for (const [col, points] of sheet.columnWidths) ws.getColumn(col + 1).width = pointsToChars(points);
    if (sheet.protected)
      (ws as unknown as { sheetProtection: { sheet: boolean } }).sheetProtection = { sheet: true };
    if (sheet.pageLayout.orientation === "Landscape") ws.pageSetup.orientation = "landscape";
    if (PAPER_OUT[sheet.pageLayout.paperSize] && sheet.pageLayout.paperSize !== "Letter")
      ws.pageSetup.paperSize = PAPER_OUT[sheet.pageLayout.paperSize] as ExcelJS.PageSetup["paperSize"];
    sheet.conditionalFormats.forEach((cf, i) => {
      ws.addConditionalFormatting({
        ref: cf.range.split(",").join(" "),
        rules: [
          {
            type: "expression",
            priority: cf.priority + 1 || i + 1,
            formulae: [cf.formula.replace(/^=/, "")],
            style: {
              ...(cf.fill
                ? { fill: { type: "pattern", pattern: "solid", bgColor: { argb: hexToArgb(cf.fill) } } }
                : {}),
              ...(cf.font
                ? {
                    font: {
                      ...(cf.font.color ? { color: { argb: hexToArgb(cf.font.color) } } : {}),
                      ...(cf.font.bold ? { bold: true } : {}),
                    },
                  }
                : {}),
            },
          },
        ],
      });
    });
  }
  const active = mw.active();
  if (active)
    wb.views = [
      {
        x: 0,
        y: 0,
        width: 10000,
        height: 20000,
        firstSheet: 0,
        activeTab: mw.sheets.indexOf(active),
        visibility: "visible",
      },
    ];
  return wb;
}

/** What memoryWorkbookToExcelJS cannot carry, per sheet ("指标评分: 1 chart"), so a caller can refuse
 *  rather than lose it silently. Settings are listed too. */
export function partsExcelJSCannotWrite(mw: MemoryWorkbook): string[] {
  const out: string[] = [];
  for (const s of mw.sheets)
    if (s.charts.length) out.push(`${s.name}: ${s.charts.length} chart${s.charts.length > 1 ? "s" : ""}`);
  if (mw.settings.size) out.push(`settings: ${[...mw.settings.keys()].join(", ")}`);
  return out;
}

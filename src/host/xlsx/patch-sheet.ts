/**
 * A worksheet part of the copy, patched as text over the input's XML with the layout of the read
 * (./sheet-scan): each cell the copy writes replaces its `<c>` element or is inserted in column order
 * into its row (a row that is not there is inserted in row order into `<sheetData>`); the add-in's
 * earlier marks (conditional formats whose every rule is a mark) are removed and this run's inserted
 * where the schema puts conditional formats; `<dimension>` and a row's `spans` widen to the new cells.
 * Every other byte — unknown elements and attributes, namespaces, extension lists, the user's own
 * conditional formats and data validations — is copied as it was. One pass of string splices, so a
 * 50,000-row sheet costs about one copy of its text.
 */
import { columnName } from "../../engine/address";
import type { CellValue } from "../../engine/types";
import { decodeAddress, type SheetLayout } from "./sheet-scan";
import { encodeXstring } from "./lexer";
import { escapeAttr, escapeText, Splices, withAttr } from "./xml";

/** Excel's column count: a cell's key on its sheet is row × COLS + column. */
export const COLS = 16384;

/** What a cell of the copy holds after the edits. */
export interface CellContent {
  value: CellValue;
  /** A formula ("=…") restored by undo; its value is then left for Excel to compute. */
  formula: string | null;
  /** Cell style index. */
  style: number;
}

/** The top-level elements of a worksheet in schema order (CT_Worksheet). */
const ORDER = [
  "sheetPr",
  "dimension",
  "sheetViews",
  "sheetFormatPr",
  "cols",
  "sheetData",
  "sheetCalcPr",
  "sheetProtection",
  "protectedRanges",
  "scenarios",
  "autoFilter",
  "sortState",
  "dataConsolidate",
  "customSheetViews",
  "mergeCells",
  "phoneticPr",
  "conditionalFormatting",
  "dataValidations",
  "hyperlinks",
  "printOptions",
  "pageMargins",
  "pageSetup",
  "headerFooter",
  "rowBreaks",
  "colBreaks",
  "customProperties",
  "cellWatches",
  "ignoredErrors",
  "smartTags",
  "drawing",
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
];

/** The index of a row in the layout by its number, and a cell's index by row and column. */
export class LayoutIndex {
  private readonly rows = new Map<number, number>();

  constructor(readonly layout: SheetLayout) {
    layout.rowNum.forEach((r, i) => {
      if (!this.rows.has(r)) this.rows.set(r, i);
    });
  }

  row(row: number): number | undefined {
    return this.rows.get(row);
  }

  /** The layout index of the cell, or -1. */
  cell(row: number, col: number): number {
    const i = this.rows.get(row);
    if (i === undefined) return -1;
    const L = this.layout;
    const first = L.rowFirst[i];
    for (let k = first; k < first + L.rowCount[i]; k++) if (L.cellCol[k] === col) return k;
    return -1;
  }

  /** The style of an existing cell, or the one a new cell there takes (its row's, else its column's). */
  styleAt(row: number, col: number, xml: string, cols: ColumnStyles): number {
    const c = this.cell(row, col);
    if (c >= 0) return this.layout.cellStyle[c];
    const i = this.rows.get(row);
    if (i !== undefined) {
      let style = this.rowStyles.get(i);
      if (style === undefined) {
        style = -1;
        const open = xml.slice(this.layout.rowStart[i], this.layout.rowOpenEnd[i]);
        if (/\scustomFormat\s*=\s*["'](1|true)["']/.test(open)) {
          const s = /\ss\s*=\s*["'](\d+)["']/.exec(open)?.[1];
          if (s !== undefined) style = Number(s);
        }
        this.rowStyles.set(i, style);
      }
      if (style >= 0) return style;
    }
    return cols.styleOf(col);
  }

  /** A row's own style (customFormat) by layout index, -1 when it has none; read once per row. */
  private readonly rowStyles = new Map<number, number>();
}

/** The `<cols>` styles of a sheet: a new cell takes its column's style, as Excel shows the empty cell. */
export class ColumnStyles {
  private readonly spans: { min: number; max: number; style: number }[] = [];

  constructor(xml: string, layout: SheetLayout) {
    for (const t of layout.top) {
      if (t.name !== "cols") continue;
      const text = xml.slice(t.start, t.end);
      for (const m of text.matchAll(/<(?:[\w.-]+:)?col\b([^>]*)>/g)) {
        const attrs = m[1];
        const num = (name: string) =>
          Number(new RegExp(`\\s${name}\\s*=\\s*["'](\\d+)["']`).exec(attrs)?.[1]);
        const style = num("style");
        if (Number.isFinite(style) && style > 0) this.spans.push({ min: num("min"), max: num("max"), style });
      }
    }
  }

  styleOf(col: number): number {
    for (const s of this.spans) if (col + 1 >= s.min && col + 1 <= s.max) return s.style;
    return 0;
  }
}

const ERROR_TEXT = /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A)$/;

/** Whether a cell's start tag (as the lexer read it: well-formed) has no attributes but r, s, t, cm and
 *  vm — those cellXml writes itself — so it keeps none of them (told without a match per attribute). */
function onlyCopyAttributes(tag: string): boolean {
  let i = 1;
  while (
    i < tag.length &&
    !isTagSpace(tag.charCodeAt(i)) &&
    tag.charCodeAt(i) !== 62 &&
    tag.charCodeAt(i) !== 47
  )
    i++;
  for (;;) {
    while (i < tag.length && isTagSpace(tag.charCodeAt(i))) i++;
    const c = tag.charCodeAt(i);
    if (i >= tag.length || c === 62 /* > */ || c === 47 /* / */) return true;
    const start = i;
    while (i < tag.length && !isTagSpace(tag.charCodeAt(i)) && tag.charCodeAt(i) !== 61 /* = */) i++;
    const n = i - start;
    const a = tag.charCodeAt(start);
    const b = tag.charCodeAt(start + 1);
    const ours =
      (n === 1 && (a === 114 /* r */ || a === 115 /* s */ || a === 116)) /* t */ ||
      (n === 2 && ((a === 99 && b === 109) /* cm */ || (a === 118 && b === 109))); /* vm */
    if (!ours) return false;
    while (i < tag.length && tag.charCodeAt(i) !== 34 && tag.charCodeAt(i) !== 39) i++;
    const close = tag.indexOf(tag[i], i + 1);
    if (close < 0) return false;
    i = close + 1;
  }
}

function isTagSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

/** A `<c>` element holding `content`. `tag`: the cell's start tag in the input (its unknown
 *  attributes are kept; t, s, cm and vm are the copy's). */
export function cellXml(
  prefix: string,
  row: number,
  col: number,
  content: CellContent,
  tag?: string,
): string {
  let extra = "";
  if (tag && !onlyCopyAttributes(tag)) {
    for (const m of tag.matchAll(/\s([\w:.-]+)\s*=\s*("[^"]*"|'[^']*')/g))
      if (!["r", "s", "t", "cm", "vm"].includes(m[1])) extra += ` ${m[1]}=${m[2]}`;
  }
  // one join: a flat string (a patched sheet keeps ~100,000 of them until its text is put together,
  // and a template's chain of joined pieces is several times the size of its text)
  const out = ["<", prefix, 'c r="', columnName(col), String(row + 1), '"'];
  if (content.style) out.push(' s="', String(content.style), '"');
  const v = content.value;
  const typed = (t: string, body: string) => {
    out.push(t, extra, ">", body, "</", prefix, "c>");
    return out.join("");
  };
  if (content.formula !== null)
    return typed("", `<${prefix}f>${escapeText(content.formula.slice(1))}</${prefix}f>`);
  if (v === null) {
    out.push(extra, "/>");
    return out.join("");
  }
  if (typeof v === "number") return typed("", `<${prefix}v>${String(v)}</${prefix}v>`);
  if (typeof v === "boolean") return typed(' t="b"', `<${prefix}v>${v ? 1 : 0}</${prefix}v>`);
  if (ERROR_TEXT.test(v)) return typed(' t="e"', `<${prefix}v>${escapeText(v)}</${prefix}v>`);
  return typed(
    ' t="inlineStr"',
    `<${prefix}is><${prefix}t xml:space="preserve">${escapeText(encodeXstring(v))}</${prefix}t></${prefix}is>`,
  );
}

interface SheetEdits {
  /** Cells by key (row × COLS + column). */
  cells: Map<number, CellContent>;
  /** Remove the add-in's earlier marks. */
  clearMarks: boolean;
  /** Conditional formats to add (`<conditionalFormatting>` elements). */
  conditionalFormats: string[];
}

function spanWidened(open: string, minCol: number, maxCol: number): string {
  const m = /\sspans\s*=\s*["'](\d+):(\d+)["']/.exec(open);
  if (!m) return open;
  const lo = Math.min(Number(m[1]), minCol + 1);
  const hi = Math.max(Number(m[2]), maxCol + 1);
  if (lo === Number(m[1]) && hi === Number(m[2])) return open;
  return withAttr(open, "spans", `${lo}:${hi}`);
}

/** The patched worksheet text. */
export function patchSheet(xml: string, layout: SheetLayout, edits: SheetEdits): string {
  const L = layout;
  const P = L.prefix;
  const splices = new Splices();
  const index = new LayoutIndex(L);
  const keys = Float64Array.from(edits.cells.keys()).sort();
  const sheetData = L.top.find((t) => t.name === "sheetData");
  const newRows: string[] = []; // rows for a self-closing <sheetData/>
  let [minR, minC, maxR, maxC] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const key of keys) {
    const row = Math.floor(key / COLS);
    const col = key - row * COLS;
    if (row < minR) minR = row;
    if (row > maxR) maxR = row;
    if (col < minC) minC = col;
    if (col > maxC) maxC = col;
  }

  // <dimension ref> widened to the new cells (its edit first: the edits are then added in order)
  const dimension = L.top.find((t) => t.name === "dimension");
  if (dimension && keys.length) {
    const open = xml.slice(dimension.start, dimension.openEnd);
    const ref = /\sref\s*=\s*["']([^"']*)["']/.exec(open)?.[1];
    if (ref !== undefined) {
      const [a, b = a] = ref.split(":");
      const p = decodeAddress(a);
      const q = decodeAddress(b);
      if (p && q) {
        const top = Math.min(p[0], q[0], minR);
        const left = Math.min(p[1], q[1], minC);
        const bottom = Math.max(p[0], q[0], maxR);
        const right = Math.max(p[1], q[1], maxC);
        const wide = `${columnName(left)}${top + 1}:${columnName(right)}${bottom + 1}`;
        const old = `${columnName(Math.min(p[1], q[1]))}${Math.min(p[0], q[0]) + 1}:${columnName(Math.max(p[1], q[1]))}${Math.max(p[0], q[0]) + 1}`;
        if (wide !== old) splices.replace(dimension.start, dimension.openEnd, withAttr(open, "ref", wide));
      }
    }
  }

  let k = 0;
  while (k < keys.length) {
    const row = Math.floor(keys[k] / COLS);
    let end = k;
    while (end < keys.length && Math.floor(keys[end] / COLS) === row) end++;
    const cols: number[] = [];
    for (let j = k; j < end; j++) cols.push(keys[j] - row * COLS);
    k = end;
    const content = (col: number) => edits.cells.get(row * COLS + col) as CellContent;
    const i = index.row(row);
    if (i === undefined) {
      const text = `<${P}row r="${row + 1}">${cols.map((c) => cellXml(P, row, c, content(c))).join("")}</${P}row>`;
      // before the first row below it (rows are in order), else at the end of <sheetData>
      let lo = 0;
      let hi = L.rowNum.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (L.rowNum[mid] < row) lo = mid + 1;
        else hi = mid;
      }
      if (lo < L.rowNum.length) splices.insert(L.rowStart[lo], text);
      else if (sheetData && !sheetData.selfClosing) splices.insert(sheetData.closeStart, text);
      else newRows.push(text);
      continue;
    }
    const first = L.rowFirst[i];
    const count = L.rowCount[i];
    const selfClosing = L.rowOpenEnd[i] === L.rowEnd[i];
    const open = xml.slice(L.rowStart[i], L.rowOpenEnd[i]);
    const widened = spanWidened(open, cols[0], cols[cols.length - 1]);
    if (selfClosing) {
      const opened = widened.replace(/\s*\/>$/, ">");
      const qname = /^<([^\s/>]+)/.exec(open)?.[1] ?? `${P}row`;
      splices.replace(
        L.rowStart[i],
        L.rowEnd[i],
        `${opened}${cols.map((c) => cellXml(P, row, c, content(c))).join("")}</${qname}>`,
      );
      continue;
    }
    if (widened !== open) splices.replace(L.rowStart[i], L.rowOpenEnd[i], widened);
    let at = first;
    for (const col of cols) {
      while (at < first + count && L.cellCol[at] < col) at++;
      if (at < first + count && L.cellCol[at] === col) {
        const tag = xml.slice(L.cellStart[at], xml.indexOf(">", L.cellStart[at]) + 1);
        splices.replace(L.cellStart[at], L.cellEnd[at], cellXml(P, row, col, content(col), tag));
        at++;
      } else {
        const where = at < first + count ? L.cellStart[at] : L.rowCloseStart[i];
        splices.insert(where, cellXml(P, row, col, content(col)));
      }
    }
  }
  if (newRows.length) {
    const rows = newRows.join("");
    if (sheetData) {
      const opened = xml.slice(sheetData.start, sheetData.end).replace(/\s*\/>$/, ">");
      splices.replace(sheetData.start, sheetData.end, `${opened}${rows}</${P}sheetData>`);
    } else {
      const at = insertionPoint(L, "sheetData");
      splices.insert(at, `<${P}sheetData>${rows}</${P}sheetData>`);
    }
  }

  if (edits.clearMarks) for (const cf of L.cf) if (cf.ours) splices.replace(cf.start, cf.end, "");
  if (edits.conditionalFormats.length)
    splices.insert(insertionPoint(L, "conditionalFormatting"), edits.conditionalFormats.join(""));
  return splices.apply(xml);
}

/** Where an element `name` goes among the sheet's top-level elements (after every element the schema
 *  puts before it, before the first it puts after it). */
function insertionPoint(L: SheetLayout, name: string): number {
  const at = ORDER.indexOf(name);
  // after the last element of its kind (conditional formats follow each other)
  const same = L.top.filter((t) => t.name === name);
  if (same.length) return same[same.length - 1].end;
  const next = L.top.find((t) => ORDER.indexOf(t.name) > at);
  return next ? next.start : L.rootCloseStart;
}

/** One `<conditionalFormatting>` of marks: every range of `sqref`, filled by differential format
 *  `dxfId`, always true by its formula. */
export function markFormatting(
  prefix: string,
  sqref: string[],
  dxfId: number,
  priority: number,
  formula: string,
): string {
  const f = formula.startsWith("=") ? formula.slice(1) : formula;
  return (
    `<${prefix}conditionalFormatting sqref="${escapeAttr(sqref.join(" "))}">` +
    `<${prefix}cfRule type="expression" dxfId="${dxfId}" priority="${priority}">` +
    `<${prefix}formula>${escapeText(f)}</${prefix}formula></${prefix}cfRule></${prefix}conditionalFormatting>`
  );
}

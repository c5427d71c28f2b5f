/**
 * One streaming pass (./lexer) over a worksheet part: the engine's SheetSnapshot (values as the engine
 * expects them: shared and inline strings as text, booleans, errors as "#DIV/0!", formulas as "=…" with
 * their cached result, shared formulas translated to each cell; merges, hidden rows, protection) and
 * the layout the copy is patched by (where each row and cell starts and ends in the text, each cell's
 * style, where the sheet's top-level elements sit). Sparse: only cells that are there cost anything, so
 * a cell at XFD1048576 is one cell.
 */
import type { CellValue, CellRange, SheetSnapshot } from "../../engine/types";
import { CLOSE, decodeXstring, END, OPEN, XmlLexer } from "./lexer";

interface TopElement {
  name: string;
  start: number;
  openEnd: number;
  closeStart: number;
  end: number;
  selfClosing: boolean;
}

interface CfBlock {
  start: number;
  end: number;
  /** Every rule of it is one of the add-in's marks: an expression whose formula is a mark's. */
  ours: boolean;
}

/** Where things are in the worksheet's text. Row i's cells are cells[rowFirst[i] … rowFirst[i]+rowCount[i]). */
export interface SheetLayout {
  /** The root element's qualified-name prefix ("" or "x:"), for elements written into it. */
  prefix: string;
  rootOpenEnd: number;
  rootCloseStart: number;
  top: TopElement[];
  rowNum: number[];
  rowStart: number[];
  rowOpenEnd: number[];
  rowCloseStart: number[];
  rowEnd: number[];
  rowFirst: number[];
  rowCount: number[];
  cellCol: number[];
  cellStart: number[];
  cellEnd: number[];
  cellStyle: number[];
  /** Cells that anchor a shared formula other cells use (rewriting them would break those cells). */
  sharedMasters: Set<number>;
  cf: CfBlock[];
  /** Highest conditional-format priority in the sheet (extension lists included). */
  maxPriority: number;
  /** Cells left out of the snapshot: far from the sheet's main block of cells (a stray cell at
   *  XFD1048576 would make the snapshot's grid span the whole sheet). They stay in the copy. */
  outliers?: number;
}

interface ScannedSheet {
  snapshot: SheetSnapshot;
  layout: SheetLayout;
}

const MAX_ROWS = 1048576;
const MAX_COLS = 16384;

/** "AB12" → [row 11, col 27]; null when not an address. */
export function decodeAddress(ref: string): [number, number] | null {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  if (i === 0 || i === ref.length) return null;
  const row = Number(ref.slice(i));
  if (!Number.isInteger(row) || row < 1 || row > MAX_ROWS || col > MAX_COLS) return null;
  return [row - 1, col - 1];
}

/** The column of the address written at [from, to) of `xml` when it is plainly written (letters, then
 *  1 to 7 digits) and valid: what decodeAddress gives for it; -1 when not valid (as decodeAddress's
 *  null), -2 when written otherwise (read it through decodeAddress). */
function columnAt(xml: string, from: number, to: number): number {
  let col = 0;
  let i = from;
  for (; i < to; i++) {
    const c = xml.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  if (i === from || i === to || to - i > 7) return -2;
  let row = 0;
  for (let j = i; j < to; j++) {
    const d = xml.charCodeAt(j) - 48;
    if (d < 0 || d > 9) return -2;
    row = row * 10 + d;
  }
  if (row < 1 || row > MAX_ROWS || col > MAX_COLS) return -1;
  return col - 1;
}

function rangeOf(ref: string): CellRange | null {
  const [a, b = a] = ref.replace(/\$/g, "").split(":");
  const p = decodeAddress(a);
  const q = decodeAddress(b);
  if (!p || !q) return null;
  const row = Math.min(p[0], q[0]);
  const col = Math.min(p[1], q[1]);
  return { row, col, rowCount: Math.abs(q[0] - p[0]) + 1, colCount: Math.abs(q[1] - p[1]) + 1 };
}

function columnName(col: number): string {
  let s = "";
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A shared formula's text as it reads in a cell `dRow` rows and `dCol` columns from its anchor:
 *  relative references move, absolute ones ($A$1), text in quotes and function names stay. */
function shiftFormula(formula: string, dRow: number, dCol: number): string {
  if (dRow === 0 && dCol === 0) return formula;
  let out = "";
  let i = 0;
  const ref = /^(\$?)([A-Za-z]{1,3})(\$?)([0-9]{1,7})(?![A-Za-z0-9_(!.])/;
  while (i < formula.length) {
    const ch = formula[i];
    if (ch === '"' || ch === "'") {
      let j = i + 1;
      while (j < formula.length && !(formula[j] === ch && formula[j + 1] !== ch))
        j += formula[j] === ch ? 2 : 1;
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const prev = i > 0 ? formula[i - 1] : "";
    if (!/[A-Za-z0-9_.]/.test(prev)) {
      const m = ref.exec(formula.slice(i, i + 16));
      if (m) {
        const pos = decodeAddress(m[2] + m[4]);
        if (pos) {
          const col = m[1] ? pos[1] : pos[1] + dCol;
          const row = m[3] ? pos[0] : pos[0] + dRow;
          out +=
            col < 0 || row < 0 || col >= MAX_COLS || row >= MAX_ROWS
              ? "#REF!"
              : `${m[1]}${columnName(col)}${m[3]}${row + 1}`;
          i += m[0].length;
          continue;
        }
      }
      // a name or function: copy the word whole (so "LOG10(" is not read as a reference)
      const word = /^[A-Za-z_\\][A-Za-z0-9_.]*/.exec(formula.slice(i));
      if (word) {
        out += word[0];
        i += word[0].length;
        continue;
      }
    }
    out += ch;
    i++;
  }
  return out;
}

const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

function isoDateSerial(text: string, date1904: boolean): CellValue {
  const t = Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(text) ? text : `${text}Z`);
  if (!Number.isFinite(t)) return text;
  return (t - (date1904 ? EPOCH_1904 : EPOCH_1900)) / 86400000;
}

/** Whether a conditional-format rule formula is one of the add-in's marks (this version's or the
 *  ExcelJS adapter's earlier tag). */
type MarkTest = (formula: string) => boolean;

interface ScanOptions {
  name: string;
  sharedStrings: string[];
  date1904: boolean;
  isMark: MarkTest;
}

/** The largest grid a snapshot is given (rows × columns of its used range): about 40 MB of slots. */
const MAX_GRID_CELLS = 5_000_000;

/** A cell left out of the snapshot (see mainBlock). */
const OUTLIER = "\u0000outlier" as CellValue;

/** The cells of the main block of a sheet whose used range is larger than MAX_GRID_CELLS: the cells
 *  on the smaller side of the widest empty gap of rows or columns are left out, again until the range
 *  fits or no gap is left (then the range is what it is: a truly large sheet). */
function mainBlock(
  rows: number[],
  cols: number[],
): { keep: Uint8Array; count: number; bounds: [number, number, number, number] } {
  const n = rows.length;
  const keep = new Uint8Array(n).fill(1);
  let count = n;
  const bounds = (): [number, number, number, number] => {
    let [a, b, c, d] = [Infinity, Infinity, -Infinity, -Infinity];
    for (let i = 0; i < n; i++)
      if (keep[i]) {
        if (rows[i] < a) a = rows[i];
        if (rows[i] > c) c = rows[i];
        if (cols[i] < b) b = cols[i];
        if (cols[i] > d) d = cols[i];
      }
    return [a, b, c, d];
  };
  /** The widest gap between the kept cells' distinct coordinates: [gap, cut] (cells ≥ cut on one side). */
  const widest = (at: number[]): [number, number] => {
    const seen: number[] = [];
    for (let i = 0; i < n; i++) if (keep[i]) seen.push(at[i]);
    const sorted = Float64Array.from(seen).sort();
    let [gap, cut] = [0, 0];
    for (let i = 1; i < sorted.length; i++)
      if (sorted[i] - sorted[i - 1] > gap) [gap, cut] = [sorted[i] - sorted[i - 1], sorted[i]];
    return [gap, cut];
  };
  let box = bounds();
  while ((box[2] - box[0] + 1) * (box[3] - box[1] + 1) > MAX_GRID_CELLS) {
    const [rowGap, rowCut] = widest(rows);
    const [colGap, colCut] = widest(cols);
    // the gap that saves the larger area
    const byRow = rowGap * (box[3] - box[1] + 1) >= colGap * (box[2] - box[0] + 1);
    const [gap, cut, at] = byRow ? [rowGap, rowCut, rows] : [colGap, colCut, cols];
    if (gap <= 1) break;
    let above = 0;
    for (let i = 0; i < n; i++) if (keep[i] && at[i] >= cut) above++;
    const dropAbove = above <= count - above;
    for (let i = 0; i < n; i++)
      if (keep[i] && at[i] >= cut === dropAbove) {
        keep[i] = 0;
        count--;
      }
    box = bounds();
  }
  return { keep, count, bounds: box };
}

/** Scan a worksheet's text; throws XmlError when it is not well-formed. */
export function scanSheet(xml: string, options: ScanOptions): ScannedSheet {
  const { sharedStrings, date1904, isMark } = options;
  const L: SheetLayout = {
    prefix: "",
    rootOpenEnd: 0,
    rootCloseStart: xml.length,
    top: [],
    rowNum: [],
    rowStart: [],
    rowOpenEnd: [],
    rowCloseStart: [],
    rowEnd: [],
    rowFirst: [],
    rowCount: [],
    cellCol: [],
    cellStart: [],
    cellEnd: [],
    cellStyle: [],
    sharedMasters: new Set(),
    cf: [],
    maxPriority: 0,
  };
  // found cells, in parallel arrays until the grid's size is known
  const rows: number[] = [];
  const cols: number[] = [];
  const values: CellValue[] = [];
  const formulas: (string | null)[] = [];
  let hasFormulas = false;
  const merges: CellRange[] = [];
  const hiddenRows: number[] = [];
  let isProtected = false;
  let [minR, minC, maxR, maxC] = [Infinity, Infinity, -Infinity, -Infinity];

  // shared formulas: si → anchor (row, col, text)
  const shared = new Map<string, { row: number; col: number; text: string; cell: number }>();
  const sharedUsed = new Set<string>();

  const lex = new XmlLexer(xml);
  let P = "";
  let section = ""; // the top-level element we are in
  let row = -1;
  let col = -1;
  // the current cell
  let cType = "";
  let cIndex = -1;
  let inV = false;
  let inF = false;
  let inT = false;
  let inIs = false;
  let inRph = 0;
  let vText = "";
  let fText = "";
  let isText = "";
  let fType: string | undefined;
  let fSi: string | undefined;
  let hasF = false;
  // conditional formats
  let cfAllOurs = true;
  /** The current rule of a <conditionalFormatting> is an expression whose formula is a mark (a data
   *  bar, colour scale, icon set … has no formula: never a mark). */
  let ruleIsMark = false;
  let ruleHasMarkFormula = false;
  let cfRules = 0;
  let inFormula = false;
  let formulaText = "";
  let topIndex = -1;
  // qualified names of the elements read, with the root's prefix
  let ROW = "row";
  let C = "c";
  let V = "v";
  let F = "f";
  let IS = "is";
  let T = "t";
  let RPH = "rPh";
  let MERGE = "mergeCell";

  const open = (): void => {
    const depth = lex.depth;
    const name = lex.name;
    if (depth === 1) {
      const at = name.indexOf(":");
      P = at < 0 ? "" : name.slice(0, at + 1);
      [ROW, C, V, F, IS, T, RPH, MERGE] = ["row", "c", "v", "f", "is", "t", "rPh", "mergeCell"].map(
        (n) => P + n,
      );
      L.prefix = P;
      L.rootOpenEnd = lex.end;
      return;
    }
    if (depth === 2) {
      section = P && name.startsWith(P) ? name.slice(P.length) : name;
      topIndex = L.top.length;
      L.top.push({
        name: section,
        start: lex.start,
        openEnd: lex.end,
        closeStart: lex.end,
        end: lex.end,
        selfClosing: lex.selfClosing,
      });
      if (section === "sheetProtection") {
        const sheet = lex.attr("sheet");
        isProtected = sheet === "1" || sheet === "true";
      } else if (section === "conditionalFormatting") {
        cfAllOurs = true;
        cfRules = 0;
      }
      return;
    }
    if (section === "sheetData") {
      if (depth === 4 && name === C) {
        const at = lex.attrSpan("r") ? columnAt(xml, lex.valueStart, lex.valueEnd) : -1;
        if (at >= 0) col = at;
        else {
          const r = at === -1 ? undefined : lex.attr("r");
          const pos = r !== undefined ? decodeAddress(r) : null;
          col = pos ? pos[1] : col + 1;
        }
        cType = lex.attr("t") ?? "";
        const digits = lex.attrDigits("s");
        let style = 0;
        if (digits >= 0) style = digits;
        else if (digits === -2) style = Number(lex.attr("s")) || 0;
        cIndex = L.cellCol.length;
        L.cellCol.push(col);
        L.cellStart.push(lex.start);
        L.cellEnd.push(lex.end);
        L.cellStyle.push(style);
        L.rowCount[L.rowCount.length - 1]++;
        vText = "";
        fText = "";
        isText = "";
        hasF = false;
        return;
      }
      if (depth === 5) {
        if (name === V) inV = true;
        else if (name === F) {
          inF = true;
          hasF = true;
          fType = lex.attr("t");
          fSi = lex.attr("si");
        } else if (name === IS) inIs = true;
        return;
      }
      if (depth === 3 && name === ROW) {
        const digits = lex.attrDigits("r");
        if (digits >= 0) row = digits - 1;
        else {
          const r = lex.attr("r");
          row = r !== undefined ? Number(r) - 1 : row + 1;
        }
        col = -1;
        const hidden = lex.attr("hidden");
        if (hidden === "1" || hidden === "true") hiddenRows.push(row);
        L.rowNum.push(row);
        L.rowStart.push(lex.start);
        L.rowOpenEnd.push(lex.end);
        L.rowCloseStart.push(lex.end);
        L.rowEnd.push(lex.end);
        L.rowFirst.push(L.cellCol.length);
        L.rowCount.push(0);
        return;
      }
      if (inIs) {
        if (name === T) inT = true;
        else if (name === RPH) inRph++;
      }
      return;
    }
    if (section === "mergeCells" && depth === 3 && name === MERGE) {
      const r = rangeOf(lex.attr("ref") ?? "");
      if (r) merges.push(r);
      return;
    }
    if (name.endsWith("cfRule")) {
      const p = Number(lex.attr("priority"));
      if (Number.isFinite(p) && p > L.maxPriority) L.maxPriority = p;
      if (section === "conditionalFormatting" && depth === 3) {
        cfRules++;
        ruleIsMark = lex.attr("type") === "expression";
        ruleHasMarkFormula = false;
      }
      return;
    }
    if (section === "conditionalFormatting" && name.endsWith("formula")) {
      inFormula = true;
      formulaText = "";
    }
  };

  const close = (): void => {
    const depth = lex.depth;
    const name = lex.name;
    const end = lex.end;
    if (depth === 1) {
      L.rootCloseStart = lex.selfClosing ? end : lex.start;
    } else if (depth === 2) {
      const t = L.top[topIndex];
      t.end = end;
      t.closeStart = t.selfClosing ? end : lex.start;
      if (section === "conditionalFormatting")
        L.cf.push({ start: t.start, end: t.end, ours: cfAllOurs && cfRules > 0 });
      section = "";
    } else if (section === "sheetData") {
      if (depth === 4) {
        L.cellEnd[cIndex] = end;
        finishCell();
      } else if (depth === 5) {
        inV = inF = inIs = false;
      } else if (depth === 3) {
        const i = L.rowEnd.length - 1;
        L.rowEnd[i] = end;
        L.rowCloseStart[i] = lex.selfClosing ? end : lex.start;
      } else if (inIs) {
        if (name === T) inT = false;
        else if (name === RPH) inRph--;
      }
    } else if (inFormula && name.endsWith("formula")) {
      inFormula = false;
      if (isMark(formulaText)) ruleHasMarkFormula = true;
      else cfAllOurs = false;
    } else if (section === "conditionalFormatting" && depth === 3 && name.endsWith("cfRule")) {
      if (!(ruleIsMark && ruleHasMarkFormula)) cfAllOurs = false;
    }
  };

  function finishCell(): void {
    let formula: string | null = null;
    if (hasF) {
      if (fType === "shared" && fSi !== undefined) {
        const si = fSi;
        if (fText !== "") {
          shared.set(si, { row, col, text: fText, cell: cIndex });
          formula = `=${fText}`;
        } else {
          const anchor = shared.get(si);
          if (anchor) {
            formula = `=${shiftFormula(anchor.text, row - anchor.row, col - anchor.col)}`;
            sharedUsed.add(si);
          }
        }
      } else if (fText !== "") formula = `=${fText}`;
    }
    let value: CellValue = null;
    switch (cType) {
      case "s": {
        const s = sharedStrings[Number(vText)];
        value = s === undefined ? null : s;
        break;
      }
      case "inlineStr":
        value = decodeXstring(isText);
        break;
      case "b":
        value = vText === "" ? null : vText === "1" || vText === "true";
        break;
      case "e":
      case "str":
        value = vText === "" && cType === "str" ? "" : vText;
        break;
      case "d":
        value = vText === "" ? null : isoDateSerial(vText, date1904);
        break;
      default:
        if (vText !== "") {
          const n = Number(vText);
          value = Number.isFinite(n) ? n : null;
        }
    }
    if (formula === null && (value === null || value === "")) return;
    rows.push(row);
    cols.push(col);
    values.push(value);
    formulas.push(formula);
    if (formula !== null) hasFormulas = true;
    if (row < minR) minR = row;
    if (row > maxR) maxR = row;
    if (col < minC) minC = col;
    if (col > maxC) maxC = col;
  }

  for (let kind = lex.next(); kind !== END; kind = lex.next()) {
    if (kind === OPEN) open();
    else if (kind === CLOSE) close();
    else if (inV) vText += lex.text();
    else if (inT && inRph === 0) isText += lex.text();
    else if (inF) fText += lex.text();
    else if (inFormula) formulaText += lex.text();
  }

  for (const si of sharedUsed) {
    const anchor = shared.get(si);
    if (anchor) L.sharedMasters.add(anchor.cell);
  }

  const snapshot: SheetSnapshot = { name: options.name, top: 0, left: 0, values: [], merges };
  if (hiddenRows.length) snapshot.hiddenRows = hiddenRows;
  if (isProtected) snapshot.protected = true;
  if (rows.length === 0) return { snapshot, layout: L };
  if ((maxR - minR + 1) * (maxC - minC + 1) > MAX_GRID_CELLS) {
    const kept = mainBlock(rows, cols);
    [minR, minC, maxR, maxC] = kept.bounds;
    L.outliers = rows.length - kept.count;
    for (let i = 0; i < rows.length; i++) if (!kept.keep[i]) values[i] = OUTLIER;
  }
  const width = maxC - minC + 1;
  const height = maxR - minR + 1;
  const grid: CellValue[][] = new Array<CellValue[]>(height);
  for (let r = 0; r < height; r++) grid[r] = new Array<CellValue>(width).fill(null);
  let fgrid: (string | null)[][] | undefined;
  if (hasFormulas) {
    fgrid = new Array<(string | null)[]>(height);
    for (let r = 0; r < height; r++) fgrid[r] = new Array<string | null>(width).fill(null);
  }
  for (let i = 0; i < rows.length; i++) {
    if (values[i] === OUTLIER) continue;
    grid[rows[i] - minR][cols[i] - minC] = values[i];
    const f = formulas[i];
    if (fgrid && f !== null) fgrid[rows[i] - minR][cols[i] - minC] = f;
  }
  Object.assign(snapshot, { top: minR, left: minC, values: grid });
  if (fgrid) snapshot.formulas = fgrid;
  return { snapshot, layout: L };
}

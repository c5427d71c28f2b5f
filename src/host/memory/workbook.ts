/**
 * MemoryWorkbook: the data behind the in-memory Excel. Sheets hold sparse cells (value, formula with
 * its cached value, number format, fill, font, alignment, hyperlink), merges, protection, visibility,
 * conditional-format and chart records, column widths (points, as Range.format.columnWidth) and page
 * layout; the workbook holds settings (JSON round-tripped, as Office
 * does), the selection and the active sheet, plus instrumentation for tests (sync counter, payload
 * sizes, fault injection, the supported ExcelApi version).
 *
 * Formulas are never evaluated: a cell holds the formula text and a cached value — what the file had.
 * A formula written through the API keeps the cached value when the cell already held that same
 * formula, else its value is "" (unknown).
 */
import { parseCell } from "../../engine/address";
import type { CellRange, CellValue, WorkbookSnapshot } from "../../engine/types";
import { sheetNameProblem } from "./addresses";

export type CellScalar = number | string | boolean;

interface CellFont {
  bold?: boolean;
  italic?: boolean;
  size?: number;
  /** "#RRGGBB". */
  color?: string;
  name?: string;
}

export interface CellHyperlink {
  /** External target (URL). */
  address?: string;
  /** Internal target, e.g. "'指标评分'!I5". */
  documentReference?: string;
  textToDisplay?: string;
  screenTip?: string;
}

export interface MemoryCell {
  /** null = empty. For a formula cell: the cached value ("" when unknown). */
  value: CellScalar | null;
  /** "=SUM(B2:B4)" when the cell holds a formula. */
  formula?: string;
  /** "General" when absent. */
  numberFormat?: string;
  /** "#RRGGBB" solid fill. */
  fill?: string;
  font?: CellFont;
  hyperlink?: CellHyperlink;
  wrapText?: boolean;
  horizontalAlignment?: string;
  verticalAlignment?: string;
}

export interface ConditionalFormatRecord {
  id: string;
  /** Address(es) on the sheet, comma-separated areas ("B2:B9" or "B2:B3,D4"). */
  range: string;
  type: string;
  /** The custom rule's formula ("=$I5<0.6"). */
  formula: string;
  fill: string | null;
  font: { color?: string; bold?: boolean } | null;
  priority: number;
}

export interface ChartRecord {
  name: string;
  type: string;
  /** Source data address, sheet-qualified. */
  sourceAddress: string;
  seriesBy: string;
  title: string;
  /** Top-left and bottom-right cells given to setPosition. */
  position: { start: string; end: string | null } | null;
}

export interface PageLayoutRecord {
  orientation: "Portrait" | "Landscape";
  paperSize: string;
  zoom: { scale?: number; horizontalFitToPages?: number; verticalFitToPages?: number };
}

export type Visibility = "Visible" | "Hidden" | "VeryHidden";

export interface MemorySheet {
  /** Stable identity (survives renames). */
  id: string;
  name: string;
  cells: Map<number, MemoryCell>;
  merges: CellRange[];
  protected: boolean;
  /** As read from the file (the API does not change it): a hidden sheet cannot be activated or
   *  selected in, and is never the default active sheet. */
  visibility: Visibility;
  conditionalFormats: ConditionalFormatRecord[];
  charts: ChartRecord[];
  /** Points, by 0-based column. */
  columnWidths: Map<number, number>;
  pageLayout: PageLayoutRecord;
}

interface SyncRecord {
  requestBytes: number;
  responseBytes: number;
  ops: number;
}

interface SyncFault {
  afterOps?: number;
  code?: string;
  message?: string;
}

/** Input for setCell / fromCells: a bare value ("=…" text becomes a formula) or a cell record. */
type CellInput = CellValue | (Partial<MemoryCell> & { value?: CellScalar | null });

/** Excel's default column width (8.43 characters), in points. */
export const DEFAULT_COLUMN_WIDTH = 48;
const DEFAULT_SUPPORTED_API = 13;

/** Columns in a sheet (16384, XFD): the stride of cell keys. A local constant, read on every cell. */
const STRIDE = 16384;

export function cellKey(row: number, col: number): number {
  return row * STRIDE + col;
}

export function keyRow(key: number): number {
  return Math.floor(key / STRIDE);
}

export function keyCol(key: number): number {
  return key % STRIDE;
}

/** A cell holds nothing worth keeping (no value, no formula, no formatting). */
export function isBlankCell(c: MemoryCell): boolean {
  return (
    (c.value === null || c.value === "") &&
    !c.formula &&
    !c.numberFormat &&
    !c.fill &&
    !c.font &&
    !c.hyperlink &&
    c.wrapText === undefined &&
    !c.horizontalAlignment &&
    !c.verticalAlignment
  );
}

/** Parse "1.9" / 9 / 1.9 into a minor version (9). Prefer strings: the number 1.10 is 1.1. */
export function parseMinor(version: string | number): number {
  if (typeof version === "number" && Number.isInteger(version) && version > 1) return version;
  const text = String(version).trim();
  const m = /^1\.(\d+)$/.exec(text);
  if (m) return Number(m[1]);
  if (/^1$/.test(text)) return 0;
  throw new Error(`Not an ExcelApi version: "${text}" (use "1.9" or the minor number 9).`);
}

let sheetCounter = 0;

export class MemoryWorkbook {
  readonly sheets: MemorySheet[] = [];
  /** Values as stored after a JSON round trip (what Office returns). */
  readonly settings = new Map<string, unknown>();
  selection: { sheet: string; address: string } | null = null;
  /** Name of the active sheet (the first sheet when unset). */
  activeSheet: string | null = null;

  readonly stats: { syncs: number; requests: SyncRecord[] } = { syncs: 0, requests: [] };
  /** A fault armed for the next sync (see failNextSync). */
  pendingFault: SyncFault | null = null;
  private supportedMinor = DEFAULT_SUPPORTED_API;
  private nextId = 1;

  /** The highest ExcelApi version this simulated Excel supports, as "1.13". Set with "1.9" or 9. */
  get supportedApi(): string {
    return `1.${this.supportedMinor}`;
  }
  set supportedApi(version: string | number) {
    this.supportedMinor = parseMinor(version);
  }
  /** The supported ExcelApi minor version (13 for 1.13). */
  get supportedApiMinor(): number {
    return this.supportedMinor;
  }

  resetStats(): void {
    this.stats.syncs = 0;
    this.stats.requests.length = 0;
  }

  /** The next sync applies only its first `afterOps` operations (default 0), then throws an Excel-like
   *  error with `code` (default "GeneralException") and `message`. */
  failNextSync(fault: SyncFault = {}): void {
    this.pendingFault = { ...fault };
  }

  newId(prefix: string): string {
    return `${prefix}${this.nextId++}`;
  }

  // ───────────── sheets ─────────────

  sheetNames(): string[] {
    return this.sheets.map((s) => s.name);
  }

  findSheet(name: string): MemorySheet | undefined {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  /** The sheet by name; throws a plain Error naming it when missing (test helper semantics). */
  sheet(name: string): MemorySheet {
    const s = this.findSheet(name);
    if (!s) throw new Error(`No sheet "${name}" (sheets: ${this.sheetNames().join(", ") || "none"}).`);
    return s;
  }

  /** Add a sheet at the end. Throws a plain Error for an invalid or duplicate name. */
  addSheet(name: string): MemorySheet {
    const problem = sheetNameProblem(name);
    if (problem) throw new Error(`Invalid sheet name "${name}": ${problem}.`);
    if (this.findSheet(name)) throw new Error(`A sheet named "${name}" already exists.`);
    sheetCounter += 1;
    const sheet: MemorySheet = {
      id: `sheet${sheetCounter}`,
      name,
      cells: new Map(),
      merges: [],
      protected: false,
      visibility: "Visible",
      conditionalFormats: [],
      charts: [],
      columnWidths: new Map(),
      pageLayout: { orientation: "Portrait", paperSize: "Letter", zoom: { scale: 100 } },
    };
    this.sheets.push(sheet);
    return sheet;
  }

  /** The active sheet (the first visible one when none was activated). */
  active(): MemorySheet | undefined {
    const named = this.activeSheet ? this.findSheet(this.activeSheet) : undefined;
    return named ?? this.sheets.find((s) => s.visibility === "Visible") ?? this.sheets[0];
  }

  // ───────────── cells (test helpers) ─────────────

  /** What a cell holds: value (null when empty), formula (null when none), number format ("General"
   *  by default), fill (null when none), font and hyperlink when set. */
  cell(
    sheetName: string,
    address: string,
  ): {
    value: CellValue;
    formula: string | null;
    numberFormat: string;
    fill: string | null;
    font: CellFont | null;
    hyperlink: CellHyperlink | null;
  } {
    const { row, col } = parseCell(address);
    const c = this.sheet(sheetName).cells.get(cellKey(row, col));
    const value = c?.value ?? null;
    return {
      value: value === "" && !c?.formula ? null : value,
      formula: c?.formula ?? null,
      numberFormat: c?.numberFormat ?? "General",
      fill: c?.fill ?? null,
      font: c?.font ? { ...c.font } : null,
      hyperlink: c?.hyperlink ? { ...c.hyperlink } : null,
    };
  }

  /** Set a cell directly (no API semantics, no protection check): a value ("=…" text is a formula with
   *  an unknown cached value), or a record such as { formula: "=B2/C2", value: 1.209, numberFormat: "0.00%" }.
   *  Creates the sheet when missing. */
  setCell(sheetName: string, address: string, input: CellInput): void {
    const sheet = this.findSheet(sheetName) ?? this.addSheet(sheetName);
    const { row, col } = parseCell(address);
    writeInput(sheet, row, col, input);
  }

  /** Merge an area on a sheet (test helper). */
  merge(sheetName: string, address: string): void {
    const [first, second] = address.split(":");
    const a = parseCell(first);
    const b = parseCell(second ?? first);
    this.sheet(sheetName).merges.push({
      row: Math.min(a.row, b.row),
      col: Math.min(a.col, b.col),
      rowCount: Math.abs(b.row - a.row) + 1,
      colCount: Math.abs(b.col - a.col) + 1,
    });
  }

  /** A workbook from cell data: per sheet (in key order) either a 2-D array placed at A1 or a map of
   *  A1 address → input. `null` entries in arrays are left empty. */
  static fromCells(sheets: Record<string, CellInput[][] | Record<string, CellInput>>): MemoryWorkbook {
    const wb = new MemoryWorkbook();
    for (const [name, data] of Object.entries(sheets)) {
      const sheet = wb.addSheet(name);
      if (Array.isArray(data)) {
        data.forEach((row, r) => row.forEach((input, c) => writeInput(sheet, r, c, input)));
      } else {
        for (const [address, input] of Object.entries(data)) {
          const { row, col } = parseCell(address);
          writeInput(sheet, row, col, input);
        }
      }
    }
    return wb;
  }

  /** A workbook holding a snapshot's sheets (values with their formulas, merges, protection). The ledger
   *  is not carried: hosts keep it in their own place (settings for Office). */
  static fromSnapshot(snapshot: WorkbookSnapshot): MemoryWorkbook {
    const wb = new MemoryWorkbook();
    for (const s of snapshot.sheets) {
      const sheet = wb.addSheet(s.name);
      s.values.forEach((row, r) =>
        row.forEach((value, c) => {
          const formula = s.formulas?.[r]?.[c] ?? null;
          if (value === null && !formula) return;
          const cell: MemoryCell = { value: value ?? (formula ? "" : null) };
          if (formula) cell.formula = formula;
          sheet.cells.set(cellKey(s.top + r, s.left + c), cell);
        }),
      );
      sheet.merges = s.merges.map((m) => ({ ...m }));
      sheet.protected = s.protected === true;
    }
    return wb;
  }
}

/** Write a test-helper input into a sheet cell (replacing what it held). */
function writeInput(sheet: MemorySheet, row: number, col: number, input: CellInput): void {
  const key = cellKey(row, col);
  if (input === null || input === undefined) return;
  let cell: MemoryCell;
  if (typeof input === "object") {
    cell = { ...input, value: input.value ?? (input.formula ? "" : null) };
  } else if (typeof input === "string" && input.startsWith("=") && input.length > 1) {
    cell = { value: "", formula: input };
  } else {
    cell = { value: input };
  }
  sheet.cells.set(key, cell);
}

/** A range's address without the sheet (re-exported for helpers). */

/// <reference types="et-jsapi-declare" />
/**
 * Every raw call into WPS 表格's ET object model (the synchronous JS mirror of the VBA object model) is
 * made here and decoded here; the rest of ./wps works on plain grids. What this module smooths over:
 *   - Value2 of a block comes back as a scalar (one cell), a 1-D array (one row or one column, depending
 *     on the build) or a 2-D array; some builds leave Value2 undefined and need Value() — normalised to a
 *     rowCount × colCount grid of CellValue;
 *   - Address is a method in the typings and a property in some builds (both accepted);
 *   - colours are BGR integers (0xBBGGRR), converted from and to "#RRGGBB";
 *   - NumberFormat of a block is one string when every cell shares it, else null/undefined (then the
 *     block is halved, so a run of one format costs one call).
 * Types: the ET shapes below are taken property by property from et-jsapi-declare (Kingsoft's
 * declarations, a devDependency used for type-checking only), so a rename there breaks this file — and
 * the test fake built on the same shapes — at compile time.
 */
import { a1, columnName, rangeA1 } from "../../engine/address";
import type { CellRange, CellValue } from "../../engine/types";
import { toCellValue, toFormula } from "../cells";

// ───────────────────────────── the shapes used ─────────────────────────────

export interface EtInterior {
  Color: Et.Interior["Color"];
}

export interface EtFont {
  Bold: Et.Font["Bold"];
  Size: Et.Font["Size"];
  Color: Et.Font["Color"];
  Underline: Et.Font["Underline"];
}

export interface EtFormatCondition {
  readonly Formula1: Et.FormatCondition["Formula1"];
  readonly Interior: EtInterior;
  readonly AppliesTo: Pick<EtRange, "Address">;
  Delete: Et.FormatCondition["Delete"];
}

export interface EtFormatConditions {
  readonly Count: Et.FormatConditions["Count"];
  Item(Index: number): EtFormatCondition;
  Add(Type: Et.XlFormatConditionType, Operator?: unknown, Formula1?: unknown): EtFormatCondition;
}

export interface EtHyperlinks {
  Add: (
    Anchor: EtRange,
    Address: string,
    SubAddress?: string,
    ScreenTip?: string,
    TextToDisplay?: string,
  ) => unknown;
}

export interface EtRange {
  Value2: Et.Range["Value2"] | number | boolean | null | undefined;
  Value: Et.Range["Value"];
  Formula: Et.Range["Formula"] | unknown[][];
  readonly HasFormula: Et.Range["HasFormula"];
  NumberFormat: Et.Range["NumberFormat"] | null | undefined;
  /** A method in the typings; a string property in some builds. */
  Address: Et.Range["Address"] | string;
  readonly Interior: EtInterior;
  readonly Font: EtFont;
  readonly FormatConditions: EtFormatConditions;
  Merge: Et.Range["Merge"];
  ColumnWidth: Et.Range["ColumnWidth"];
  Select: Et.Range["Select"];
  Clear: Et.Range["Clear"];
}

export interface EtUsedRange {
  readonly Row: Et.Range["Row"];
  readonly Column: Et.Range["Column"];
  readonly Rows: { readonly Count: Et.Range["Count"] };
  readonly Columns: { readonly Count: Et.Range["Count"] };
  readonly Value2: EtRange["Value2"];
}

export interface EtWorksheet {
  Name: Et.Worksheet["Name"];
  readonly ProtectContents: Et.Worksheet["ProtectContents"];
  Visible: Et.Worksheet["Visible"];
  readonly UsedRange: EtUsedRange;
  readonly Cells: Pick<EtRange, "Clear" | "FormatConditions">;
  readonly Hyperlinks: EtHyperlinks;
  Range(Cell1: string): EtRange;
  Activate: Et.Worksheet["Activate"];
}

export interface EtSheets {
  readonly Count: Et.Sheets["Count"];
  Item(Index: string | number): EtWorksheet;
  Add(Before?: unknown, After?: unknown, Count?: number, Type?: unknown): EtWorksheet;
}

export interface EtWorkbook {
  readonly Worksheets: EtSheets;
}

/** The part of the ET Application the adapter uses (the global `Application` / `wps` inside WPS). */
export interface EtApplication {
  readonly ActiveWorkbook: EtWorkbook | null | undefined;
  ScreenUpdating?: Et.Application["ScreenUpdating"];
}

/** Compile-time checks that the real declarations fit the shapes (the fake must fit them too). */
const _typeChecks = (app: Et.Application) => {
  const shaped: Pick<EtApplication, "ScreenUpdating"> = app;
  const used: Pick<EtUsedRange, "Row" | "Column"> = app.ActiveSheet.UsedRange;
  const ws: Pick<EtWorksheet, "Name" | "ProtectContents" | "Visible" | "Activate"> = app.ActiveSheet;
  return [shaped, used, ws];
};

/** xlExpression: a conditional format whose rule is a formula. */
const XL_EXPRESSION = 2 as Et.XlFormatConditionType;
/** xlSheetVeryHidden. */
const XL_SHEET_VERY_HIDDEN = 2 as Et.XlSheetVisibility;
/** xlUnderlineStyleSingle. */
const XL_UNDERLINE_SINGLE = 2 as Et.Font["Underline"];

// ───────────────────────────── decoding ─────────────────────────────

/** "#RRGGBB" → ET's BGR integer. */
export function hexToBgr(hex: string): number {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return 0;
  return parseInt(m[1], 16) + parseInt(m[2], 16) * 256 + parseInt(m[3], 16) * 65536;
}

/** ET's BGR integer → "#RRGGBB" (null for anything else, e.g. "no fill"). */
export function bgrToHex(bgr: unknown): string | null {
  if (typeof bgr !== "number" || !Number.isInteger(bgr) || bgr < 0 || bgr > 0xffffff) return null;
  const r = bgr & 0xff;
  const g = (bgr >> 8) & 0xff;
  const b = (bgr >> 16) & 0xff;
  return "#" + [r, g, b].map((x) => x.toString(16).padStart(2, "0").toUpperCase()).join("");
}

/** A raw block value (scalar, 1-D or 2-D array) as a rowCount × colCount grid. */
export function toGrid(raw: unknown, rowCount: number, colCount: number): unknown[][] {
  if (!Array.isArray(raw)) {
    const grid = Array.from({ length: rowCount }, () => new Array<unknown>(colCount).fill(null));
    if (rowCount > 0 && colCount > 0) grid[0][0] = raw;
    return grid;
  }
  if (raw.length > 0 && Array.isArray(raw[0])) {
    return Array.from({ length: rowCount }, (_, i) => {
      const row = (raw[i] as unknown[] | undefined) ?? [];
      return Array.from({ length: colCount }, (_, j) => row[j] ?? null);
    });
  }
  // 1-D: a single row, or a single column.
  if (rowCount === 1) return [Array.from({ length: colCount }, (_, j) => raw[j] ?? null)];
  return Array.from({ length: rowCount }, (_, i) => {
    const row = new Array<unknown>(colCount).fill(null);
    row[0] = raw[i] ?? null;
    return row;
  });
}

/** The address of a range (method or property), without $ signs. */
function addressOf(range: Pick<EtRange, "Address">): string {
  const a: unknown = range.Address;
  const text =
    typeof a === "function" ? (a as (r?: boolean, c?: boolean) => unknown).call(range, false, false) : a;
  return String(text ?? "").replace(/\$/g, "");
}

// ───────────────────────────── the workbook ─────────────────────────────

interface SheetInfo {
  name: string;
  protected: boolean;
}

interface Extent {
  top: number;
  left: number;
  rowCount: number;
  colCount: number;
}

/** A found conditional format. */
export interface FoundFormat {
  sheet: string;
  formula: string;
  address: string;
  color: string | null;
  remove: () => void;
}

/**
 * The active workbook of a WPS application: each method is one call (or a fixed few) into ET on a
 * whole block, never a loop over cells.
 */
export class EtBook {
  private readonly sheetCache = new Map<string, EtWorksheet>();
  constructor(private readonly workbook: EtWorkbook) {}

  static of(app: EtApplication): EtBook | null {
    const wb = app.ActiveWorkbook;
    return wb ? new EtBook(wb) : null;
  }

  sheets(): SheetInfo[] {
    this.sheetCache.clear();
    const all = this.workbook.Worksheets;
    const out: SheetInfo[] = [];
    const count = all.Count;
    for (let i = 1; i <= count; i++) {
      const ws = all.Item(i);
      const name = String(ws.Name);
      this.sheetCache.set(name, ws);
      out.push({ name, protected: ws.ProtectContents === true });
    }
    return out;
  }

  /** The sheet by name, or null. */
  sheet(name: string): EtWorksheet | null {
    const known = this.sheetCache.get(name);
    if (known) return known;
    try {
      const ws = this.workbook.Worksheets.Item(name);
      if (!ws) return null;
      this.sheetCache.set(name, ws);
      return ws;
    } catch {
      return null;
    }
  }

  private ws(name: string): EtWorksheet {
    const ws = this.sheet(name);
    if (!ws) throw new EtMissingSheet(name);
    return ws;
  }

  private range(sheet: string, rect: CellRange): EtRange {
    return this.ws(sheet).Range(rectAddress(rect));
  }

  /** The used range (0-based), or null for an empty sheet. */
  used(sheet: string): Extent | null {
    const used = this.ws(sheet).UsedRange;
    const rowCount = Number(used.Rows.Count);
    const colCount = Number(used.Columns.Count);
    const top = Number(used.Row) - 1;
    const left = Number(used.Column) - 1;
    if (rowCount === 1 && colCount === 1 && toCellValue(used.Value2) === null) return null;
    return { top, left, rowCount, colCount };
  }

  /** The block's values (formula cells: their results). */
  readValues(sheet: string, rect: CellRange): CellValue[][] {
    const range = this.range(sheet, rect);
    let raw: unknown = range.Value2;
    if (raw === undefined) raw = (range.Value as () => unknown).call(range);
    return toGrid(raw, rect.rowCount, rect.colCount).map((row) => row.map(toCellValue));
  }

  /** Whether the block holds a formula: false (none), true (all), null (some). */
  hasFormula(sheet: string, rect: CellRange): boolean | null {
    const v: unknown = this.range(sheet, rect).HasFormula;
    return v === true ? true : v === false ? false : null;
  }

  /** The block's formulas (null where a constant). */
  readFormulas(sheet: string, rect: CellRange): (string | null)[][] {
    const raw: unknown = this.range(sheet, rect).Formula;
    return toGrid(raw, rect.rowCount, rect.colCount).map((row) => row.map(toFormula));
  }

  /** The block's number format when all its cells share one, else null. */
  readFormat(sheet: string, rect: CellRange): string | null {
    const raw: unknown = this.range(sheet, rect).NumberFormat;
    return typeof raw === "string" ? raw : null;
  }

  writeValues(sheet: string, rect: CellRange, grid: CellValue[][]): void {
    this.range(sheet, rect).Value2 = grid.map((row) => row.map((v) => v ?? "")) as unknown as string;
  }

  /** Values and formulas in one call ("=…" is a formula; "" empties a cell). */
  writeFormulas(sheet: string, rect: CellRange, grid: (CellValue | string)[][]): void {
    this.range(sheet, rect).Formula = grid.map((row) => row.map((v) => v ?? ""));
  }

  writeFormat(sheet: string, rect: CellRange, format: string): void {
    this.range(sheet, rect).NumberFormat = format;
  }

  /** A conditional format with a formula rule and a fill, on a list of areas ("A1,B2:B5"). */
  addMark(sheet: string, addresses: string[], formula: string, fill: string): void {
    const fc = this.ws(sheet)
      .Range(addresses.join(","))
      .FormatConditions.Add(XL_EXPRESSION, undefined, formula);
    fc.Interior.Color = hexToBgr(fill);
  }

  /** Every conditional format of a sheet whose rule formula passes `keep`. */
  findFormats(sheet: string, keep: (formula: string) => boolean): FoundFormat[] {
    const formats = this.ws(sheet).Cells.FormatConditions;
    const out: FoundFormat[] = [];
    const count = formats.Count;
    for (let i = 1; i <= count; i++) {
      const fc = formats.Item(i);
      const formula = String(fc.Formula1 ?? "");
      if (!keep(formula)) continue;
      out.push({
        sheet,
        formula,
        address: addressOf(fc.AppliesTo),
        color: bgrToHex(fc.Interior.Color),
        remove: () => fc.Delete(),
      });
    }
    return out;
  }

  addSheet(name: string): void {
    const all = this.workbook.Worksheets;
    const ws = all.Add(undefined, all.Item(all.Count));
    ws.Name = name;
    this.sheetCache.set(name, ws);
  }

  hideSheet(name: string): void {
    this.ws(name).Visible = XL_SHEET_VERY_HIDDEN;
  }

  clearSheet(name: string): void {
    this.ws(name).Cells.Clear();
  }

  style(
    sheet: string,
    rect: CellRange,
    spec: { bold?: boolean; size?: number; color?: string; underline?: boolean; fill?: string },
  ): void {
    const range = this.range(sheet, rect);
    if (spec.bold !== undefined) range.Font.Bold = spec.bold;
    if (spec.size !== undefined) range.Font.Size = spec.size;
    if (spec.color !== undefined) range.Font.Color = hexToBgr(spec.color);
    if (spec.underline) range.Font.Underline = XL_UNDERLINE_SINGLE;
    if (spec.fill !== undefined) range.Interior.Color = hexToBgr(spec.fill);
  }

  merge(sheet: string, rect: CellRange): void {
    this.range(sheet, rect).Merge(false);
  }

  columnWidth(sheet: string, col: number, chars: number): void {
    const name = columnName(col);
    this.ws(sheet).Range(`${name}:${name}`).ColumnWidth = chars;
  }

  /** An internal hyperlink ("'Sheet'!A1") on a cell. */
  link(sheet: string, row: number, col: number, target: string, text: string): void {
    const ws = this.ws(sheet);
    ws.Hyperlinks.Add(ws.Range(a1(row, col)), "", target, undefined, text);
  }

  select(sheet: string, address: string): void {
    const ws = this.ws(sheet);
    ws.Activate();
    ws.Range(address).Select();
  }

  activate(sheet: string): void {
    this.ws(sheet).Activate();
  }
}

/** A1 address of a rectangle ("B3" for one cell). */
function rectAddress(rect: CellRange): string {
  return rect.rowCount === 1 && rect.colCount === 1 ? a1(rect.row, rect.col) : rangeA1(rect);
}

/** A sheet the adapter looked for is not in the workbook. */
export class EtMissingSheet extends Error {
  constructor(readonly sheet: string) {
    super(`no sheet ${sheet}`);
    this.name = "EtMissingSheet";
  }
}

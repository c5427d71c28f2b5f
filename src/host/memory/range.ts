/**
 * Range-like proxies of the in-memory Excel: Range, RangeAreas (getRanges / merged areas), their
 * format (fill, font, widths, alignment) and conditional formats. A range resolves to a RangeTarget —
 * a sheet and one or more areas — at sync time; every write first checks the sheet's protection
 * (AccessDenied, nothing applied).
 */
import type { CellRange } from "../../engine/types";
import {
  MAX_COLS,
  MAX_ROWS,
  contains,
  intersects,
  localAddress,
  parseAreas,
  qualifiedAddress,
} from "./addresses";
import {
  cellsIn,
  checkScalar,
  checkShape,
  ensureCell,
  getCell,
  grid,
  mergesIn,
  readFormula,
  readValue,
  readValueType,
  tidy,
  writeValue,
} from "./cells";
import { ClientObject, ClientResult, NULL, defineProperties } from "./client";
import type { MemoryRequestContext, Resolved } from "./client";
import { normalizeColor } from "./colors";
import { ErrorCodes, RichApiError } from "./errors";
import { formatValue } from "./format";
import { DEFAULT_COLUMN_WIDTH } from "./workbook";
import type { CellHyperlink, ConditionalFormatRecord, MemoryCell, MemorySheet } from "./workbook";

export interface RangeTarget {
  sheet: MemorySheet;
  areas: CellRange[];
}

/** Largest number of cells the simulator reads or formats one by one in a single operation. */
const CELL_OP_LIMIT = 2_000_000;

export function assertWritable(sheet: MemorySheet, location: string): void {
  if (sheet.protected) throw new RichApiError(ErrorCodes.accessDenied, undefined, location);
}

function cellCount(t: RangeTarget): number {
  return t.areas.reduce((n, a) => n + a.rowCount * a.colCount, 0);
}

/** Guard for per-cell reads: a grid this big could not come back under the response limit anyway. */
function guardRead(t: RangeTarget, location: string): void {
  if (cellCount(t) > CELL_OP_LIMIT)
    throw new RichApiError(ErrorCodes.responsePayloadSizeLimitExceeded, undefined, location);
}

function guardWrite(t: RangeTarget, location: string): void {
  if (cellCount(t) > CELL_OP_LIMIT)
    throw new RichApiError(
      ErrorCodes.invalidArgument,
      "The in-memory Excel does not format more than 2,000,000 cells in one operation.",
      location,
    );
}

/** The one value every cell of the target shares, or null. Unstored cells count with `read(undefined)`. */
function common<V>(t: RangeTarget, read: (cell: MemoryCell | undefined) => V): V | null {
  let seen = false;
  let value: V | null = null;
  const take = (v: V): boolean => {
    if (!seen) {
      seen = true;
      value = v;
      return true;
    }
    return JSON.stringify(v) === JSON.stringify(value);
  };
  for (const area of t.areas) {
    const stored = cellsIn(t.sheet, area);
    if (stored.length < area.rowCount * area.colCount && !take(read(undefined))) return null;
    for (const { cell } of stored) if (!take(read(cell))) return null;
  }
  return value;
}

/** Apply a per-cell change over every cell of the target. */
function eachCell(t: RangeTarget, location: string, change: (cell: MemoryCell) => void): void {
  assertWritable(t.sheet, location);
  guardWrite(t, location);
  for (const area of t.areas)
    for (let i = 0; i < area.rowCount; i++)
      for (let j = 0; j < area.colCount; j++) {
        const row = area.row + i;
        const col = area.col + j;
        change(ensureCell(t.sheet, row, col));
        tidy(t.sheet, row, col);
      }
}

function only(t: RangeTarget): CellRange {
  return t.areas[0];
}

function inGrid(r: CellRange): boolean {
  return (
    r.row >= 0 &&
    r.col >= 0 &&
    r.rowCount >= 1 &&
    r.colCount >= 1 &&
    r.row + r.rowCount <= MAX_ROWS &&
    r.col + r.colCount <= MAX_COLS
  );
}

function quote(text: string): string {
  return JSON.stringify(text);
}

// ───────────────────────────── Range ─────────────────────────────

const RANGE_READ = [
  "address",
  "addressLocal",
  "rowIndex",
  "columnIndex",
  "rowCount",
  "columnCount",
  "cellCount",
  "valueTypes",
  "text",
];
const RANGE_WRITE = ["values", "formulas", "numberFormat", "hyperlink"];

export class Range extends ClientObject<RangeTarget> {
  declare readonly address: string;
  declare readonly addressLocal: string;
  declare readonly rowIndex: number;
  declare readonly columnIndex: number;
  declare readonly rowCount: number;
  declare readonly columnCount: number;
  declare readonly cellCount: number;
  declare readonly valueTypes: string[][];
  declare readonly text: string[][];
  declare values: (string | number | boolean)[][];
  declare formulas: (string | number | boolean)[][];
  declare numberFormat: string[][];
  declare hyperlink: CellHyperlink;

  constructor(
    context: MemoryRequestContext,
    path: string,
    resolver: () => Resolved<RangeTarget>,
    nullable = false,
  ) {
    super(context, "Range", path, resolver, nullable);
  }

  private child(member: string, make: (t: RangeTarget) => CellRange, typeCheck?: () => void): Range {
    return new Range(this.context, `${this.path}.${member}`, () => {
      typeCheck?.();
      const t = this.resolve();
      if (t === NULL) return NULL;
      const area = make(t);
      if (!inGrid(area))
        throw new RichApiError(ErrorCodes.invalidArgument, undefined, `Range.${member.replace(/\(.*/, "")}`);
      return { sheet: t.sheet, areas: [area] };
    });
  }

  get format(): RangeFormat {
    return this.nav(
      "format",
      () => new RangeFormat(this.context, `${this.path}.format`, () => this.resolve()),
    );
  }
  get conditionalFormats(): ConditionalFormatCollection {
    return this.nav(
      "conditionalFormats",
      () =>
        new ConditionalFormatCollection(this.context, `${this.path}.conditionalFormats`, () =>
          this.resolve(),
        ),
    );
  }

  protected override navigation(name: string): ClientObject | undefined {
    if (name === "format") return this.format;
    if (name === "conditionalFormats") return this.conditionalFormats;
    return undefined;
  }

  protected scalarNames(): string[] {
    return [...RANGE_READ, ...RANGE_WRITE];
  }

  protected readScalar(t: RangeTarget, name: string): unknown {
    const r = only(t);
    const sheet = t.sheet;
    switch (name) {
      case "address":
      case "addressLocal":
        return qualifiedAddress(sheet.name, r);
      case "rowIndex":
        return r.row;
      case "columnIndex":
        return r.col;
      case "rowCount":
        return r.rowCount;
      case "columnCount":
        return r.colCount;
      case "cellCount":
        return r.rowCount * r.colCount;
    }
    guardRead(t, `Range.${name}`);
    switch (name) {
      case "values":
        return grid(sheet, r, readValue);
      case "formulas":
        return grid(sheet, r, readFormula);
      case "numberFormat":
        return grid(sheet, r, (c) => c?.numberFormat ?? "General");
      case "valueTypes":
        return grid(sheet, r, readValueType);
      case "text":
        return grid(sheet, r, (c) => formatValue(c?.value ?? null, c?.numberFormat));
      case "hyperlink": {
        const link = getCell(sheet, r.row, r.col)?.hyperlink;
        return link ? { ...link } : null;
      }
    }
    throw new RichApiError(
      ErrorCodes.invalidArgument,
      `The property '${name}' doesn't exist on Range.`,
      "Range.load",
    );
  }

  protected override writeScalar(t: RangeTarget, name: string, value: unknown): void {
    const r = only(t);
    const location = `Range.${name}`;
    switch (name) {
      case "values":
      case "formulas": {
        const rows = checkShape(value, r.rowCount, r.colCount, location);
        rows.forEach((row) => row.forEach((x) => checkScalar(x, location)));
        assertWritable(t.sheet, location);
        rows.forEach((row, i) => row.forEach((x, j) => writeValue(t.sheet, r.row + i, r.col + j, x)));
        return;
      }
      case "numberFormat": {
        const rows = checkShape(value, r.rowCount, r.colCount, location);
        for (const row of rows)
          for (const x of row)
            if (x !== null && x !== undefined && typeof x !== "string")
              throw new RichApiError(ErrorCodes.invalidArgument, undefined, location);
        assertWritable(t.sheet, location);
        rows.forEach((row, i) =>
          row.forEach((x, j) => {
            if (x === null || x === undefined) return;
            const cell = ensureCell(t.sheet, r.row + i, r.col + j);
            if (x === "General" || x === "") delete cell.numberFormat;
            else cell.numberFormat = x as string;
            tidy(t.sheet, r.row + i, r.col + j);
          }),
        );
        return;
      }
      case "hyperlink": {
        if (value === null || typeof value !== "object")
          throw new RichApiError(ErrorCodes.invalidArgument, undefined, location);
        const link = value as CellHyperlink;
        const clean: CellHyperlink = {};
        for (const k of ["address", "documentReference", "textToDisplay", "screenTip"] as const) {
          if (link[k] !== undefined && link[k] !== null) {
            if (typeof link[k] !== "string")
              throw new RichApiError(ErrorCodes.invalidArgument, undefined, location);
            clean[k] = link[k];
          }
        }
        eachCell(t, location, (cell) => {
          if (!clean.address && !clean.documentReference) {
            delete cell.hyperlink;
            return;
          }
          cell.hyperlink = { ...clean };
          if (clean.textToDisplay !== undefined) {
            cell.value = clean.textToDisplay;
            delete cell.formula;
          } else if (cell.value === null || cell.value === "")
            cell.value = clean.address ?? clean.documentReference ?? null;
        });
        return;
      }
    }
    super.writeScalar(t, name, value);
  }

  /** Merge into one cell (or one per row with across = true). Keeps each merge's top-left value. */
  merge(across = false): void {
    this.queueOp("merge", { across }, (t) => {
      const r = only(t);
      assertWritable(t.sheet, "Range.merge");
      const pieces: CellRange[] = across
        ? Array.from({ length: r.rowCount }, (_, i) => ({
            row: r.row + i,
            col: r.col,
            rowCount: 1,
            colCount: r.colCount,
          }))
        : [r];
      t.sheet.merges = t.sheet.merges.filter((m) => !intersects(m, r));
      for (const p of pieces) {
        if (p.rowCount * p.colCount < 2) continue;
        t.sheet.merges.push(p);
        for (const { row, col, cell } of cellsIn(t.sheet, p)) {
          if (row === p.row && col === p.col) continue;
          cell.value = null;
          delete cell.formula;
          tidy(t.sheet, row, col);
        }
      }
    });
  }

  /** Clear "All" (default), "Formats", "Contents", "Hyperlinks"/"RemoveHyperlinks". */
  clear(applyTo: string = "All"): void {
    this.queueOp("clear", { applyTo }, (t) => clearTarget(t, applyTo, "Range.clear"));
  }

  select(): void {
    this.queueOp("select", {}, (t) => {
      const wb = this.context.data;
      if (t.sheet.visibility !== "Visible")
        throw new RichApiError(ErrorCodes.invalidOperation, undefined, "Range.select");
      wb.selection = { sheet: t.sheet.name, address: localAddress(only(t)) };
      wb.activeSheet = t.sheet.name;
    });
  }

  getResizedRange(deltaRows: number, deltaColumns: number): Range {
    return this.child(
      `getResizedRange(${deltaRows},${deltaColumns})`,
      (t) => ({
        ...only(t),
        rowCount: only(t).rowCount + deltaRows,
        colCount: only(t).colCount + deltaColumns,
      }),
      () => this.context.requireMember("Range.getResizedRange"),
    );
  }

  /** [ExcelApi 1.4] The rectangle this range shares with `address` (an address on the same sheet), or a
   *  null object when they do not overlap. */
  getIntersectionOrNullObject(address: string): Range {
    return new Range(
      this.context,
      `${this.path}.getIntersectionOrNullObject(${quote(address)})`,
      () => {
        this.context.requireMember("Range.getIntersectionOrNullObject");
        const t = this.resolve();
        if (t === NULL) return NULL;
        const a = only(t);
        const b = parseAreas(String(address), t.sheet.name, false)[0];
        const row = Math.max(a.row, b.row);
        const col = Math.max(a.col, b.col);
        const bottom = Math.min(a.row + a.rowCount, b.row + b.rowCount);
        const right = Math.min(a.col + a.colCount, b.col + b.colCount);
        if (bottom <= row || right <= col) return NULL;
        return { sheet: t.sheet, areas: [{ row, col, rowCount: bottom - row, colCount: right - col }] };
      },
      true,
    );
  }

  /** [ExcelApi 1.9] The cells of this range that hold a formula ("Formulas") or a constant ("Constants"), as
   *  rectangular areas (runs of a row, joined down while they match); a null object when there are none.
   *  Only cellValueType "All" (the default) is simulated; other types answer InvalidArgument. */
  getSpecialCellsOrNullObject(cellType: string, cellValueType = "All"): RangeAreas {
    return new RangeAreas(
      this.context,
      `${this.path}.getSpecialCellsOrNullObject(${quote(String(cellType))},${quote(String(cellValueType))})`,
      () => {
        this.context.requireMember("Range.getSpecialCellsOrNullObject");
        const location = "Range.getSpecialCellsOrNullObject";
        if ((cellType !== "Formulas" && cellType !== "Constants") || cellValueType !== "All")
          throw new RichApiError(
            ErrorCodes.invalidArgument,
            "The in-memory Excel finds only Formulas and Constants cells, of every value type.",
            location,
          );
        const t = this.resolve();
        if (t === NULL) return NULL;
        guardRead(t, location);
        const wanted = (c: MemoryCell) =>
          cellType === "Formulas" ? Boolean(c.formula) : !c.formula && c.value !== null && c.value !== "";
        const areas = specialAreas(cellsIn(t.sheet, only(t)).filter((x) => wanted(x.cell)));
        return areas.length ? { sheet: t.sheet, areas } : NULL;
      },
      true,
    );
  }

  /** [ExcelApi 1.13] The merged areas that intersect this range (a null object when there are none). */
  getMergedAreasOrNullObject(): RangeAreas {
    return new RangeAreas(
      this.context,
      `${this.path}.getMergedAreasOrNullObject()`,
      () => {
        this.context.requireApi(13, "Range.getMergedAreasOrNullObject");
        const t = this.resolve();
        if (t === NULL) return NULL;
        const merges = mergesIn(t.sheet, only(t));
        return merges.length ? { sheet: t.sheet, areas: merges.map((m) => ({ ...m })) } : NULL;
      },
      true,
    );
  }
}
defineProperties(Range, RANGE_READ, RANGE_WRITE);

/** Cells (sorted by row, then column) as rectangles: runs along each row, joined with the run of the same
 *  columns on the row above. */
function specialAreas(cells: { row: number; col: number }[]): CellRange[] {
  const out: CellRange[] = [];
  let open = new Map<string, CellRange>();
  let i = 0;
  while (i < cells.length) {
    const row = cells[i].row;
    const next = new Map<string, CellRange>();
    while (i < cells.length && cells[i].row === row) {
      const col = cells[i].col;
      let n = 1;
      i++;
      while (i < cells.length && cells[i].row === row && cells[i].col === col + n) {
        n++;
        i++;
      }
      const key = `${col}:${n}`;
      const above = open.get(key);
      if (above && above.row + above.rowCount === row) {
        above.rowCount++;
        next.set(key, above);
      } else {
        const area = { row, col, rowCount: 1, colCount: n };
        out.push(area);
        next.set(key, area);
      }
    }
    open = next;
  }
  return out;
}

/** Range.clear / RangeAreas.clear semantics. */
function clearTarget(t: RangeTarget, applyTo: string, location: string): void {
  const kinds = ["All", "Formats", "Contents", "Hyperlinks", "RemoveHyperlinks", "ResetContents"];
  if (!kinds.includes(applyTo)) throw new RichApiError(ErrorCodes.invalidArgument, undefined, location);
  assertWritable(t.sheet, location);
  for (const area of t.areas) {
    for (const { row, col, cell } of cellsIn(t.sheet, area)) {
      if (applyTo === "All" || applyTo === "Contents" || applyTo === "ResetContents") {
        cell.value = null;
        delete cell.formula;
      }
      if (applyTo === "All" || applyTo === "Formats") {
        delete cell.numberFormat;
        delete cell.fill;
        delete cell.font;
        delete cell.wrapText;
        delete cell.horizontalAlignment;
        delete cell.verticalAlignment;
      }
      if (applyTo === "All" || applyTo === "Hyperlinks" || applyTo === "RemoveHyperlinks")
        delete cell.hyperlink;
      tidy(t.sheet, row, col);
    }
    if (applyTo === "All" || applyTo === "Formats") {
      t.sheet.merges = t.sheet.merges.filter((m) => !intersects(m, area));
      t.sheet.conditionalFormats = t.sheet.conditionalFormats.filter(
        (cf) => !cfAreas(t.sheet, cf).every((a) => contains(area, a)),
      );
    }
  }
}

// ───────────────────────────── RangeAreas / RangeCollection ─────────────────────────────

export class RangeAreas extends ClientObject<RangeTarget> {
  declare readonly address: string;
  declare readonly addressLocal: string;
  declare readonly areaCount: number;
  declare readonly cellCount: number;

  constructor(
    context: MemoryRequestContext,
    path: string,
    resolver: () => Resolved<RangeTarget>,
    nullable = false,
  ) {
    super(context, "RangeAreas", path, resolver, nullable);
  }

  get areas(): RangeCollection {
    return this.nav(
      "areas",
      () => new RangeCollection(this.context, `${this.path}.areas`, () => this.resolve()),
    );
  }
  get format(): RangeFormat {
    return this.nav(
      "format",
      () => new RangeFormat(this.context, `${this.path}.format`, () => this.resolve()),
    );
  }
  get conditionalFormats(): ConditionalFormatCollection {
    return this.nav(
      "conditionalFormats",
      () =>
        new ConditionalFormatCollection(this.context, `${this.path}.conditionalFormats`, () =>
          this.resolve(),
        ),
    );
  }

  protected override navigation(name: string): ClientObject | undefined {
    if (name === "areas") return this.areas;
    if (name === "format") return this.format;
    if (name === "conditionalFormats") return this.conditionalFormats;
    return undefined;
  }

  protected scalarNames(): string[] {
    return ["address", "addressLocal", "areaCount", "cellCount"];
  }

  protected readScalar(t: RangeTarget, name: string): unknown {
    switch (name) {
      case "address":
      case "addressLocal":
        return t.areas.map((a) => qualifiedAddress(t.sheet.name, a)).join(",");
      case "areaCount":
        return t.areas.length;
      case "cellCount":
        return cellCount(t);
    }
    throw new RichApiError(
      ErrorCodes.invalidArgument,
      `The property '${name}' doesn't exist on RangeAreas.`,
      "RangeAreas.load",
    );
  }

  clear(applyTo: string = "All"): void {
    this.queueOp("clear", { applyTo }, (t) => clearTarget(t, applyTo, "RangeAreas.clear"));
  }
}
defineProperties(RangeAreas, ["address", "addressLocal", "areaCount", "cellCount"]);

/** The areas of a RangeAreas: `items` (after load) and getCount(). */
class RangeCollection extends ClientObject<RangeTarget> {
  private loadedItems: Range[] | undefined;

  constructor(context: MemoryRequestContext, path: string, resolver: () => Resolved<RangeTarget>) {
    super(context, "RangeCollection", path, resolver);
  }

  get items(): Range[] {
    if (!this.loadedItems) return this.get<Range[]>("items");
    return this.loadedItems;
  }

  protected scalarNames(): string[] {
    return ["items"];
  }
  protected readScalar(): unknown {
    return undefined;
  }

  override capture(paths: string[]) {
    const t = this.resolve();
    if (t === NULL) return { payload: null, deliver: () => undefined };
    const sub = itemPaths(paths, RANGE_READ.concat(RANGE_WRITE));
    const children = t.areas.map(
      (a, i) => new Range(this.context, `${this.path}.items[${i}]`, () => ({ sheet: t.sheet, areas: [a] })),
    );
    const captures = children.map((c) => c.capture(sub));
    return {
      payload: captures.map((c) => c.payload),
      deliver: () => {
        captures.forEach((c) => c.deliver());
        this.loadedItems = children;
      },
    };
  }

  getCount(): ClientResult<number> {
    return this.queueResult("getCount", {}, (t) => t.areas.length);
  }
}

/** Paths for each item of a collection load: "items/name" → "name"; "name" → "name"; "items" → all. */
export function itemPaths(paths: string[], all: string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    if (p === "items") out.push(...all);
    else if (p.startsWith("items/")) out.push(p.slice(6));
    else out.push(p);
  }
  return out.length ? out : all;
}

// ───────────────────────────── format ─────────────────────────────

const FORMAT_PROPS = ["columnWidth", "wrapText", "horizontalAlignment", "verticalAlignment"];
const H_ALIGN = [
  "General",
  "Left",
  "Center",
  "Right",
  "Fill",
  "Justify",
  "CenterAcrossSelection",
  "Distributed",
];
const V_ALIGN = ["Top", "Center", "Bottom", "Justify", "Distributed"];

/** Excel's conversion from a width in characters to points. */
export function charsToPoints(chars: number): number {
  return Math.round(Math.trunc(chars * 7 + 5) * 0.75 * 4) / 4;
}

export function pointsToChars(points: number): number {
  return Math.max(0, Math.round(((points / 0.75 - 5) / 7) * 100) / 100);
}

class RangeFormat extends ClientObject<RangeTarget> {
  declare columnWidth: number;
  declare wrapText: boolean;
  declare horizontalAlignment: string;
  declare verticalAlignment: string;

  constructor(context: MemoryRequestContext, path: string, resolver: () => Resolved<RangeTarget>) {
    super(context, "RangeFormat", path, resolver);
  }

  get fill(): RangeFill {
    return this.nav("fill", () => new RangeFill(this.context, `${this.path}.fill`, () => this.resolve()));
  }
  get font(): RangeFont {
    return this.nav("font", () => new RangeFont(this.context, `${this.path}.font`, () => this.resolve()));
  }
  protected override navigation(name: string): ClientObject | undefined {
    if (name === "fill") return this.fill;
    if (name === "font") return this.font;
    return undefined;
  }

  protected scalarNames(): string[] {
    return FORMAT_PROPS;
  }

  protected readScalar(t: RangeTarget, name: string): unknown {
    switch (name) {
      case "columnWidth": {
        const widths = new Set<number>();
        for (const a of t.areas)
          for (let c = a.col; c < a.col + a.colCount; c++)
            widths.add(t.sheet.columnWidths.get(c) ?? DEFAULT_COLUMN_WIDTH);
        return widths.size === 1 ? [...widths][0] : null;
      }
      case "wrapText":
        return common(t, (c) => c?.wrapText ?? false);
      case "horizontalAlignment":
        return common(t, (c) => c?.horizontalAlignment ?? "General");
      case "verticalAlignment":
        return common(t, (c) => c?.verticalAlignment ?? "Bottom");
    }
    throw new RichApiError(
      ErrorCodes.invalidArgument,
      `The property '${name}' doesn't exist on RangeFormat.`,
      "RangeFormat.load",
    );
  }

  protected override writeScalar(t: RangeTarget, name: string, value: unknown): void {
    const location = `RangeFormat.${name}`;
    switch (name) {
      case "columnWidth": {
        if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > 4000)
          throw new RichApiError(ErrorCodes.invalidArgument, undefined, location);
        assertWritable(t.sheet, location);
        for (const a of t.areas)
          for (let c = a.col; c < a.col + a.colCount; c++) t.sheet.columnWidths.set(c, value);
        return;
      }
      case "wrapText":
        if (typeof value !== "boolean")
          throw new RichApiError(ErrorCodes.invalidArgument, undefined, location);
        return eachCell(t, location, (c) => (value ? (c.wrapText = true) : delete c.wrapText));
      case "horizontalAlignment":
      case "verticalAlignment": {
        const allowed = name === "horizontalAlignment" ? H_ALIGN : V_ALIGN;
        if (typeof value !== "string" || !allowed.includes(value))
          throw new RichApiError(ErrorCodes.invalidArgument, undefined, location);
        const isDefault = value === (name === "horizontalAlignment" ? "General" : "Bottom");
        return eachCell(t, location, (c) => (isDefault ? delete c[name] : (c[name] = value)));
      }
    }
    super.writeScalar(t, name, value);
  }
}
defineProperties(RangeFormat, [], FORMAT_PROPS);

class RangeFill extends ClientObject<RangeTarget> {
  declare color: string;
  constructor(context: MemoryRequestContext, path: string, resolver: () => Resolved<RangeTarget>) {
    super(context, "RangeFill", path, resolver);
  }
  protected scalarNames(): string[] {
    return ["color"];
  }
  protected readScalar(t: RangeTarget, name: string): unknown {
    if (name === "color") {
      guardRead(t, "RangeFill.color");
      return common(t, (c) => c?.fill ?? "#FFFFFF");
    }
    throw new RichApiError(
      ErrorCodes.invalidArgument,
      `The property '${name}' doesn't exist on RangeFill.`,
      "RangeFill.load",
    );
  }
  protected override writeScalar(t: RangeTarget, name: string, value: unknown): void {
    if (name !== "color") return super.writeScalar(t, name, value);
    const color = normalizeColor(value, "RangeFill.color");
    eachCell(t, "RangeFill.color", (c) => (c.fill = color));
  }
  clear(): void {
    this.queueOp("clear", {}, (t) => eachCell(t, "RangeFill.clear", (c) => delete c.fill));
  }
}
defineProperties(RangeFill, [], ["color"]);

const FONT_DEFAULTS = { bold: false, italic: false, size: 11, color: "#000000", name: "Calibri" };
const FONT_PROPS = Object.keys(FONT_DEFAULTS) as (keyof typeof FONT_DEFAULTS)[];

class RangeFont extends ClientObject<RangeTarget> {
  declare bold: boolean;
  declare italic: boolean;
  declare size: number;
  declare color: string;
  declare name: string;
  constructor(context: MemoryRequestContext, path: string, resolver: () => Resolved<RangeTarget>) {
    super(context, "RangeFont", path, resolver);
  }
  protected scalarNames(): string[] {
    return FONT_PROPS;
  }
  protected readScalar(t: RangeTarget, name: string): unknown {
    const key = name as keyof typeof FONT_DEFAULTS;
    if (!FONT_PROPS.includes(key))
      throw new RichApiError(
        ErrorCodes.invalidArgument,
        `The property '${name}' doesn't exist on RangeFont.`,
        "RangeFont.load",
      );
    guardRead(t, `RangeFont.${name}`);
    return common(t, (c) => c?.font?.[key] ?? FONT_DEFAULTS[key]);
  }
  protected override writeScalar(t: RangeTarget, name: string, value: unknown): void {
    const location = `RangeFont.${name}`;
    const key = name as keyof typeof FONT_DEFAULTS;
    if (!FONT_PROPS.includes(key)) return super.writeScalar(t, name, value);
    let v: string | number | boolean;
    if (key === "color") v = normalizeColor(value, location);
    else if (key === "size") {
      if (typeof value !== "number" || !(value >= 1 && value <= 409))
        throw new RichApiError(ErrorCodes.invalidArgument, undefined, location);
      v = value;
    } else if (key === "name") {
      if (typeof value !== "string" || !value)
        throw new RichApiError(ErrorCodes.invalidArgument, undefined, location);
      v = value;
    } else {
      if (typeof value !== "boolean") throw new RichApiError(ErrorCodes.invalidArgument, undefined, location);
      v = value;
    }
    eachCell(t, location, (c) => {
      const font = { ...(c.font ?? {}), [key]: v };
      if (v === FONT_DEFAULTS[key]) delete (font as Record<string, unknown>)[key];
      if (Object.keys(font).length) c.font = font;
      else delete c.font;
    });
  }
}
defineProperties(RangeFont, [], FONT_PROPS);

// ───────────────────────────── conditional formats ─────────────────────────────

const CONDITIONAL_FORMAT_TYPES = [
  "Custom",
  "DataBar",
  "ColorScale",
  "IconSet",
  "TopBottom",
  "PresetCriteria",
  "ContainsText",
  "CellValue",
];

function cfAreas(sheet: MemorySheet, cf: ConditionalFormatRecord): CellRange[] {
  return parseAreas(cf.range, sheet.name, true);
}

interface CfTarget {
  sheet: MemorySheet;
  record: ConditionalFormatRecord;
}

class ConditionalFormatCollection extends ClientObject<RangeTarget> {
  private loadedItems: ConditionalFormat[] | undefined;

  constructor(context: MemoryRequestContext, path: string, resolver: () => Resolved<RangeTarget>) {
    super(context, "ConditionalFormatCollection", path, resolver);
  }

  get items(): ConditionalFormat[] {
    if (!this.loadedItems) return this.get<ConditionalFormat[]>("items");
    return this.loadedItems;
  }

  protected scalarNames(): string[] {
    return ["items"];
  }
  protected readScalar(): unknown {
    return undefined;
  }

  private matching(t: RangeTarget): ConditionalFormatRecord[] {
    return t.sheet.conditionalFormats.filter((cf) =>
      cfAreas(t.sheet, cf).some((a) => t.areas.some((b) => intersects(a, b))),
    );
  }

  override capture(paths: string[]) {
    const t = this.resolve();
    if (t === NULL) return { payload: null, deliver: () => undefined };
    const sub = itemPaths(paths, CF_PROPS);
    const children = this.matching(t).map(
      (rec) =>
        new ConditionalFormat(this.context, `${this.path}.getItem(${quote(rec.id)})`, () => ({
          sheet: t.sheet,
          record: rec,
        })),
    );
    const captures = children.map((c) => c.capture(sub));
    return {
      payload: captures.map((c) => c.payload),
      deliver: () => {
        captures.forEach((c) => c.deliver());
        this.loadedItems = children;
      },
    };
  }

  /** Add a conditional format over the range (all areas of a RangeAreas). */
  add(type: string): ConditionalFormat {
    let created: ConditionalFormatRecord | null = null;
    let sheet: MemorySheet | null = null;
    const cf = new ConditionalFormat(this.context, `${this.path}.add(${quote(String(type))})`, () => {
      if (!created || !sheet)
        throw new RichApiError(ErrorCodes.itemNotFound, undefined, "ConditionalFormatCollection.add");
      return { sheet, record: created };
    });
    this.queueOp("add", { type }, (t) => {
      if (!CONDITIONAL_FORMAT_TYPES.includes(type))
        throw new RichApiError(ErrorCodes.invalidArgument, undefined, "ConditionalFormatCollection.add");
      assertWritable(t.sheet, "ConditionalFormatCollection.add");
      const record: ConditionalFormatRecord = {
        id: this.context.data.newId("{cf-") + "}",
        range: t.areas.map(localAddress).join(","),
        type,
        formula: "",
        fill: null,
        font: null,
        priority: 0,
      };
      for (const other of t.sheet.conditionalFormats) other.priority += 1;
      t.sheet.conditionalFormats.push(record);
      created = record;
      sheet = t.sheet;
    });
    return cf;
  }

  getItem(id: string): ConditionalFormat {
    return new ConditionalFormat(this.context, `${this.path}.getItem(${quote(id)})`, () => {
      const t = this.resolve();
      if (t === NULL) return NULL;
      const record = t.sheet.conditionalFormats.find((cf) => cf.id === id);
      if (!record)
        throw new RichApiError(ErrorCodes.itemNotFound, undefined, "ConditionalFormatCollection.getItem");
      return { sheet: t.sheet, record };
    });
  }

  getCount(): ClientResult<number> {
    return this.queueResult("getCount", {}, (t) => this.matching(t).length);
  }

  /** Remove every conditional format that intersects the range. */
  clearAll(): void {
    this.queueOp("clearAll", {}, (t) => {
      assertWritable(t.sheet, "ConditionalFormatCollection.clearAll");
      const gone = new Set(this.matching(t));
      t.sheet.conditionalFormats = t.sheet.conditionalFormats.filter((cf) => !gone.has(cf));
    });
  }
}

const CF_PROPS = ["id", "type", "priority", "stopIfTrue"];

class ConditionalFormat extends ClientObject<CfTarget> {
  declare readonly id: string;
  declare readonly type: string;
  declare priority: number;
  declare stopIfTrue: boolean;

  constructor(context: MemoryRequestContext, path: string, resolver: () => Resolved<CfTarget>) {
    super(context, "ConditionalFormat", path, resolver);
  }

  get custom(): CustomConditionalFormat {
    return this.nav(
      "custom",
      () =>
        new CustomConditionalFormat(this.context, `${this.path}.custom`, () => {
          const t = this.resolve();
          if (t !== NULL && t.record.type !== "Custom")
            throw new RichApiError(ErrorCodes.invalidOperation, undefined, "ConditionalFormat.custom");
          return t;
        }),
    );
  }
  protected override navigation(name: string): ClientObject | undefined {
    return name === "custom" ? this.custom : undefined;
  }
  protected scalarNames(): string[] {
    return CF_PROPS;
  }
  protected readScalar(t: CfTarget, name: string): unknown {
    if (name === "id") return t.record.id;
    if (name === "type") return t.record.type;
    if (name === "priority") return t.record.priority;
    if (name === "stopIfTrue") return false;
    throw new RichApiError(
      ErrorCodes.invalidArgument,
      `The property '${name}' doesn't exist on ConditionalFormat.`,
      "ConditionalFormat.load",
    );
  }
  protected override writeScalar(t: CfTarget, name: string, value: unknown): void {
    if (name === "priority" && typeof value === "number") {
      assertWritable(t.sheet, "ConditionalFormat.priority");
      t.record.priority = value;
      return;
    }
    if (name === "stopIfTrue" && typeof value === "boolean") return;
    throw new RichApiError(ErrorCodes.invalidArgument, undefined, `ConditionalFormat.${name}`);
  }
  delete(): void {
    this.queueOp("delete", {}, (t) => {
      assertWritable(t.sheet, "ConditionalFormat.delete");
      t.sheet.conditionalFormats = t.sheet.conditionalFormats.filter((cf) => cf !== t.record);
    });
  }
}
defineProperties(ConditionalFormat, ["id", "type"], ["priority", "stopIfTrue"]);

/** `custom`: a rule (formula) and a format (fill, font). */
class CustomConditionalFormat extends ClientObject<CfTarget> {
  constructor(context: MemoryRequestContext, path: string, resolver: () => Resolved<CfTarget>) {
    super(context, "CustomConditionalFormat", path, resolver);
  }
  get rule(): ConditionalFormatRule {
    return this.nav(
      "rule",
      () => new ConditionalFormatRule(this.context, `${this.path}.rule`, () => this.resolve()),
    );
  }
  get format(): ConditionalRangeFormat {
    return this.nav(
      "format",
      () => new ConditionalRangeFormat(this.context, `${this.path}.format`, () => this.resolve()),
    );
  }
  protected override navigation(name: string): ClientObject | undefined {
    if (name === "rule") return this.rule;
    if (name === "format") return this.format;
    return undefined;
  }
  protected scalarNames(): string[] {
    return [];
  }
  protected readScalar(_t: CfTarget, name: string): unknown {
    throw new RichApiError(
      ErrorCodes.invalidArgument,
      `The property '${name}' doesn't exist on CustomConditionalFormat.`,
      "CustomConditionalFormat.load",
    );
  }
}

class ConditionalFormatRule extends ClientObject<CfTarget> {
  declare formula: string;
  constructor(context: MemoryRequestContext, path: string, resolver: () => Resolved<CfTarget>) {
    super(context, "ConditionalFormatRule", path, resolver);
  }
  protected scalarNames(): string[] {
    return ["formula"];
  }
  protected readScalar(t: CfTarget, name: string): unknown {
    if (name === "formula") return t.record.formula;
    throw new RichApiError(
      ErrorCodes.invalidArgument,
      `The property '${name}' doesn't exist on ConditionalFormatRule.`,
      "ConditionalFormatRule.load",
    );
  }
  protected override writeScalar(t: CfTarget, name: string, value: unknown): void {
    if (name !== "formula") return super.writeScalar(t, name, value);
    if (typeof value !== "string" || !value)
      throw new RichApiError(ErrorCodes.invalidArgument, undefined, "ConditionalFormatRule.formula");
    assertWritable(t.sheet, "ConditionalFormatRule.formula");
    t.record.formula = value.startsWith("=") ? value : `=${value}`;
  }
}
defineProperties(ConditionalFormatRule, [], ["formula"]);

class ConditionalRangeFormat extends ClientObject<CfTarget> {
  constructor(context: MemoryRequestContext, path: string, resolver: () => Resolved<CfTarget>) {
    super(context, "ConditionalRangeFormat", path, resolver);
  }
  get fill(): ConditionalRangeFill {
    return this.nav(
      "fill",
      () => new ConditionalRangeFill(this.context, `${this.path}.fill`, () => this.resolve()),
    );
  }
  get font(): ConditionalRangeFont {
    return this.nav(
      "font",
      () => new ConditionalRangeFont(this.context, `${this.path}.font`, () => this.resolve()),
    );
  }
  protected override navigation(name: string): ClientObject | undefined {
    if (name === "fill") return this.fill;
    if (name === "font") return this.font;
    return undefined;
  }
  protected scalarNames(): string[] {
    return [];
  }
  protected readScalar(_t: CfTarget, name: string): unknown {
    throw new RichApiError(
      ErrorCodes.invalidArgument,
      `The property '${name}' doesn't exist on ConditionalRangeFormat.`,
      "ConditionalRangeFormat.load",
    );
  }
}

class ConditionalRangeFill extends ClientObject<CfTarget> {
  declare color: string;
  constructor(context: MemoryRequestContext, path: string, resolver: () => Resolved<CfTarget>) {
    super(context, "ConditionalRangeFill", path, resolver);
  }
  protected scalarNames(): string[] {
    return ["color"];
  }
  protected readScalar(t: CfTarget, name: string): unknown {
    if (name === "color") return t.record.fill;
    throw new RichApiError(
      ErrorCodes.invalidArgument,
      `The property '${name}' doesn't exist on ConditionalRangeFill.`,
      "ConditionalRangeFill.load",
    );
  }
  protected override writeScalar(t: CfTarget, name: string, value: unknown): void {
    if (name !== "color") return super.writeScalar(t, name, value);
    const color = normalizeColor(value, "ConditionalRangeFill.color");
    assertWritable(t.sheet, "ConditionalRangeFill.color");
    t.record.fill = color;
  }
  clear(): void {
    this.queueOp("clear", {}, (t) => {
      assertWritable(t.sheet, "ConditionalRangeFill.clear");
      t.record.fill = null;
    });
  }
}
defineProperties(ConditionalRangeFill, [], ["color"]);

class ConditionalRangeFont extends ClientObject<CfTarget> {
  declare color: string;
  declare bold: boolean;
  constructor(context: MemoryRequestContext, path: string, resolver: () => Resolved<CfTarget>) {
    super(context, "ConditionalRangeFont", path, resolver);
  }
  protected scalarNames(): string[] {
    return ["color", "bold"];
  }
  protected readScalar(t: CfTarget, name: string): unknown {
    if (name === "color") return t.record.font?.color ?? null;
    if (name === "bold") return t.record.font?.bold ?? null;
    throw new RichApiError(
      ErrorCodes.invalidArgument,
      `The property '${name}' doesn't exist on ConditionalRangeFont.`,
      "ConditionalRangeFont.load",
    );
  }
  protected override writeScalar(t: CfTarget, name: string, value: unknown): void {
    const location = `ConditionalRangeFont.${name}`;
    if (name === "color") {
      const color = normalizeColor(value, location);
      assertWritable(t.sheet, location);
      t.record.font = { ...(t.record.font ?? {}), color };
      return;
    }
    if (name === "bold") {
      if (typeof value !== "boolean") throw new RichApiError(ErrorCodes.invalidArgument, undefined, location);
      assertWritable(t.sheet, location);
      t.record.font = { ...(t.record.font ?? {}), bold: value };
      return;
    }
    super.writeScalar(t, name, value);
  }
}
defineProperties(ConditionalRangeFont, [], ["color", "bold"]);

/**
 * A typed fake of WPS 表格's ET object model (the part the WPS adapter uses), built on the shapes of
 * src/host/wps/et.ts, which take every member's type from et-jsapi-declare: a rename in the typings
 * breaks this fake at compile time. Semantics follow what teams that shipped on WPS recorded:
 *   - every call is synchronous and counted (`stats`: calls, reads, writes, cells per call);
 *   - Value2 of one cell is a scalar; of a single row or column a 1-D array when `oneD` is set; else 2-D;
 *     with `noValue2` Value2 is undefined and only Value() answers;
 *   - Address is a method (as typed), or a string property with `addressAsProperty`;
 *   - colours are BGR integers; NumberFormat of a mixed block is null; HasFormula of a mixed block null;
 *   - writing into a protected sheet throws; `failWriteAfter(n)` makes the n-th write from now apply half
 *     its cells and then throw (as a cross-process call cut off halfway).
 * Formulas are not calculated: a formula cell keeps the value it was given (or null when written).
 */
import { a1, columnIndex, parseCell, rangeA1 } from "../../src/engine/address";
import type { CellRange } from "../../src/engine/types";
import type {
  EtApplication,
  EtFont,
  EtFormatCondition,
  EtFormatConditions,
  EtHyperlinks,
  EtInterior,
  EtRange,
  EtSheets,
  EtUsedRange,
  EtWorkbook,
  EtWorksheet,
} from "../../src/host/wps/et";
import type { MemoryWorkbook } from "../../src/host/memory";

type Scalar = number | string | boolean;

export interface FakeCell {
  value: Scalar | null;
  formula?: string;
  numberFormat?: string;
  /** Interior.Color (BGR). */
  fill?: number;
  font?: { bold?: boolean; size?: number; color?: number; underline?: number };
  hyperlink?: { address: string; subAddress: string; text: string };
}

export interface FakeCondition {
  id: number;
  areas: CellRange[];
  type: number;
  formula: string;
  fill: number | null;
}

export interface FakeOptions {
  oneD?: boolean;
  noValue2?: boolean;
  addressAsProperty?: boolean;
}

export interface CallRecord {
  kind: "read" | "write" | "other";
  what: string;
  sheet: string;
  address: string;
  cells: number;
}

const COLS = 16384;
const key = (row: number, col: number) => row * COLS + col;

function parseAreas(address: string): CellRange[] {
  return address.split(",").map((part) => {
    const a = part.replace(/\$/g, "").trim();
    const col = /^([A-Z]+):([A-Z]+)$/.exec(a);
    if (col) {
      const c1 = columnIndex(col[1]);
      const c2 = columnIndex(col[2]);
      return { row: 0, col: c1, rowCount: 1048576, colCount: c2 - c1 + 1 };
    }
    const [first, second] = a.split(":");
    const p = parseCell(first);
    const q = parseCell(second ?? first);
    return {
      row: Math.min(p.row, q.row),
      col: Math.min(p.col, q.col),
      rowCount: Math.abs(q.row - p.row) + 1,
      colCount: Math.abs(q.col - p.col) + 1,
    };
  });
}

const areaText = (r: CellRange) => (r.rowCount === 1 && r.colCount === 1 ? a1(r.row, r.col) : rangeA1(r));
const overlaps = (a: CellRange, b: CellRange) =>
  a.row < b.row + b.rowCount &&
  b.row < a.row + a.rowCount &&
  a.col < b.col + b.colCount &&
  b.col < a.col + a.colCount;

export class FakeSheet {
  cells = new Map<number, FakeCell>();
  conditions: FakeCondition[] = [];
  merges: CellRange[] = [];
  columnWidths = new Map<number, number>();
  protected = false;
  visible = -1;
  constructor(
    readonly book: FakeWorkbook,
    public name: string,
  ) {}

  cell(address: string): FakeCell {
    const { row, col } = parseCell(address);
    return this.cells.get(key(row, col)) ?? { value: null };
  }

  at(row: number, col: number): FakeCell | undefined {
    return this.cells.get(key(row, col));
  }

  edit(row: number, col: number): FakeCell {
    let c = this.cells.get(key(row, col));
    if (!c) this.cells.set(key(row, col), (c = { value: null }));
    return c;
  }

  /** Set a cell directly (test set-up, not counted): a value, "=…" a formula, or a record. */
  set(address: string, input: Scalar | null | Partial<FakeCell>): void {
    const { row, col } = parseCell(address);
    const c = this.edit(row, col);
    if (input === null || typeof input !== "object") {
      if (typeof input === "string" && input.startsWith("=")) {
        c.formula = input;
        c.value = null;
      } else {
        c.value = input;
        delete c.formula;
      }
    } else Object.assign(c, input);
  }

  used(): CellRange | null {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    for (const [k, c] of this.cells) {
      if (c.value === null && !c.formula && !c.numberFormat && c.fill === undefined && !c.font) continue;
      const row = Math.floor(k / COLS);
      const col = k % COLS;
      top = Math.min(top, row);
      left = Math.min(left, col);
      bottom = Math.max(bottom, row);
      right = Math.max(right, col);
    }
    if (bottom < 0) return null;
    return { row: top, col: left, rowCount: bottom - top + 1, colCount: right - left + 1 };
  }
}

export class FakeWorkbook {
  sheets: FakeSheet[] = [];
  stats = { calls: 0, reads: 0, writes: 0, log: [] as CallRecord[] };
  selection: { sheet: string; address: string } | null = null;
  activeSheet: string | null = null;
  screenUpdating = true;
  private nextCondition = 1;
  private failIn: number | null = null;

  constructor(readonly options: FakeOptions = {}) {}

  sheet(name: string): FakeSheet {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }

  addSheet(name: string): FakeSheet {
    const s = new FakeSheet(this, name);
    this.sheets.push(s);
    return s;
  }

  resetStats(): void {
    this.stats = { calls: 0, reads: 0, writes: 0, log: [] };
  }

  /** The n-th write call from now (1 = the next) applies half its cells, then throws. */
  failWriteAfter(n: number): void {
    this.failIn = n;
  }

  conditionId(): number {
    return this.nextCondition++;
  }

  /** Count a call; for a write, decide whether it fails halfway (returns true). */
  count(kind: CallRecord["kind"], what: string, sheet: FakeSheet, areas: CellRange[]): boolean {
    this.stats.calls++;
    if (kind === "read") this.stats.reads++;
    if (kind === "write") this.stats.writes++;
    const cells = areas.reduce((n, r) => n + r.rowCount * r.colCount, 0);
    this.stats.log.push({ kind, what, sheet: sheet.name, address: areas.map(areaText).join(","), cells });
    if (kind === "write") {
      if (sheet.protected) throw new Error(`工作表“${sheet.name}”受保护 (0x800A03EC)`);
      if (this.failIn !== null && --this.failIn === 0) {
        this.failIn = null;
        return true;
      }
    }
    return false;
  }

  /** Every cell, condition and merge a user could see (formula cells by their formula). */
  dump() {
    return this.sheets.map((s) => ({
      name: s.name,
      visible: s.visible,
      cells: [...s.cells.entries()]
        .filter(
          ([, c]) => !(c.value === null && !c.formula && !c.numberFormat && c.fill === undefined && !c.font),
        )
        .sort(([a], [b]) => a - b)
        .map(([k, c]) => [k, JSON.stringify({ ...c, value: c.formula ? null : c.value })]),
      merges: s.merges,
      conditions: s.conditions
        .map((f) => ({
          areas: f.areas.map(areaText).join(","),
          fill: f.fill,
          ours: f.formula.includes("绩效评价助手"),
        }))
        .sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y))),
    }));
  }

  /** A fake holding a MemoryWorkbook's sheets: values, formulas, number formats, fills, protection. */
  static fromMemory(wb: MemoryWorkbook, options: FakeOptions = {}): FakeWorkbook {
    const fake = new FakeWorkbook(options);
    for (const s of wb.sheets) {
      const sheet = fake.addSheet(s.name);
      sheet.protected = s.protected;
      sheet.merges = s.merges.map((m) => ({ ...m }));
      for (const [k, c] of s.cells) {
        const cell: FakeCell = { value: c.value === "" ? null : c.value };
        if (c.formula) cell.formula = c.formula;
        if (c.numberFormat && c.numberFormat !== "General") cell.numberFormat = c.numberFormat;
        if (c.fill) {
          const m = /^#(..)(..)(..)$/.exec(c.fill);
          if (m) cell.fill = parseInt(m[1], 16) + parseInt(m[2], 16) * 256 + parseInt(m[3], 16) * 65536;
        }
        sheet.cells.set(Math.floor(k / 16384) * COLS + (k % 16384), cell);
      }
    }
    return fake;
  }
}

// ───────────────────────────── the object model ─────────────────────────────

function numberLike(v: string): boolean {
  return /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(v.trim());
}

class FakeInterior implements EtInterior {
  constructor(
    private readonly get: () => number | null,
    private readonly put: (bgr: number) => void,
  ) {}
  get Color(): Et.Interior["Color"] {
    return this.get();
  }
  set Color(bgr: Et.Interior["Color"]) {
    this.put(Number(bgr));
  }
}

class FakeFont implements EtFont {
  constructor(private readonly range: FakeRange) {}
  private put(field: "bold" | "size" | "color" | "underline", v: boolean | number) {
    this.range.eachCell("Font." + field, (c) => {
      c.font = { ...(c.font ?? {}), [field]: v };
    });
  }
  private first() {
    return this.range.first().font ?? {};
  }
  get Bold(): Et.Font["Bold"] {
    return this.first().bold ?? false;
  }
  set Bold(v: Et.Font["Bold"]) {
    this.put("bold", v === true);
  }
  get Size(): Et.Font["Size"] {
    return this.first().size ?? 11;
  }
  set Size(v: Et.Font["Size"]) {
    this.put("size", Number(v));
  }
  get Color(): Et.Font["Color"] {
    return this.first().color ?? 0;
  }
  set Color(v: Et.Font["Color"]) {
    this.put("color", Number(v));
  }
  get Underline(): Et.Font["Underline"] {
    return (this.first().underline ?? -4142) as Et.Font["Underline"];
  }
  set Underline(v: Et.Font["Underline"]) {
    this.put("underline", Number(v));
  }
}

class FakeCondition_ implements EtFormatCondition {
  readonly Interior: EtInterior;
  constructor(
    private readonly sheet: FakeSheet,
    private readonly record: FakeCondition,
  ) {
    this.Interior = new FakeInterior(
      () => record.fill,
      (bgr) => {
        const fail = sheet.book.count("write", "FormatCondition.Interior.Color", sheet, record.areas);
        record.fill = bgr;
        if (fail) throw new Error("RPC cut off (FormatCondition.Interior.Color)");
      },
    );
  }
  get Formula1(): Et.FormatCondition["Formula1"] {
    this.sheet.book.count("read", "FormatCondition.Formula1", this.sheet, []);
    return this.record.formula;
  }
  get AppliesTo(): Pick<EtRange, "Address"> {
    return new FakeRange(this.sheet, this.record.areas);
  }
  Delete(): void {
    this.sheet.book.count("other", "FormatCondition.Delete", this.sheet, this.record.areas);
    if (this.sheet.protected) throw new Error("protected");
    this.sheet.conditions = this.sheet.conditions.filter((c) => c !== this.record);
  }
}

class FakeConditions implements EtFormatConditions {
  constructor(
    private readonly sheet: FakeSheet,
    private readonly areas: CellRange[] | null,
  ) {}
  private list(): FakeCondition[] {
    const areas = this.areas;
    return areas === null
      ? this.sheet.conditions
      : this.sheet.conditions.filter((c) => c.areas.some((a) => areas.some((b) => overlaps(a, b))));
  }
  get Count(): Et.FormatConditions["Count"] {
    this.sheet.book.count("read", "FormatConditions.Count", this.sheet, []);
    return this.list().length;
  }
  Item(index: number): EtFormatCondition {
    const record = this.list()[index - 1];
    if (!record) throw new Error("index out of range");
    return new FakeCondition_(this.sheet, record);
  }
  Add(type: Et.XlFormatConditionType, _operator?: unknown, formula?: unknown): EtFormatCondition {
    const areas = this.areas ?? [{ row: 0, col: 0, rowCount: 1048576, colCount: COLS }];
    const fail = this.sheet.book.count("write", "FormatConditions.Add", this.sheet, areas);
    const record: FakeCondition = {
      id: this.sheet.book.conditionId(),
      areas,
      type: Number(type),
      formula: String(formula ?? ""),
      fill: null,
    };
    this.sheet.conditions.push(record);
    if (fail) throw new Error("RPC cut off (FormatConditions.Add)");
    return new FakeCondition_(this.sheet, record);
  }
}

export class FakeRange implements EtRange {
  constructor(
    readonly sheet: FakeSheet,
    readonly areas: CellRange[],
  ) {
    if (sheet.book.options.addressAsProperty)
      Object.defineProperty(this, "Address", { get: () => "$" + areas.map(areaText).join(",$") });
  }

  private get rect(): CellRange {
    return this.areas[0];
  }

  first(): FakeCell {
    return this.sheet.at(this.rect.row, this.rect.col) ?? { value: null };
  }

  /** Apply `f` to every cell of every area as one counted write (half of them when it fails). */
  eachCell(what: string, f: (cell: FakeCell, i: number, j: number) => void): void {
    const fail = this.sheet.book.count("write", what, this.sheet, this.areas);
    for (const r of this.areas) {
      const rows = fail ? Math.ceil(r.rowCount / 2) : r.rowCount;
      for (let i = 0; i < rows; i++)
        for (let j = 0; j < r.colCount; j++) f(this.sheet.edit(r.row + i, r.col + j), i, j);
    }
    if (fail) throw new Error(`RPC cut off halfway (${what})`);
  }

  private grid<T>(what: string, pick: (c: FakeCell | undefined) => T): T[][] {
    this.sheet.book.count("read", what, this.sheet, [this.rect]);
    const r = this.rect;
    return Array.from({ length: r.rowCount }, (_, i) =>
      Array.from({ length: r.colCount }, (_, j) => pick(this.sheet.at(r.row + i, r.col + j))),
    );
  }

  private shaped<T>(grid: T[][]): unknown {
    const r = this.rect;
    if (r.rowCount === 1 && r.colCount === 1) return grid[0][0];
    if (this.sheet.book.options.oneD && r.rowCount === 1) return grid[0];
    if (this.sheet.book.options.oneD && r.colCount === 1) return grid.map((row) => row[0]);
    return grid;
  }

  private static input(v: unknown): unknown[][] | null {
    return Array.isArray(v) ? (Array.isArray(v[0]) ? (v as unknown[][]) : null) : null;
  }

  private assign(what: string, v: unknown, put: (cell: FakeCell, x: unknown) => void): void {
    const grid = FakeRange.input(v);
    this.eachCell(what, (c, i, j) => put(c, grid ? grid[i]?.[j] : v));
  }

  get Value2(): EtRange["Value2"] {
    if (this.sheet.book.options.noValue2) return undefined;
    return this.shaped(this.grid("Value2", (c) => (c ? (c.value ?? "") : ""))) as EtRange["Value2"];
  }
  set Value2(v: EtRange["Value2"]) {
    this.assign("Value2", v, (c, x) => {
      if (x === "" || x === null || x === undefined) {
        c.value = null;
        delete c.formula;
      } else if (typeof x === "string" && x.startsWith("=")) {
        c.formula = x;
        c.value = null;
      } else {
        c.value = x as Scalar;
        delete c.formula;
      }
    });
  }

  Value(..._args: unknown[]): never {
    return this.shaped(this.grid("Value()", (c) => (c ? (c.value ?? "") : ""))) as never;
  }

  get Formula(): EtRange["Formula"] {
    return this.shaped(
      this.grid(
        "Formula",
        (c) => c?.formula ?? (c?.value === null || c === undefined ? "" : String(c.value)),
      ),
    ) as EtRange["Formula"];
  }
  set Formula(v: EtRange["Formula"]) {
    this.assign("Formula", v, (c, x) => {
      if (x === "" || x === null || x === undefined) {
        c.value = null;
        delete c.formula;
      } else if (typeof x === "string" && x.startsWith("=")) {
        c.formula = x;
        c.value = null;
      } else {
        c.value = typeof x === "string" && numberLike(x) ? Number(x) : (x as Scalar);
        delete c.formula;
      }
    });
  }

  get HasFormula(): Et.Range["HasFormula"] {
    const all = this.grid("HasFormula", (c) => c?.formula !== undefined).flat();
    return all.every(Boolean) ? true : all.some(Boolean) ? null : false;
  }

  get NumberFormat(): EtRange["NumberFormat"] {
    const all = this.grid("NumberFormat", (c) => c?.numberFormat ?? "General").flat();
    return all.every((f) => f === all[0]) ? all[0] : null;
  }
  set NumberFormat(v: EtRange["NumberFormat"]) {
    this.eachCell("NumberFormat", (c) => {
      if (v === "General") delete c.numberFormat;
      else c.numberFormat = String(v);
    });
  }

  Address(..._args: unknown[]): string {
    this.sheet.book.count("other", "Address", this.sheet, []);
    return "$" + this.areas.map(areaText).join(",$");
  }

  get Interior(): EtInterior {
    return new FakeInterior(
      () => this.first().fill ?? null,
      (bgr) =>
        this.eachCell("Interior.Color", (c) => {
          c.fill = bgr;
        }),
    );
  }

  get Font(): EtFont {
    return new FakeFont(this);
  }

  get FormatConditions(): EtFormatConditions {
    return new FakeConditions(this.sheet, this.areas);
  }

  Merge(): void {
    if (this.sheet.book.count("write", "Merge", this.sheet, this.areas))
      throw new Error("RPC cut off (Merge)");
    this.sheet.merges.push({ ...this.rect });
  }

  get ColumnWidth(): Et.Range["ColumnWidth"] {
    return this.sheet.columnWidths.get(this.rect.col) ?? 8.43;
  }
  set ColumnWidth(v: Et.Range["ColumnWidth"]) {
    if (this.sheet.book.count("write", "ColumnWidth", this.sheet, []))
      throw new Error("RPC cut off (ColumnWidth)");
    for (let j = 0; j < this.rect.colCount; j++) this.sheet.columnWidths.set(this.rect.col + j, Number(v));
  }

  Select(): boolean {
    this.sheet.book.count("other", "Select", this.sheet, []);
    this.sheet.book.selection = { sheet: this.sheet.name, address: this.areas.map(areaText).join(",") };
    return true;
  }

  Clear(): boolean {
    if (this.sheet.book.count("write", "Clear", this.sheet, this.areas))
      throw new Error("RPC cut off (Clear)");
    for (const k of [...this.sheet.cells.keys()]) {
      const row = Math.floor(k / COLS);
      const col = k % COLS;
      if (this.areas.some((a) => overlaps(a, { row, col, rowCount: 1, colCount: 1 })))
        this.sheet.cells.delete(k);
    }
    this.sheet.merges = this.sheet.merges.filter((m) => !this.areas.some((a) => overlaps(a, m)));
    this.sheet.conditions = this.sheet.conditions.filter(
      (f) => !f.areas.some((x) => this.areas.some((a) => overlaps(a, x))),
    );
    return true;
  }
}

class FakeUsedRange implements EtUsedRange {
  private readonly rect: CellRange;
  constructor(private readonly sheet: FakeSheet) {
    sheet.book.count("read", "UsedRange", sheet, []);
    this.rect = sheet.used() ?? { row: 0, col: 0, rowCount: 1, colCount: 1 };
  }
  get Row() {
    return this.rect.row + 1;
  }
  get Column() {
    return this.rect.col + 1;
  }
  get Rows() {
    return { Count: this.rect.rowCount };
  }
  get Columns() {
    return { Count: this.rect.colCount };
  }
  get Value2(): EtRange["Value2"] {
    return new FakeRange(this.sheet, [this.rect]).Value2;
  }
}

class FakeHyperlinks implements EtHyperlinks {
  constructor(private readonly sheet: FakeSheet) {}
  Add(anchor: EtRange, address: string, subAddress?: string, _tip?: string, text?: string): unknown {
    const range = anchor as FakeRange;
    range.eachCell("Hyperlinks.Add", (c) => {
      c.hyperlink = { address, subAddress: subAddress ?? "", text: text ?? "" };
      if (text !== undefined) {
        c.value = text;
        delete c.formula;
      }
    });
    return {};
  }
}

export class FakeWorksheet implements EtWorksheet {
  constructor(readonly sheet: FakeSheet) {}
  get Name(): Et.Worksheet["Name"] {
    this.sheet.book.count("other", "Name", this.sheet, []);
    return this.sheet.name;
  }
  set Name(v: Et.Worksheet["Name"]) {
    this.sheet.name = v;
  }
  get ProtectContents(): Et.Worksheet["ProtectContents"] {
    return this.sheet.protected;
  }
  get Visible(): Et.Worksheet["Visible"] {
    return this.sheet.visible as Et.Worksheet["Visible"];
  }
  set Visible(v: Et.Worksheet["Visible"]) {
    this.sheet.visible = Number(v);
  }
  get UsedRange(): EtUsedRange {
    return new FakeUsedRange(this.sheet);
  }
  /** Every cell; its FormatConditions are every one of the sheet. */
  get Cells(): FakeRange {
    const sheet = this.sheet;
    const range = new FakeRange(sheet, [{ row: 0, col: 0, rowCount: 1048576, colCount: COLS }]);
    Object.defineProperty(range, "FormatConditions", { get: () => new FakeConditions(sheet, null) });
    return range;
  }
  get Hyperlinks(): EtHyperlinks {
    return new FakeHyperlinks(this.sheet);
  }
  Range(address: string): EtRange {
    return new FakeRange(this.sheet, parseAreas(address));
  }
  Activate(): void {
    this.sheet.book.count("other", "Activate", this.sheet, []);
    this.sheet.book.activeSheet = this.sheet.name;
  }
}

class FakeSheets implements EtSheets {
  constructor(private readonly book: FakeWorkbook) {}
  get Count(): Et.Sheets["Count"] {
    return this.book.sheets.length;
  }
  Item(index: string | number): EtWorksheet {
    const s =
      typeof index === "number"
        ? this.book.sheets[index - 1]
        : this.book.sheets.find((x) => x.name === index);
    if (!s) throw new Error("下标越界 (subscript out of range)");
    return new FakeWorksheet(s);
  }
  Add(_before?: unknown, after?: unknown): EtWorksheet {
    let name = "Sheet1";
    for (let n = 1; this.book.sheets.some((s) => s.name === name); n++) name = `Sheet${n}`;
    const s = new FakeSheet(this.book, name);
    const at =
      after instanceof FakeWorksheet ? this.book.sheets.indexOf(after.sheet) + 1 : this.book.sheets.length;
    this.book.sheets.splice(at, 0, s);
    return new FakeWorksheet(s);
  }
}

class FakeEtWorkbook implements EtWorkbook {
  constructor(private readonly book: FakeWorkbook) {}
  get Worksheets(): EtSheets {
    return new FakeSheets(this.book);
  }
}

/** The fake `Application` (window.Application inside WPS). */
export class FakeApplication implements EtApplication {
  constructor(readonly book: FakeWorkbook | null) {}
  get ActiveWorkbook(): EtWorkbook | null {
    return this.book ? new FakeEtWorkbook(this.book) : null;
  }
  /** The active workbook's sheets (as Application.Worksheets; null without a workbook). */
  get Worksheets(): EtSheets | null {
    return this.book ? new FakeSheets(this.book) : null;
  }
  get ScreenUpdating(): boolean {
    return this.book?.screenUpdating ?? true;
  }
  set ScreenUpdating(v: boolean) {
    if (this.book) this.book.screenUpdating = v;
  }
}

/**
 * Workbook-level proxies of the in-memory Excel: Workbook, Application, the worksheet collection,
 * Worksheet (ranges, used range, protection, page layout, charts) and the
 * settings collection. Sheet names follow Excel's rules (InvalidArgument / ItemAlreadyExists);
 * getItem of a missing sheet fails with ItemNotFound at sync; …OrNullObject gives a null object.
 */
import {
  parseAreas,
  sheetNameProblem,
  localAddress,
  qualifiedAddress,
  MAX_COLS,
  MAX_ROWS,
} from "./addresses";
import { usedArea } from "./cells";
import { ClientObject, ClientResult, NULL, defineProperties } from "./client";
import type { Capture, MemoryRequestContext, Resolved } from "./client";
import { ErrorCodes, RichApiError } from "./errors";
import { Range, RangeAreas, assertWritable, itemPaths } from "./range";
import type { RangeTarget } from "./range";
import type { ChartRecord, MemorySheet, MemoryWorkbook, PageLayoutRecord } from "./workbook";

function quote(text: string): string {
  return JSON.stringify(text);
}

function invalid(location: string, message?: string): RichApiError {
  return new RichApiError(ErrorCodes.invalidArgument, message, location);
}

/** Validate a new sheet name against the workbook (InvalidArgument / ItemAlreadyExists). */
function checkNewName(wb: MemoryWorkbook, name: unknown, location: string, except?: MemorySheet): string {
  const problem = sheetNameProblem(name);
  if (problem) throw invalid(location);
  const existing = wb.findSheet(name as string);
  if (existing && existing !== except)
    throw new RichApiError(ErrorCodes.itemAlreadyExists, undefined, location);
  return name as string;
}

// ───────────────────────────── Workbook / Application ─────────────────────────────

export class WorkbookProxy extends ClientObject<MemoryWorkbook> {
  constructor(context: MemoryRequestContext) {
    super(context, "Workbook", "workbook", () => context.data);
  }
  get worksheets(): WorksheetCollection {
    return this.nav("worksheets", () => new WorksheetCollection(this.context));
  }
  get settings(): SettingCollection {
    return this.nav("settings", () => new SettingCollection(this.context));
  }
  get application(): Application {
    return this.context.application as Application;
  }
  protected override navigation(name: string): ClientObject | undefined {
    if (name === "worksheets") return this.worksheets;
    if (name === "settings") return this.settings;
    return undefined;
  }
  protected scalarNames(): string[] {
    return ["name"];
  }
  protected readScalar(_wb: MemoryWorkbook, name: string): unknown {
    if (name === "name") return "Workbook.xlsx";
    throw invalid("Workbook.load", `The property '${name}' doesn't exist on Workbook.`);
  }
}
defineProperties(WorkbookProxy, ["name"]);

export class Application extends ClientObject<MemoryWorkbook> {
  constructor(context: MemoryRequestContext) {
    super(context, "Application", "application", () => context.data);
  }
  protected scalarNames(): string[] {
    return ["calculationMode"];
  }
  protected readScalar(_wb: MemoryWorkbook, name: string): unknown {
    if (name === "calculationMode") return "Automatic";
    throw invalid("Application.load", `The property '${name}' doesn't exist on Application.`);
  }
  /** [ExcelApi 1.6] */
  suspendApiCalculationUntilNextSync(): void {
    this.queueOp("suspendApiCalculationUntilNextSync", {}, () => undefined);
  }
  /** [ExcelApi 1.9] */
  suspendScreenUpdatingUntilNextSync(): void {
    this.queueOp("suspendScreenUpdatingUntilNextSync", {}, () => undefined);
  }
}
defineProperties(Application, ["calculationMode"]);

// ───────────────────────────── worksheets ─────────────────────────────

const SHEET_PROPS = ["name", "id", "position"];

class WorksheetCollection extends ClientObject<MemoryWorkbook> {
  private loadedItems: Worksheet[] | undefined;

  constructor(context: MemoryRequestContext) {
    super(context, "WorksheetCollection", "workbook.worksheets", () => context.data);
  }

  get items(): Worksheet[] {
    if (!this.loadedItems) return this.get<Worksheet[]>("items");
    return this.loadedItems;
  }
  protected scalarNames(): string[] {
    return ["items"];
  }
  protected readScalar(): unknown {
    return undefined;
  }

  override capture(paths: string[]): Capture {
    const wb = this.context.data;
    const sub = itemPaths(paths, SHEET_PROPS);
    const children = wb.sheets.map(
      (s) => new Worksheet(this.context, `workbook.worksheets.getItem(${quote(s.name)})`, () => s),
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

  getItem(name: string): Worksheet {
    return new Worksheet(this.context, `workbook.worksheets.getItem(${quote(name)})`, () => {
      const s = this.context.data.findSheet(String(name));
      if (!s) throw new RichApiError(ErrorCodes.itemNotFound, undefined, "WorksheetCollection.getItem");
      return s;
    });
  }

  getItemOrNullObject(name: string): Worksheet {
    return new Worksheet(
      this.context,
      `workbook.worksheets.getItemOrNullObject(${quote(name)})`,
      () => {
        this.context.requireMember("WorksheetCollection.getItemOrNullObject");
        return this.context.data.findSheet(String(name)) ?? NULL;
      },
      true,
    );
  }

  /** Add a sheet at the end (not activated). Without a name: "Sheet<n>". */
  add(name?: string): Worksheet {
    let created: MemorySheet | null = null;
    const sheet = new Worksheet(this.context, `workbook.worksheets.add(${quote(name ?? "")})`, () => {
      if (!created) throw new RichApiError(ErrorCodes.itemNotFound, undefined, "WorksheetCollection.add");
      return created;
    });
    this.context.enqueue({
      request: { path: this.path, member: "add", name: name ?? null },
      location: "WorksheetCollection.add",
      exec: () => {
        const wb = this.context.data;
        let finalName = name;
        if (finalName === undefined || finalName === null) {
          let n = wb.sheets.length + 1;
          while (wb.findSheet(`Sheet${n}`)) n++;
          finalName = `Sheet${n}`;
        }
        checkNewName(wb, finalName, "WorksheetCollection.add");
        created = wb.addSheet(finalName);
      },
    });
    return sheet;
  }
}

class Worksheet extends ClientObject<MemorySheet> {
  declare name: string;
  declare readonly id: string;
  declare readonly position: number;

  constructor(
    context: MemoryRequestContext,
    path: string,
    resolver: () => Resolved<MemorySheet>,
    nullable = false,
  ) {
    super(context, "Worksheet", path, resolver, nullable);
  }

  private rangeTarget(): Resolved<MemorySheet> {
    return this.resolve();
  }

  get protection(): WorksheetProtection {
    return this.nav(
      "protection",
      () => new WorksheetProtection(this.context, `${this.path}.protection`, () => this.rangeTarget()),
    );
  }
  /** [ExcelApi 1.9] */
  get pageLayout(): PageLayout {
    return this.nav(
      "pageLayout",
      () =>
        new PageLayout(this.context, `${this.path}.pageLayout`, () => {
          this.context.requireApi(9, "Worksheet.pageLayout");
          return this.rangeTarget();
        }),
    );
  }
  get charts(): ChartCollection {
    return this.nav(
      "charts",
      () => new ChartCollection(this.context, `${this.path}.charts`, () => this.rangeTarget()),
    );
  }
  protected override navigation(name: string): ClientObject | undefined {
    if (name === "protection") return this.protection;
    if (name === "pageLayout") return this.pageLayout;
    if (name === "charts") return this.charts;
    return undefined;
  }

  protected scalarNames(): string[] {
    return SHEET_PROPS;
  }
  protected readScalar(s: MemorySheet, name: string): unknown {
    switch (name) {
      case "name":
        return s.name;
      case "id":
        return `{${s.id}}`;
      case "position":
        return this.context.data.sheets.indexOf(s);
    }
    throw invalid("Worksheet.load", `The property '${name}' doesn't exist on Worksheet.`);
  }
  protected override writeScalar(s: MemorySheet, name: string, value: unknown): void {
    const wb = this.context.data;
    switch (name) {
      case "name": {
        const newName = checkNewName(wb, value, "Worksheet.name", s);
        if (wb.activeSheet === s.name) wb.activeSheet = newName;
        if (wb.selection?.sheet === s.name) wb.selection = { ...wb.selection, sheet: newName };
        s.name = newName;
        return;
      }
    }
    super.writeScalar(s, name, value);
  }

  private range(
    member: string,
    make: (s: MemorySheet) => RangeTarget["areas"][number] | null,
    nullable = false,
  ): Range {
    return new Range(
      this.context,
      `${this.path}.${member}`,
      () => {
        const s = this.resolve();
        if (s === NULL) return NULL;
        const area = make(s);
        return area ? { sheet: s, areas: [area] } : NULL;
      },
      nullable,
    );
  }

  /** A range by A1 address ("B2:D9", "A:C", "3:5", "Sheet!A1"); the whole sheet without one. */
  getRange(address?: string): Range {
    return this.range(`getRange(${quote(address ?? "")})`, (s) =>
      address === undefined || address === ""
        ? { row: 0, col: 0, rowCount: MAX_ROWS, colCount: MAX_COLS }
        : parseAreas(String(address), s.name, false)[0],
    );
  }

  /** [ExcelApi 1.9] Several areas: "B2:B4, D6". */
  getRanges(address: string): RangeAreas {
    return new RangeAreas(this.context, `${this.path}.getRanges(${quote(address)})`, () => {
      this.context.requireApi(9, "Worksheet.getRanges");
      const s = this.resolve();
      if (s === NULL) return NULL;
      return { sheet: s, areas: parseAreas(String(address), s.name, true) };
    });
  }

  /** The bounding box of used cells (values and formatting, or values only); a null object on an empty
   *  sheet. */
  getUsedRangeOrNullObject(valuesOnly = false): Range {
    return this.range(
      `getUsedRangeOrNullObject(${valuesOnly})`,
      (s) => {
        this.context.requireMember("Worksheet.getUsedRangeOrNullObject");
        return usedArea(s, valuesOnly);
      },
      true,
    );
  }

  activate(): void {
    this.queueOp("activate", {}, (s) => {
      if (s.visibility !== "Visible")
        throw new RichApiError(ErrorCodes.invalidOperation, undefined, "Worksheet.activate");
      this.context.data.activeSheet = s.name;
      const sel = this.context.data.selection;
      if (!sel || sel.sheet !== s.name) this.context.data.selection = { sheet: s.name, address: "A1" };
    });
  }

  delete(): void {
    this.queueOp("delete", {}, (s) => {
      const wb = this.context.data;
      if (!wb.sheets.some((o) => o !== s && o.visibility === "Visible"))
        throw new RichApiError(ErrorCodes.invalidOperation, undefined, "Worksheet.delete");
      wb.sheets.splice(wb.sheets.indexOf(s), 1);
      if (wb.activeSheet === s.name) wb.activeSheet = null;
      if (wb.selection?.sheet === s.name) wb.selection = null;
    });
  }
}
defineProperties(Worksheet, ["id", "position"], ["name"]);

class WorksheetProtection extends ClientObject<MemorySheet> {
  declare readonly protected: boolean;
  constructor(context: MemoryRequestContext, path: string, resolver: () => Resolved<MemorySheet>) {
    super(context, "WorksheetProtection", path, resolver);
  }
  protected scalarNames(): string[] {
    return ["protected"];
  }
  protected readScalar(s: MemorySheet, name: string): unknown {
    if (name === "protected") return s.protected;
    throw invalid("WorksheetProtection.load", `The property '${name}' doesn't exist on WorksheetProtection.`);
  }
}
defineProperties(WorksheetProtection, ["protected"]);

const PAPER = ["Letter", "A3", "A4", "A5", "B4", "B5", "Legal", "Executive", "Tabloid"];

class PageLayout extends ClientObject<MemorySheet> {
  declare orientation: PageLayoutRecord["orientation"];
  declare paperSize: string;
  declare zoom: PageLayoutRecord["zoom"];
  constructor(context: MemoryRequestContext, path: string, resolver: () => Resolved<MemorySheet>) {
    super(context, "PageLayout", path, resolver);
  }
  protected scalarNames(): string[] {
    return ["orientation", "paperSize", "zoom"];
  }
  protected readScalar(s: MemorySheet, name: string): unknown {
    if (name === "orientation") return s.pageLayout.orientation;
    if (name === "paperSize") return s.pageLayout.paperSize;
    if (name === "zoom") return { ...s.pageLayout.zoom };
    throw invalid("PageLayout.load", `The property '${name}' doesn't exist on PageLayout.`);
  }
  protected override writeScalar(s: MemorySheet, name: string, value: unknown): void {
    const location = `PageLayout.${name}`;
    if (name === "orientation") {
      if (value !== "Portrait" && value !== "Landscape") throw invalid(location);
      assertWritable(s, location);
      s.pageLayout.orientation = value;
      return;
    }
    if (name === "paperSize") {
      if (typeof value !== "string" || !PAPER.includes(value)) throw invalid(location);
      assertWritable(s, location);
      s.pageLayout.paperSize = value;
      return;
    }
    if (name === "zoom") {
      if (!value || typeof value !== "object") throw invalid(location);
      const z = value as PageLayoutRecord["zoom"];
      const zoom: PageLayoutRecord["zoom"] = {};
      if (z.scale !== undefined) {
        if (typeof z.scale !== "number" || z.scale < 10 || z.scale > 400) throw invalid(location);
        zoom.scale = z.scale;
      }
      for (const k of ["horizontalFitToPages", "verticalFitToPages"] as const)
        if (z[k] !== undefined) {
          if (typeof z[k] !== "number" || (z[k] as number) < 0) throw invalid(location);
          zoom[k] = z[k];
        }
      assertWritable(s, location);
      s.pageLayout.zoom = zoom;
      return;
    }
    super.writeScalar(s, name, value);
  }
}
defineProperties(PageLayout, [], ["orientation", "paperSize", "zoom"]);

// ───────────────────────────── charts ─────────────────────────────

const CHART_TYPES = [
  "ColumnClustered",
  "ColumnStacked",
  "BarClustered",
  "BarStacked",
  "Line",
  "LineMarkers",
  "Pie",
  "Doughnut",
  "Area",
  "XYScatter",
  "Radar",
];
const SERIES_BY = ["Auto", "Columns", "Rows"];

interface ChartTarget {
  sheet: MemorySheet;
  chart: ChartRecord;
}

class ChartCollection extends ClientObject<MemorySheet> {
  private loadedItems: Chart[] | undefined;
  constructor(context: MemoryRequestContext, path: string, resolver: () => Resolved<MemorySheet>) {
    super(context, "ChartCollection", path, resolver);
  }
  get items(): Chart[] {
    if (!this.loadedItems) return this.get<Chart[]>("items");
    return this.loadedItems;
  }
  protected scalarNames(): string[] {
    return ["items"];
  }
  protected readScalar(): unknown {
    return undefined;
  }
  override capture(paths: string[]): Capture {
    const s = this.resolve();
    if (s === NULL) return { payload: null, deliver: () => undefined };
    const sub = itemPaths(paths, CHART_PROPS);
    const children = s.charts.map(
      (c) =>
        new Chart(this.context, `${this.path}.getItem(${quote(c.name)})`, () => ({ sheet: s, chart: c })),
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

  /** Record a chart over the source range. */
  add(type: string, sourceData: Range, seriesBy: string = "Auto"): Chart {
    let created: ChartTarget | null = null;
    const chart = new Chart(this.context, `${this.path}.add(${quote(String(type))})`, () => {
      if (!created) throw new RichApiError(ErrorCodes.itemNotFound, undefined, "ChartCollection.add");
      return created;
    });
    this.queueOp("add", { type, source: sourceData?.path ?? null, seriesBy }, (s) => {
      if (!CHART_TYPES.includes(type) || !SERIES_BY.includes(seriesBy)) throw invalid("ChartCollection.add");
      if (!(sourceData instanceof Range)) throw invalid("ChartCollection.add");
      const src = sourceData.resolveTarget();
      if (!src) throw invalid("ChartCollection.add");
      assertWritable(s, "ChartCollection.add");
      let n = s.charts.length + 1;
      while (s.charts.some((c) => c.name === `Chart ${n}`)) n++;
      const record: ChartRecord = {
        name: `Chart ${n}`,
        type,
        sourceAddress: qualifiedAddress(src.sheet.name, src.areas[0]),
        seriesBy,
        title: "",
        position: null,
      };
      s.charts.push(record);
      created = { sheet: s, chart: record };
    });
    return chart;
  }

  getCount(): ClientResult<number> {
    return this.queueResult("getCount", {}, (s) => s.charts.length);
  }
}

const CHART_PROPS = ["name", "chartType"];

class Chart extends ClientObject<ChartTarget> {
  declare name: string;
  declare chartType: string;
  constructor(context: MemoryRequestContext, path: string, resolver: () => Resolved<ChartTarget>) {
    super(context, "Chart", path, resolver);
  }
  get title(): ChartTitle {
    return this.nav("title", () => new ChartTitle(this.context, `${this.path}.title`, () => this.resolve()));
  }
  protected override navigation(name: string): ClientObject | undefined {
    return name === "title" ? this.title : undefined;
  }
  protected scalarNames(): string[] {
    return CHART_PROPS;
  }
  protected readScalar(t: ChartTarget, name: string): unknown {
    const c = t.chart;
    switch (name) {
      case "name":
        return c.name;
      case "chartType":
        return c.type;
    }
    throw invalid("Chart.load", `The property '${name}' doesn't exist on Chart.`);
  }
  protected override writeScalar(t: ChartTarget, name: string, value: unknown): void {
    const location = `Chart.${name}`;
    assertWritable(t.sheet, location);
    if (name === "name") {
      if (typeof value !== "string" || !value) throw invalid(location);
      t.chart.name = value;
      return;
    }
    if (name === "chartType") {
      if (typeof value !== "string" || !CHART_TYPES.includes(value)) throw invalid(location);
      t.chart.type = value;
      return;
    }
    super.writeScalar(t, name, value);
  }
  /** Place the chart over cells (a Range or an address on the chart's sheet). */
  setPosition(startCell: Range | string, endCell?: Range | string): void {
    const describe = (c: Range | string | undefined) => (c instanceof Range ? c.path : (c ?? null));
    this.queueOp("setPosition", { start: describe(startCell), end: describe(endCell) }, (t) => {
      assertWritable(t.sheet, "Chart.setPosition");
      const area = (c: Range | string) => {
        if (c instanceof Range) {
          const r = c.resolveTarget();
          if (!r) throw invalid("Chart.setPosition");
          return r.areas[0];
        }
        return parseAreas(c, t.sheet.name, false)[0];
      };
      const start = area(startCell);
      const end = endCell === undefined ? null : area(endCell);
      t.chart.position = {
        start: localAddress({ ...start, rowCount: 1, colCount: 1 }),
        end: end
          ? localAddress({
              row: end.row + end.rowCount - 1,
              col: end.col + end.colCount - 1,
              rowCount: 1,
              colCount: 1,
            })
          : null,
      };
    });
  }
  delete(): void {
    this.queueOp("delete", {}, (t) => {
      assertWritable(t.sheet, "Chart.delete");
      t.sheet.charts = t.sheet.charts.filter((c) => c !== t.chart);
    });
  }
}
defineProperties(Chart, [], CHART_PROPS);

class ChartTitle extends ClientObject<ChartTarget> {
  declare text: string;
  constructor(context: MemoryRequestContext, path: string, resolver: () => Resolved<ChartTarget>) {
    super(context, "ChartTitle", path, resolver);
  }
  protected scalarNames(): string[] {
    return ["text"];
  }
  protected readScalar(t: ChartTarget, name: string): unknown {
    if (name === "text") return t.chart.title;
    throw invalid("ChartTitle.load", `The property '${name}' doesn't exist on ChartTitle.`);
  }
  protected override writeScalar(t: ChartTarget, name: string, value: unknown): void {
    if (name === "text") {
      if (typeof value !== "string") throw invalid("ChartTitle.text");
      assertWritable(t.sheet, "ChartTitle.text");
      t.chart.title = value;
      return;
    }
    super.writeScalar(t, name, value);
  }
}
defineProperties(ChartTitle, [], ["text"]);

// ───────────────────────────── settings ─────────────────────────────

/** Office stores setting values as JSON: what comes back is the JSON round trip of what was sent. */
function roundTrip(value: unknown, location: string): unknown {
  if (value === undefined || typeof value === "function" || typeof value === "symbol")
    throw invalid(location);
  const text = JSON.stringify(value);
  if (text === undefined) throw invalid(location);
  return JSON.parse(text) as unknown;
}

interface SettingTarget {
  wb: MemoryWorkbook;
  key: string;
}

class SettingCollection extends ClientObject<MemoryWorkbook> {
  private loadedItems: Setting[] | undefined;
  constructor(context: MemoryRequestContext) {
    super(context, "SettingCollection", "workbook.settings", () => context.data);
  }
  get items(): Setting[] {
    if (!this.loadedItems) return this.get<Setting[]>("items");
    return this.loadedItems;
  }
  protected scalarNames(): string[] {
    return ["items"];
  }
  protected readScalar(): unknown {
    return undefined;
  }
  override capture(paths: string[]): Capture {
    const wb = this.context.data;
    const sub = itemPaths(paths, ["key", "value"]);
    const children = [...wb.settings.keys()].map(
      (key) => new Setting(this.context, `workbook.settings.getItem(${quote(key)})`, () => ({ wb, key })),
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
  /** Add or replace a setting. */
  add(key: string, value: unknown): Setting {
    const setting = new Setting(this.context, `workbook.settings.getItem(${quote(key)})`, () => ({
      wb: this.context.data,
      key,
    }));
    this.queueOp("add", { key, value: value === undefined ? null : value }, (wb) => {
      if (typeof key !== "string" || key.length === 0 || key.length > 255)
        throw invalid("SettingCollection.add");
      wb.settings.set(key, roundTrip(value, "SettingCollection.add"));
    });
    return setting;
  }
  getItemOrNullObject(key: string): Setting {
    return new Setting(
      this.context,
      `workbook.settings.getItemOrNullObject(${quote(key)})`,
      () => {
        const wb = this.context.data;
        return wb.settings.has(key) ? { wb, key } : NULL;
      },
      true,
    );
  }
}

class Setting extends ClientObject<SettingTarget> {
  declare readonly key: string;
  declare value: unknown;
  constructor(
    context: MemoryRequestContext,
    path: string,
    resolver: () => Resolved<SettingTarget>,
    nullable = false,
  ) {
    super(context, "Setting", path, resolver, nullable);
  }
  protected scalarNames(): string[] {
    return ["key", "value"];
  }
  protected readScalar(t: SettingTarget, name: string): unknown {
    if (name === "key") return t.key;
    if (name === "value") {
      if (!t.wb.settings.has(t.key))
        throw new RichApiError(ErrorCodes.itemNotFound, undefined, "Setting.value");
      const value = t.wb.settings.get(t.key);
      return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as unknown);
    }
    throw invalid("Setting.load", `The property '${name}' doesn't exist on Setting.`);
  }
  protected override writeScalar(t: SettingTarget, name: string, value: unknown): void {
    if (name !== "value") return super.writeScalar(t, name, value);
    t.wb.settings.set(t.key, roundTrip(value, "Setting.value"));
  }
  delete(): void {
    this.queueOp("delete", {}, (t) => {
      t.wb.settings.delete(t.key);
    });
  }
}
defineProperties(Setting, ["key"], ["value"]);

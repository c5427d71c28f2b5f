/**
 * createExcelApi: an object shaped like the `Excel` namespace (the part the Office.js adapter uses)
 * over a MemoryWorkbook — `run`, `RequestContext`, and the enums (ChartType, ChartSeriesBy,
 * ConditionalFormatType, ErrorCodes …). `run` syncs once more after the batch (as Excel.run does) and
 * invalidates the context's proxies when it ends.
 */
import { MemoryRequestContext } from "./client";
import { ErrorCodes } from "./errors";
import { Application, WorkbookProxy } from "./sheet";
import type { MemoryWorkbook } from "./workbook";

/** A request context with its workbook and application proxies. */
class RequestContext extends MemoryRequestContext {
  override workbook: WorkbookProxy;
  override application: Application;
  constructor(data: MemoryWorkbook) {
    super(data);
    this.workbook = new WorkbookProxy(this);
    this.application = new Application(this);
  }
}

const ChartType = {
  columnClustered: "ColumnClustered",
  columnStacked: "ColumnStacked",
  barClustered: "BarClustered",
  barStacked: "BarStacked",
  line: "Line",
  lineMarkers: "LineMarkers",
  pie: "Pie",
  doughnut: "Doughnut",
  area: "Area",
  xyscatter: "XYScatter",
  radar: "Radar",
} as const;

const ChartSeriesBy = { auto: "Auto", columns: "Columns", rows: "Rows" } as const;

const ConditionalFormatType = {
  custom: "Custom",
  dataBar: "DataBar",
  colorScale: "ColorScale",
  iconSet: "IconSet",
  topBottom: "TopBottom",
  presetCriteria: "PresetCriteria",
  containsText: "ContainsText",
  cellValue: "CellValue",
} as const;

const ClearApplyTo = {
  all: "All",
  formats: "Formats",
  contents: "Contents",
  hyperlinks: "Hyperlinks",
  removeHyperlinks: "RemoveHyperlinks",
  resetContents: "ResetContents",
} as const;

const PageOrientation = { portrait: "Portrait", landscape: "Landscape" } as const;
const HorizontalAlignment = {
  general: "General",
  left: "Left",
  center: "Center",
  right: "Right",
  fill: "Fill",
  justify: "Justify",
  centerAcrossSelection: "CenterAcrossSelection",
  distributed: "Distributed",
} as const;
const VerticalAlignment = {
  top: "Top",
  center: "Center",
  bottom: "Bottom",
  justify: "Justify",
  distributed: "Distributed",
} as const;
const PaperType = {
  letter: "Letter",
  a3: "A3",
  a4: "A4",
  a5: "A5",
  b4: "B4",
  b5: "B5",
  legal: "Legal",
  executive: "Executive",
  tabloid: "Tabloid",
} as const;

/** What createExcelApi returns: typed as the real namespace's members so the adapter takes it as-is. */
interface MemoryExcelApi {
  run: typeof Excel.run;
  RequestContext: new () => Excel.RequestContext;
  ChartType: typeof Excel.ChartType;
  ChartSeriesBy: typeof Excel.ChartSeriesBy;
  ConditionalFormatType: typeof Excel.ConditionalFormatType;
  ClearApplyTo: typeof Excel.ClearApplyTo;
  PageOrientation: typeof Excel.PageOrientation;
  HorizontalAlignment: typeof Excel.HorizontalAlignment;
  VerticalAlignment: typeof Excel.VerticalAlignment;
  PaperType: typeof Excel.PaperType;
  ErrorCodes: typeof Excel.ErrorCodes;
  /** The workbook behind this API (not in Office.js; for tests and the demo). */
  workbook: MemoryWorkbook;
}

type Batch<T> = (context: RequestContext) => Promise<T>;

/** The in-memory `Excel` namespace over one workbook. */
export function createExcelApi(workbook: MemoryWorkbook): MemoryExcelApi {
  async function run<T>(...args: unknown[]): Promise<T> {
    const batch = args.find((a) => typeof a === "function") as Batch<T> | undefined;
    if (!batch) throw new TypeError("Excel.run needs a batch function.");
    const context = new RequestContext(workbook);
    try {
      const result = await batch(context);
      await context.sync();
      return result;
    } finally {
      context.closed = true;
    }
  }
  class BoundContext extends RequestContext {
    constructor() {
      super(workbook);
    }
  }
  return {
    run: run as unknown as typeof Excel.run,
    RequestContext: BoundContext as unknown as new () => Excel.RequestContext,
    ChartType: ChartType as unknown as typeof Excel.ChartType,
    ChartSeriesBy: ChartSeriesBy as unknown as typeof Excel.ChartSeriesBy,
    ConditionalFormatType: ConditionalFormatType as unknown as typeof Excel.ConditionalFormatType,
    ClearApplyTo: ClearApplyTo as unknown as typeof Excel.ClearApplyTo,
    PageOrientation: PageOrientation as unknown as typeof Excel.PageOrientation,
    HorizontalAlignment: HorizontalAlignment as unknown as typeof Excel.HorizontalAlignment,
    VerticalAlignment: VerticalAlignment as unknown as typeof Excel.VerticalAlignment,
    PaperType: PaperType as unknown as typeof Excel.PaperType,
    ErrorCodes: { ...ErrorCodes } as unknown as typeof Excel.ErrorCodes,
    workbook,
  };
}

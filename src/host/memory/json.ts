/**
 * The in-memory workbook as compact JSON and back: what a workbook holds (sheets in order with cells —
 * value, formula, number format, fill, font, hyperlink, alignment —, merges, protection, visibility,
 * conditional formats, charts, column widths, page layout; the
 * settings, selection and active sheet), without ExcelJS. The build turns the sample .xlsx into this
 * form so the office.js stand-in can load it without parsing a file. Not carried: sheet ids (made
 * anew), the test instrumentation (sync stats, armed faults, the supported ExcelApi version).
 */
import type { CellRange } from "../../engine/types";
import { cellKey, keyCol, keyRow, MemoryWorkbook } from "./workbook";
import type {
  CellScalar,
  ChartRecord,
  ConditionalFormatRecord,
  MemoryCell,
  PageLayoutRecord,
  Visibility,
} from "./workbook";

export const WORKBOOK_JSON_FORMAT = "perf-eval-memory-workbook/1";

/** A cell's properties other than its value (absent when it has none). */
type CellExtrasJSON = Omit<MemoryCell, "value">;

/** One cell: [row, col, value] or [row, col, value, extras], 0-based. */
type CellJSON =
  | [row: number, col: number, value: CellScalar | null]
  | [row: number, col: number, value: CellScalar | null, extras: CellExtrasJSON];

interface SheetJSON {
  name: string;
  /** In the sheet's own order (Map insertion order). */
  cells: CellJSON[];
  /** [row, col, rowCount, colCount]. */
  merges: [number, number, number, number][];
  protected: boolean;
  visibility: Visibility;
  conditionalFormats: ConditionalFormatRecord[];
  charts: ChartRecord[];
  /** [column, points]. */
  columnWidths: [number, number][];
  pageLayout: PageLayoutRecord;
}

export interface WorkbookJSON {
  format: typeof WORKBOOK_JSON_FORMAT;
  sheets: SheetJSON[];
  /** [key, value] in insertion order. */
  settings: [string, unknown][];
  selection: { sheet: string; address: string } | null;
  activeSheet: string | null;
}

/** A deep copy of plain JSON data (records that may be shared otherwise). */
function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function cellToJSON(key: number, c: MemoryCell): CellJSON {
  const { value, ...rest } = c;
  const extras: CellExtrasJSON = {};
  let any = false;
  for (const [name, v] of Object.entries(rest)) {
    if (v === undefined) continue;
    (extras as Record<string, unknown>)[name] = typeof v === "object" && v !== null ? { ...v } : v;
    any = true;
  }
  return any ? [keyRow(key), keyCol(key), value, extras] : [keyRow(key), keyCol(key), value];
}

/** The workbook as JSON data (JSON.stringify it to store). */
export function memoryWorkbookToJSON(wb: MemoryWorkbook): WorkbookJSON {
  return {
    format: WORKBOOK_JSON_FORMAT,
    sheets: wb.sheets.map((s) => ({
      name: s.name,
      cells: [...s.cells].map(([key, c]) => cellToJSON(key, c)),
      merges: s.merges.map((m) => [m.row, m.col, m.rowCount, m.colCount]),
      protected: s.protected,
      visibility: s.visibility,
      conditionalFormats: copy(s.conditionalFormats),
      charts: copy(s.charts),
      columnWidths: [...s.columnWidths],
      pageLayout: copy(s.pageLayout),
    })),
    settings: copy([...wb.settings]),
    selection: wb.selection ? { ...wb.selection } : null,
    activeSheet: wb.activeSheet,
  };
}

function fail(where: string, what: string): never {
  throw new Error(`Not a workbook JSON (${WORKBOOK_JSON_FORMAT}): ${where} ${what}.`);
}

const isIndex = (n: unknown): n is number => typeof n === "number" && Number.isInteger(n) && n >= 0;
const isPair = (p: unknown): p is [number, number] =>
  Array.isArray(p) && p.length === 2 && isIndex(p[0]) && typeof p[1] === "number";

function cellFromJSON(cell: unknown, where: string): { key: number; cell: MemoryCell } {
  if (!Array.isArray(cell) || cell.length < 3 || cell.length > 4)
    fail(where, "is not [row, col, value, extras?]");
  const [row, col, value, extras] = cell as unknown[];
  if (!isIndex(row) || !isIndex(col) || col >= 16384) fail(where, "has no valid row and column");
  if (value !== null && !["number", "string", "boolean"].includes(typeof value))
    fail(where, "has a bad value");
  if (extras !== undefined && (typeof extras !== "object" || extras === null || Array.isArray(extras)))
    fail(where, "has bad extras");
  const out: MemoryCell = { value: value as CellScalar | null };
  for (const [name, v] of Object.entries((extras ?? {}) as Record<string, unknown>))
    (out as unknown as Record<string, unknown>)[name] = typeof v === "object" && v !== null ? { ...v } : v;
  return { key: cellKey(row, col), cell: out };
}

/** A workbook from JSON data made by memoryWorkbookToJSON (throws an Error naming what is wrong). */
export function memoryWorkbookFromJSON(data: unknown): MemoryWorkbook {
  const json = data as Partial<WorkbookJSON> | null;
  if (!json || typeof json !== "object" || json.format !== WORKBOOK_JSON_FORMAT)
    fail("the data", `has no format "${WORKBOOK_JSON_FORMAT}"`);
  if (!Array.isArray(json.sheets)) fail("the data", "has no sheets");
  const wb = new MemoryWorkbook();
  for (const s of json.sheets as Partial<SheetJSON>[]) {
    if (!s || typeof s.name !== "string") fail("a sheet", "has no name");
    const where = `sheet "${s.name}"`;
    if (!Array.isArray(s.cells) || !Array.isArray(s.merges)) fail(where, "has no cells or merges");
    const sheet = wb.addSheet(s.name);
    s.cells.forEach((c, i) => {
      const { key, cell } = cellFromJSON(c, `${where} cell ${i}`);
      sheet.cells.set(key, cell);
    });
    sheet.merges = s.merges.map((m): CellRange => {
      if (!Array.isArray(m) || m.length !== 4 || !m.every(isIndex)) fail(where, "has a bad merge");
      return { row: m[0], col: m[1], rowCount: m[2], colCount: m[3] };
    });
    sheet.protected = s.protected === true;
    if (s.visibility !== undefined) {
      if (!["Visible", "Hidden", "VeryHidden"].includes(s.visibility)) fail(where, "has a bad visibility");
      sheet.visibility = s.visibility;
    }
    if (s.conditionalFormats) sheet.conditionalFormats = copy(s.conditionalFormats);
    if (s.charts) sheet.charts = copy(s.charts);
    if (s.columnWidths !== undefined) {
      if (!Array.isArray(s.columnWidths) || !s.columnWidths.every(isPair))
        fail(where, "has bad columnWidths");
      for (const [i, points] of s.columnWidths) sheet.columnWidths.set(i, points);
    }
    if (s.pageLayout) sheet.pageLayout = copy(s.pageLayout);
  }
  for (const entry of json.settings ?? []) {
    if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== "string")
      fail("the settings", "are not [key, value] pairs");
    wb.settings.set(entry[0], entry[1] === undefined ? undefined : copy(entry[1]));
  }
  if (json.selection) wb.selection = { sheet: json.selection.sheet, address: json.selection.address };
  if (typeof json.activeSheet === "string") wb.activeSheet = json.activeSheet;
  return wb;
}

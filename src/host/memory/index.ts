/**
 * The in-memory Excel: a simulator of the part of the Excel JavaScript API the Office.js adapter uses,
 * with Excel's semantics (load/sync, PropertyNotLoaded, shape checks, sheet-name rules, protection,
 * 5 MB payload limits, null objects, requirement-set gating), for tests and the browser demo.
 * ExcelJS conversion lives in ./xlsx (import it explicitly; it must stay out of the pane bundle).
 */
export { MemoryWorkbook } from "./workbook";

export { createExcelApi } from "./api";

export { installOfficeGlobals, isSetSupportedBy } from "./globals";

export { RichApiError } from "./errors";
export { PAYLOAD_LIMIT } from "./client";
export { sheetGrid } from "./grid";

export { formatValue } from "./format";

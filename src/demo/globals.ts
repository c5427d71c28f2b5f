/** Shared by the demo page and the office.js stand-in: loading an .xlsx into the in-memory Excel, and
 *  what they put on window for the browser tests to read. ExcelJS is only in these bundles. */
import ExcelJS from "exceljs";
import type { MemoryWorkbook } from "../host/memory";
import { memoryWorkbookFromExcelJS } from "../host/memory/xlsx";

export interface DemoWindow {
  /** The in-memory workbook the pane is working on (browser tests read its cells). */
  perfEvalWorkbook?: MemoryWorkbook;
}

export function demoWindow(): DemoWindow & Record<string, unknown> {
  return window as unknown as DemoWindow & Record<string, unknown>;
}

/** Load an .xlsx (bytes) into an in-memory workbook. Static imports on purpose: the stub is served from
 *  Office's CDN URL in the browser tests, so it must not load chunks relative to its own address. */
export async function workbookFromBytes(bytes: ArrayBuffer): Promise<MemoryWorkbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes);
  return memoryWorkbookFromExcelJS(book);
}

/** Fetch and load the sample (or another .xlsx served next to the page). */
export async function fetchWorkbook(file: string): Promise<MemoryWorkbook> {
  const url = new URL(file, window.location.href);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Could not load ${url.pathname}: HTTP ${response.status}`);
  return workbookFromBytes(await response.arrayBuffer());
}

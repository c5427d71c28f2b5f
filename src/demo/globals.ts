/** Shared by the demo page and the office.js stand-in: loading a workbook into the in-memory Excel, and
 *  what they put on window for the browser tests to read. The sample comes as JSON made at build time
 *  (gaozhuang-2023.json, see sample-json.ts); any other .xlsx goes through ExcelJS, which is loaded on
 *  demand as a separate chunk (xlsx-load.ts) and never on the way to the pane's first render. */
import type { MemoryWorkbook } from "../host/memory";
import { memoryWorkbookFromJSON } from "../host/memory/json";

/** The sample workbook as the build emits it next to the pages. */
export const SAMPLE_JSON = "gaozhuang-2023.json";

interface DemoWindow {
  /** The in-memory workbook the pane is working on (browser tests read its cells). */
  perfEvalWorkbook?: MemoryWorkbook;
}

export function demoWindow(): DemoWindow & Record<string, unknown> {
  return window as unknown as DemoWindow & Record<string, unknown>;
}

/** Load an .xlsx (bytes) into an in-memory workbook; the ExcelJS chunk is fetched on first use. */
export async function workbookFromBytes(bytes: ArrayBuffer): Promise<MemoryWorkbook> {
  const { workbookFromBytes: load } = await import(/* webpackChunkName: "xlsx-load" */ "./xlsx-load");
  return load(bytes);
}

/** Fetch and load a workbook served next to the page: a .json made by memoryWorkbookToJSON (the
 *  sample), else an .xlsx. */
export async function fetchWorkbook(file: string): Promise<MemoryWorkbook> {
  const url = new URL(file, window.location.href);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Could not load ${url.pathname}: HTTP ${response.status}`);
  if (/\.json$/i.test(url.pathname)) return memoryWorkbookFromJSON(await response.json());
  return workbookFromBytes(await response.arrayBuffer());
}

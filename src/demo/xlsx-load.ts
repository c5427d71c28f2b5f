/** An .xlsx (bytes) into the in-memory Excel through ExcelJS. The only demo module that imports ExcelJS:
 *  the demo and the office.js stand-in load it on demand (import()), as its own chunk, for files other
 *  than the sample (which arrives as JSON, see globals.ts). */
import ExcelJS from "exceljs";
import type { MemoryWorkbook } from "../host/memory";
import { memoryWorkbookFromExcelJS } from "../host/memory/xlsx";

export async function workbookFromBytes(bytes: ArrayBuffer): Promise<MemoryWorkbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes);
  return memoryWorkbookFromExcelJS(book);
}

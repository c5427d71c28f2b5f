/** Node only, run by webpack.config.js at build time (through tsx): the sample .xlsx as the in-memory
 *  workbook's JSON (memoryWorkbookToJSON), which the office.js stand-in and the demo load without
 *  ExcelJS. The same path as at run time before: ExcelJS → memoryWorkbookFromExcelJS. */
import ExcelJS from "exceljs";
import { memoryWorkbookToJSON } from "../host/memory/json";
import { memoryWorkbookFromExcelJS } from "../host/memory/xlsx";

export async function workbookJSONFromXlsxFile(file: string): Promise<string> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  return JSON.stringify(memoryWorkbookToJSON(memoryWorkbookFromExcelJS(book)));
}

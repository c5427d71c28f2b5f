/** Declarations for the ExcelJS module ./exceljs loads directly (the package declares only its entry
 *  point): only what is used. */
declare module "exceljs/lib/doc/workbook" {
  import type ExcelJS from "exceljs";
  const Workbook: typeof ExcelJS.Workbook;
  export default Workbook;
}
declare module "exceljs/lib/stream/xlsx/workbook-writer" {
  import type ExcelJS from "exceljs";
  const WorkbookWriter: typeof ExcelJS.stream.xlsx.WorkbookWriter;
  export default WorkbookWriter;
}

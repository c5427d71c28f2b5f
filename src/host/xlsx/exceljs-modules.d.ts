/** Declarations for the ExcelJS module ./exceljs loads directly (the package declares only its entry
 *  point): only what is used. */
declare module "exceljs/lib/doc/workbook" {
  import type ExcelJS from "exceljs";
  const Workbook: typeof ExcelJS.Workbook;
  export default Workbook;
}

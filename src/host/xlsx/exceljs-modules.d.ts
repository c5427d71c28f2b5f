/** Declarations for the two ExcelJS modules ./exceljs loads directly (the package declares only its
 *  entry point). */
declare module "exceljs/lib/doc/workbook" {
  import type ExcelJS from "exceljs";
  const Workbook: typeof ExcelJS.Workbook;
  export default Workbook;
}

declare module "exceljs/lib/doc/enums" {
  import type ExcelJS from "exceljs";
  export const ValueType: typeof ExcelJS.ValueType;
}

/** Declarations for the ExcelJS modules ./exceljs loads directly (the package declares only its entry
 *  point): only what is used. */
declare module "exceljs/lib/doc/workbook" {
  import type ExcelJS from "exceljs";
  const Workbook: typeof ExcelJS.Workbook;
  export default Workbook;
}

declare module "exceljs/lib/doc/enums" {
  import type ExcelJS from "exceljs";
  export const ValueType: typeof ExcelJS.ValueType;
}

declare module "exceljs/lib/xlsx/xform/style/styles-xform" {
  /** The style table ExcelJS's writer fills: addStyleModel files a cell's style and returns its id. */
  class StylesXform {
    addStyleModel(model: object | undefined, cellType?: number): number;
    addDxfStyle(style: object): number;
  }
  export default StylesXform;
}

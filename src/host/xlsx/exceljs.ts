/**
 * ExcelJS as the command line uses it: the Workbook class and the value types, loaded from the
 * package's own modules. The package's entry point also loads its streaming reader and writer
 * (unzipper, archiver and their dependencies: about 150 ms of every start-up) that nothing here uses.
 * The same modules, so a workbook made through `import … from "exceljs"` is the same class. Also the
 * writer's style table, for ./package.
 */
import type ExcelJSTypes from "exceljs";
import WorkbookClass from "exceljs/lib/doc/workbook";
import { ValueType as ValueTypes } from "exceljs/lib/doc/enums";
import StylesXformClass from "exceljs/lib/xlsx/xform/style/styles-xform";

export const Workbook: typeof ExcelJSTypes.Workbook = WorkbookClass;
export const ValueType: typeof ExcelJSTypes.ValueType = ValueTypes;
/** The writer's style table (internal to ExcelJS: ./package speeds up one of its methods). */
export const StylesXform = StylesXformClass;

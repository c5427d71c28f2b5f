/**
 * ExcelJS as the command line uses it (only for the batch summary workbook, src/cli/batch-summary.ts;
 * the scored copy is patched, never rendered by ExcelJS): the Workbook class, loaded from the package's
 * own module. The package's entry point also loads its streaming reader and writer (unzipper, archiver
 * and their dependencies: about 150 ms of every start-up) that nothing here uses. The same module, so a
 * workbook made through `import … from "exceljs"` is the same class.
 */
import type ExcelJSTypes from "exceljs";
import WorkbookClass from "exceljs/lib/doc/workbook";

export const Workbook: typeof ExcelJSTypes.Workbook = WorkbookClass;

/**
 * ExcelJS as the command line uses it, only for new workbooks of ours (the batch summary, streamed by
 * src/cli/batch-summary.ts, and the 复核 workpaper; the scored copy is patched, never rendered by
 * ExcelJS): the Workbook class and the streaming WorkbookWriter, loaded from the package's own modules
 * rather than its entry point, which also loads the streaming reader (unzipper and its dependencies)
 * that nothing here uses. The same modules, so a workbook made through `import … from "exceljs"` is the
 * same class. Both are loaded only when such a workbook is written.
 */
import type ExcelJSTypes from "exceljs";
import WorkbookClass from "exceljs/lib/doc/workbook";
import WorkbookWriterClass from "exceljs/lib/stream/xlsx/workbook-writer";

export const Workbook: typeof ExcelJSTypes.Workbook = WorkbookClass;
/** The streaming writer: rows go to the file as they are committed, none is kept as a cell model. */
export const WorkbookWriter: typeof ExcelJSTypes.stream.xlsx.WorkbookWriter = WorkbookWriterClass;

/**
 * Names the .xlsx adapter gives its own things: the ledger sheet and the marks' formulas (this version's
 * marker from ../cells, and the ExcelJS adapter's earlier one, still recognised so a copy scored by an
 * earlier version loses its old marks on the next run).
 */
import { markerSeverity } from "../cells";
import { CHUNK, LEDGER_SHEET } from "../ledger";

/** The add-in's very-hidden sheet (ledger in column A, settings in column B) and the characters per
 *  ledger cell: shared with the WPS adapter (../ledger). */
export { CHUNK, LEDGER_SHEET };
/** The earlier ExcelJS adapter's mark formula prefix. */
const OLD_MARK_PREFIX = 'ISTEXT("perfEval.mark:';

/** Whether a conditional-format rule formula (as stored, without "=") is one of the add-in's marks. */
export function isMarkFormula(formula: string): boolean {
  const f = formula.trim();
  return f.startsWith(OLD_MARK_PREFIX) || markerSeverity(f) !== null;
}
